#include "CostModel.h"

#include <cmath>

namespace tokenomics {
namespace {
constexpr double hoursPerYear = 8760.0;
constexpr double secondsPerHour = 3600.0;

bool positiveFinite(std::optional<double> value) {
    return value && std::isfinite(*value) && *value > 0;
}

std::optional<double> finiteOrUnknown(double value) {
    return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}
} // namespace

std::optional<double> capitalRecoveryFactor(double costOfCapital, double lifeYears) {
    if (!(lifeYears > 0) || !std::isfinite(lifeYears) || !std::isfinite(costOfCapital) ||
        costOfCapital <= -1)
        return std::nullopt;
    if (costOfCapital == 0)
        return 1.0 / lifeYears; // limit of the annuity as r → 0
    const double growth = std::pow(1.0 + costOfCapital, lifeYears);
    return finiteOrUnknown(costOfCapital * growth / (growth - 1.0));
}

std::optional<double> usdPerGpuHourFromOwnership(const OwnershipInputs& inputs) {
    const auto crf = capitalRecoveryFactor(inputs.costOfCapital, inputs.lifeYears);
    if (!crf || !(inputs.availability > 0) || inputs.availability > 1)
        return std::nullopt;
    const double capitalAndOpex =
        (inputs.capexUsd * *crf + inputs.opexUsdPerYear) / (hoursPerYear * inputs.availability);
    const double energy = inputs.allInKw * inputs.pue * inputs.usdPerKwh;
    return finiteOrUnknown(capitalAndOpex + energy);
}

std::optional<OwnershipInputs> ownershipFor(const OwnershipSettings& settings,
                                            const std::string& hardware,
                                            std::optional<double> catalogPurchaseUsd,
                                            std::optional<double> allInKw) {
    std::optional<double> purchase = catalogPurchaseUsd;
    if (settings.purchaseUsdPerGpu)
        purchase = settings.purchaseUsdPerGpu;
    if (const auto own = settings.purchaseUsdPerGpuByHardware.find(hardware);
        own != settings.purchaseUsdPerGpuByHardware.end())
        purchase = own->second;
    if (!purchase || !std::isfinite(*purchase) || *purchase < 0 || !positiveFinite(allInKw))
        return std::nullopt;
    OwnershipInputs inputs;
    inputs.capexUsd = *purchase;
    inputs.lifeYears = settings.lifeYears;
    inputs.costOfCapital = settings.costOfCapital;
    inputs.opexUsdPerYear = settings.opexUsdPerGpuYear;
    inputs.availability = settings.availability;
    inputs.allInKw = *allInKw;
    inputs.pue = settings.pue;
    inputs.usdPerKwh = settings.usdPerKwh;
    return inputs;
}

std::optional<double> usdPerGpuHour(const CostBasis& basis) {
    if (basis.usdPerGpuHour)
        return basis.usdPerGpuHour;
    if (basis.ownership)
        return usdPerGpuHourFromOwnership(*basis.ownership);
    return std::nullopt;
}

std::optional<double> costPerMillionTokens(std::optional<double> usdPerGpuHour,
                                           std::optional<double> tokensPerSecondPerGpu,
                                           double utilization) {
    if (!usdPerGpuHour || !std::isfinite(*usdPerGpuHour) ||
        !positiveFinite(tokensPerSecondPerGpu) || !(utilization > 0) || utilization > 1)
        return std::nullopt;
    return finiteOrUnknown(*usdPerGpuHour * 1e6 / (*tokensPerSecondPerGpu * secondsPerHour) /
                           utilization);
}

std::optional<double> tokensPerMegawatt(std::optional<double> tokensPerSecondPerGpu,
                                        std::optional<double> allInKwPerGpu) {
    if (!positiveFinite(tokensPerSecondPerGpu) || !positiveFinite(allInKwPerGpu))
        return std::nullopt;
    return finiteOrUnknown(*tokensPerSecondPerGpu * 1000.0 / *allInKwPerGpu);
}

std::optional<double> joulesPerToken(std::optional<double> tokensPerSecondPerGpu,
                                     std::optional<double> allInKwPerGpu) {
    if (!positiveFinite(tokensPerSecondPerGpu) || !positiveFinite(allInKwPerGpu))
        return std::nullopt;
    return finiteOrUnknown(*allInKwPerGpu * 1000.0 / *tokensPerSecondPerGpu);
}

std::optional<double> costPerMillionGoodTokens(std::optional<double> costPerMillion,
                                               std::optional<double> sloAttainment) {
    if (!costPerMillion || !sloAttainment || !(*sloAttainment > 0) || *sloAttainment > 1)
        return std::nullopt;
    const double good = *costPerMillion / *sloAttainment;
    return std::isfinite(good) ? std::optional<double>(good) : std::nullopt;
}

double blendedUsdPerM(const ProviderOffer& offer) {
    return (3.0 * offer.inputUsdPerM + offer.outputUsdPerM) / 4.0;
}

std::optional<double> workloadUsdPerM(const ProviderOffer& offer, int isl, int osl) {
    if (isl < 0 || osl < 0 || (isl == 0 && osl == 0))
        return std::nullopt;
    const double input = isl;
    const double output = osl;
    return (input * offer.inputUsdPerM + output * offer.outputUsdPerM) / (input + output);
}

} // namespace tokenomics
