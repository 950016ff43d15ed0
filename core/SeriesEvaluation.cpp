// Choosing each series' best point on its frontier, attaching costs, and ranking.
#include "CostModel.h"
#include "EngineState.h"
#include "Goodput.h"
#include "MonotoneCubic.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <utility>

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

namespace {
/// Steffen's monotone cubic between knots upper − 1 and upper of one series' frontier
/// (knot range [from, to)), at x strictly between them. The slopes at the segment's ends
/// need at most one more knot on each side. Runs on the figures as stored (floats, seven
/// significant digits), so it agrees with a double-precision curve to ~1e-7.
template <typename Index>
double interpolateBetween(const Index* knots, std::uint32_t from, std::uint32_t to,
                          std::uint32_t upper, std::uint32_t base, const float* xs, const float* ys,
                          double x) {
    const std::uint32_t windowFrom = upper - 1 > from ? upper - 2 : from;
    const std::uint32_t windowTo = std::min(upper + 2, to);
    std::array<double, 4> windowX{};
    std::array<double, 4> windowY{};
    std::size_t count = 0;
    for (auto k = windowFrom; k < windowTo; ++k, ++count) {
        windowX[count] = xs[base + knots[k]];
        windowY[count] = ys[base + knots[k]];
    }
    const std::span<const double> spanX(windowX.data(), count);
    const std::span<const double> spanY(windowY.data(), count);
    const std::size_t left = upper - 1 - windowFrom;
    return hermiteValue(windowX[left], windowX[left + 1], windowY[left], windowY[left + 1],
                        monotoneCubicSlope(spanX, spanY, left),
                        monotoneCubicSlope(spanX, spanY, left + 1), x);
}

/// Where `target` falls on a series' frontier.
struct Placement {
    enum class Where : std::uint8_t { Outside, AtKnot, Between } where = Where::Outside;
    std::uint32_t knot = 0; // AtKnot: that knot; Between: the upper knot
};

template <typename Index>
Placement place(const Index* knots, std::uint32_t from, std::uint32_t to, std::uint32_t base,
                const float* xs, float target) {
    const std::uint32_t upper = firstKnotAtLeast(knots, from, to, base, xs, target);
    if (upper == to)
        return {};
    if (xs[base + knots[upper]] == target)
        return {Placement::Where::AtKnot, upper};
    if (upper == from)
        return {};
    return {Placement::Where::Between, upper};
}
} // namespace

std::optional<double> RankingEngine::Impl::tputAt(std::size_t series, const FrontierSet& frontiers,
                                                  Statistic statistic, double interactivity) const {
    const std::uint32_t from = frontiers.knotStart[series];
    const std::uint32_t to = frontiers.knotStart[series + 1];
    if (from == to || !std::isfinite(interactivity))
        return std::nullopt;
    const float* xs = columns.column(columnAt(FigureColumn::InteractivityP50, statistic));
    const float* ys = columns.column(FigureColumn::TputPerGpu);
    const std::uint32_t base = seriesStart[series];
    return frontiers.knots.withData([&](const auto* knots) -> std::optional<double> {
        const auto placement = place(knots, from, to, base, xs, storedFloat(interactivity));
        switch (placement.where) {
        case Placement::Where::Outside:
            return std::nullopt; // never extrapolated
        case Placement::Where::AtKnot:
            return recoveredDouble(ys[base + knots[placement.knot]]);
        case Placement::Where::Between:
            break;
        }
        return interpolateBetween(knots, from, to, placement.knot, base, xs, ys, interactivity);
    });
}

