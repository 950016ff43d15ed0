#pragma once
/// The cost engine: frontiers per series, best point under an SLA, goodput and the ranking.
//
// Rules the engine applies where PRODUCT.md §2 leaves a choice (details in RankingEngine.cpp,
// SeriesEvaluation.cpp, FrontierIndex.cpp):
// - Figures are held as floats: six significant digits read back exactly, seven almost
//   always. Thresholds are compared at that precision (a TTFT of 0.2445 s meets ≤ 0.2445).
// - A point is on no frontier unless its interactivity at the SLA's statistic and its
//   throughput are known and positive: a point without p99 figures is left out at p99.
//   A figure a threshold needs but the point lacks fails the threshold.
// - Equal interactivity: the higher throughput dominates; of exact twins the first added
//   point stays.
// - With an attainment target a point needs per-request samples; a request is good when it
//   meets every threshold, min interactivity included (TPOT ≤ 1 / I*).
// - Between two knots (Steffen, as d3.curveMonotoneX, on the stored figures): output and
//   input throughput move by the same fraction as the total; TTFT is the larger of the two
//   knots' (conservative); goodput is the interpolated throughput; with an attainment
//   target the smaller of the two knots' attainments is reported. An infeasible series has
//   goodput 0 and no other figure but its $/GPU-hour.
// - All-in kW: the chosen cost basis's, else any basis of that hardware with one (a basis's
//   ownership inputs count). allInKwPerGpu(series) prefers the default basis key.
// - Offers: an unknown speed cannot meet a min-interactivity threshold (infeasible); an
//   unpublished TTFT is not held against an offer. Offers without a workload price (ISL +
//   OSL = 0) sort after priced ones.
// - Const member functions may be called from several threads at once (an internal mutex
//   orders them); adding points or changing filters needs exclusive access.

#include "CatalogTypes.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tokenomics {

/// A measured point on a series' frontier (after the non-interactivity thresholds).
struct FrontierKnot {
    double interactivity = 0; // tokens/s per user at the SLA's statistic
    double tputPerGpu = 0;
    std::size_t point = 0; // index of the point in its series, in insertion order
};

/// The best point of one series under an SLA, with its costs. Unknown figures are empty.
struct SeriesResult {
    std::size_t series = 0; // index in insertion order
    bool feasible = false;
    bool interpolated = false;        // between two frontier knots (Steffen monotone cubic)
    std::optional<std::size_t> point; // the measured point, when not interpolated
    std::optional<std::size_t> lowerKnotPoint; // when interpolated: the knot at or below
    std::optional<double> interactivity;
    std::optional<double> tputPerGpu;
    std::optional<double> outputTputPerGpu;
    std::optional<double> inputTputPerGpu;
    std::optional<double> ttftSeconds;
    std::optional<double> usdPerGpuHour;
    std::optional<double> costPerMTotal;
    std::optional<double> costPerMOutput;
    std::optional<double> costPerMInput;
    std::optional<double> tokensPerMw;
    std::optional<double> joulesPerToken;
    std::optional<double> sloAttainment; // known only with per-request samples
    std::optional<double> goodputPerGpu;
};

/// An API offer under the same SLA.
struct OfferResult {
    std::size_t offer = 0; // index in insertion order
    double blendedUsdPerM = 0;
    std::optional<double> workloadUsdPerM;
    bool feasible = false; // meets every threshold it has figures for
    bool speedKnown = false;
};

/// Series and offers, each sorted by cost per 1M tokens ascending, infeasible and unknown last.
struct Ranking {
    std::vector<SeriesResult> series;
    std::vector<OfferResult> offers;
};

/// The ISL/OSL a buyer's workload has, for pricing API offers comparably.
struct Workload {
    int isl = 1024;
    int osl = 1024;
};

/// Holds series in a compact layout, keeps sorted points and frontiers so that
/// a threshold change re-ranks without rebuilding.
class RankingEngine {
public:
    RankingEngine();
    ~RankingEngine();
    RankingEngine(RankingEngine&&) noexcept;
    RankingEngine& operator=(RankingEngine&&) noexcept;

