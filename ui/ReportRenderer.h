#pragma once
/// Renders a presentation page (title, summary, chart with SLA lines, ranking table, sources)
/// or a single chart to PNG, SVG or PDF, headless.

#include "CatalogTypes.h"
#include "ParetoChart.h"

#include <QString>

namespace tokenomics::ui {

/// What a report shows.
struct ReportRequest {
    SeriesFilter filter; // empty lists: everything; the default view when `useDefaultView`
    bool useDefaultView = false;
    Sla sla;
    CostSettings cost;
    ChartMetric metric = ChartMetric::CostPerMTotal;
};

/// Writes the report to `path`; the format follows the suffix (.png ≥ 1600 px wide, .svg, .pdf).
/// False with a message naming the file and the reason.
bool writeReport(const Catalog& catalog, const ReportRequest& request, const QString& path,
                 QString* error);

/// Saves one chart as PNG, SVG or PDF by suffix; false with a message naming the file.
bool saveChart(ParetoChart& chart, const QString& path, QString* error);

/// Whether a path ends in a suffix `writeReport` and `saveChart` understand.
bool isSupportedImagePath(const QString& path);

} // namespace tokenomics::ui
