// Choosing each series' best point on its frontier, attaching costs, and ranking.
#include "CostModel.h"
#include "EngineState.h"
#include "Goodput.h"
#include "MonotoneCubic.h"
#include "Parallel.h"

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
    costs.byHardware.reserve(hardwareNames.size());
    for (const auto& hardware : hardwareNames) {
        const CostBasis* chosen = nullptr;
        std::optional<double> anyKw;
        for (const auto& basis : costBases) {
            if (basis.hardware != hardware)
                continue;
            if (!chosen && basis.key == cost.costBasisKey)
                chosen = &basis;
            if (!anyKw)
                anyKw = allInKwOf(basis);
        }
        std::optional<double> usd;
        if (cost.usdPerGpuHourOverride)
            usd = cost.usdPerGpuHourOverride;
        else if (chosen)
            usd = tokenomics::usdPerGpuHour(*chosen);
        // All-in power: the chosen basis's, else any basis of that hardware that has one.
        const auto chosenKw = chosen ? allInKwOf(*chosen) : std::nullopt;
        costs.byHardware.emplace_back(usd, chosenKw ? chosenKw : anyKw, cost.utilization);
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
/// Where a target interactivity falls on one series' frontier, whose knots' coordinates
/// are xs[from, to) (ascending) and ys[from, to), compared at float precision like every
/// threshold.
/// Below this many series a second thread costs more than it saves.
constexpr std::size_t parallelSeriesThreshold = 4096;
/// Chunks the ranking's passes are cut into, for the two threads to share.
constexpr std::size_t rankChunks = 16;

/// First item of chunk `chunk` when `count` items are cut into rankChunks chunks.
std::size_t chunkBegin(std::size_t count, std::size_t chunk) {
    return count * chunk / rankChunks;
}

struct Placement {
    enum class Where : std::uint8_t { Outside, AtKnot, Between } where = Where::Outside;
    std::uint32_t knot = 0; // AtKnot: that knot; Between: the upper one
};

Placement place(const float* xs, std::uint32_t from, std::uint32_t to, float target) {
    // Branch-free lower bound: where I* falls among a series' knots is as good as random,
    // so the branches of std::lower_bound would be mispredicted about half the time.
    const float* first = xs + from;
    std::uint32_t length = to - from;
    while (length > 1) {
        const std::uint32_t half = length / 2;
        first = first[half - 1] < target ? first + half : first;
        length -= half;
    }
    const auto upper =
        static_cast<std::uint32_t>(first - xs) + (length == 1 && *first < target ? 1u : 0u);
    if (upper == to)
        return {};
    if (xs[upper] == target)
        return {Placement::Where::AtKnot, upper};
    if (upper == from)
        return {};
    return {Placement::Where::Between, upper};
}

/// Steffen's monotone cubic between knots upper − 1 and upper, at x strictly between them.
/// The slopes at the segment's ends need at most one more knot on each side. Runs on the
/// knots as stored (floats: six to seven significant digits).
double interpolateBetween(const float* xs, const float* ys, std::uint32_t from, std::uint32_t to,
                          std::uint32_t upper, double x) {
    const std::uint32_t windowFrom = upper - 1 > from ? upper - 2 : from;
    const std::uint32_t windowTo = std::min(upper + 2, to);
    std::array<double, 4> windowX{};
    std::array<double, 4> windowY{};
    std::size_t count = 0;
    for (auto k = windowFrom; k < windowTo; ++k, ++count) {
        windowX[count] = xs[k];
        windowY[count] = ys[k];
    }
    return monotoneCubicSegmentValue(std::span(windowX.data(), count),
                                     std::span(windowY.data(), count), upper - 1 - windowFrom, x);
}
} // namespace

std::optional<double> RankingEngine::Impl::tputAt(std::size_t series, const FrontierSet& frontiers,
                                                  double interactivity) const {
    const std::uint32_t from = frontiers.knotStart[series];
    const std::uint32_t to = frontiers.knotStart[series + 1];
    if (from == to || !std::isfinite(interactivity))
        return std::nullopt;
    const float* xs = frontiers.knotInteractivity.data();
    const float* ys = frontiers.knotTputPerGpu.data();
    const auto placement = place(xs, from, to, storedFloat(interactivity));
    switch (placement.where) {
    case Placement::Where::Outside:
        return std::nullopt; // never extrapolated
    case Placement::Where::AtKnot:
        return recoveredDouble(ys[placement.knot]);
    case Placement::Where::Between:
        break;
    }
    return interpolateBetween(xs, ys, from, to, placement.knot, interactivity);
}

