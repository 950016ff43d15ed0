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
#include <memory>
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

std::shared_ptr<const HardwareCosts>
RankingEngine::Impl::hardwareCosts(const CostSettings& cost) const {
    const std::lock_guard lock(costMutex);
    const CostCache& cached = costCache;
    if (cached.costs && cached.hardwareCount == hardwareNames.size() &&
        cached.settings.costBasisKey == cost.costBasisKey &&
        cached.settings.usdPerGpuHourOverride == cost.usdPerGpuHourOverride &&
        cached.settings.utilization == cost.utilization &&
        (cost.costBasisKey != ownedCostBasisKey || cached.settings.ownership == cost.ownership))
        return cached.costs;
    const bool owned = cost.costBasisKey == ownedCostBasisKey;
    // One pass over the bases: per hardware the first with the key, and the first that
    // states an all-in power.
    const std::size_t count = hardwareNames.size();
    std::vector<const CostBasis*> chosen(count, nullptr);
    std::vector<std::optional<double>> anyKw(count);
    for (const auto& basis : costBases) {
        const auto found = hardwareIds.find(basis.hardware);
        if (found == hardwareIds.end())
            continue; // no series runs on it
        const std::uint32_t id = found->second;
        if (!chosen[id] && basis.key == cost.costBasisKey)
            chosen[id] = &basis;
        if (!anyKw[id])
            anyKw[id] = allInKwOf(basis);
    }
    auto costs = std::make_shared<HardwareCosts>();
    costs->byHardware.reserve(count);
    if (owned)
        costs->ownership.resize(count);
    for (std::size_t id = 0; id < count; ++id) {
        // All-in power: the chosen basis's, else any basis of that hardware that has one.
        const auto chosenKw = chosen[id] ? allInKwOf(*chosen[id]) : std::nullopt;
        const auto kw = chosenKw ? chosenKw : anyKw[id];
        std::optional<double> usd;
        if (cost.usdPerGpuHourOverride) {
            usd = cost.usdPerGpuHourOverride;
        } else if (owned) {
            // The panel's figures for every hardware; the purchase price is the catalog's
            // "owned" basis capex unless the panel sets one.
            const auto& basis = chosen[id];
            const auto catalogPurchase = basis && basis->ownership
                                             ? std::optional<double>(basis->ownership->capexUsd)
                                             : std::nullopt;
            costs->ownership[id] =
                ownershipFor(cost.ownership, hardwareNames[id], catalogPurchase, kw);
            if (costs->ownership[id])
                usd = usdPerGpuHourFromOwnership(*costs->ownership[id]);
        } else if (chosen[id]) {
            usd = tokenomics::usdPerGpuHour(*chosen[id]);
        }
        costs->byHardware.emplace_back(usd, kw, cost.utilization);
    }
    costCache = {cost, count, costs};
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

/// The end slopes of Steffen's monotone cubic between knots upper − 1 and upper. They need
/// at most one more knot on each side. Runs on the knots as stored (floats: six to seven
/// significant digits).
SegmentSlopes slopesBetween(const float* xs, const float* ys, std::uint32_t from, std::uint32_t to,
                            std::uint32_t upper) {
    const std::uint32_t windowFrom = upper - 1 > from ? upper - 2 : from;
    const std::uint32_t windowTo = std::min(upper + 2, to);
    std::array<double, 4> windowX{};
    std::array<double, 4> windowY{};
    std::size_t count = 0;
    for (auto k = windowFrom; k < windowTo; ++k, ++count) {
        windowX[count] = xs[k];
        windowY[count] = ys[k];
    }
    return monotoneCubicSegmentSlopes(std::span(windowX.data(), count),
                                      std::span(windowY.data(), count), upper - 1 - windowFrom);
}

/// The curve between knots upper − 1 and upper at x strictly between them, given its end
/// slopes: monotoneCubicSegmentValue's number.
double valueBetween(const float* xs, const float* ys, std::uint32_t upper, SegmentSlopes slopes,
                    double x) {
    return hermiteValue(xs[upper - 1], xs[upper], ys[upper - 1], ys[upper], slopes.atLeft,
                        slopes.atRight, x);
}

double interpolateBetween(const float* xs, const float* ys, std::uint32_t from, std::uint32_t to,
                          std::uint32_t upper, double x) {
    return valueBetween(xs, ys, upper, slopesBetween(xs, ys, from, to, upper), x);
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
                                       const Sla& sla, SegmentMemo* memo) const {
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
        // Still strictly inside the segment of the previous ranking (knots ascend strictly):
        // where the search would land, found without it.
        const std::uint32_t last = memo ? memo->upperKnot : 0;
        const bool sameSegment =
            memo && last != SegmentMemo::none && xs[last - 1] < target && target < xs[last];
        const auto placement =
            sameSegment ? Placement{Placement::Where::Between, last} : place(xs, from, to, target);
        if (placement.where == Placement::Where::Outside) {
            if (!(target < xs[from]))
                return choice; // I* above the frontier's highest interactivity: infeasible
        } else if (placement.where == Placement::Where::Between) {
            choice.kind = BestChoice::Kind::Interpolated;
            choice.point = base + frontiers.knots[placement.knot - 1];
            choice.upperPoint = base + frontiers.knots[placement.knot];
            choice.knot = placement.knot - 1;
            // A drag moves I* a little at a time: the segment's slopes are usually the
            // ones of the previous ranking.
            SegmentSlopes slopes;
            if (memo && memo->upperKnot == placement.knot) {
                slopes = memo->slopes;
            } else {
                slopes = slopesBetween(xs, ys, from, to, placement.knot);
                if (memo)
                    *memo = {placement.knot, slopes, false, 0.0};
            }
            choice.tputPerGpu = valueBetween(xs, ys, placement.knot, slopes, *sla.minInteractivity);
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
                                          const Sla& sla, SegmentMemo* memo) const {
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
    // The segment's, so kept with its slopes when choose() kept them.
    const bool memoMatches = memo && memo->upperKnot == k + 1;
    if (memoMatches && memo->hasTtft) {
        best.ttftSeconds = memo->ttftSeconds;
    } else {
        best.ttftSeconds = std::isnan(lowerTtft) || std::isnan(upperTtft)
                               ? unknown
                               : recoveredDouble(std::max(lowerTtft, upperTtft));
        if (memoMatches) {
            memo->ttftSeconds = best.ttftSeconds;
            memo->hasTtft = true;
        }
    }
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

/// Orders floats as unsigned integers: negative values below positive ones.
std::uint32_t orderedBits(float value) {
    const auto bits = std::bit_cast<std::uint32_t>(value);
    return (bits >> 31) != 0 ? ~bits : bits | (std::uint32_t(1) << 31);
}

/// Sorts series by cost per 1M tokens ascending, stably (equal costs stay in series order).
/// A radix sort on the costs rounded to float (three passes of 11 bits, the counts of all
/// three taken in one pass) orders every pair whose floats differ; rounding to float never
/// reverses an order, so what is left out of order lies within runs of equal floats, sorted
/// then on the exact costs.
void sortByCost(std::vector<RankEntry>& entries, std::vector<RankEntry>& buffer,
                const double* costs) {
    constexpr int digitBits = 11;
    constexpr std::size_t buckets = std::size_t(1) << digitBits;
    constexpr int passes = 3;
    buffer.resize(entries.size());
    std::array<std::array<std::uint32_t, buckets>, passes> counts{};
    for (const auto& entry : entries) {
        for (int pass = 0; pass < passes; ++pass)
            ++counts[pass][(entry.key >> (pass * digitBits)) & (buckets - 1)];
    }
    for (int pass = 0; pass < passes; ++pass) {
        auto& count = counts[pass];
        if (std::find(count.begin(), count.end(), entries.size()) != count.end())
            continue; // every key has the same digit here
        std::uint32_t total = 0;
        for (auto& bucket : count)
            total += std::exchange(bucket, total);
        for (const auto& entry : entries)
            buffer[count[(entry.key >> (pass * digitBits)) & (buckets - 1)]++] = entry;
        entries.swap(buffer);
    }
    // Each run of equal keys is sorted on the exact costs: by insertion when short (the
    // usual: one or two entries), else by std::stable_sort, which bounds the worst case.
    auto byCost = [costs](const RankEntry& a, const RankEntry& b) {
        return costs[a.series] < costs[b.series];
    };
    constexpr std::size_t shortRun = 16;
    for (std::size_t first = 0; first < entries.size();) {
        std::size_t last = first + 1;
        while (last < entries.size() && entries[last].key == entries[first].key)
            ++last;
        if (last - first > shortRun) {
            std::stable_sort(entries.begin() + static_cast<std::ptrdiff_t>(first),
                             entries.begin() + static_cast<std::ptrdiff_t>(last), byCost);
        } else {
            for (std::size_t i = first + 1; i < last; ++i) {
                const RankEntry entry = entries[i];
                std::size_t j = i;
                for (; j > first && byCost(entry, entries[j - 1]); --j)
                    entries[j] = entries[j - 1];
                entries[j] = entry;
            }
        }
        first = last;
    }
}
} // namespace

void RankingEngine::Impl::fillResult(SeriesResult& result, const ResolvedBest& best,
                                     const HardwareCosts& costs,
                                     std::optional<double> costPerMTotal) const {
    // Every member is written, each once and in place: `result` may hold an earlier
    // ranking's figures (a reused buffer), and building it aside to copy in would write
    // it twice.
    using std::construct_at;
    const auto& formulas = costs.byHardware[hardwareOf[result.series]];
    const auto& choice = best.choice;
    const bool feasible = choice.kind != BestChoice::Kind::Infeasible;
    const bool interpolated = choice.kind == BestChoice::Kind::Interpolated;
    result.feasible = feasible;
    result.interpolated = interpolated;
    construct_at(&result.usdPerGpuHour, formulas.usdPerGpuHour);
    if (!feasible) {
        for (auto* index : {&result.point, &result.lowerKnotPoint})
            construct_at(index);
        for (auto* figure : {&result.interactivity, &result.tputPerGpu, &result.outputTputPerGpu,
                             &result.inputTputPerGpu, &result.ttftSeconds, &result.costPerMTotal,
                             &result.costPerMOutput, &result.costPerMInput, &result.tokensPerMw,
                             &result.joulesPerToken, &result.sloAttainment})
            construct_at(figure);
        construct_at(&result.goodputPerGpu, 0.0); // no point of the series meets the SLA
        return;
    }
    const std::size_t local = choice.point - seriesStart[result.series];
    construct_at(&result.point, interpolated ? std::nullopt : std::optional(local));
    construct_at(&result.lowerKnotPoint, interpolated ? std::optional(local) : std::nullopt);
    construct_at(&result.interactivity, known(best.interactivity));
    // An output-only series' frontier runs on its output rate: its total, and what is per
    // total token, is unknown; it ranks on its output cost.
    const bool outputOnly = columns.outputOnly(choice.point);
    const std::optional<double> total =
        outputOnly ? std::nullopt : std::optional<double>(best.tputPerGpu);
    construct_at(&result.tputPerGpu, total);
    construct_at(&result.outputTputPerGpu, outputOnly ? std::optional<double>(best.tputPerGpu)
                                                      : known(best.outputTputPerGpu));
    construct_at(&result.inputTputPerGpu, known(best.inputTputPerGpu));
    construct_at(&result.ttftSeconds, known(best.ttftSeconds));
    construct_at(&result.sloAttainment, known(best.sloAttainment));
    construct_at(&result.goodputPerGpu,
                 outputOnly ? std::nullopt : known(best.goodputPerGpu)); // in total tokens
    construct_at(&result.costPerMTotal, costPerMTotal);
    construct_at(&result.costPerMOutput, result.outputTputPerGpu
                                             ? formulas.costPerMillion(*result.outputTputPerGpu)
                                             : std::nullopt);
    construct_at(&result.costPerMInput, formulas.costPerMillion(best.inputTputPerGpu));
    construct_at(&result.tokensPerMw, total ? formulas.tokensPerMw(*total) : std::nullopt);
    construct_at(&result.joulesPerToken, total ? formulas.joules(*total) : std::nullopt);
}

std::size_t RankingEngine::Impl::RankScratch::residentBytes() const {
    return choices.capacity() * sizeof(BestChoice) + totals.capacity() * sizeof(double) +
           segmentMemos.capacity() * sizeof(SegmentMemo) +
           (costed.capacity() + sortBuffer.capacity()) * sizeof(RankEntry) +
           order.capacity() * sizeof(std::uint32_t);
}

void RankingEngine::Impl::rankAll(const Sla& sla, const CostSettings& cost,
                                  const Workload& workload, const FrontierSet& frontiers,
                                  Ranking& into) const {
    const auto costsHeld = hardwareCosts(cost);
    const HardwareCosts& costs = *costsHeld;
    const std::size_t seriesCount = keys.size();
    const bool large = seriesCount >= parallelSeriesThreshold;
    // The working vectors keep their size between calls: resizing them to the same size
    // writes nothing, and every entry read below is written first.
    auto& scratch = rankScratch;
    scratch.choices.resize(seriesCount);
    scratch.totals.resize(seriesCount);
    if (scratch.memoFrontiers != frontiers.generation ||
        scratch.segmentMemos.size() != seriesCount) {
        scratch.segmentMemos.assign(seriesCount, SegmentMemo{});
        scratch.memoFrontiers = frontiers.generation;
    }
    // 1. In series order (the frontiers are read front to back), split over two threads:
    //    each enabled series' best point and its cost per 1M total tokens. Its other
    //    figures are read in step 3, only where the result is written.
    forEachChunk(helper, rankChunks, large, [&](std::size_t chunk) {
        BestChoice* choices = scratch.choices.data();
        double* totals = scratch.totals.data();
        const std::size_t from = chunkBegin(seriesCount, chunk);
        const std::size_t to = chunkBegin(seriesCount, chunk + 1);
        SegmentMemo* memos = scratch.segmentMemos.data();
        for (std::size_t s = from; s < to; ++s) {
            if (seriesEnabled[s])
                choices[s] = choose(s, frontiers, sla, memos + s);
        }
        // A loop of its own: the costs' divisions of many series overlap, where behind
        // each series' search and interpolation they would wait in turn.
        for (std::size_t s = from; s < to; ++s) {
            if (!seriesEnabled[s])
                continue;
            totals[s] = choices[s].kind == BestChoice::Kind::Infeasible ||
                                columns.outputOnly(choices[s].point)
                            ? std::numeric_limits<double>::quiet_NaN()
                            : costs.byHardware[hardwareOf[s]]
                                  .costPerMillion(choices[s].tputPerGpu)
                                  .value_or(std::numeric_limits<double>::quiet_NaN());
        }
    });
    // 2. Feasible with a cost, by cost ascending (a stable sort: equal costs stay in series
    //    order); then feasible without a cost; then infeasible — each in series order.
    auto& costed = scratch.costed;
    auto& order = scratch.order;
    costed.clear();
    std::size_t uncostedCount = 0;
    std::size_t infeasibleCount = 0;
    for (std::uint32_t s = 0; s < seriesCount; ++s) {
        if (!seriesEnabled[s])
            continue;
        if (scratch.choices[s].kind == BestChoice::Kind::Infeasible)
            ++infeasibleCount;
        else if (std::isnan(scratch.totals[s]))
            ++uncostedCount;
        else
            costed.push_back({orderedBits(static_cast<float>(scratch.totals[s])), s});
    }
    sortByCost(costed, scratch.sortBuffer, scratch.totals.data());
    order.resize(costed.size() + uncostedCount + infeasibleCount);
    std::size_t next = 0;
    for (const auto& entry : costed)
        order[next++] = entry.series;
    const std::size_t uncostedEnd = costed.size() + uncostedCount;
    for (std::uint32_t s = 0; s < seriesCount && next < uncostedEnd; ++s) {
        if (seriesEnabled[s] && scratch.choices[s].kind != BestChoice::Kind::Infeasible &&
            std::isnan(scratch.totals[s]))
            order[next++] = s; // feasible without a cost
    }
    for (std::uint32_t s = 0; s < seriesCount && next < order.size(); ++s) {
        if (seriesEnabled[s] && scratch.choices[s].kind == BestChoice::Kind::Infeasible)
            order[next++] = s;
    }
    // 3. The results in rank order, each written once, split over two threads.
    into.series.resize(order.size());
    forEachChunk(helper, rankChunks, large, [&](std::size_t chunk) {
        // Rank order jumps around the series: their choices are fetched early, and the
        // knot figures once the choice is in the cache.
        constexpr std::size_t ahead = 8;
        const std::uint32_t* ranked = order.data();
        const BestChoice* choices = scratch.choices.data();
        SegmentMemo* memos = scratch.segmentMemos.data(); // each series' entry: one thread
        SeriesResult* results = into.series.data();
        const std::size_t to = chunkBegin(order.size(), chunk + 1);
        for (std::size_t i = chunkBegin(order.size(), chunk); i < to; ++i) {
            if (i + 2 * ahead < to) {
                __builtin_prefetch(&choices[ranked[i + 2 * ahead]]);
                __builtin_prefetch(&memos[ranked[i + 2 * ahead]]);
            }
            if (i + ahead < to) {
                const auto knot = choices[ranked[i + ahead]].knot;
                __builtin_prefetch(frontiers.knotTputPerGpu.data() + knot);
                __builtin_prefetch(frontiers.knotOutputTputPerGpu.data() + knot);
                __builtin_prefetch(frontiers.knotTtftSeconds.data() + knot);
                __builtin_prefetch(frontiers.knotInteractivity.data() + knot);
            }
            results[i].series = ranked[i];
            // The cost per 1M total tokens is the one sorted on (NaN: unknown).
            fillResult(results[i], resolve(choices[ranked[i]], frontiers, sla, memos + ranked[i]),
                       costs, known(scratch.totals[ranked[i]]));
        }
    });
    into.offers.clear();
    for (std::size_t index = 0; index < offers.size(); ++index) {
        if (offerEnabled[index])
            into.offers.push_back(evaluateOffer(offers[index], index, sla, workload));
    }
    std::stable_sort(into.offers.begin(), into.offers.end(),
                     [](const OfferResult& a, const OfferResult& b) {
                         if (a.feasible != b.feasible)
                             return a.feasible;
                         if (a.workloadUsdPerM.has_value() != b.workloadUsdPerM.has_value())
                             return a.workloadUsdPerM.has_value();
                         if (a.workloadUsdPerM && *a.workloadUsdPerM != *b.workloadUsdPerM)
                             return *a.workloadUsdPerM < *b.workloadUsdPerM;
                         return a.offer < b.offer;
                     });
}

} // namespace tokenomics
