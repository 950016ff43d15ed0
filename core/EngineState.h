#pragma once
/// The engine's private state: series, compact points, samples, and the cached orders and
/// frontiers. Shared by RankingEngine.cpp (building, queries) and SeriesEvaluation.cpp.
//
// Layout, for ~50-60 bytes a point at a million points:
// - figures in float columns (PointColumns), a column no point has costs nothing;
// - per statistic, each series' candidate points sorted by interactivity descending, as
//   1-, 2- or 4-byte local indices (InteractivityOrders), sorted at the first query after
//   points change;
// - the frontiers of the two most recent (statistic, TTFT, E2E, attainment, filter) keys
//   as local indices; the one in use also carries its knots' figures side by side, so a
//   min-interactivity change is one binary search per series over contiguous floats;
// - per-request samples only for the points that have them.
// A threshold change that alters a key costs one pass over every point in descending
// interactivity per series (running maximum of throughput); a min-interactivity change
// reuses the cached frontiers. Large passes are cut into chunks shared with a helper
// thread when a second core is free.

#include "FrontierIndex.h"
#include "MonotoneCubic.h"
#include "Parallel.h"
#include "PointColumns.h"
#include "RankingEngine.h"

#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace tokenomics {

/// The best point a series offers under an SLA, before costs are attached.
struct BestChoice {
    enum class Kind : std::uint8_t { Infeasible, Measured, Interpolated };
    Kind kind = Kind::Infeasible;
    std::uint32_t point = 0;      // global index: the measured point, or the lower knot
    std::uint32_t upperPoint = 0; // global index of the upper knot when interpolated
    std::uint32_t knot = 0;       // index of `point` in the frontier set (upper: knot + 1)
    double tputPerGpu = 0;
};

/// The figures of a series' best point, read once (NaN = unknown) so that costs can be
/// attached later without touching the point columns again.
struct ResolvedBest {
    BestChoice choice;
    double interactivity = 0;
    double tputPerGpu = 0;
    double outputTputPerGpu = 0;
    double inputTputPerGpu = 0;
    double ttftSeconds = 0;
    double sloAttainment = 0;
    double goodputPerGpu = 0;
};

/// The cost and power formulas of CostModel.cpp for one hardware under one set of cost
/// settings, with the checks that do not depend on throughput done once. The expressions
/// are CostModel's own, so the numbers are too.
struct HardwareFormulas {
    std::optional<double> usdPerGpuHour;
    std::optional<double> allInKwPerGpu;
    double utilization = 1;
    bool costKnown = false;
    bool powerKnown = false;

    HardwareFormulas() = default;
    HardwareFormulas(std::optional<double> usd, std::optional<double> kw, double u)
        : usdPerGpuHour(usd)
        , allInKwPerGpu(kw)
        , utilization(u)
        , costKnown(usd && std::isfinite(*usd) && u > 0 && u <= 1)
        , powerKnown(kw && std::isfinite(*kw) && *kw > 0) {}
    static std::optional<double> finite(double value) {
        return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
    }
    static bool usable(double tput) { return tput > 0 && std::isfinite(tput); }
    /// costPerMillionTokens(usd, tput, u).
    [[nodiscard]] std::optional<double> costPerMillion(double tput) const {
        if (!costKnown || !usable(tput))
            return std::nullopt;
        return finite(*usdPerGpuHour * 1e6 / (tput * 3600.0) / utilization);
    }
    /// tokensPerMegawatt(tput, kW).
    [[nodiscard]] std::optional<double> tokensPerMw(double tput) const {
        if (!powerKnown || !usable(tput))
            return std::nullopt;
        return finite(tput * 1000.0 / *allInKwPerGpu);
    }
    /// joulesPerToken(tput, kW).
    [[nodiscard]] std::optional<double> joules(double tput) const {
        if (!powerKnown || !usable(tput))
            return std::nullopt;
        return finite(*allInKwPerGpu * 1000.0 / tput);
    }
};

/// What a series' best point last interpolated on a frontier segment kept of it: the
/// segment's slopes, and once read, its TTFT (the larger of its knots', recovered).
struct SegmentMemo {
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t upperKnot = none; // the segment's upper knot in the frontier set
    SegmentSlopes slopes;
    bool hasTtft = false;
    double ttftSeconds = 0; // NaN: unknown
};

/// A series to sort by cost: `key` orders like its cost rounded to float.
struct RankEntry {
    std::uint32_t key = 0;
    std::uint32_t series = 0;
};

/// Per-hardware formulas for one set of cost settings, by hardware id.
struct HardwareCosts {
    std::vector<HardwareFormulas> byHardware;
    std::vector<std::optional<OwnershipInputs>> ownership; // by hardware, under "owned" only
};

struct RankingEngine::Impl {
    // Series, in insertion order.
    std::vector<SeriesKey> keys;
    std::vector<std::uint32_t> hardwareOf; // index into hardwareNames
    std::vector<std::string> hardwareNames;
    std::unordered_map<std::string, std::uint32_t> hardwareIds;
    std::vector<std::uint32_t> seriesPointCount;
    std::vector<std::uint8_t> seriesEnabled;

