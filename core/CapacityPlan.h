#pragma once
/// Capacity and bill (PRODUCT.md §4 `plan`): how many GPUs a demand needs at each series' best
/// point under the SLA, what they cost a month, and from which volume self-hosting is no
/// dearer than the cheapest API offer that meets the SLA. Pure functions over a ranking.

#include "CatalogTypes.h"
#include "RankingEngine.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tokenomics {

/// A month is 730 hours; the fleet is paid whether busy or not.
inline constexpr double hoursPerMonth = 730.0;

/// The traffic to serve: R average requests/s, F peak-to-average, each request ISL + OSL.
struct Demand {
    double requestsPerSecond = 0;
    double peakToAverage = 1.0;
    int isl = 1024;
    int osl = 1024;
};

/// One API offer's monthly bill for the demand, and its verdict under the SLA.
struct OfferPlan {
    std::size_t offer = 0;
    double usdPerMonth = 0;
    bool feasible = false;
    bool speedKnown = false;
};

/// One series' capacity at its best point (null figures: unknown, or it cannot meet the SLA).
struct SeriesPlan {
    std::size_t series = 0;
    std::size_t rank = 0; // position of its result in the ranking it was planned from
    bool feasible = false;
    std::optional<int> gpusPerInstance;                 // G
    std::optional<double> requestsPerSecondPerInstance; // C
    std::optional<double> instances;
    std::optional<double> gpusNeeded;
    std::optional<double> usdPerMonth;
    std::optional<double> averageUtilization;
    std::optional<double> effectiveCostPerMTotal;
    std::optional<double> breakEvenRequestsPerSecond; // null: the API stays cheaper
};

struct CapacityPlan {
    Demand demand;
    std::vector<SeriesPlan> series; // by usd_per_month ascending; unknown bills, then infeasible
    std::vector<OfferPlan> offers;  // as the ranking orders them
    std::optional<std::size_t> cheapestMeetingOffer; // index into offers
};

/// An offer's bill per request/s a month: 730 × 3600 × (ISL × in + OSL × out) / 1e6.
double offerUsdPerMonthPerRequestPerSecond(const ProviderOffer& offer, const Demand& demand);

/// The plan of one series' result. `gpus` is G of its best point (prefill + decode when
/// disaggregated), `cheapest` the cheapest offer meeting the SLA (none: no break-even).
SeriesPlan planSeries(const SeriesResult& result, std::optional<int> gpus, const Demand& demand,
                      const ProviderOffer* cheapest);

/// The whole plan: `gpus[i]` is G of ranking.series[i]'s best point; offers are the engine's.
CapacityPlan planCapacity(const Ranking& ranking, const std::vector<std::optional<int>>& gpus,
                          const std::vector<ProviderOffer>& offers, const Demand& demand);

/// One end of a tornado bar: the input moved by `factor`, and the winner (the series with the
/// lowest monthly bill) there, with its cost per 1M total tokens and its bill.
struct SensitivityEnd {
    double factor = 1.0;
    std::optional<std::size_t> winner; // series index; none when no series has a bill
    std::optional<double> costPerMTotal;
    std::optional<double> usdPerMonth;
};

/// One input moved down and up by PCT, the others held.
struct SensitivityRow {
    std::string input; // "usd_per_gpu_hour", "utilization", "requests_per_second", ...
    SensitivityEnd low;
    SensitivityEnd high;
    bool winnerChanges = false; // either end has another winner than the base plan
};

/// The tornado of `plan --sensitivity PCT`: price per GPU-hour, utilisation (capped at 1),
/// demand, peak factor (at least 1), ISL and OSL, each moved by ±fraction one at a time.
/// With `owned` (the ownership inputs behind each ranking row's price, under the "owned"
/// basis) the price row becomes one row per ownership input (purchase price, life, cost of
/// capital, opex, availability ≤ 1, PUE ≥ 1, $/kWh), each moving every hardware's price
/// through the TCO formula; rows without inputs keep their price.
std::vector<SensitivityRow>
sensitivity(const Ranking& ranking, const std::vector<std::optional<int>>& gpus,
            const std::vector<ProviderOffer>& offers, const Demand& demand, double utilization,
            double fraction, const std::vector<std::optional<OwnershipInputs>>& owned = {});

} // namespace tokenomics
