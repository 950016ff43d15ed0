#pragma once
/// The dashboard's single source of truth: catalog, engine, filters, SLA, cost and the ranking.
/// Widgets read it and call its setters; it tells them what changed through two signals.

#include "CatalogTypes.h"
#include "RankingEngine.h"
#include "SeriesStyle.h"
#include "WinnerEnvelope.h"

#include <QObject>
#include <set>
#include <vector>

namespace tokenomics::ui {

/// Which configurations of the points are shown and ranked (GPU count, disaggregation).
bool configurationMatches(const ConfigurationFilter& filter, const PointFigures& figures);

/// The model and ISL/OSL scenario with the most series (ties: most points), for the first view.
SeriesFilter defaultSeriesFilter(const Catalog& catalog);

/// One stretch of the winner's envelope with the winner's cost at each grid point drawn: the
/// stretch's own and one step into the next, so the band has no gaps.
struct EnvelopeBand {
    std::size_t series = 0;
    std::vector<double> interactivity;
    std::vector<double> costPerMTotal;
};

class DashboardState : public QObject {
    Q_OBJECT
public:
    explicit DashboardState(Catalog catalog, QObject* parent = nullptr);
    ~DashboardState() override;

    [[nodiscard]] const Catalog& catalog() const { return catalog_; }
    [[nodiscard]] const RankingEngine& engine() const { return engine_; }
    /// Takes a reloaded catalog (after an edit, an import or File > Open), keeping filters,
    /// SLA and cost; legend toggles are cleared since series indices may change.
    void replaceCatalog(Catalog catalog);

    // --- what is shown ---
    [[nodiscard]] const SeriesFilter& seriesFilter() const { return seriesFilter_; }
    void setSeriesFilter(const SeriesFilter& filter);
    [[nodiscard]] const ConfigurationFilter& configurationFilter() const { return configuration_; }
    void setConfigurationFilter(const ConfigurationFilter& filter);
    [[nodiscard]] bool paretoOnly() const { return paretoOnly_; }
    void setParetoOnly(bool paretoOnly);
    /// Series passing the filters, in catalog order.
    [[nodiscard]] const std::vector<std::size_t>& visibleSeries() const { return visible_; }
    /// Legend toggles: hidden series stay ranked but are not drawn.
    [[nodiscard]] bool isHidden(std::size_t series) const { return hidden_.count(series) > 0; }
    void setHidden(std::size_t series, bool hidden);
    /// Offers of the filtered models, as indices into catalog().offers.
    [[nodiscard]] std::vector<std::size_t> visibleOffers() const;
    /// The colour of a series in every chart, table and legend, after the colour grouping.
    [[nodiscard]] QColor seriesColor(std::size_t series) const;
    [[nodiscard]] ColorGrouping colorGrouping() const { return colors_.grouping(); }
    void setColorGrouping(ColorGrouping grouping);

    // --- SLA and cost ---
    [[nodiscard]] const Sla& sla() const { return sla_; }
    void setSla(const Sla& sla);
    void setMinInteractivity(std::optional<double> tokensPerSecond);
    void setMaxTtftSeconds(std::optional<double> seconds);
    /// The SLA without its interactivity threshold: what shapes the frontiers.
    [[nodiscard]] Sla curveSla() const;
    [[nodiscard]] const CostSettings& cost() const { return cost_; }
    void setCost(const CostSettings& cost);
    /// The ISL/OSL API offers are priced for: the filter's scenario, else the first visible
    /// series'.
    [[nodiscard]] Workload workload() const;

    // --- answers ---
    [[nodiscard]] const Ranking& ranking() const { return ranking_; }
    [[nodiscard]] const std::vector<EnvelopeStretch>& envelope() const { return envelope_; }
    /// Interactivity grid the envelope and iso table use.
    [[nodiscard]] const std::vector<double>& envelopeGrid() const { return envelopeGrid_; }
    /// The envelope's stretches with the costs the envelope was chosen from (computed once).
    [[nodiscard]] const std::vector<EnvelopeBand>& envelopeBands() const { return envelopeBands_; }
    /// Cost per 1M total tokens of meeting a min interactivity with a series, as the ranking
    /// counts it: below the frontier's lowest interactivity its max-throughput point serves.
    [[nodiscard]] std::optional<double> costToMeet(std::size_t series, double interactivity) const;
    /// Name of the cost basis behind a series' $/GPU-hour ("own figure" with an override).
    [[nodiscard]] QString costBasisName(std::size_t series) const;
    /// Visible series with no point whose interactivity is known at the SLA's statistic (the
    /// sources publish p50 only, say).
    [[nodiscard]] std::size_t seriesWithoutStatistic() const;
    /// Visible series whose hardware has no $/GPU-hour under the cost settings.
    [[nodiscard]] std::size_t seriesWithoutCost() const;
    /// Visible series with no per-request samples at any point (an attainment target cannot
    /// be judged on them).
    [[nodiscard]] std::size_t seriesWithoutSamples() const;
    /// "Model · 8k/1k" for titles; "several models" when mixed.
    [[nodiscard]] QString viewTitle() const;
    /// Distinct sources of the visible series' points and offers, each with its date.
    [[nodiscard]] QStringList visibleSources() const;

signals:
    /// Filters, statistic, TTFT/E2E thresholds or cost changed: rebuild curves.
    void curvesChanged();
    /// Only the interactivity threshold (or anything after a curve change) moved: re-rank, move
    /// lines.
    void thresholdsChanged();
    /// A legend toggle.
    void seriesVisibilityChanged();
    /// replaceCatalog() took a new catalog: lists built from it must be rebuilt.
    void catalogReplaced();

private:
    void applyFilters();
    void recomputeEnvelope();
    void rerank();

    Catalog catalog_;
    RankingEngine engine_;
    SeriesFilter seriesFilter_;
    ConfigurationFilter configuration_;
    bool paretoOnly_ = false;
    std::vector<std::size_t> visible_;
    std::set<std::size_t> hidden_;
    SeriesColors colors_;
    Sla sla_;
    CostSettings cost_;
    Ranking ranking_;
    std::vector<EnvelopeStretch> envelope_;
    std::vector<double> envelopeGrid_;
    std::vector<EnvelopeBand> envelopeBands_;
};

} // namespace tokenomics::ui
