#include "RankingEngine.h"

#include "CostModel.h"
#include "Goodput.h"
#include "MonotoneCubic.h"
#include "ParetoFrontier.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace tokenomics {
namespace {

bool positiveFinite(std::optional<double> value) {
    return value && std::isfinite(*value) && *value > 0;
}

/// Whether a figure meets a "≤ limit" threshold; an unknown figure cannot be shown to.
bool withinLimit(std::optional<double> figure, std::optional<double> limit) {
    return !limit || (figure && std::isfinite(*figure) && *figure <= *limit);
}

struct SeriesData {
    SeriesKey key;
    std::vector<PointFigures> points;
    std::vector<std::optional<SampleSet>> samples;
    bool enabled = true;
};

} // namespace

struct RankingEngine::Impl {
    std::vector<SeriesData> series;
    std::vector<CostBasis> costBases;
    std::vector<ProviderOffer> offers;
    std::vector<bool> offerEnabled;
    std::vector<QualityScore> qualityScores;
    ConfigurationFilter configurationFilter;

    bool passesConfiguration(const PointFigures& figures) const {
        const auto& counts = configurationFilter.gpuCounts;
        if (!counts.empty() &&
            std::find(counts.begin(), counts.end(), figures.gpus) == counts.end())
            return false;
        return !configurationFilter.disaggregated ||
               *configurationFilter.disaggregated == figures.disaggregated;
    }

    /// Step 1 of PRODUCT.md §2: configuration filter, TTFT, E2E and attainment thresholds.
    bool passesNonInteractivity(std::size_t seriesIndex, std::size_t point, const Sla& sla) const {
        const auto& data = series[seriesIndex];
        const auto& figures = data.points[point];
        if (!passesConfiguration(figures))
            return false;
        if (!withinLimit(figures.ttftSeconds.at(sla.statistic), sla.maxTtftSeconds) ||
            !withinLimit(figures.e2elSeconds.at(sla.statistic), sla.maxE2elSeconds))
            return false;
        if (sla.minAttainment) {
            const auto& samples = data.samples[point];
            const auto attainment = samples ? sloAttainment(*samples, sla) : std::nullopt;
            if (!attainment || *attainment < *sla.minAttainment)
                return false;
        }
        return true;
    }

    std::vector<FrontierKnot> frontierOf(std::size_t seriesIndex, const Sla& sla) const {
        const auto& data = series[seriesIndex];
        std::vector<FrontierCandidate> candidates;
        for (std::size_t point = 0; point < data.points.size(); ++point) {
            const auto& figures = data.points[point];
            const auto interactivity = figures.interactivity.at(sla.statistic);
            // A point without the statistic's interactivity or without throughput cannot
            // be placed on the frontier.
            if (!positiveFinite(interactivity) || !positiveFinite(figures.tputPerGpu))
                continue;
            if (!passesNonInteractivity(seriesIndex, point, sla))
                continue;
            candidates.push_back({*interactivity, *figures.tputPerGpu, point});
        }
        std::vector<FrontierKnot> knots;
        for (const auto& kept : paretoFrontier(candidates))
            knots.push_back({kept.interactivity, kept.tputPerGpu, kept.index});
        return knots;
    }

    const CostBasis* costBasisFor(std::size_t seriesIndex, const std::string& key) const {
        const auto& hardware = series[seriesIndex].key.hardware;
        for (const auto& basis : costBases) {
            if (basis.hardware == hardware && basis.key == key)
                return &basis;
        }
        return nullptr;
    }

    std::optional<double> usdPerGpuHourFor(std::size_t seriesIndex,
                                           const CostSettings& cost) const {
        if (cost.usdPerGpuHourOverride)
            return cost.usdPerGpuHourOverride;
        const auto* basis = costBasisFor(seriesIndex, cost.costBasisKey);
        return basis ? tokenomics::usdPerGpuHour(*basis) : std::nullopt;
    }

    std::optional<double> allInKwFor(std::size_t seriesIndex, const std::string& key) const {
        auto kwOf = [](const CostBasis& basis) -> std::optional<double> {
            if (positiveFinite(basis.allInKwPerGpu))
                return basis.allInKwPerGpu;
            if (basis.ownership && positiveFinite(basis.ownership->allInKw))
                return basis.ownership->allInKw;
            return std::nullopt;
        };
        if (const auto* basis = costBasisFor(seriesIndex, key)) {
            if (const auto kw = kwOf(*basis))
                return kw;
        }
        const auto& hardware = series[seriesIndex].key.hardware;
        for (const auto& basis : costBases) {
            if (basis.hardware == hardware) {
                if (const auto kw = kwOf(basis))
                    return kw;
            }
        }
        return std::nullopt;
    }

