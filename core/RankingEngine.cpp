#include "RankingEngine.h"

#include "CostModel.h"
#include "EngineState.h"
#include "Goodput.h"

#include <algorithm>
#include <limits>
#include <set>
#include <stdexcept>

namespace tokenomics {
namespace {
constexpr std::size_t frontierCacheSize = 2; // the current thresholds and the previous ones
constexpr std::size_t maxPoints = std::numeric_limits<std::uint32_t>::max() - 1;

/// Heap bytes a string owns beyond its own object (libstdc++ keeps ≤ 15 chars inline).
std::size_t heapBytes(const std::string& text) {
    return text.capacity() > 15 ? text.capacity() + 1 : 0;
}

std::size_t residentBytesOf(const SeriesKey& key) {
    return heapBytes(key.model) + heapBytes(key.hardware) + heapBytes(key.engine) +
           heapBytes(key.precision) + heapBytes(key.specDecoding) + heapBytes(key.run);
}

float thresholdOrNaN(std::optional<double> threshold) {
    return threshold ? storedFloat(threshold) : std::numeric_limits<float>::quiet_NaN();
}
} // namespace

void RankingEngine::Impl::markChanged() {
    ready = false;
    frontierCache.clear();
}

void RankingEngine::Impl::makeReady() {
    if (ready)
        return;
    const std::size_t seriesCount = keys.size();
    seriesStart.assign(seriesCount + 1, 0);
    for (std::size_t s = 0; s < seriesCount; ++s)
        seriesStart[s + 1] = seriesStart[s] + seriesPointCount[s];
    if (!grouped) {
        // Stable counting sort by series: order[new] = old.
        std::vector<std::uint32_t> next(seriesStart.begin(), seriesStart.end() - 1);
        std::vector<std::uint32_t> order(columns.size());
        std::vector<std::uint32_t> newIndex(columns.size());
        for (std::uint32_t old = 0; old < pointSeries.size(); ++old) {
            const auto to = next[pointSeries[old]]++;
            order[to] = old;
            newIndex[old] = to;
        }
        columns.permute(order);
        std::vector<std::size_t> sampleOrder(samplePoint.size());
        for (std::size_t i = 0; i < samplePoint.size(); ++i) {
            samplePoint[i] = newIndex[samplePoint[i]];
            sampleOrder[i] = i;
        }
        std::sort(sampleOrder.begin(), sampleOrder.end(),
                  [&](std::size_t a, std::size_t b) { return samplePoint[a] < samplePoint[b]; });
        std::vector<std::uint32_t> sortedPoints;
        std::vector<SampleSet> sortedSets;
        for (const auto i : sampleOrder) {
            sortedPoints.push_back(samplePoint[i]);
            sortedSets.push_back(std::move(sampleSets[i]));
        }
        samplePoint.swap(sortedPoints);
        sampleSets.swap(sortedSets);
        std::vector<std::uint32_t>().swap(pointSeries);
        grouped = true;
        lastSeries = seriesCount == 0 ? 0 : static_cast<std::uint32_t>(seriesCount - 1);
    }
    const auto largest = seriesPointCount.empty()
                             ? 0u
                             : *std::max_element(seriesPointCount.begin(), seriesPointCount.end());
    indexWidth = localIndexWidth(largest);
    orders.build(columns, seriesStart, indexWidth, helper);
    frontierCache.clear();
    ready = true;
}

std::unique_lock<std::mutex> RankingEngine::Impl::prepare() {
    std::unique_lock lock(mutex);
    makeReady();
    return lock;
}

void RankingEngine::Impl::checkSeries(std::size_t series) const {
    if (series >= keys.size())
        throw std::out_of_range("RankingEngine: no series " + std::to_string(series));
}

std::uint32_t RankingEngine::Impl::globalIndex(std::size_t series, std::size_t point) const {
    if (series >= keys.size() || point >= seriesPointCount[series])
        throw std::out_of_range("RankingEngine: no point " + std::to_string(point) + " in series " +
                                std::to_string(series));
    return seriesStart[series] + static_cast<std::uint32_t>(point);
}

const SampleSet* RankingEngine::Impl::samplesOf(std::uint32_t point) const {
    const auto found = std::lower_bound(samplePoint.begin(), samplePoint.end(), point);
    if (found == samplePoint.end() || *found != point)
        return nullptr;
    return &sampleSets[static_cast<std::size_t>(found - samplePoint.begin())];
}

std::shared_ptr<const FrontierSet> RankingEngine::Impl::frontiersFor(const Sla& sla) {
    FrontierKey key;
    key.statistic = sla.statistic;
    key.maxTtftSeconds = thresholdOrNaN(sla.maxTtftSeconds);
    key.maxE2elSeconds = thresholdOrNaN(sla.maxE2elSeconds);
    const double none = std::numeric_limits<double>::quiet_NaN();
    key.minAttainment = sla.minAttainment.value_or(none);
    // Attainment counts requests that meet every threshold, speed included.
    key.attainmentInteractivity = sla.minAttainment ? sla.minInteractivity.value_or(-1.0) : none;
    key.filterVersion = filterVersion;
    const auto previousFront = frontierCache.empty() ? nullptr : frontierCache.front();
    auto found = std::find_if(frontierCache.begin(), frontierCache.end(),
                              [&](const auto& cached) { return cached->key.sameAs(key); });
    if (found != frontierCache.end()) {
        std::rotate(frontierCache.begin(), found, found + 1);
    } else {
        // The least recent set's vectors are reused: no fresh pages to fault in.
        std::shared_ptr<FrontierSet> target;
        if (frontierCache.size() >= frontierCacheSize) {
            target = frontierCache.back();
            frontierCache.pop_back();
        } else {
            target = std::make_shared<FrontierSet>();
        }
        auto attainmentOf = [&](std::size_t point) -> std::optional<double> {
            const auto* samples = samplesOf(static_cast<std::uint32_t>(point));
            return samples ? sloAttainment(*samples, sla) : std::nullopt;
        };
        computeFrontiers(columns, seriesStart, orders, key, configurationFilter, attainmentOf,
                         helper, *target);
        frontierCache.insert(frontierCache.begin(), std::move(target));
    }
    // Only the set in use keeps its knots' figures (a copy, for memory); it takes over the
    // storage of the set that had them.
    auto& front = *frontierCache.front();
    if (!front.hasKnotFigures()) {
        if (previousFront && previousFront.get() != &front)
            front.adoptKnotFigureStorage(*previousFront);
        front.fillKnotFigures(columns, seriesStart, helper);
    }
    for (std::size_t i = 1; i < frontierCache.size(); ++i)
        frontierCache[i]->dropKnotFigures();
    return frontierCache.front();
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

void RankingEngine::reserve(std::size_t seriesCount, std::size_t pointCount) {
    auto& impl = *impl_;
    impl.keys.reserve(seriesCount);
    impl.hardwareOf.reserve(seriesCount);
    impl.seriesPointCount.reserve(seriesCount);
    impl.seriesEnabled.reserve(seriesCount);
    impl.seriesStart.reserve(seriesCount + 1);
    impl.columns.reserve(pointCount);
}

std::size_t RankingEngine::addSeries(const SeriesKey& key) {
    auto& impl = *impl_;
    const auto [found, added] = impl.hardwareIds.try_emplace(
        key.hardware, static_cast<std::uint32_t>(impl.hardwareNames.size()));
    if (added)
        impl.hardwareNames.push_back(key.hardware);
    impl.keys.push_back(key);
    impl.hardwareOf.push_back(found->second);
    impl.seriesPointCount.push_back(0);
    impl.seriesEnabled.push_back(1);
    impl.markChanged();
    return impl.keys.size() - 1;
}

void RankingEngine::addPoint(std::size_t series, const PointFigures& figures,
                             const SampleSet* samples) {
    auto& impl = *impl_;
    if (series >= impl.keys.size())
        throw std::out_of_range("RankingEngine::addPoint: no series " + std::to_string(series));
    if (impl.columns.size() >= maxPoints)
        throw std::length_error("RankingEngine::addPoint: more than 4 billion points");
    const auto s = static_cast<std::uint32_t>(series);
    const bool continues = impl.columns.size() == 0 || s == impl.lastSeries ||
                           (s > impl.lastSeries && impl.seriesPointCount[s] == 0);
    if (impl.grouped && !continues) {
        // Points arrive out of series order: remember each point's series from now on.
        impl.grouped = false;
        impl.pointSeries.reserve(impl.columns.size() + 1);
        for (std::uint32_t k = 0; k < impl.keys.size(); ++k)
            impl.pointSeries.insert(impl.pointSeries.end(), impl.seriesPointCount[k], k);
    }
    if (!impl.grouped)
        impl.pointSeries.push_back(s);
    impl.lastSeries = s;
    const auto global = static_cast<std::uint32_t>(impl.columns.size());
    const bool hasSamples = samples != nullptr;
    const SeriesKey& key = impl.keys[s];
    if (!figures.tputPerGpu && figures.outputTputPerGpu && key.isl > 0 && key.osl > 0) {
        // Output tokens only, in a known scenario: the total follows from ISL/OSL
        // (PRODUCT.md §2), marked derived. Without the scenario it stays unknown.
        PointFigures derived = figures;
        derived.tputPerGpu =
            *figures.outputTputPerGpu * (static_cast<double>(key.isl) + key.osl) / key.osl;
        derived.tputDerived = true;
        impl.columns.append(derived, hasSamples);
    } else {
        impl.columns.append(figures, hasSamples);
    }
    if (hasSamples) {
        impl.samplePoint.push_back(global); // ascending while grouped; sorted when regrouped
        impl.sampleSets.push_back(*samples);
    }
    ++impl.seriesPointCount[s];
    impl.markChanged();
}

void RankingEngine::setCostBases(std::vector<CostBasis> costBases) {
    const std::lock_guard lock(impl_->costMutex);
    impl_->costBases = std::move(costBases);
    impl_->costCache.costs.reset();
}

void RankingEngine::setOffers(std::vector<ProviderOffer> offers) {
    impl_->offers = std::move(offers);
    impl_->offerEnabled.assign(impl_->offers.size(), 1);
}

void RankingEngine::setQualityScores(std::vector<QualityScore> scores) {
    impl_->qualityScores = std::move(scores);
}

std::size_t RankingEngine::seriesCount() const {
    return impl_->keys.size();
}

std::size_t RankingEngine::pointCount() const {
    return impl_->columns.size();
}

std::size_t RankingEngine::pointCount(std::size_t series) const {
    return impl_->seriesPointCount.at(series);
}

const SeriesKey& RankingEngine::seriesKey(std::size_t series) const {
    return impl_->keys.at(series);
}

PointFigures RankingEngine::pointFigures(std::size_t series, std::size_t point) const {
    const auto lock = impl_->prepare();
    return impl_->columns.figures(impl_->globalIndex(series, point));
}

std::size_t RankingEngine::residentBytes() const {
    const auto lock = impl_->prepare();
    const auto& impl = *impl_;
    std::size_t bytes = sizeof(RankingEngine) + sizeof(Impl) + impl.columns.residentBytes() +
                        impl.orders.residentBytes();
    bytes += impl.keys.capacity() * sizeof(SeriesKey);
    for (const auto& key : impl.keys)
        bytes += residentBytesOf(key);
    bytes +=
        (impl.hardwareOf.capacity() + impl.seriesPointCount.capacity() +
         impl.seriesStart.capacity() + impl.pointSeries.capacity() + impl.samplePoint.capacity()) *
            sizeof(std::uint32_t) +
        impl.seriesEnabled.capacity() + impl.offerEnabled.capacity();
    for (const auto& name : impl.hardwareNames)
        bytes += sizeof(std::string) + heapBytes(name);
    // unordered_map: one node (key, value, hash, next) per hardware plus the bucket array.
    bytes += impl.hardwareIds.size() * (sizeof(std::string) + 3 * sizeof(void*)) +
             impl.hardwareIds.bucket_count() * sizeof(void*);
    bytes += impl.sampleSets.capacity() * sizeof(SampleSet);
    for (const auto& set : impl.sampleSets)
        bytes += set.requests.capacity() * sizeof(RequestSample);
    for (const auto& frontiers : impl.frontierCache)
        bytes += frontiers->residentBytes();
    bytes += impl.rankScratch.residentBytes();
    bytes += impl.costBases.capacity() * sizeof(CostBasis) +
             impl.offers.capacity() * sizeof(ProviderOffer) +
             impl.qualityScores.capacity() * sizeof(QualityScore);
    for (const auto& basis : impl.costBases)
        bytes += heapBytes(basis.hardware) + heapBytes(basis.key) + heapBytes(basis.name) +
                 heapBytes(basis.provenance.source) + heapBytes(basis.provenance.date);
    for (const auto& offer : impl.offers)
        bytes += heapBytes(offer.model) + heapBytes(offer.provider) +
                 heapBytes(offer.provenance.source) + heapBytes(offer.provenance.date);
    for (const auto& score : impl.qualityScores)
        bytes += heapBytes(score.model) + heapBytes(score.precision) + heapBytes(score.checkpoint) +
                 heapBytes(score.benchmark) + heapBytes(score.baselinePrecision) +
                 heapBytes(score.provenance.source) + heapBytes(score.provenance.date);
    return bytes;
}

void RankingEngine::setConfigurationFilter(const ConfigurationFilter& filter) {
    impl_->configurationFilter = filter;
    ++impl_->filterVersion; // cached frontiers for the old filter no longer match any key
}

void RankingEngine::setSeriesEnabled(std::size_t series, bool enabled) {
    impl_->seriesEnabled.at(series) = enabled ? 1 : 0;
}

void RankingEngine::setOfferEnabled(std::size_t offer, bool enabled) {
    impl_->offerEnabled.at(offer) = enabled ? 1 : 0;
}

Ranking RankingEngine::rank(const Sla& sla, const CostSettings& cost,
                            const Workload& workload) const {
    Ranking ranking;
    rank(sla, cost, workload, ranking);
    return ranking;
}

void RankingEngine::rank(const Sla& sla, const CostSettings& cost, const Workload& workload,
                         Ranking& into) const {
    const auto lock = impl_->prepare();
    const auto frontiers = impl_->frontiersFor(sla);
    impl_->rankAll(sla, cost, workload, *frontiers, into);
}

SeriesResult RankingEngine::evaluate(std::size_t series, const Sla& sla,
                                     const CostSettings& cost) const {
    const auto lock = impl_->prepare();
    impl_->checkSeries(series);
    const auto frontiers = impl_->frontiersFor(sla);
    SeriesResult result;
    result.series = series;
    const auto best = impl_->resolve(impl_->choose(series, *frontiers, sla), *frontiers, sla);
    const auto costs = impl_->hardwareCosts(cost);
    const auto& formulas = costs->byHardware[impl_->hardwareOf[series]];
    const bool feasible = best.choice.kind != BestChoice::Kind::Infeasible;
    const bool total = feasible && !impl_->columns.outputOnly(best.choice.point);
    impl_->fillResult(result, best, *costs,
                      total ? formulas.costPerMillion(best.tputPerGpu) : std::nullopt);
    return result;
}

std::vector<FrontierKnot> RankingEngine::frontier(std::size_t series, const Sla& sla) const {
    const auto lock = impl_->prepare();
    impl_->checkSeries(series);
    const auto frontiers = impl_->frontiersFor(sla);
    std::vector<FrontierKnot> knots;
    if (impl_->outputOnly(series))
        return knots; // its total throughput is unknown: no curve of it
    for (auto k = frontiers->knotStart[series]; k < frontiers->knotStart[series + 1]; ++k) {
        knots.push_back({recoveredDouble(frontiers->knotInteractivity[k]),
                         recoveredDouble(frontiers->knotTputPerGpu[k]), frontiers->knots[k]});
    }
    return knots;
}

std::optional<double> RankingEngine::tputPerGpuAt(std::size_t series, double interactivity,
                                                  const Sla& sla) const {
    const auto lock = impl_->prepare();
    impl_->checkSeries(series);
    const auto frontiers = impl_->frontiersFor(sla);
    if (impl_->outputOnly(series))
        return std::nullopt;
    return impl_->tputAt(series, *frontiers, interactivity);
}

std::optional<double> RankingEngine::costPerMTotalAt(std::size_t series, double interactivity,
                                                     const Sla& sla,
                                                     const CostSettings& cost) const {
    return costPerMillionTokens(usdPerGpuHour(series, cost),
                                tputPerGpuAt(series, interactivity, sla), cost.utilization);
}

bool RankingEngine::pointHasSamples(std::size_t series, std::size_t point) const {
    const auto lock = impl_->prepare();
    return impl_->columns.hasSamples(impl_->globalIndex(series, point));
}

bool RankingEngine::pointMeetsSla(std::size_t series, std::size_t point, const Sla& sla) const {
    const auto lock = impl_->prepare();
    const auto& impl = *impl_;
    const auto global = impl.globalIndex(series, point);
    const auto& columns = impl.columns;
    auto within = [&](FigureColumn first, std::optional<double> limit) {
        // Compared at the precision the figures are held (float), like the frontier pass.
        return !limit ||
               columns.value(columnAt(first, sla.statistic), global) <= storedFloat(limit);
    };
    if (!impl.passesConfiguration(global) || !within(FigureColumn::TtftP50, sla.maxTtftSeconds) ||
        !within(FigureColumn::E2elP50, sla.maxE2elSeconds))
        return false;
    if (sla.minInteractivity &&
        !(columns.value(columnAt(FigureColumn::InteractivityP50, sla.statistic), global) >=
          storedFloat(sla.minInteractivity)))
        return false;
    if (sla.minAttainment) {
        const auto* samples = impl.samplesOf(global);
        const auto attainment = samples ? sloAttainment(*samples, sla) : std::nullopt;
        return attainment && *attainment >= *sla.minAttainment;
    }
    return true;
}

std::optional<double> RankingEngine::usdPerGpuHour(std::size_t series,
                                                   const CostSettings& cost) const {
    const auto id = impl_->hardwareOf.at(series);
    return impl_->hardwareCosts(cost)->byHardware[id].usdPerGpuHour;
}

std::optional<double> RankingEngine::allInKwPerGpu(std::size_t series) const {
    const auto id = impl_->hardwareOf.at(series);
    return impl_->hardwareCosts(CostSettings{})->byHardware[id].allInKwPerGpu;
}

std::optional<OwnershipInputs> RankingEngine::ownershipInputs(std::size_t series,
                                                              const CostSettings& cost) const {
    const auto id = impl_->hardwareOf.at(series);
    if (cost.usdPerGpuHourOverride || cost.costBasisKey != ownedCostBasisKey)
        return std::nullopt;
    return impl_->hardwareCosts(cost)->ownership[id];
}

std::vector<QualityScore> RankingEngine::qualityOf(std::size_t series) const {
    const auto& key = impl_->keys.at(series);
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