BestChoice RankingEngine::Impl::choose(std::size_t series, const FrontierSet& frontiers,
                                       const Sla& sla) const {
    BestChoice choice;
    const std::uint32_t from = frontiers.knotStart[series];
    const std::uint32_t to = frontiers.knotStart[series + 1];
    if (from == to)
        return choice; // nothing passes: infeasible
    const std::uint32_t base = seriesStart[series];
    const float* xs = columns.column(columnAt(FigureColumn::InteractivityP50, sla.statistic));
    const float* ys = columns.column(FigureColumn::TputPerGpu);
    frontiers.knots.withData([&](const auto* knots) {
        std::uint32_t measured = from; // no min interactivity: the max-throughput knot
        if (sla.minInteractivity) {
            const float target = storedFloat(sla.minInteractivity);
            const auto placement = place(knots, from, to, base, xs, target);
            if (placement.where == Placement::Where::Outside) {
                if (!(target < xs[base + knots[from]]))
                    return; // I* above the frontier's highest interactivity: infeasible
            } else if (placement.where == Placement::Where::Between) {
                choice.kind = BestChoice::Kind::Interpolated;
                choice.point = base + knots[placement.knot - 1];
                choice.upperPoint = base + knots[placement.knot];
                choice.tputPerGpu = interpolateBetween(knots, from, to, placement.knot, base, xs,
                                                       ys, *sla.minInteractivity);
                return;
            } else {
                measured = placement.knot;
            }
        }
        choice.kind = BestChoice::Kind::Measured;
        choice.point = base + knots[measured];
        choice.tputPerGpu = recoveredDouble(ys[choice.point]);
    });
    return choice;
}

ResolvedBest RankingEngine::Impl::resolve(const BestChoice& choice, const Sla& sla) const {
    constexpr double unknown = std::numeric_limits<double>::quiet_NaN();
    ResolvedBest best{choice, unknown, unknown, unknown, unknown, unknown, unknown, unknown};
    if (choice.kind == BestChoice::Kind::Infeasible)
        return best;
    const FigureColumn ttftColumn = columnAt(FigureColumn::TtftP50, sla.statistic);
    auto figure = [&](FigureColumn column, std::uint32_t point) {
        const float value = columns.value(column, point);
        return std::isnan(value) ? unknown : recoveredDouble(value);
    };
    best.tputPerGpu = choice.tputPerGpu;
    if (choice.kind == BestChoice::Kind::Measured) {
        const auto p = choice.point;
        best.interactivity = figure(columnAt(FigureColumn::InteractivityP50, sla.statistic), p);
        best.outputTputPerGpu = figure(FigureColumn::OutputTputPerGpu, p);
        best.inputTputPerGpu = figure(FigureColumn::InputTputPerGpu, p);
        best.ttftSeconds = figure(ttftColumn, p);
        if (const auto* samples = columns.hasSamples(p) ? samplesOf(p) : nullptr) {
            best.sloAttainment = sloAttainment(*samples, sla).value_or(unknown);
            best.goodputPerGpu = goodputPerGpu(*samples, columns.gpus(p), sla).value_or(unknown);
        } else {
            best.goodputPerGpu = best.tputPerGpu; // it meets the SLA at its statistic
        }
        return best;
    }
    const auto lower = choice.point;
    const auto upper = choice.upperPoint;
    auto stored = [&](FigureColumn column, std::uint32_t point) {
        return static_cast<double>(columns.value(column, point));
    };
    const double lowerTput = stored(FigureColumn::TputPerGpu, lower);
    const double upperTput = stored(FigureColumn::TputPerGpu, upper);
    // Output and input throughput move from the lower knot's value towards the upper
    // knot's by the fraction of the way the total moved: they pass through both knots,
    // stay between their values and agree with the total (NaN stays NaN: unknown).
    const double fraction = (lowerTput - choice.tputPerGpu) / (lowerTput - upperTput);
    auto alongTotal = [&](FigureColumn column) {
        const double from = stored(column, lower);
        return from + (stored(column, upper) - from) * fraction;
    };
    best.interactivity = *sla.minInteractivity;
    best.outputTputPerGpu = alongTotal(FigureColumn::OutputTputPerGpu);
    best.inputTputPerGpu = alongTotal(FigureColumn::InputTputPerGpu);
    // Conservative: an interpolated point is given the larger TTFT of its two knots
    // (unknown when either is unknown).
    const float lowerTtft = columns.value(ttftColumn, lower);
    const float upperTtft = columns.value(ttftColumn, upper);
    best.ttftSeconds = std::isnan(lowerTtft) || std::isnan(upperTtft)
                           ? unknown
                           : recoveredDouble(std::max(lowerTtft, upperTtft));
    best.goodputPerGpu = choice.tputPerGpu; // no samples between measurements
    if (sla.minAttainment) {
        // Both knots met the target; the smaller of their attainments is reported.
        const auto lowerAttainment = sloAttainment(*samplesOf(lower), sla);
        const auto upperAttainment = sloAttainment(*samplesOf(upper), sla);
        best.sloAttainment = std::min(*lowerAttainment, *upperAttainment);
    }
    return best;
}

