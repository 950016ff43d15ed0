#include "CapacityPlan.h"

#include "CostModel.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

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

/// A series' moved $/GPU-hour, given its position in the ranking and its price there.
using PriceOf = std::function<std::optional<double>(std::size_t rank, std::optional<double>)>;

/// The winner of a plan with every series' price moved by `priceOf`; `costScale` turns the
/// ranking's cost per 1M into the moved one beyond the price (u / u').
SensitivityEnd endOf(const Ranking& ranking, const std::vector<std::optional<int>>& gpus,
                     const std::vector<ProviderOffer>& offers, const Demand& demand,
                     const PriceOf& priceOf, double costScale, double factor) {
    Ranking moved = ranking;
    for (std::size_t i = 0; i < moved.series.size(); ++i)
        moved.series[i].usdPerGpuHour = priceOf(i, ranking.series[i].usdPerGpuHour);
    const CapacityPlan plan = planCapacity(moved, gpus, offers, demand);
    SensitivityEnd end;
    end.factor = factor;
    if (plan.series.empty() || !plan.series.front().usdPerMonth)
        return end;
    const SeriesPlan& winner = plan.series.front();
    end.winner = winner.series;
    end.usdPerMonth = winner.usdPerMonth;
    const SeriesResult& before = ranking.series[winner.rank];
    if (before.costPerMTotal) {
        // The cost per token is proportional to the price at the same point.
        const double price = before.usdPerGpuHour.value_or(0);
        const double ratio = price > 0 ? *moved.series[winner.rank].usdPerGpuHour / price : 1;
        end.costPerMTotal = finite(*before.costPerMTotal * ratio * costScale);
    }
    return end;
}

std::optional<double> samePrice(std::size_t, std::optional<double> price) {
    return price;
}

/// One ownership input of §2's TCO moved by f (clamped to its range) for every hardware.
struct OwnershipInput {
    const char* name;
    double OwnershipInputs::*field;
    double low; // smallest value the input may take
    double high;
};

} // namespace

std::vector<SensitivityRow> sensitivity(const Ranking& ranking,
                                        const std::vector<std::optional<int>>& gpus,
                                        const std::vector<ProviderOffer>& offers,
                                        const Demand& demand, double utilization, double fraction,
                                        const std::vector<std::optional<OwnershipInputs>>& owned) {
    const SensitivityEnd base = endOf(ranking, gpus, offers, demand, samePrice, 1, 1);
    std::vector<SensitivityRow> rows;
    const auto add = [&](const char* input, auto&& end) {
        SensitivityRow row;
        row.input = input;
        row.low = end(1 - fraction);
        row.high = end(1 + fraction);
        row.winnerChanges = row.low.winner != base.winner || row.high.winner != base.winner;
        rows.push_back(row);
    };
    if (std::none_of(owned.begin(), owned.end(),
                     [](const auto& inputs) { return inputs.has_value(); })) {
        add("usd_per_gpu_hour", [&](double f) {
            const PriceOf scaled = [f](std::size_t, std::optional<double> price) {
                return price ? std::optional<double>(*price * f) : std::nullopt;
            };
            return endOf(ranking, gpus, offers, demand, scaled, 1, f);
        });
    } else {
        // Under the ownership basis the price moves through the TCO formula, per hardware.
        constexpr double unbounded = std::numeric_limits<double>::max();
        for (const OwnershipInput& input :
             {OwnershipInput{"purchase_usd_per_gpu", &OwnershipInputs::capexUsd, 0, unbounded},
              OwnershipInput{"life_years", &OwnershipInputs::lifeYears, 0, unbounded},
              OwnershipInput{"cost_of_capital", &OwnershipInputs::costOfCapital, 0, unbounded},
              OwnershipInput{"opex_usd_per_gpu_year", &OwnershipInputs::opexUsdPerYear, 0,
                             unbounded},
              OwnershipInput{"availability", &OwnershipInputs::availability, 0, 1},
              OwnershipInput{"pue", &OwnershipInputs::pue, 1, unbounded},
              OwnershipInput{"usd_per_kwh", &OwnershipInputs::usdPerKwh, 0, unbounded}}) {
            add(input.name, [&](double f) {
                const auto moveOf = [&](double value) {
                    return std::clamp(value * f, input.low, input.high);
                };
                const PriceOf priced = [&](std::size_t rank, std::optional<double> price) {
                    if (rank >= owned.size() || !owned[rank])
                        return price;
                    OwnershipInputs inputs = *owned[rank];
                    inputs.*input.field = moveOf(inputs.*input.field);
                    return usdPerGpuHourFromOwnership(inputs);
                };
                // The factor the input really moved by (clamped), from a hardware where it
                // is not 0; 1 when it is 0 everywhere (nothing to move).
                const auto moving =
                    std::find_if(owned.begin(), owned.end(), [&](const auto& inputs) {
                        return inputs && (*inputs).*input.field != 0;
                    });
                const double before = moving == owned.end() ? 0 : (**moving).*input.field;
                return endOf(ranking, gpus, offers, demand, priced, 1,
                             before != 0 ? moveOf(before) / before : 1);
            });
        }
    }
    add("utilization", [&](double f) {
        // The fleet's bill does not depend on it; the cost per token does (× u / u').
        const double moved = std::min(1.0, utilization * f);
        return endOf(ranking, gpus, offers, demand, samePrice, utilization / moved,
                     moved / utilization);
    });
    const auto withDemand = [&](auto&& change) {
        return [&, change](double f) {
            Demand moved = demand;
            const double factor = change(moved, f);
            return endOf(ranking, gpus, offers, moved, samePrice, 1, factor);
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
