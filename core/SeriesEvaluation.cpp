// Choosing each series' best point on its frontier, attaching costs, and ranking.
#include "CostModel.h"
#include "EngineState.h"
#include "Goodput.h"
#include "MonotoneCubic.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace tokenomics {
namespace {

bool positiveFinite(std::optional<double> value) {
    return value && std::isfinite(*value) && *value > 0;
}

std::optional<double> allInKwOf(const CostBasis& basis) {
    if (positiveFinite(basis.allInKwPerGpu))
        return basis.allInKwPerGpu;
    if (basis.ownership && positiveFinite(basis.ownership->allInKw))
        return basis.ownership->allInKw; // the ownership inputs name the same all-in power
    return std::nullopt;
}

/// Output or input throughput at an interpolated point: moved from the lower knot's value
/// towards the upper knot's by the same fraction of the way the total throughput moved.
/// So it passes through both knots, stays between their values, and agrees with the total.
std::optional<double> alongTotal(std::optional<double> lower, std::optional<double> upper,
                                 double fraction) {
    if (!lower || !upper)
        return std::nullopt;
    return *lower + (*upper - *lower) * fraction;
}

std::optional<double> largerOf(std::optional<double> a, std::optional<double> b) {
    if (!a || !b)
        return std::nullopt;
    return std::max(*a, *b);
}

/// 0: feasible with a cost, 1: feasible without one, 2: infeasible.
int rankGroup(bool feasible, std::optional<double> cost) {
    return !feasible ? 2 : (cost ? 0 : 1);
}

OfferResult evaluateOffer(const ProviderOffer& offer, std::size_t index, const Sla& sla,
                          const Workload& workload) {
    OfferResult result;
    result.offer = index;
    result.blendedUsdPerM = blendedUsdPerM(offer);
    result.workloadUsdPerM = workloadUsdPerM(offer, workload.isl, workload.osl);
    result.speedKnown = positiveFinite(offer.outputTokensPerSecond);
    // An unknown speed cannot be shown to meet a min-interactivity threshold, so the offer
    // is not feasible under one. A TTFT the provider does not publish is not held against
    // it: the offer is judged on the figures it has.
    const bool speedOk =
        !sla.minInteractivity ||
        (result.speedKnown && *offer.outputTokensPerSecond >= *sla.minInteractivity);
    const bool ttftOk =
        !sla.maxTtftSeconds || !offer.ttftSeconds || *offer.ttftSeconds <= *sla.maxTtftSeconds;
    result.feasible = speedOk && ttftOk;
    return result;
}

struct RankEntry {
    double cost;
    std::uint32_t series;
    std::uint32_t group;
};
} // namespace

HardwareCosts RankingEngine::Impl::hardwareCosts(const CostSettings& cost) const {
    HardwareCosts costs;
    costs.usdPerGpuHour.resize(hardwareNames.size());
    costs.allInKwPerGpu.resize(hardwareNames.size());
    for (std::size_t id = 0; id < hardwareNames.size(); ++id) {
        const CostBasis* chosen = nullptr;
        std::optional<double> anyKw;
        for (const auto& basis : costBases) {
            if (basis.hardware != hardwareNames[id])
                continue;
            if (!chosen && basis.key == cost.costBasisKey)
                chosen = &basis;
            if (!anyKw)
                anyKw = allInKwOf(basis);
        }
        if (cost.usdPerGpuHourOverride)
            costs.usdPerGpuHour[id] = cost.usdPerGpuHourOverride;
        else if (chosen)
            costs.usdPerGpuHour[id] = tokenomics::usdPerGpuHour(*chosen);
        // All-in power: the chosen basis's, else any basis of that hardware that has one.
        const auto chosenKw = chosen ? allInKwOf(*chosen) : std::nullopt;
        costs.allInKwPerGpu[id] = chosenKw ? chosenKw : anyKw;
    }
    return costs;
}

bool RankingEngine::Impl::passesConfiguration(std::uint32_t point) const {
    const auto& counts = configurationFilter.gpuCounts;
    if (!counts.empty() &&
        std::find(counts.begin(), counts.end(), columns.gpus(point)) == counts.end())
        return false;
    return !configurationFilter.disaggregated ||
           *configurationFilter.disaggregated == columns.disaggregated(point);
}

namespace {
/// First knot (ascending interactivity) whose interactivity is at least `target`, compared
/// at float precision like every threshold.
template <typename Index>
std::uint32_t firstKnotAtLeast(const Index* knots, std::uint32_t from, std::uint32_t to,
                               std::uint32_t base, const float* interactivity, float target) {
    while (from < to) {
        const std::uint32_t middle = from + (to - from) / 2;
        if (interactivity[base + knots[middle]] < target)
            from = middle + 1;
        else
            to = middle;
    }
    return from;
}
} // namespace

