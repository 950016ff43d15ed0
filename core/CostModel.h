#pragma once
/// Cost, power and offer-price formulas of PRODUCT.md §2, as plain functions.

#include "CatalogTypes.h"

#include <optional>

namespace tokenomics {

/// Capital recovery factor r(1+r)^n / ((1+r)^n − 1); 1/n when r is 0. Unknown for n ≤ 0.
std::optional<double> capitalRecoveryFactor(double costOfCapital, double lifeYears);

/// $/GPU-hour from ownership inputs:
/// (capex × CRF + opex) / (8760 × availability) + kW × PUE × $/kWh.
std::optional<double> usdPerGpuHourFromOwnership(const OwnershipInputs& inputs);

/// The ownership inputs the panel gives one hardware: its purchase price per GPU (set for it,
/// else for all, else `catalogPurchaseUsd`) with the shared figures and its all-in kW.
/// Unknown without a purchase price or an all-in power.
std::optional<OwnershipInputs> ownershipFor(const OwnershipSettings& settings,
                                            const std::string& hardware,
                                            std::optional<double> catalogPurchaseUsd,
                                            std::optional<double> allInKw);

/// The basis's direct $/GPU-hour, else the ownership figure, else unknown.
std::optional<double> usdPerGpuHour(const CostBasis& basis);

/// $ per 1M tokens = $/GPU-hour × 1e6 / (tokens/s/GPU × 3600) / utilization (InferenceX costh).
/// Unknown when throughput is unknown or not positive, or utilization is not in (0, 1].
std::optional<double> costPerMillionTokens(std::optional<double> usdPerGpuHour,
                                           std::optional<double> tokensPerSecondPerGpu,
                                           double utilization = 1.0);

/// Tokens per MW = tokens/s/GPU × 1000 / all-in kW per GPU.
std::optional<double> tokensPerMegawatt(std::optional<double> tokensPerSecondPerGpu,
                                        std::optional<double> allInKwPerGpu);

/// J/token = all-in W per GPU / tokens/s/GPU.
std::optional<double> joulesPerToken(std::optional<double> tokensPerSecondPerGpu,
                                     std::optional<double> allInKwPerGpu);

/// Cost per 1M good tokens = cost per 1M tokens / SLO attainment (PRODUCT.md §2): the cost of
/// the tokens that met the SLA. Unknown when either is unknown or no request was good.
std::optional<double> costPerMillionGoodTokens(std::optional<double> costPerMillion,
                                               std::optional<double> sloAttainment);

/// Blended API price, 3 input : 1 output (Artificial Analysis).
double blendedUsdPerM(const ProviderOffer& offer);

/// Price per 1M workload tokens: (ISL × in + OSL × out) / (ISL + OSL).
std::optional<double> workloadUsdPerM(const ProviderOffer& offer, int isl, int osl);

} // namespace tokenomics