    /// Copies the catalog's series, cost bases and offers into a new engine.
    static RankingEngine fromCatalog(const Catalog& catalog);

    // --- building (streaming, so 1M points never exist as rich structs) ---
    void reserve(std::size_t seriesCount, std::size_t pointCount);
    std::size_t addSeries(const SeriesKey& key);
    void addPoint(std::size_t series, const PointFigures& figures,
                  const SampleSet* samples = nullptr);
    void setCostBases(std::vector<CostBasis> costBases);
    void setOffers(std::vector<ProviderOffer> offers);
    void setQualityScores(std::vector<QualityScore> scores);

    [[nodiscard]] std::size_t seriesCount() const;
    [[nodiscard]] std::size_t pointCount() const;
    [[nodiscard]] std::size_t pointCount(std::size_t series) const;
    [[nodiscard]] const SeriesKey& seriesKey(std::size_t series) const;
    [[nodiscard]] PointFigures pointFigures(std::size_t series, std::size_t point) const;
    [[nodiscard]] std::size_t residentBytes() const;

    // --- what takes part ---
    void setConfigurationFilter(const ConfigurationFilter& filter);
    /// Series not enabled are left out of rankings (model/hardware/engine/... filters).
    void setSeriesEnabled(std::size_t series, bool enabled);
    void setOfferEnabled(std::size_t offer, bool enabled);

    // --- answers ---
    [[nodiscard]] Ranking rank(const Sla& sla, const CostSettings& cost,
                               const Workload& workload = {}) const;
    /// The same ranking written into `into`, reusing its vectors' capacity: once it has
    /// held a ranking this large, re-ranking allocates nothing (for drags).
    void rank(const Sla& sla, const CostSettings& cost, const Workload& workload,
              Ranking& into) const;
    [[nodiscard]] SeriesResult evaluate(std::size_t series, const Sla& sla,
                                        const CostSettings& cost) const;
    /// Frontier knots sorted by interactivity ascending (throughput then descending).
    [[nodiscard]] std::vector<FrontierKnot> frontier(std::size_t series, const Sla& sla) const;
    /// Interpolated throughput on the frontier; empty outside its ends.
    [[nodiscard]] std::optional<double> tputPerGpuAt(std::size_t series, double interactivity,
                                                     const Sla& sla) const;
    /// Cost per 1M total tokens at an interactivity; empty past the frontier or without a cost.
    [[nodiscard]] std::optional<double> costPerMTotalAt(std::size_t series, double interactivity,
                                                        const Sla& sla,
                                                        const CostSettings& cost) const;
    /// Whether a point was imported with its per-request samples.
    [[nodiscard]] bool pointHasSamples(std::size_t series, std::size_t point) const;
    /// Whether a measured point meets every threshold of the SLA at its statistic.
    [[nodiscard]] bool pointMeetsSla(std::size_t series, std::size_t point, const Sla& sla) const;
    /// The $/GPU-hour the cost settings give a series' hardware; empty when it has none.
    [[nodiscard]] std::optional<double> usdPerGpuHour(std::size_t series,
                                                      const CostSettings& cost) const;
    [[nodiscard]] std::optional<double> allInKwPerGpu(std::size_t series) const;
    /// The ownership inputs behind a series' $/GPU-hour under the "owned" basis (without a
    /// $/GPU-hour override); empty otherwise or when its purchase price or power is unknown.
    [[nodiscard]] std::optional<OwnershipInputs> ownershipInputs(std::size_t series,
                                                                 const CostSettings& cost) const;
    /// Quality of the series' precision vs baseline for its model, where the catalog knows it.
    [[nodiscard]] std::vector<QualityScore> qualityOf(std::size_t series) const;
    [[nodiscard]] const std::vector<ProviderOffer>& offers() const;
    [[nodiscard]] std::vector<std::string> costBasisKeys() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace tokenomics