namespace {
std::optional<double> known(double value) {
    return std::isnan(value) ? std::nullopt : std::optional<double>(value);
}

/// Stable LSD radix sort of (key, payload) pairs by key, 8 bits a pass, skipping passes
/// where every key has the same byte. Stability keeps equal costs in series order.
void radixSort(std::vector<std::pair<std::uint64_t, std::uint32_t>>& entries) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> buffer(entries.size());
    for (int shift = 0; shift < 64; shift += 8) {
        std::array<std::uint32_t, 256> counts{};
        for (const auto& entry : entries)
            ++counts[(entry.first >> shift) & 0xFFu];
        if (std::find(counts.begin(), counts.end(), entries.size()) != counts.end())
            continue;
        std::uint32_t total = 0;
        for (auto& count : counts)
            total += std::exchange(count, total);
        for (const auto& entry : entries)
            buffer[counts[(entry.first >> shift) & 0xFFu]++] = entry;
        entries.swap(buffer);
    }
}

/// Orders doubles as unsigned integers: negative values below positive ones.
std::uint64_t orderedBits(double value) {
    const auto bits = std::bit_cast<std::uint64_t>(value);
    return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t(1) << 63);
}
} // namespace

void RankingEngine::Impl::fillResult(SeriesResult& result, const ResolvedBest& best,
                                     const HardwareCosts& costs, double utilization) const {
    const auto hardware = hardwareOf[result.series];
    result.usdPerGpuHour = costs.usdPerGpuHour[hardware];
    const auto& choice = best.choice;
    if (choice.kind == BestChoice::Kind::Infeasible)
        return;
    const auto base = seriesStart[result.series];
    result.feasible = true;
    result.interpolated = choice.kind == BestChoice::Kind::Interpolated;
    if (result.interpolated)
        result.lowerKnotPoint = choice.point - base;
    else
        result.point = choice.point - base;
    result.interactivity = known(best.interactivity);
    result.tputPerGpu = best.tputPerGpu;
    result.outputTputPerGpu = known(best.outputTputPerGpu);
    result.inputTputPerGpu = known(best.inputTputPerGpu);
    result.ttftSeconds = known(best.ttftSeconds);
    result.sloAttainment = known(best.sloAttainment);
    result.goodputPerGpu = known(best.goodputPerGpu);
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
    // 1. In series order (the columns are read front to back): each best point's figures,
    //    and the rank group: feasible with a cost (sorted by it), without one, infeasible.
    std::vector<ResolvedBest> resolved;
    resolved.reserve(keys.size());
    std::vector<std::pair<std::uint64_t, std::uint32_t>> costed;
    std::vector<std::uint32_t> uncosted;
    std::vector<std::uint32_t> infeasible;
    costed.reserve(keys.size());
    for (std::size_t s = 0; s < keys.size(); ++s) {
        if (!seriesEnabled[s])
            continue;
        const auto at = static_cast<std::uint32_t>(resolved.size());
        resolved.push_back(resolve(choose(s, frontiers, sla), sla));
        if (resolved.back().choice.kind == BestChoice::Kind::Infeasible) {
            infeasible.push_back(at);
            continue;
        }
        const auto total = costPerMillionTokens(costs.usdPerGpuHour[hardwareOf[s]],
                                                resolved.back().tputPerGpu, cost.utilization);
        if (total)
            costed.emplace_back(orderedBits(*total), at);
        else
            uncosted.push_back(at);
    }
    // 2. Cost ascending; equal costs keep series order (the sort is stable).
    radixSort(costed);
    // 3. The results in rank order.
    std::vector<std::uint32_t> enabledSeries;
    enabledSeries.reserve(resolved.size());
    for (std::size_t s = 0; s < keys.size(); ++s) {
        if (seriesEnabled[s])
            enabledSeries.push_back(static_cast<std::uint32_t>(s));
    }
    Ranking ranking;
    ranking.series.reserve(resolved.size());
    auto emit = [&](std::uint32_t at) {
        auto& result = ranking.series.emplace_back();
        result.series = enabledSeries[at];
        fillResult(result, resolved[at], costs, cost.utilization);
    };
    for (const auto& entry : costed)
        emit(entry.second);
    for (const auto at : uncosted)
        emit(at);
    for (const auto at : infeasible)
        emit(at);
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
