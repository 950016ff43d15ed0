#include "DashboardState.h"
#include "SlaVerdict.h"

#include "Formatting.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace tokenomics::ui {

namespace {
constexpr std::size_t envelopeSamples = 240;

bool contains(const std::vector<std::int32_t>& values, std::int32_t value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

SeriesColors colorsOf(const Catalog& catalog, ColorGrouping grouping) {
    std::vector<SeriesKey> keys;
    keys.reserve(catalog.series.size());
    for (const Series& series : catalog.series)
        keys.push_back(series.key);
    return SeriesColors(keys, grouping);
}
} // namespace

bool configurationMatches(const ConfigurationFilter& filter, const PointFigures& figures) {
    if (!filter.gpuCounts.empty() && !contains(filter.gpuCounts, figures.gpus))
        return false;
    return !filter.disaggregated || *filter.disaggregated == figures.disaggregated;
}

SeriesFilter defaultSeriesFilter(const Catalog& catalog) {
    // (series count, point count) per model and scenario.
    std::map<std::tuple<std::string, int, int>, std::pair<int, std::size_t>> counts;
    for (const Series& series : catalog.series) {
        // Curves need a known scenario and at least two points; MLPerf limit rows are not curves.
        const bool isCurve = series.key.isl > 0 && series.key.osl > 0 &&
                             series.points.size() >= 2 &&
                             !series.points.front().figures.latencyIsLimit;
        if (!isCurve)
            continue;
        auto& [seriesCount, pointCount] =
            counts[{series.key.model, series.key.isl, series.key.osl}];
        ++seriesCount;
        pointCount += series.points.size();
    }
    SeriesFilter filter;
    std::pair<int, std::size_t> best{0, 0};
    for (const auto& [key, count] : counts) {
        if (count > best) {
            best = count;
            filter.models = {std::get<0>(key)};
            filter.isl = std::get<1>(key);
            filter.osl = std::get<2>(key);
        }
    }
    return filter;
}

DashboardState::DashboardState(Catalog catalog, QObject* parent)
    : QObject(parent)
    , catalog_(std::move(catalog))
    , engine_(RankingEngine::fromCatalog(catalog_))
    , colors_(colorsOf(catalog_, ColorGrouping::Series)) {
    applyFilters();
    recomputeEnvelope();
    rerank();
}

DashboardState::~DashboardState() = default;

void DashboardState::replaceCatalog(Catalog catalog) {
    catalog_ = std::move(catalog);
    engine_ = RankingEngine::fromCatalog(catalog_);
    engine_.setConfigurationFilter(configuration_);
    colors_ = colorsOf(catalog_, colors_.grouping());
    hidden_.clear();
    applyFilters();
    recomputeEnvelope();
    rerank();
    emit catalogReplaced();
    emit curvesChanged();
    emit thresholdsChanged();
}

void DashboardState::setSeriesFilter(const SeriesFilter& filter) {
    seriesFilter_ = filter;
    applyFilters();
    recomputeEnvelope();
    rerank();
    emit curvesChanged();
    emit thresholdsChanged();
}

void DashboardState::setConfigurationFilter(const ConfigurationFilter& filter) {
    configuration_ = filter;
    engine_.setConfigurationFilter(filter);
    recomputeEnvelope();
    rerank();
    emit curvesChanged();
    emit thresholdsChanged();
}

void DashboardState::setParetoOnly(bool paretoOnly) {
    paretoOnly_ = paretoOnly;
    emit curvesChanged();
    emit thresholdsChanged();
}

void DashboardState::setHidden(std::size_t series, bool hidden) {
    if (hidden)
        hidden_.insert(series);
    else
        hidden_.erase(series);
    recomputeEnvelope();
    emit seriesVisibilityChanged();
}

std::vector<std::size_t> DashboardState::visibleOffers() const {
    std::vector<std::size_t> offers;
    for (std::size_t i = 0; i < catalog_.offers.size(); ++i) {
        if (seriesFilter_.matchesModel(catalog_.offers[i].model))
            offers.push_back(i);
    }
    return offers;
}

QColor DashboardState::seriesColor(std::size_t series) const {
    return colors_.color(engine_.seriesKey(series));
}

void DashboardState::setColorGrouping(ColorGrouping grouping) {
    if (grouping == colors_.grouping())
        return;
    colors_ = colorsOf(catalog_, grouping);
    emit curvesChanged();
    emit thresholdsChanged();
}

void DashboardState::setSla(const Sla& sla) {
    const bool curvesMove =
        sla.statistic != sla_.statistic || sla.maxTtftSeconds != sla_.maxTtftSeconds ||
        sla.maxE2elSeconds != sla_.maxE2elSeconds || sla.minAttainment != sla_.minAttainment;
    sla_ = sla;
    if (curvesMove)
        recomputeEnvelope();
    rerank();
    if (curvesMove)
        emit curvesChanged();
    emit thresholdsChanged();
}

void DashboardState::setMinInteractivity(std::optional<double> tokensPerSecond) {
    Sla sla = sla_;
    sla.minInteractivity = tokensPerSecond;
    setSla(sla);
}

void DashboardState::setMaxTtftSeconds(std::optional<double> seconds) {
    Sla sla = sla_;
    sla.maxTtftSeconds = seconds;
    setSla(sla);
}

Sla DashboardState::curveSla() const {
    Sla sla = sla_;
    sla.minInteractivity.reset();
    return sla;
}

void DashboardState::setCost(const CostSettings& cost) {
    cost_ = cost;
    recomputeEnvelope();
    rerank();
    emit curvesChanged();
    emit thresholdsChanged();
}

Workload DashboardState::workload() const {
    if (seriesFilter_.isl && seriesFilter_.osl)
        return {*seriesFilter_.isl, *seriesFilter_.osl};
    if (!visible_.empty()) {
        const SeriesKey& key = catalog_.series[visible_.front()].key;
        return {key.isl, key.osl};
    }
    return {};
}

QString DashboardState::costBasisName(std::size_t series) const {
    if (cost_.usdPerGpuHourOverride)
        return tr("your own $/GPU-hour");
    const std::string& hardware = engine_.seriesKey(series).hardware;
    for (const CostBasis& basis : catalog_.costBases) {
        if (basis.key == cost_.costBasisKey && basis.hardware == hardware)
            return QString::fromStdString(basis.name.empty() ? basis.key : basis.name);
    }
    return engine_.usdPerGpuHour(series, cost_)
               ? QString::fromStdString(cost_.costBasisKey)
               : tr("no '%1' basis").arg(QString::fromStdString(cost_.costBasisKey));
}

std::size_t DashboardState::seriesWithoutStatistic() const {
    return static_cast<std::size_t>(
        std::count_if(visible_.begin(), visible_.end(), [this](std::size_t series) {
            const std::vector<OperatingPoint>& points = catalog_.series[series].points;
            return std::none_of(points.begin(), points.end(), [this](const OperatingPoint& point) {
                return point.figures.interactivity.at(sla_.statistic).has_value();
            });
        }));
}

std::size_t DashboardState::seriesWithoutSamples() const {
    return static_cast<std::size_t>(
        std::count_if(visible_.begin(), visible_.end(), [this](std::size_t series) {
            const std::vector<OperatingPoint>& points = catalog_.series[series].points;
            return std::none_of(points.begin(), points.end(), [](const OperatingPoint& point) {
                return point.samples.has_value();
            });
        }));
}

std::size_t DashboardState::seriesWithoutCost() const {
    return static_cast<std::size_t>(
        std::count_if(visible_.begin(), visible_.end(), [this](std::size_t series) {
            return !engine_.usdPerGpuHour(series, cost_).has_value();
        }));
}

QString DashboardState::viewTitle() const {
    std::set<std::string> models;
    std::set<std::pair<int, int>> scenarios;
    for (std::size_t s : visible_) {
        models.insert(catalog_.series[s].key.model);
        scenarios.insert({catalog_.series[s].key.isl, catalog_.series[s].key.osl});
    }
    const QString model = models.size() == 1 ? QString::fromStdString(*models.begin())
                                             : tr("%1 models").arg(models.size());
    if (visible_.empty())
        return tr("No series match these filters");
    const bool knownScenario =
        scenarios.size() == 1 && scenarios.begin()->first > 0 && scenarios.begin()->second > 0;
    const QString scenario =
        scenarios.size() != 1 ? tr("%1 ISL/OSL scenarios").arg(scenarios.size())
        : knownScenario
            ? tr("ISL/OSL %1")
                  .arg(scenarioLabel(scenarios.begin()->first, scenarios.begin()->second))
            : scenarioLabel(0, 0);
    return QStringLiteral("%1 · %2 · %3 statistic")
        .arg(model, scenario, statisticLabel(sla_.statistic));
}

QStringList DashboardState::visibleSources() const {
    QStringList sources;
    auto add = [&sources](const Provenance& provenance) {
        QString source = QString::fromStdString(provenance.source).trimmed();
        if (source.isEmpty() || source == QLatin1String("same"))
            return;
        if (!provenance.date.empty())
            source += QStringLiteral(" (%1)").arg(QString::fromStdString(provenance.date));
        if (!sources.contains(source))
            sources << source;
    };
    for (std::size_t s : visible_) {
        for (const OperatingPoint& point : catalog_.series[s].points)
            add(point.provenance);
    }
    for (std::size_t offer : visibleOffers())
        add(catalog_.offers[offer].provenance);
    return sources;
}

void DashboardState::applyFilters() {
    visible_.clear();
    for (std::size_t s = 0; s < catalog_.series.size(); ++s) {
        const bool enabled = seriesFilter_.matches(catalog_.series[s].key);
        engine_.setSeriesEnabled(s, enabled);
        if (enabled)
            visible_.push_back(s);
    }
    for (std::size_t o = 0; o < catalog_.offers.size(); ++o)
        engine_.setOfferEnabled(o, seriesFilter_.matchesModel(catalog_.offers[o].model));
}

std::optional<double> DashboardState::costToMeet(std::size_t series, double interactivity) const {
    Sla sla = curveSla();
    sla.minInteractivity = interactivity;
    const SeriesResult result = engine_.evaluate(series, sla, cost_);
    return result.feasible ? result.costPerMTotal : std::nullopt;
}

void DashboardState::recomputeEnvelope() {
    const Sla sla = curveSla();
    std::vector<std::size_t> candidates;
    double lowest = 0;
    double highest = 0;
    for (std::size_t s : visible_) {
        if (isHidden(s))
            continue;
        const std::vector<FrontierKnot> knots = engine_.frontier(s, sla);
        if (knots.empty())
            continue;
        lowest = candidates.empty() ? knots.front().interactivity
                                    : std::min(lowest, knots.front().interactivity);
        highest = std::max(highest, knots.back().interactivity);
        candidates.push_back(s);
    }
    envelopeGrid_.clear();
    envelope_.clear();
    envelopeBands_.clear();
    if (candidates.empty() || highest <= lowest)
        return;
    for (std::size_t i = 0; i < envelopeSamples; ++i)
        envelopeGrid_.push_back(lowest + (highest - lowest) * static_cast<double>(i) /
                                             static_cast<double>(envelopeSamples - 1));
    std::vector<std::vector<std::optional<double>>> costs;
    for (std::size_t s : candidates) {
        std::vector<std::optional<double>> row;
        row.reserve(envelopeGrid_.size());
        for (double interactivity : envelopeGrid_)
            row.push_back(costToMeet(s, interactivity));
        costs.push_back(std::move(row));
    }
    envelope_ = winnerEnvelope(envelopeGrid_, costs, candidates);
    for (const EnvelopeStretch& stretch : envelope_) {
        const auto candidate = static_cast<std::size_t>(
            std::find(candidates.begin(), candidates.end(), stretch.series) - candidates.begin());
        EnvelopeBand band;
        band.series = stretch.series;
        const std::size_t last = std::min(stretch.lastIndex + 1, envelopeGrid_.size() - 1);
        for (std::size_t g = stretch.firstIndex; g <= last; ++g) {
            if (const std::optional<double>& cost = costs[candidate][g]) {
                band.interactivity.push_back(envelopeGrid_[g]);
                band.costPerMTotal.push_back(*cost);
            }
        }
        envelopeBands_.push_back(std::move(band));
    }
}

void DashboardState::rerank() {
    engine_.rank(sla_, cost_, workload(), ranking_); // reuses ranking_'s storage while dragging
    rankUnknownBeforeFails(engine_, sla_, ranking_);
}

} // namespace tokenomics::ui