BestChoice RankingEngine::Impl::choose(std::size_t series, const FrontierSet& frontiers,
                                       const Sla& sla) const {
    BestChoice choice;
    const std::uint32_t from = frontiers.knotStart[series];
    const std::uint32_t to = frontiers.knotStart[series + 1];
    if (from == to)
        return choice; // nothing passes: infeasible
    const float* xs = frontiers.knotInteractivity.data();
    const float* ys = frontiers.knotTputPerGpu.data();
    const std::uint32_t base = seriesStart[series];
    std::uint32_t measured = from; // no min interactivity: the max-throughput knot
    if (sla.minInteractivity) {
        const float target = storedFloat(sla.minInteractivity);
        const auto placement = place(xs, from, to, target);
        if (placement.where == Placement::Where::Outside) {
            if (!(target < xs[from]))
                return choice; // I* above the frontier's highest interactivity: infeasible
        } else if (placement.where == Placement::Where::Between) {
            choice.kind = BestChoice::Kind::Interpolated;
            choice.point = base + frontiers.knots[placement.knot - 1];
            choice.upperPoint = base + frontiers.knots[placement.knot];
            choice.knot = placement.knot - 1;
            choice.tputPerGpu =
                interpolateBetween(xs, ys, from, to, placement.knot, *sla.minInteractivity);
            return choice;
        } else {
            measured = placement.knot;
        }
    }
    choice.kind = BestChoice::Kind::Measured;
    choice.point = base + frontiers.knots[measured];
    choice.knot = measured;
    choice.tputPerGpu = recoveredDouble(ys[measured]);
    return choice;
}

