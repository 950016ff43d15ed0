#pragma once
/// A dashboard view as data: filters, SLA, cost settings and chart choice; JSON for saved
/// views in the catalog, and the preset views the dashboard offers.

#include "CatalogTypes.h"
#include "ParetoChart.h"

#include <QString>
#include <vector>

namespace tokenomics::ui {

class DashboardState;
class ChartArea;

struct ViewSettings {
    SeriesFilter filter;
    ConfigurationFilter configuration;
    bool paretoOnly = false;
    Sla sla;
    CostSettings cost;
    ChartMetric chart = ChartMetric::ThroughputPerGpu;
};

/// The view the dashboard shows now.
ViewSettings captureView(const DashboardState& state, const ChartArea* chartArea);
/// Puts a view on the dashboard (state first, then the chart tab).
void applyView(const ViewSettings& view, DashboardState& state, ChartArea* chartArea);

QString viewToJson(const ViewSettings& view);
/// False with a message naming the bad field when the text is not a view this program wrote.
bool viewFromJson(const QString& json, ViewSettings* view, QString* error);

/// A preset view: a name and its settings, fitted to the catalog's names and scenarios.
struct PresetView {
    QString name;
    ViewSettings settings;
};
/// "Llama 3.3 70B chat: 2 s TTFT, 30 tok/s/user", "DeepSeek-R1 reasoning 8k/1k",
/// "cheapest bulk tokens".
std::vector<PresetView> presetViews(const Catalog& catalog);

} // namespace tokenomics::ui
