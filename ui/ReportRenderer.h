#pragma once
/// Renders a presentation page (title, summary, chart with SLA lines, ranking table, sources)
/// or a single chart to PNG, SVG or PDF, headless.

#include "CatalogTypes.h"
#include "ParetoChart.h"

#include <QImage>
#include <QSize>
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

/// Writes the chart as a figure for a slide, by suffix (PNG at `pngScale` × `size`, SVG, PDF of
/// the same proportions): what it shows and the scenario (model, ISL/OSL, statistic, SLA, cost
/// basis) above, the chart as framed on screen in light colours whatever the theme, the
/// sources with their dates and the export date below. False with a message naming the file.
bool writeChartFigure(const ParetoChart& chart, const QString& path, QSize size, double pngScale,
                      QString* error);
/// The same figure as an image (for the clipboard).
QImage chartFigureImage(const ParetoChart& chart, QSize size, double scale);

/// The SLA and the cost basis in one sentence, as written on reports and exported charts.
QString scenarioSentence(const DashboardState& state);

/// Whether a path ends in a suffix `writeReport` and `writeChartFigure` understand.
bool isSupportedImagePath(const QString& path);

} // namespace tokenomics::ui