std::optional<double> RankingEngine::Impl::tputAt(std::size_t series, const FrontierSet& frontiers,
                                                  Statistic statistic, double interactivity) const {
    const std::uint32_t from = frontiers.knotStart[series];
    const std::uint32_t to = frontiers.knotStart[series + 1];
    if (from == to || !std::isfinite(interactivity))
        return std::nullopt;
    const float* x = columns.column(columnAt(FigureColumn::InteractivityP50, statistic));
    const float* y = columns.column(FigureColumn::TputPerGpu);
    const std::uint32_t base = seriesStart[series];
    // Knots around the segment: the slopes at its two ends need one more on each side.
    const float target = storedFloat(interactivity);
    const std::uint32_t upper = frontiers.knots.withData(
        [&](const auto* knots) { return firstKnotAtLeast(knots, from, to, base, x, target); });
    if (upper == to || (upper == from && x[base + frontiers.knots[upper]] != target))
        return std::nullopt; // past either end: never extrapolated
    if (x[base + frontiers.knots[upper]] == target)
        return recoveredDouble(y[base + frontiers.knots[upper]]);
    const std::uint32_t windowFrom = upper - 1 > from ? upper - 2 : from;
    const std::uint32_t windowTo = std::min(upper + 2, to);
    std::array<double, 4> xs{};
    std::array<double, 4> ys{};
    std::size_t count = 0;
    for (auto k = windowFrom; k < windowTo; ++k, ++count) {
        xs[count] = recoveredDouble(x[base + frontiers.knots[k]]);
        ys[count] = recoveredDouble(y[base + frontiers.knots[k]]);
    }
    return interpolateMonotoneCubic(std::span(xs.data(), count), std::span(ys.data(), count),
                                    interactivity);
}

BestChoice RankingEngine::Impl::choose(std::size_t series, const FrontierSet& frontiers,
                                       const Sla& sla) const {
    BestChoice choice;
    const std::uint32_t from = frontiers.knotStart[series];
    const std::uint32_t to = frontiers.knotStart[series + 1];
    if (from == to)
        return choice;
    const std::uint32_t base = seriesStart[series];
    const float* x = columns.column(columnAt(FigureColumn::InteractivityP50, sla.statistic));
    const float* y = columns.column(FigureColumn::TputPerGpu);
    std::uint32_t measured = from; // no min interactivity: the max-throughput knot
    if (sla.minInteractivity) {
        const float target = storedFloat(sla.minInteractivity);
        const std::uint32_t upper = frontiers.knots.withData(
            [&](const auto* knots) { return firstKnotAtLeast(knots, from, to, base, x, target); });
        if (upper == to)
            return choice; // I* above the frontier's highest interactivity: infeasible
        if (upper != from && x[base + frontiers.knots[upper]] != target) {
            choice.kind = BestChoice::Kind::Interpolated;
            choice.point = base + frontiers.knots[upper - 1];
            choice.upperPoint = base + frontiers.knots[upper];
            choice.tputPerGpu = *tputAt(series, frontiers, sla.statistic, *sla.minInteractivity);
            return choice;
        }
        measured = upper;
    }
    choice.kind = BestChoice::Kind::Measured;
    choice.point = base + frontiers.knots[measured];
    choice.tputPerGpu = recoveredDouble(y[choice.point]);
    return choice;
}

