// InferenceX result JSON (utils/process_result.py writes `agg_<result>.json`): one flat object per
// concurrency, latencies in seconds, `*_intvty` = 1000 / `*_tpot_ms` per statistic, throughput
// already per GPU. Single-node results carry tp/ep/dp_attention; multinode (disaggregated) ones
// num_prefill_gpu/num_decode_gpu and prefill_*/decode_* parallelism.
#include "FormatReaders.h"
#include "ResultImporter.h"

#include <cctype>

namespace tokenomics::data::importers {
namespace {

std::string engineName(std::string framework) {
    for (char& c : framework)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Same aliases as the InferenceX ingest (normalizers.ts normalizeFramework).
    if (framework == "dynamo-trtllm")
        return "dynamo-trt";
    if (framework == "sglang-disagg")
        return "mori-sglang";
    return framework;
}

std::string precisionName(std::string precision) {
    for (char& c : precision)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (precision == "nvfp4" || precision == "mxfp4")
        return "fp4";
    return precision;
}

/// "TP8", "TEP8" (expert parallel), "DEP8" (data-parallel attention), "4P+16D" (GPU counts).
std::string configLabel(bool disaggregated, int prefillGpus, int decodeGpus, std::optional<int> tp,
                        std::optional<int> ep, bool dpAttention) {
    if (disaggregated)
        return std::to_string(prefillGpus) + "P+" + std::to_string(decodeGpus) + "D";
    if (!tp)
        return {};
    if (dpAttention)
        return "DEP" + std::to_string(*tp);
    if (ep && *ep > 1)
        return "TEP" + std::to_string(*tp);
    return "TP" + std::to_string(*tp);
}

bool readOne(JsonFields& fields, const QString& file, const ImportDefaults& defaults,
             ParsedPoint& out, ImportError* error) {
    std::optional<std::string> scenario;
    if (!fields.text(QStringLiteral("scenario_type"), scenario))
        return false;
    if (scenario && scenario->starts_with("agentic"))
        return fields.failAt(QStringLiteral("scenario_type"),
                             QStringLiteral("agentic trace results are not supported"));
    IdentityFields identity;
    std::optional<std::string> prefix;
    std::optional<std::string> spec;
    std::optional<double> conc;
    std::optional<bool> disagg;
    std::optional<int> tp;
    std::optional<int> ep;
    std::optional<bool> dpAttention;
    std::optional<int> numGpus;
    std::optional<int> prefillGpus;
    std::optional<int> decodeGpus;
    if (!fields.text(QStringLiteral("hw"), identity.hardware) ||
        !fields.text(QStringLiteral("model"), identity.model) ||
        !fields.text(QStringLiteral("infmax_model_prefix"), prefix) ||
        !fields.text(QStringLiteral("framework"), identity.engine) ||
        !fields.text(QStringLiteral("precision"), identity.precision) ||
        !fields.text(QStringLiteral("spec_decoding"), spec) ||
        !fields.count(QStringLiteral("isl"), identity.isl) ||
        !fields.count(QStringLiteral("osl"), identity.osl) ||
        !fields.number(QStringLiteral("conc"), NumberRule::Positive, conc) ||
        !fields.flag(QStringLiteral("disagg"), disagg) || !fields.count(QStringLiteral("tp"), tp) ||
        !fields.count(QStringLiteral("ep"), ep) ||
        !fields.flag(QStringLiteral("dp_attention"), dpAttention) ||
        !fields.count(QStringLiteral("num_gpus"), numGpus) ||
        !fields.count(QStringLiteral("num_prefill_gpu"), prefillGpus) ||
        !fields.count(QStringLiteral("num_decode_gpu"), decodeGpus))
        return false;
    if (!conc)
        return fields.failAt(QStringLiteral("conc"), QStringLiteral("required field missing"));
    // The prefix ("dsr1", "gptoss") is InferenceX's own model key; the model field is whatever
    // checkpoint path the runner used.
    if (prefix && canonicalModelName(*prefix) != *prefix)
        identity.model = prefix;
    if (identity.engine)
        identity.engine = engineName(*identity.engine);
    if (identity.precision)
        identity.precision = precisionName(*identity.precision);

    PointFigures& figures = out.point.figures;
    figures.disaggregated = disagg.value_or(false) || (prefillGpus && decodeGpus);
    figures.prefillGpus = prefillGpus.value_or(0);
    figures.decodeGpus = decodeGpus.value_or(0);
    if (figures.disaggregated && prefillGpus && decodeGpus)
        identity.gpus = *prefillGpus + *decodeGpus;
    else
        identity.gpus = numGpus ? numGpus : tp;
    int gpus = 0;
    if (!resolveIdentity(identity, defaults, file, out.location, error, out.key, gpus))
        return false;
    if (!defaults.specDecoding)
        out.key.specDecoding = spec && !spec->empty() ? *spec : std::string("none");
    figures.gpus = gpus;
    figures.concurrency = *conc;

    ByStatistic tpotSeconds;
    std::optional<double> powerPerGpu;
    std::optional<double> powerAllGpus;
    const bool numbersRead =
        fields.number(QStringLiteral("tput_per_gpu"), NumberRule::Positive, figures.tputPerGpu) &&
        fields.number(QStringLiteral("output_tput_per_gpu"), NumberRule::Positive,
                      figures.outputTputPerGpu) &&
        fields.number(QStringLiteral("input_tput_per_gpu"), NumberRule::Positive,
                      figures.inputTputPerGpu) &&
        fields.number(QStringLiteral("median_intvty"), NumberRule::Positive,
                      figures.interactivity.p50) &&
        fields.number(QStringLiteral("p90_intvty"), NumberRule::Positive,
                      figures.interactivity.p90) &&
        fields.number(QStringLiteral("p99_intvty"), NumberRule::Positive,
                      figures.interactivity.p99) &&
        fields.number(QStringLiteral("median_tpot"), NumberRule::Positive, tpotSeconds.p50) &&
        fields.number(QStringLiteral("p90_tpot"), NumberRule::Positive, tpotSeconds.p90) &&
        fields.number(QStringLiteral("p99_tpot"), NumberRule::Positive, tpotSeconds.p99) &&
        fields.number(QStringLiteral("median_ttft"), NumberRule::NonNegative,
                      figures.ttftSeconds.p50) &&
        fields.number(QStringLiteral("p90_ttft"), NumberRule::NonNegative,
                      figures.ttftSeconds.p90) &&
        fields.number(QStringLiteral("p99_ttft"), NumberRule::NonNegative,
                      figures.ttftSeconds.p99) &&
        fields.number(QStringLiteral("median_e2el"), NumberRule::NonNegative,
                      figures.e2elSeconds.p50) &&
        fields.number(QStringLiteral("p90_e2el"), NumberRule::NonNegative,
                      figures.e2elSeconds.p90) &&
        fields.number(QStringLiteral("p99_e2el"), NumberRule::NonNegative,
                      figures.e2elSeconds.p99) &&
        fields.number(QStringLiteral("avg_power_w"), NumberRule::Positive, powerPerGpu) &&
        fields.number(QStringLiteral("mean_power_w"), NumberRule::Positive, powerAllGpus);
    if (!numbersRead)
        return false;
    if (!figures.tputPerGpu && !figures.outputTputPerGpu)
        return fields.failAt(
            QStringLiteral("tput_per_gpu"),
            QStringLiteral("either tput_per_gpu or output_tput_per_gpu is required"));
    if (!figures.tputPerGpu || !figures.outputTputPerGpu) {
        const double totalPerOutput =
            (static_cast<double>(out.key.isl) + out.key.osl) / out.key.osl;
        if (!figures.tputPerGpu)
            figures.tputPerGpu = *figures.outputTputPerGpu * totalPerOutput;
        else
            figures.outputTputPerGpu = *figures.tputPerGpu / totalPerOutput;
        figures.tputDerived = true;
    }
    interactivityFromTpot(figures.interactivity, tpotSeconds);
    if (!figures.interactivity.p50)
        return fields.failAt(QStringLiteral("median_intvty"),
                             QStringLiteral("either median_intvty or median_tpot is required"));
    // process_result.py's mean_power_w sums every GPU of the run; avg_power_w is per GPU.
    figures.powerWatts =
        powerPerGpu ? powerPerGpu
                    : (powerAllGpus ? std::optional<double>(*powerAllGpus / gpus) : std::nullopt);
    out.point.config = defaults.config.value_or(configLabel(figures.disaggregated,
                                                            figures.prefillGpus, figures.decodeGpus,
                                                            tp, ep, dpAttention.value_or(false)));
    std::optional<std::string> image;
    if (!fields.text(QStringLiteral("image"), image))
        return false;
    out.point.note = image ? "image " + *image : std::string();
    out.point.provenance.source = "InferenceX result " + file.section(u'/', -1).toStdString();
    return true;
}

} // namespace

bool readInferenceX(const QString& file, const QJsonDocument& document,
                    const ImportDefaults& defaults, std::vector<ParsedPoint>& out,
                    ImportError* error) {
    auto readAt = [&](const QJsonValue& value, const QString& path) {
        if (!value.isObject())
            return fail(error, file, path, {}, QStringLiteral("expected a result object"));
        JsonFields fields(value.toObject(), file, path, error);
        ParsedPoint point;
        point.file = file;
        point.location = path;
        if (!readOne(fields, file, defaults, point, error))
            return false;
        out.push_back(std::move(point));
        return true;
    };
    if (document.isObject())
        return readAt(document.object(), QStringLiteral("$"));
    const QJsonArray results = document.array();
    if (results.isEmpty())
        return fail(error, file, QStringLiteral("$"), {}, QStringLiteral("no results in the list"));
    for (qsizetype index = 0; index < results.size(); ++index) {
        if (!readAt(results.at(index), QStringLiteral("$[%1]").arg(index)))
            return false;
    }
    return true;
}

} // namespace tokenomics::data::importers