    /// Fills the costs and power figures from the result's throughputs.
    void fillCosts(SeriesResult& result, const CostSettings& cost) const {
        result.usdPerGpuHour = usdPerGpuHourFor(result.series, cost);
        result.costPerMTotal =
            costPerMillionTokens(result.usdPerGpuHour, result.tputPerGpu, cost.utilization);
        result.costPerMOutput =
            costPerMillionTokens(result.usdPerGpuHour, result.outputTputPerGpu, cost.utilization);
        result.costPerMInput =
            costPerMillionTokens(result.usdPerGpuHour, result.inputTputPerGpu, cost.utilization);
        const auto kw = allInKwFor(result.series, cost.costBasisKey);
        result.tokensPerMw = tokensPerMegawatt(result.tputPerGpu, kw);
        result.joulesPerToken = joulesPerToken(result.tputPerGpu, kw);
    }

    void fillMeasured(SeriesResult& result, std::size_t point, const Sla& sla) const {
        const auto& data = series[result.series];
        const auto& figures = data.points[point];
        result.point = point;
        result.interactivity = figures.interactivity.at(sla.statistic);
        result.tputPerGpu = figures.tputPerGpu;
        result.outputTputPerGpu = figures.outputTputPerGpu;
        result.inputTputPerGpu = figures.inputTputPerGpu;
        result.ttftSeconds = figures.ttftSeconds.at(sla.statistic);
        if (const auto& samples = data.samples[point]) {
            result.sloAttainment = sloAttainment(*samples, sla);
            result.goodputPerGpu = goodputPerGpu(*samples, figures.gpus, sla);
        } else {
            // A frontier point at or above I* meets the SLA at its statistic.
            result.goodputPerGpu = figures.tputPerGpu;
        }
    }

    SeriesResult evaluateSeries(std::size_t seriesIndex, const Sla& sla,
                                const CostSettings& cost) const;
};

namespace {
/// Output or input throughput between two knots, moved by the same fraction of the way as
/// the total throughput: consistent with the interpolated total, through both knots, and
/// never outside their values.
std::optional<double> alongTotal(std::optional<double> lower, std::optional<double> upper,
                                 double fraction) {
    if (!lower || !upper)
        return std::nullopt;
    return *lower + (*upper - *lower) * fraction;
}

std::optional<double> maxKnown(std::optional<double> a, std::optional<double> b) {
    if (!a || !b)
        return std::nullopt;
    return std::max(*a, *b);
}
} // namespace

SeriesResult RankingEngine::Impl::evaluateSeries(std::size_t seriesIndex, const Sla& sla,
                                                 const CostSettings& cost) const {
    SeriesResult result;
    result.series = seriesIndex;
    const auto knots = frontierOf(seriesIndex, sla);
    const double target = sla.minInteractivity.value_or(0.0);
    if (knots.empty() || target > knots.back().interactivity) {
        result.usdPerGpuHour = usdPerGpuHourFor(seriesIndex, cost);
        return result;
    }
    result.feasible = true;
    // Knots ascend in interactivity; the first at or above I* ends the search.
    const auto upper = std::lower_bound(
        knots.begin(), knots.end(), target,
        [](const FrontierKnot& knot, double value) { return knot.interactivity < value; });
    if (upper == knots.begin() || upper->interactivity == target) {
        fillMeasured(result, upper->point, sla);
    } else {
        const auto lower = upper - 1;
        std::vector<double> xs;
        std::vector<double> ys;
        for (const auto& knot : knots) {
            xs.push_back(knot.interactivity);
            ys.push_back(knot.tputPerGpu);
        }
        const double tput = *interpolateMonotoneCubic(xs, ys, target);
        const double fraction =
            (lower->tputPerGpu - tput) / (lower->tputPerGpu - upper->tputPerGpu);
        const auto& points = series[seriesIndex].points;
        const auto& lowerFigures = points[lower->point];
        const auto& upperFigures = points[upper->point];
        result.interpolated = true;
        result.lowerKnotPoint = lower->point;
        result.interactivity = target;
        result.tputPerGpu = tput;
        result.outputTputPerGpu =
            alongTotal(lowerFigures.outputTputPerGpu, upperFigures.outputTputPerGpu, fraction);
        result.inputTputPerGpu =
            alongTotal(lowerFigures.inputTputPerGpu, upperFigures.inputTputPerGpu, fraction);
        // Conservative: the larger TTFT of the two neighbouring knots.
        result.ttftSeconds = maxKnown(lowerFigures.ttftSeconds.at(sla.statistic),
                                      upperFigures.ttftSeconds.at(sla.statistic));
        result.goodputPerGpu = tput;
        if (sla.minAttainment) {
            // Both knots passed the target; the smaller of their attainments bounds it.
            const auto& samples = series[seriesIndex].samples;
            const auto a = sloAttainment(*samples[lower->point], sla);
            const auto b = sloAttainment(*samples[upper->point], sla);
            result.sloAttainment = std::min(*a, *b);
        }
    }
    fillCosts(result, cost);
    return result;
}

