#include "CapacityPlan.h"

#include <algorithm>
#include <cmath>

namespace tokenomics {

namespace {
std::optional<double> finite(double value) {
    return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}
} // namespace

double offerUsdPerMonthPerRequestPerSecond(const ProviderOffer& offer, const Demand& demand) {
    return hoursPerMonth * 3600.0 *
           (demand.isl * offer.inputUsdPerM + demand.osl * offer.outputUsdPerM) / 1e6;
}

SeriesPlan planSeries(const SeriesResult& result, std::optional<int> gpus, const Demand& demand,
                      const ProviderOffer* cheapest) {
    SeriesPlan plan;
    plan.series = result.series;
    plan.feasible = result.feasible;
    const double tokensPerRequest = static_cast<double>(demand.isl) + demand.osl;
    if (!result.feasible || !result.tputPerGpu || !gpus || *gpus <= 0 || tokensPerRequest <= 0)
        return plan;
    plan.gpusPerInstance = gpus;
    const double perInstance = *result.tputPerGpu * *gpus / tokensPerRequest; // C
    if (!(perInstance > 0) || !std::isfinite(perInstance))
        return plan;
    plan.requestsPerSecondPerInstance = perInstance;
    const double peak = demand.requestsPerSecond * demand.peakToAverage;
    // A whole number of instances; the tiny tolerance keeps an exact fit from rounding up
    // through floating-point noise (R × F / C = 3.0000000000000004).
    const double needed = peak / perInstance;
    const double instances = std::max(0.0, std::ceil(needed * (1 - 1e-12)));
    plan.instances = instances;
    plan.gpusNeeded = instances * *gpus;
    if (instances > 0)
        plan.averageUtilization = finite(demand.requestsPerSecond / (instances * perInstance));
    if (!result.usdPerGpuHour)
        return plan;
    const double usdPerMonth = *plan.gpusNeeded * *result.usdPerGpuHour * hoursPerMonth;
    plan.usdPerMonth = usdPerMonth;
    const double millionsPerMonth =
        demand.requestsPerSecond * tokensPerRequest * hoursPerMonth * 3600.0 / 1e6;
    if (millionsPerMonth > 0)
        plan.effectiveCostPerMTotal = finite(usdPerMonth / millionsPerMonth);
    if (cheapest) {
        const double instanceMonth = *gpus * *result.usdPerGpuHour * hoursPerMonth;          // K
        const double apiPerRequest = offerUsdPerMonthPerRequestPerSecond(*cheapest, demand); // A
        if (apiPerRequest > 0) {
            const double breakEven = instanceMonth / apiPerRequest;
            // Beyond C / F one instance no longer carries the load at its peak: the API is
            // cheaper at every volume one instance serves, and each added instance costs K.
            if (breakEven <= perInstance / demand.peakToAverage)
                plan.breakEvenRequestsPerSecond = finite(breakEven);
        }
    }
    return plan;
}

CapacityPlan planCapacity(const Ranking& ranking, const std::vector<std::optional<int>>& gpus,
                          const std::vector<ProviderOffer>& offers, const Demand& demand) {
    CapacityPlan plan;
    plan.demand = demand;
    for (const OfferResult& result : ranking.offers) {
        const ProviderOffer& offer = offers.at(result.offer);
        plan.offers.push_back(
            {result.offer,
             demand.requestsPerSecond * offerUsdPerMonthPerRequestPerSecond(offer, demand),
             result.feasible, result.speedKnown});
        const bool cheaper =
            !plan.cheapestMeetingOffer ||
            plan.offers.back().usdPerMonth < plan.offers[*plan.cheapestMeetingOffer].usdPerMonth;
        // Meets the SLA: feasible with a known speed (an unknown speed is no verdict).
        if (result.feasible && result.speedKnown && cheaper)
            plan.cheapestMeetingOffer = plan.offers.size() - 1;
    }
    const ProviderOffer* cheapest = plan.cheapestMeetingOffer
                                        ? &offers.at(plan.offers[*plan.cheapestMeetingOffer].offer)
                                        : nullptr;
    for (std::size_t i = 0; i < ranking.series.size(); ++i) {
        plan.series.push_back(planSeries(ranking.series[i], gpus.at(i), demand, cheapest));
        plan.series.back().rank = i;
    }
    // By monthly bill; those without a bill (no cost or no G) next, then the infeasible, each
    // in the ranking's order.
    const auto group = [](const SeriesPlan& one) {
        return !one.feasible ? 2 : one.usdPerMonth ? 0 : 1;
    };
    std::stable_sort(plan.series.begin(), plan.series.end(),
                     [&](const SeriesPlan& a, const SeriesPlan& b) {
                         if (group(a) != group(b))
                             return group(a) < group(b);
                         return group(a) == 0 && *a.usdPerMonth < *b.usdPerMonth;
                     });
    return plan;
}

namespace {

/// The winner of a plan and its figures; `costScale` turns the ranking's cost per 1M into the
/// moved one (price × f, or u / u').
SensitivityEnd endOf(const Ranking& ranking, const std::vector<std::optional<int>>& gpus,
                     const std::vector<ProviderOffer>& offers, const Demand& demand,
                     double priceScale, double costScale, double factor) {
    Ranking moved = ranking;
    for (SeriesResult& result : moved.series) {
        if (result.usdPerGpuHour)
            *result.usdPerGpuHour *= priceScale;
    }
    const CapacityPlan plan = planCapacity(moved, gpus, offers, demand);
    SensitivityEnd end;
    end.factor = factor;
    if (plan.series.empty() || !plan.series.front().usdPerMonth)
        return end;
    const SeriesPlan& winner = plan.series.front();
    end.winner = winner.series;
    end.usdPerMonth = winner.usdPerMonth;
    if (const auto& cost = ranking.series[winner.rank].costPerMTotal)
        end.costPerMTotal = *cost * costScale;
    return end;
}

} // namespace

std::vector<SensitivityRow> sensitivity(const Ranking& ranking,
                                        const std::vector<std::optional<int>>& gpus,
                                        const std::vector<ProviderOffer>& offers,
                                        const Demand& demand, double utilization, double fraction) {
    const SensitivityEnd base = endOf(ranking, gpus, offers, demand, 1, 1, 1);
    std::vector<SensitivityRow> rows;
    const auto add = [&](const char* input, auto&& end) {
        SensitivityRow row;
        row.input = input;
        row.low = end(1 - fraction);
        row.high = end(1 + fraction);
        row.winnerChanges = row.low.winner != base.winner || row.high.winner != base.winner;
        rows.push_back(row);
    };
    add("usd_per_gpu_hour",
        [&](double f) { return endOf(ranking, gpus, offers, demand, f, f, f); });
    add("utilization", [&](double f) {
        // The fleet's bill does not depend on it; the cost per token does (× u / u').
        const double moved = std::min(1.0, utilization * f);
        return endOf(ranking, gpus, offers, demand, 1, utilization / moved, moved / utilization);
    });
    const auto withDemand = [&](auto&& change) {
        return [&, change](double f) {
            Demand moved = demand;
            const double factor = change(moved, f);
            return endOf(ranking, gpus, offers, moved, 1, 1, factor);
        };
    };
    add("requests_per_second", withDemand([](Demand& d, double f) {
            d.requestsPerSecond *= f;
            return f;
        }));
    add("peak_to_average", withDemand([](Demand& d, double f) {
            const double before = d.peakToAverage;
            d.peakToAverage = std::max(1.0, before * f);
            return d.peakToAverage / before;
        }));
    add("isl", withDemand([](Demand& d, double f) {
            const int before = d.isl;
            d.isl = std::max(1, static_cast<int>(std::lround(before * f)));
            return static_cast<double>(d.isl) / before;
        }));
    add("osl", withDemand([](Demand& d, double f) {
            const int before = d.osl;
            d.osl = std::max(1, static_cast<int>(std::lround(before * f)));
            return static_cast<double>(d.osl) / before;
        }));
    return rows;
}

} // namespace tokenomics