    // Points, grouped by series (ascending) once ready; insertion order within a series.
    PointColumns columns;
    bool grouped = true;                    // points already lie series by series, ascending
    std::uint32_t lastSeries = 0;           // series of the last point added
    std::vector<std::uint32_t> pointSeries; // series of each point, only while not grouped
    std::vector<std::uint32_t> seriesStart; // size seriesCount + 1 once ready

    // Per-request samples, only for points that have them, by global point index.
    std::vector<std::uint32_t> samplePoint;
    std::vector<SampleSet> sampleSets;

    std::vector<CostBasis> costBases;
    std::vector<ProviderOffer> offers;
    std::vector<std::uint8_t> offerEnabled;
    std::vector<QualityScore> qualityScores;
    ConfigurationFilter configurationFilter;
    std::uint64_t filterVersion = 0;

    // Derived state, rebuilt lazily under `mutex` (const queries may run on several threads).
    std::mutex mutex;
    bool ready = false;
    std::size_t indexWidth = 1; // bytes per local point index (1, 2 or 4)
    InteractivityOrders orders;
    // Most recent first; only the first keeps its knot figures (memory).
    std::vector<std::shared_ptr<FrontierSet>> frontierCache;
    mutable HelperThread helper; // the second core, for passes over large catalogs

    /// A ranking's working vectors, kept between calls (under `mutex`) so that a re-rank
    /// neither allocates nor initialises them again.
    struct RankScratch {
        std::vector<BestChoice> choices; // by series
        std::vector<double> totals;      // cost per 1M total tokens by series, NaN: none
        std::vector<RankEntry> costed;   // feasible series with a cost, sorted by it
        std::vector<RankEntry> sortBuffer;
        std::vector<std::uint32_t> order; // series in rank order
        // By series, valid for the frontier set of generation memoFrontiers.
        std::vector<SegmentMemo> segmentMemos;
        std::uint64_t memoFrontiers = 0;
        [[nodiscard]] std::size_t residentBytes() const;
    };
    mutable RankScratch rankScratch;

    /// The costs of every hardware under the last cost settings asked for: computed once per
    /// setting (and per change of the cost bases or the hardware), not per call.
    struct CostCache {
        CostSettings settings;
        std::size_t hardwareCount = 0;
        std::shared_ptr<const HardwareCosts> costs; // null: stale
    };
    mutable std::mutex costMutex;
    mutable CostCache costCache;

    // --- building (RankingEngine.cpp) ---
    void markChanged();
    /// Groups points by series and sorts them by interactivity; call with `mutex` held.
    void makeReady();
    /// Locks, makes ready, and returns the lock for the caller to hold.
    std::unique_lock<std::mutex> prepare();
    std::shared_ptr<const FrontierSet> frontiersFor(const Sla& sla);
    /// Throws std::out_of_range for an index past the last series.
    void checkSeries(std::size_t series) const;
    [[nodiscard]] std::uint32_t globalIndex(std::size_t series, std::size_t point) const;
    /// The series counts output tokens only (its first point does; MLPerf with no scenario).
    [[nodiscard]] bool outputOnly(std::size_t series) const {
        return seriesStart[series] < seriesStart[series + 1] &&
               columns.outputOnly(seriesStart[series]);
    }
    [[nodiscard]] const SampleSet* samplesOf(std::uint32_t point) const;

    // --- evaluation (SeriesEvaluation.cpp) ---
    [[nodiscard]] std::shared_ptr<const HardwareCosts>
    hardwareCosts(const CostSettings& cost) const;
    /// `memo`, when given, holds the slopes of the segment last interpolated on (from the
    /// same frontier set) and is updated.
    [[nodiscard]] BestChoice choose(std::size_t series, const FrontierSet& frontiers,
                                    const Sla& sla, SegmentMemo* memo = nullptr) const;
    /// `memo`, when given, is the series' (as choose() left it) and is updated.
    [[nodiscard]] ResolvedBest resolve(const BestChoice& choice, const FrontierSet& frontiers,
                                       const Sla& sla, SegmentMemo* memo = nullptr) const;
    /// Writes every member of `result` but `series` (which it reads). `costPerMTotal` is
    /// the costs' cost per 1M tokens at the best point's throughput, computed already.
    void fillResult(SeriesResult& result, const ResolvedBest& best, const HardwareCosts& costs,
                    std::optional<double> costPerMTotal) const;
    [[nodiscard]] std::optional<double> tputAt(std::size_t series, const FrontierSet& frontiers,
                                               double interactivity) const;
    [[nodiscard]] bool passesConfiguration(std::uint32_t point) const;
    /// Ranks every enabled series and offer into `into` (its capacity reused).
    void rankAll(const Sla& sla, const CostSettings& cost, const Workload& workload,
                 const FrontierSet& frontiers, Ranking& into) const;
};

} // namespace tokenomics
