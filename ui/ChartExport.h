#pragma once
/// Getting charts and tables out of the dashboard: chart files at presentation resolution,
/// tables as CSV or tab-separated text for the clipboard, the chart as a clipboard image.

#include <QChar>
#include <QString>

class QAbstractItemModel;
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

/// The model as text: a header line, then one line per row; the vertical header, when the
/// model has one, is the first column. Numbers lose "$" and thousands separators so that a
/// spreadsheet reads them as numbers. ',' quotes as RFC 4180; '\t' replaces tabs and newlines.
QString tableText(const QAbstractItemModel& model, QChar separator);
/// Writes tableText(model, ',') to a .csv file; false with a message naming the file.
bool exportTableCsv(const QAbstractItemModel& model, const QString& path, QString* error);
/// Puts the table on the clipboard, tab-separated (pastes into cells of a spreadsheet).
void copyTableToClipboard(const QAbstractItemModel& model);
/// Puts the chart on the clipboard as an image.
void copyChartToClipboard(ParetoChart& chart);

} // namespace tokenomics::ui
