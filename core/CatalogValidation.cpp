#include "CatalogValidation.h"

#include <cmath>
#include <sstream>

namespace tokenomics {

namespace {

std::string shown(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

class Checker {
public:
    void notEmpty(const char* field, const std::string& value) {
        if (value.find_first_not_of(" \t") == std::string::npos)
            problems_.push_back({field, "must not be empty"});
    }
    bool finite(const char* field, double value) {
        if (std::isfinite(value))
            return true;
        problems_.push_back({field, "must be a number"});
        return false;
    }
    void atLeast(const char* field, double value, double minimum, const char* hint = "") {
        if (finite(field, value) && value < minimum)
            problems_.push_back(
                {field, "must be ≥ " + shown(minimum) + hint + ", got " + shown(value)});
    }
    void positive(const char* field, double value, const char* hint = "") {
        if (finite(field, value) && value <= 0)
            problems_.push_back(
                {field, std::string("must be > 0") + hint + ", got " + shown(value)});
    }
    void positive(const char* field, const std::optional<double>& value) {
        if (value)
            positive(field, *value);
    }
    void positive(const char* field, const std::optional<std::int32_t>& value) {
        if (value && *value <= 0)
            problems_.push_back(
                {field, "must be a whole number > 0, got " + std::to_string(*value)});
    }
    void fraction(const char* field, double value, const char* hint) {
        if (finite(field, value) && (value <= 0 || value > 1))
            problems_.push_back(
                {field, std::string("must be in (0, 1]") + hint + ", got " + shown(value)});
    }
    void problem(const char* field, const char* reason) { problems_.push_back({field, reason}); }
    std::vector<FieldProblem> take() { return std::move(problems_); }

private:
    std::vector<FieldProblem> problems_;
};

} // namespace

std::vector<FieldProblem> validateAccelerator(const Accelerator& accelerator) {
    Checker check;
    check.notEmpty("name", accelerator.name);
    check.positive("memory (GB)", accelerator.memoryGb);
    check.positive("memory bandwidth (TB/s)", accelerator.memoryBwTbps);
    check.positive("BF16 TFLOPS", accelerator.bf16Tflops);
    check.positive("FP8 TFLOPS", accelerator.fp8Tflops);
    check.positive("FP4 TFLOPS", accelerator.fp4Tflops);
    check.positive("TDP (W)", accelerator.tdpWatts);
    check.positive("scale-up domain (GPUs)", accelerator.scaleupDomain);
    check.positive("scale-up bandwidth (GB/s)", accelerator.scaleupBwGbpsBidir);
    for (const std::string& alias : accelerator.aliases)
        check.notEmpty("aliases", alias);
    return check.take();
}

std::vector<FieldProblem> validateCostBasis(const CostBasis& basis) {
    Checker check;
    check.notEmpty("hardware", basis.hardware);
    check.notEmpty("key", basis.key);
    if (basis.usdPerGpuHour)
        check.atLeast("$/GPU-hour", *basis.usdPerGpuHour, 0);
    if (!basis.usdPerGpuHour && !basis.ownership)
        check.problem("$/GPU-hour", "give a $/GPU-hour or the ownership inputs");
    if (basis.ownership) {
        const OwnershipInputs& inputs = *basis.ownership;
        check.atLeast("capex ($/GPU)", inputs.capexUsd, 0);
        check.positive("life (years)", inputs.lifeYears);
        check.atLeast("cost of capital", inputs.costOfCapital, 0, " (a yearly rate: 0.1 is 10%)");
        check.atLeast("opex ($/GPU/year)", inputs.opexUsdPerYear, 0);
        check.fraction("availability", inputs.availability, " (a fraction of the year)");
        check.atLeast("all-in kW per GPU (ownership)", inputs.allInKw, 0);
        check.atLeast("PUE", inputs.pue, 1, " (facility power / IT power)");
        check.atLeast("$/kWh", inputs.usdPerKwh, 0);
    }
    check.positive("all-in kW per GPU", basis.allInKwPerGpu);
    return check.take();
}

std::vector<FieldProblem> validateOffer(const ProviderOffer& offer) {
    Checker check;
    check.notEmpty("provider", offer.provider);
    check.notEmpty("model", offer.model);
    check.atLeast("input $/1M tokens", offer.inputUsdPerM, 0);
    check.atLeast("output $/1M tokens", offer.outputUsdPerM, 0);
    check.positive("output speed (tok/s/user)", offer.outputTokensPerSecond);
    if (offer.ttftSeconds)
        check.atLeast("TTFT (s)", *offer.ttftSeconds, 0);
    return check.take();
}

std::vector<FieldProblem> validateModel(const ModelInfo& model) {
    Checker check;
    check.notEmpty("name", model.name);
    check.positive("total parameters (B)", model.totalParamsB);
    check.positive("active parameters (B)", model.activeParamsB);
    if (model.totalParamsB && model.activeParamsB && *model.activeParamsB > *model.totalParamsB)
        check.problem("active parameters (B)", "must not exceed the total parameters");
    check.positive("layers", model.layers);
    check.positive("hidden size", model.hiddenSize);
    check.positive("attention heads", model.attentionHeads);
    check.positive("KV heads", model.kvHeads);
    check.positive("head size", model.headDim);
    check.positive("KV LoRA rank", model.kvLoraRank);
    check.positive("MoE experts", model.moeExperts);
    check.positive("active MoE experts", model.moeActiveExperts);
    check.positive("context length", model.contextLength);
    for (const std::string& alias : model.aliases)
        check.notEmpty("aliases", alias);
    return check.take();
}

std::string joinProblems(const std::vector<FieldProblem>& problems) {
    std::string text;
    for (const FieldProblem& problem : problems) {
        if (!text.empty())
            text += "; ";
        text += problem.message();
    }
    return text;
}

} // namespace tokenomics