RankingEngine::RankingEngine()
    : impl_(std::make_unique<Impl>()) {}
RankingEngine::~RankingEngine() = default;
RankingEngine::RankingEngine(RankingEngine&&) noexcept = default;
RankingEngine& RankingEngine::operator=(RankingEngine&&) noexcept = default;

RankingEngine RankingEngine::fromCatalog(const Catalog& catalog) {
    RankingEngine engine;
    std::size_t pointTotal = 0;
    for (const auto& series : catalog.series)
        pointTotal += series.points.size();
    engine.reserve(catalog.series.size(), pointTotal);
    for (const auto& series : catalog.series) {
        const auto index = engine.addSeries(series.key);
        for (const auto& point : series.points)
            engine.addPoint(index, point.figures, point.samples ? &*point.samples : nullptr);
    }
    engine.setCostBases(catalog.costBases);
    engine.setOffers(catalog.offers);
    engine.setQualityScores(catalog.qualityScores);
    return engine;
}

void RankingEngine::reserve(std::size_t seriesCount, std::size_t /*pointCount*/) {
    impl_->series.reserve(seriesCount);
}

std::size_t RankingEngine::addSeries(const SeriesKey& key) {
    impl_->series.push_back({key, {}, {}, true});
    return impl_->series.size() - 1;
}

void RankingEngine::addPoint(std::size_t series, const PointFigures& figures,
                             const SampleSet* samples) {
    auto& data = impl_->series.at(series);
    data.points.push_back(figures);
    data.samples.push_back(samples ? std::optional<SampleSet>(*samples) : std::nullopt);
}

void RankingEngine::setCostBases(std::vector<CostBasis> costBases) {
    impl_->costBases = std::move(costBases);
}

void RankingEngine::setOffers(std::vector<ProviderOffer> offers) {
    impl_->offers = std::move(offers);
    impl_->offerEnabled.assign(impl_->offers.size(), true);
}

void RankingEngine::setQualityScores(std::vector<QualityScore> scores) {
    impl_->qualityScores = std::move(scores);
}

std::size_t RankingEngine::seriesCount() const {
    return impl_->series.size();
}

std::size_t RankingEngine::pointCount() const {
    std::size_t total = 0;
    for (const auto& data : impl_->series)
        total += data.points.size();
    return total;
}

std::size_t RankingEngine::pointCount(std::size_t series) const {
    return impl_->series.at(series).points.size();
}

const SeriesKey& RankingEngine::seriesKey(std::size_t series) const {
    return impl_->series.at(series).key;
}

PointFigures RankingEngine::pointFigures(std::size_t series, std::size_t point) const {
    return impl_->series.at(series).points.at(point);
}

std::size_t RankingEngine::residentBytes() const {
    std::size_t bytes = sizeof(Impl) + impl_->series.capacity() * sizeof(SeriesData);
    for (const auto& data : impl_->series) {
        bytes += data.points.capacity() * sizeof(PointFigures);
        bytes += data.samples.capacity() * sizeof(std::optional<SampleSet>);
        for (const auto& samples : data.samples) {
            if (samples)
                bytes += samples->requests.capacity() * sizeof(RequestSample);
        }
    }
    return bytes;
}

void RankingEngine::setConfigurationFilter(const ConfigurationFilter& filter) {
    impl_->configurationFilter = filter;
}

void RankingEngine::setSeriesEnabled(std::size_t series, bool enabled) {
    impl_->series.at(series).enabled = enabled;
}

void RankingEngine::setOfferEnabled(std::size_t offer, bool enabled) {
    impl_->offerEnabled.at(offer) = enabled;
}

