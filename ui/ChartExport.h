#pragma once
/// Getting charts and tables out of the dashboard: chart files at presentation resolution,
/// tables as CSV or tab-separated text for the clipboard, the chart as a clipboard image.

#include "ExportedTable.h"

#include <QChar>
#include <QString>

class QImage;

namespace tokenomics::ui {

class ParetoChart;

/// Logical size of exported charts; PNG is rendered at `chartExportScale` times this.
constexpr int chartExportWidth = 1600;
constexpr int chartExportHeight = 900;
constexpr double chartExportScale = 2.4; // 3840 × 2160 pixels: sharp on a 4K projector

/// Writes the chart as a figure (title, scenario, the chart in light colours, sources and
/// date; see writeChartFigure) as PNG, SVG or PDF by suffix; false with a message naming the file.
bool exportChart(ParetoChart& chart, const QString& path, QString* error);
/// The same figure as an image (for the clipboard).
QImage chartImage(ParetoChart& chart);

/// The table as text: the header line, then one line per row. Numbers keep every digit and no
/// "$" or thousands separator, so that a spreadsheet reads them as numbers; text that a
/// spreadsheet would run as a formula is quoted. ',' quotes as RFC 4180; '\t' replaces tabs.
QString tableText(const ExportedTable& table, QChar separator);
/// Writes tableText(table, ',') to a .csv file; false with a message naming the file.
bool exportTableCsv(const ExportedTable& table, const QString& path, QString* error);
/// Puts the table on the clipboard, tab-separated (pastes into cells of a spreadsheet).
void copyTableToClipboard(const ExportedTable& table);
/// Puts the chart on the clipboard as an image.
void copyChartToClipboard(ParetoChart& chart);

} // namespace tokenomics::ui