void RankingEngine::Impl::fillResult(SeriesResult& result, const BestChoice& choice, const Sla& sla,
                                     const HardwareCosts& costs, double utilization) const {
    const auto hardware = hardwareOf[result.series];
    result.usdPerGpuHour = costs.usdPerGpuHour[hardware];
    if (choice.kind == BestChoice::Kind::Infeasible)
        return;
    const auto base = seriesStart[result.series];
    const FigureColumn ttftColumn = columnAt(FigureColumn::TtftP50, sla.statistic);
    result.feasible = true;
    result.tputPerGpu = choice.tputPerGpu;
    if (choice.kind == BestChoice::Kind::Measured) {
        const auto p = choice.point;
        result.point = p - base;
        result.interactivity = recoveredOptional(
            columns.value(columnAt(FigureColumn::InteractivityP50, sla.statistic), p));
        result.outputTputPerGpu =
            recoveredOptional(columns.value(FigureColumn::OutputTputPerGpu, p));
        result.inputTputPerGpu = recoveredOptional(columns.value(FigureColumn::InputTputPerGpu, p));
        result.ttftSeconds = recoveredOptional(columns.value(ttftColumn, p));
        if (const auto* samples = columns.hasSamples(p) ? samplesOf(p) : nullptr) {
            result.sloAttainment = sloAttainment(*samples, sla);
            result.goodputPerGpu = goodputPerGpu(*samples, columns.gpus(p), sla);
        } else {
            result.goodputPerGpu = result.tputPerGpu; // it meets the SLA at its statistic
        }
    } else {
        const auto lower = choice.point;
        const auto upper = choice.upperPoint;
        const double lowerTput = recoveredDouble(columns.value(FigureColumn::TputPerGpu, lower));
        const double upperTput = recoveredDouble(columns.value(FigureColumn::TputPerGpu, upper));
        const double fraction = (lowerTput - choice.tputPerGpu) / (lowerTput - upperTput);
        auto figure = [&](FigureColumn column, std::uint32_t point) {
            return recoveredOptional(columns.value(column, point));
        };
        result.interpolated = true;
        result.lowerKnotPoint = lower - base;
        result.interactivity = sla.minInteractivity;
        result.outputTputPerGpu =
            alongTotal(figure(FigureColumn::OutputTputPerGpu, lower),
                       figure(FigureColumn::OutputTputPerGpu, upper), fraction);
        result.inputTputPerGpu = alongTotal(figure(FigureColumn::InputTputPerGpu, lower),
                                            figure(FigureColumn::InputTputPerGpu, upper), fraction);
        // Conservative: an interpolated point is given the larger TTFT of its two knots.
        result.ttftSeconds = largerOf(figure(ttftColumn, lower), figure(ttftColumn, upper));
        result.goodputPerGpu = choice.tputPerGpu; // no samples between measurements
        if (sla.minAttainment) {
            // Both knots met the target; the smaller of their attainments is reported.
            const auto lowerAttainment = sloAttainment(*samplesOf(lower), sla);
            const auto upperAttainment = sloAttainment(*samplesOf(upper), sla);
            result.sloAttainment = std::min(*lowerAttainment, *upperAttainment);
        }
    }
    result.costPerMTotal =
        costPerMillionTokens(result.usdPerGpuHour, result.tputPerGpu, utilization);
    result.costPerMOutput =
        costPerMillionTokens(result.usdPerGpuHour, result.outputTputPerGpu, utilization);
    result.costPerMInput =
        costPerMillionTokens(result.usdPerGpuHour, result.inputTputPerGpu, utilization);
    const auto kw = costs.allInKwPerGpu[hardware];
    result.tokensPerMw = tokensPerMegawatt(result.tputPerGpu, kw);
    result.joulesPerToken = joulesPerToken(result.tputPerGpu, kw);
}

Ranking RankingEngine::Impl::rankAll(const Sla& sla, const CostSettings& cost,
                                     const Workload& workload, const FrontierSet& frontiers) const {
    const auto costs = hardwareCosts(cost);
    std::vector<BestChoice> choices(keys.size());
    std::vector<RankEntry> entries;
    entries.reserve(keys.size());
    for (std::size_t s = 0; s < keys.size(); ++s) {
        if (!seriesEnabled[s])
            continue;
        choices[s] = choose(s, frontiers, sla);
        const bool feasible = choices[s].kind != BestChoice::Kind::Infeasible;
        const auto total = feasible ? costPerMillionTokens(costs.usdPerGpuHour[hardwareOf[s]],
                                                           choices[s].tputPerGpu, cost.utilization)
                                    : std::nullopt;
        entries.push_back({total.value_or(0.0), static_cast<std::uint32_t>(s),
                           static_cast<std::uint32_t>(rankGroup(feasible, total))});
    }
    // Feasible with a cost (ascending), feasible without one, infeasible; ties by series.
    std::sort(entries.begin(), entries.end(), [](const RankEntry& a, const RankEntry& b) {
        if (a.group != b.group)
            return a.group < b.group;
        if (a.cost != b.cost)
            return a.cost < b.cost;
        return a.series < b.series;
    });
    Ranking ranking;
    ranking.series.resize(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        auto& result = ranking.series[i];
        result.series = entries[i].series;
        fillResult(result, choices[entries[i].series], sla, costs, cost.utilization);
    }
    for (std::size_t index = 0; index < offers.size(); ++index) {
        if (offerEnabled[index])
            ranking.offers.push_back(evaluateOffer(offers[index], index, sla, workload));
    }
    std::stable_sort(ranking.offers.begin(), ranking.offers.end(),
                     [](const OfferResult& a, const OfferResult& b) {
                         if (a.feasible != b.feasible)
                             return a.feasible;
                         if (a.workloadUsdPerM.has_value() != b.workloadUsdPerM.has_value())
                             return a.workloadUsdPerM.has_value();
                         if (a.workloadUsdPerM && *a.workloadUsdPerM != *b.workloadUsdPerM)
                             return *a.workloadUsdPerM < *b.workloadUsdPerM;
                         return a.offer < b.offer;
                     });
    return ranking;
}

} // namespace tokenomics