namespace {
/// 0: feasible with a cost, 1: feasible without one, 2: infeasible.
int rankGroup(const SeriesResult& result) {
    if (!result.feasible)
        return 2;
    return result.costPerMTotal ? 0 : 1;
}

OfferResult evaluateOffer(const ProviderOffer& offer, std::size_t index, const Sla& sla,
                          const Workload& workload) {
    OfferResult result;
    result.offer = index;
    result.blendedUsdPerM = blendedUsdPerM(offer);
    result.workloadUsdPerM = workloadUsdPerM(offer, workload.isl, workload.osl);
    result.speedKnown = positiveFinite(offer.outputTokensPerSecond);
    // Speed must be shown to meet a min-interactivity threshold; a TTFT the provider does
    // not publish is not held against it (the offer is judged on the figures it has).
    const bool speedOk =
        !sla.minInteractivity ||
        (result.speedKnown && *offer.outputTokensPerSecond >= *sla.minInteractivity);
    const bool ttftOk =
        !sla.maxTtftSeconds || !offer.ttftSeconds || *offer.ttftSeconds <= *sla.maxTtftSeconds;
    result.feasible = speedOk && ttftOk;
    return result;
}
} // namespace

Ranking RankingEngine::rank(const Sla& sla, const CostSettings& cost,
                            const Workload& workload) const {
    Ranking ranking;
    for (std::size_t index = 0; index < impl_->series.size(); ++index) {
        if (impl_->series[index].enabled)
            ranking.series.push_back(impl_->evaluateSeries(index, sla, cost));
    }
    std::stable_sort(ranking.series.begin(), ranking.series.end(),
                     [](const SeriesResult& a, const SeriesResult& b) {
                         const int groupA = rankGroup(a);
                         const int groupB = rankGroup(b);
                         if (groupA != groupB)
                             return groupA < groupB;
                         if (groupA == 0 && *a.costPerMTotal != *b.costPerMTotal)
                             return *a.costPerMTotal < *b.costPerMTotal;
                         return a.series < b.series;
                     });
    for (std::size_t index = 0; index < impl_->offers.size(); ++index) {
        if (impl_->offerEnabled[index])
            ranking.offers.push_back(evaluateOffer(impl_->offers[index], index, sla, workload));
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

SeriesResult RankingEngine::evaluate(std::size_t series, const Sla& sla,
                                     const CostSettings& cost) const {
    impl_->series.at(series);
    return impl_->evaluateSeries(series, sla, cost);
}

std::vector<FrontierKnot> RankingEngine::frontier(std::size_t series, const Sla& sla) const {
    impl_->series.at(series);
    return impl_->frontierOf(series, sla);
}

std::optional<double> RankingEngine::tputPerGpuAt(std::size_t series, double interactivity,
                                                  const Sla& sla) const {
    const auto knots = frontier(series, sla);
    std::vector<double> xs;
    std::vector<double> ys;
    for (const auto& knot : knots) {
        xs.push_back(knot.interactivity);
        ys.push_back(knot.tputPerGpu);
    }
    return interpolateMonotoneCubic(xs, ys, interactivity);
}

std::optional<double> RankingEngine::costPerMTotalAt(std::size_t series, double interactivity,
                                                     const Sla& sla,
                                                     const CostSettings& cost) const {
    return costPerMillionTokens(usdPerGpuHour(series, cost),
                                tputPerGpuAt(series, interactivity, sla), cost.utilization);
}

bool RankingEngine::pointMeetsSla(std::size_t series, std::size_t point, const Sla& sla) const {
    const auto& figures = impl_->series.at(series).points.at(point);
    if (!impl_->passesNonInteractivity(series, point, sla))
        return false;
    if (!sla.minInteractivity)
        return true;
    const auto interactivity = figures.interactivity.at(sla.statistic);
    return interactivity && std::isfinite(*interactivity) &&
           *interactivity >= *sla.minInteractivity;
}

std::optional<double> RankingEngine::usdPerGpuHour(std::size_t series,
                                                   const CostSettings& cost) const {
    impl_->series.at(series);
    return impl_->usdPerGpuHourFor(series, cost);
}

std::optional<double> RankingEngine::allInKwPerGpu(std::size_t series) const {
    impl_->series.at(series);
    return impl_->allInKwFor(series, CostSettings{}.costBasisKey);
}

std::vector<QualityScore> RankingEngine::qualityOf(std::size_t series) const {
    const auto& key = impl_->series.at(series).key;
    std::vector<QualityScore> scores;
    for (const auto& score : impl_->qualityScores) {
        if (score.model == key.model && score.precision == key.precision)
            scores.push_back(score);
    }
    return scores;
}

const std::vector<ProviderOffer>& RankingEngine::offers() const {
    return impl_->offers;
}

std::vector<std::string> RankingEngine::costBasisKeys() const {
    std::set<std::string> keys;
    for (const auto& basis : impl_->costBases)
        keys.insert(basis.key);
    return {keys.begin(), keys.end()};
}

} // namespace tokenomics