ResolvedBest RankingEngine::Impl::resolve(const BestChoice& choice, const FrontierSet& frontiers,
                                          const Sla& sla) const {
    constexpr double unknown = std::numeric_limits<double>::quiet_NaN();
    ResolvedBest best{choice, unknown, unknown, unknown, unknown, unknown, unknown, unknown};
    if (choice.kind == BestChoice::Kind::Infeasible)
        return best;
    // The knots' own figures sit beside them in the frontier set: no gathering.
    const auto k = choice.knot;
    auto recovered = [](float value) {
        return std::isnan(value) ? unknown : recoveredDouble(value);
    };
    const float* input = columns.column(FigureColumn::InputTputPerGpu); // rarely published
    best.tputPerGpu = choice.tputPerGpu;
    if (choice.kind == BestChoice::Kind::Measured) {
        const auto p = choice.point;
        best.interactivity = recoveredDouble(frontiers.knotInteractivity[k]);
        best.outputTputPerGpu = recovered(frontiers.knotOutputTputPerGpu[k]);
        best.inputTputPerGpu = input ? recovered(input[p]) : unknown;
        best.ttftSeconds = recovered(frontiers.knotTtftSeconds[k]);
        if (const auto* samples = sampleSets.empty() ? nullptr : samplesOf(p)) {
            best.sloAttainment = sloAttainment(*samples, sla).value_or(unknown);
            best.goodputPerGpu = goodputPerGpu(*samples, columns.gpus(p), sla).value_or(unknown);
        } else {
            best.goodputPerGpu = best.tputPerGpu; // it meets the SLA at its statistic
        }
        return best;
    }
    const double lowerTput = frontiers.knotTputPerGpu[k];
    const double upperTput = frontiers.knotTputPerGpu[k + 1];
    // Output and input throughput move from the lower knot's value towards the upper
    // knot's by the fraction of the way the total moved: they pass through both knots,
    // stay between their values and agree with the total (NaN stays NaN: unknown).
    const double fraction = (lowerTput - choice.tputPerGpu) / (lowerTput - upperTput);
    auto alongTotal = [&](double from, double to) { return from + (to - from) * fraction; };
    best.interactivity = *sla.minInteractivity;
    best.outputTputPerGpu =
        alongTotal(frontiers.knotOutputTputPerGpu[k], frontiers.knotOutputTputPerGpu[k + 1]);
    best.inputTputPerGpu =
        input ? alongTotal(input[choice.point], input[choice.upperPoint]) : unknown;
    // Conservative: an interpolated point is given the larger TTFT of its two knots
    // (unknown when either is unknown).
    const float lowerTtft = frontiers.knotTtftSeconds[k];
    const float upperTtft = frontiers.knotTtftSeconds[k + 1];
    best.ttftSeconds = std::isnan(lowerTtft) || std::isnan(upperTtft)
                           ? unknown
                           : recoveredDouble(std::max(lowerTtft, upperTtft));
    best.goodputPerGpu = choice.tputPerGpu; // no samples between measurements
    if (sla.minAttainment) {
        // Both knots met the target; the smaller of their attainments is reported.
        const auto lowerAttainment = sloAttainment(*samplesOf(choice.point), sla);
        const auto upperAttainment = sloAttainment(*samplesOf(choice.upperPoint), sla);
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
                                     const HardwareCosts& costs) const {
    const auto& formulas = costs.byHardware[hardwareOf[result.series]];
    result.usdPerGpuHour = formulas.usdPerGpuHour;
    const auto& choice = best.choice;
    if (choice.kind == BestChoice::Kind::Infeasible) {
        result.goodputPerGpu = 0.0; // no point of the series meets the SLA
        return;
    }
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
    result.costPerMTotal = formulas.costPerMillion(best.tputPerGpu);
    result.costPerMOutput = formulas.costPerMillion(best.outputTputPerGpu);
    result.costPerMInput = formulas.costPerMillion(best.inputTputPerGpu);
    result.tokensPerMw = formulas.tokensPerMw(best.tputPerGpu);
    result.joulesPerToken = formulas.joules(best.tputPerGpu);
}

Ranking RankingEngine::Impl::rankAll(const Sla& sla, const CostSettings& cost,
                                     const Workload& workload, const FrontierSet& frontiers) const {
    const auto costs = hardwareCosts(cost);
    const std::size_t seriesCount = keys.size();
    const bool large = seriesCount >= parallelSeriesThreshold;
    // 1. In series order (the columns are read front to back), split over two threads:
    //    each enabled series' best point, its figures and its cost per 1M total tokens.
    std::vector<ResolvedBest> resolved(seriesCount);
    std::vector<double> totals(seriesCount);
    forEachChunk(helper, rankChunks, large, [&](std::size_t chunk) {
        for (std::size_t s = chunkBegin(seriesCount, chunk); s < chunkBegin(seriesCount, chunk + 1);
             ++s) {
            if (!seriesEnabled[s])
                continue;
            resolved[s] = resolve(choose(s, frontiers, sla), frontiers, sla);
            totals[s] = resolved[s].choice.kind == BestChoice::Kind::Infeasible
                            ? std::numeric_limits<double>::quiet_NaN()
                            : costs.byHardware[hardwareOf[s]]
                                  .costPerMillion(resolved[s].tputPerGpu)
                                  .value_or(std::numeric_limits<double>::quiet_NaN());
        }
    });
    // 2. Feasible with a cost, by cost ascending (a stable sort: equal costs stay in series
    //    order); then feasible without a cost; then infeasible — each in series order.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> costed;
    std::vector<std::uint32_t> uncosted;
    std::vector<std::uint32_t> infeasible;
    costed.reserve(seriesCount);
    for (std::uint32_t s = 0; s < seriesCount; ++s) {
        if (!seriesEnabled[s])
            continue;
        if (resolved[s].choice.kind == BestChoice::Kind::Infeasible)
            infeasible.push_back(s);
        else if (std::isnan(totals[s]))
            uncosted.push_back(s);
        else
            costed.emplace_back(orderedBits(totals[s]), s);
    }
    radixSort(costed);
    std::vector<std::uint32_t> order;
    order.reserve(costed.size() + uncosted.size() + infeasible.size());
    for (const auto& entry : costed)
        order.push_back(entry.second);
    order.insert(order.end(), uncosted.begin(), uncosted.end());
    order.insert(order.end(), infeasible.begin(), infeasible.end());
    // 3. The results in rank order, split over two threads.
    Ranking ranking;
    ranking.series.resize(order.size());
    forEachChunk(helper, rankChunks, large, [&](std::size_t chunk) {
        constexpr std::size_t ahead = 16; // rank order jumps around `resolved`: fetch early
        const std::size_t to = chunkBegin(order.size(), chunk + 1);
        for (std::size_t i = chunkBegin(order.size(), chunk); i < to; ++i) {
            if (i + ahead < to)
                __builtin_prefetch(&resolved[order[i + ahead]]);
            ranking.series[i].series = order[i];
            fillResult(ranking.series[i], resolved[order[i]], costs);
        }
    });
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
