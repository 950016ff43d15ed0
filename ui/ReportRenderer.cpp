#include "ReportRenderer.h"

#include "DashboardState.h"
#include "Formatting.h"
#include "RankingTableModel.h"
#include "SummaryStrip.h"

#include <QDate>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPalette>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTextDocument>
#include <QWidget>

#include <functional>
#include <memory>

namespace tokenomics::ui {

namespace {
constexpr int pageWidth = 1800;       // logical pixels; PNG is rendered at this width
constexpr int imagePageHeight = 1400; // PNG and SVG; a PDF page takes its paper's proportions
constexpr int margin = 40;
constexpr int maxTableRows = 14;

QString suffixOf(const QString& path) {
    return QFileInfo(path).suffix().toLower();
}

QString tableHtml(const DashboardState& state, int maxRows) {
    RankingTableModel model(const_cast<DashboardState*>(&state));
    const int columns[] = {
        RankingTableModel::SeriesColumn,        RankingTableModel::CostPerMTotalColumn,
        RankingTableModel::FeasibleColumn,      RankingTableModel::InteractivityColumn,
        RankingTableModel::TputPerGpuColumn,    RankingTableModel::TtftColumn,
        RankingTableModel::GoodputColumn,       RankingTableModel::CostPerMOutputColumn,
        RankingTableModel::TokensPerMwColumn,   RankingTableModel::AccuracyColumn,
        RankingTableModel::ConfigurationColumn, RankingTableModel::UsdPerGpuHourColumn};
    QString html =
        QStringLiteral("<table width='100%' cellspacing='0' cellpadding='5' "
                       "style='border-collapse:collapse'><tr style='background:#e8eef3'>");
    for (int column : columns)
        html += QStringLiteral("<th align='left'>%1</th>")
                    .arg(model.headerData(column, Qt::Horizontal, Qt::DisplayRole)
                             .toString()
                             .replace(QLatin1Char('\n'), QLatin1Char(' '))
                             .toHtmlEscaped());
    html += QStringLiteral("</tr>");
    const int rows = std::min(model.rowCount(), maxRows);
    for (int row = 0; row < rows; ++row) {
        const bool feasible = model.resultAt(row).feasible;
        html += QStringLiteral("<tr style='color:%1;%2'>")
                    .arg(feasible ? QStringLiteral("#111") : QStringLiteral("#999"),
                         row % 2 ? QStringLiteral("background:#f7f7f7") : QString());
        for (int column : columns)
            html += QStringLiteral("<td>%1</td>")
                        .arg(model.data(model.index(row, column), Qt::DisplayRole)
                                 .toString()
                                 .toHtmlEscaped());
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    if (model.rowCount() > rows)
        html += QObject::tr("<p>… and %1 more series.</p>").arg(model.rowCount() - rows);
    return html;
}

QFont pageFont(int pixels) {
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(pixels);
    return font;
}

// Header text: a title and paragraphs of HTML, `width` wide, drawn at (margin, top); returns
// where the next part starts.
int paintHeader(QPainter& painter, const QString& title, const QString& html, int width, int top) {
    // The title on one line where it can be: a long view title takes a smaller size (down to
    // 20 px) before it wraps. Measured as the document lays it out.
    const auto titleHtml = [&title](int pixels) {
        return QStringLiteral("<p style='font-size:%1px;font-weight:bold;margin-bottom:8px'>%2</p>")
            .arg(QString::number(pixels), title.toHtmlEscaped());
    };
    int titlePixels = 30;
    for (; titlePixels > 20; --titlePixels) {
        QTextDocument line;
        line.setDefaultFont(pageFont(17));
        line.setHtml(titleHtml(titlePixels));
        if (line.idealWidth() <= width)
            break;
    }
    QTextDocument header;
    header.setDefaultFont(pageFont(17));
    header.setTextWidth(width);
    header.setHtml(titleHtml(titlePixels) + html);
    painter.save();
    painter.translate(margin, top);
    header.drawContents(&painter);
    painter.restore();
    return top + static_cast<int>(header.size().height()) + 10;
}

// Light colours whatever the desktop theme: exports go on slides and paper.
QPalette lightPalette() {
    QPalette palette(QColor(0xf0, 0xf0, 0xf0));
    for (QPalette::ColorRole role : {QPalette::Base, QPalette::Window})
        palette.setColor(role, Qt::white);
    for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText})
        palette.setColor(role, QColor(0x11, 0x11, 0x11));
    return palette;
}

// A chart of `metric` on `state` for a page: light, in the page's fonts, `size` large.
std::unique_ptr<ParetoChart> pageChart(DashboardState& state, ChartMetric metric, QSize size) {
    auto chart = std::make_unique<ParetoChart>(&state, metric);
    chart->setPalette(lightPalette());
    const QFont base = pageFont(17);
    chart->setFont(base);
    chart->xAxis->setLabelFont(base);
    chart->yAxis->setLabelFont(base);
    chart->xAxis->setTickLabelFont(base);
    chart->yAxis->setTickLabelFont(base);
    chart->legend->setFont(base);
    chart->resize(size);
    chart->rebuild(); // legend entries and labels take the fonts, the legend the page's width
    return chart;
}

// Draws a chart into the page at (left, top). Straight into the page's painter, so the chart
// shares the page's coordinates and fonts on every device (a recorded QPicture rescales text
// when played at another DPI).
void paintChart(QCPPainter& painter, ParetoChart& chart, QPoint topLeft) {
    chart.replot(QCustomPlot::rpImmediateRefresh);
    painter.save();
    painter.translate(topLeft);
    painter.setClipRect(QRect(QPoint(0, 0), chart.size()));
    chart.toPainter(&painter, chart.width(), chart.height());
    painter.restore();
}

QString sourcesSentence(const DashboardState& state) {
    const QStringList sources = state.visibleSources();
    return QObject::tr("Sources: %1.")
        .arg(sources.isEmpty() ? QObject::tr("none") : sources.join(QStringLiteral("; ")));
}

// Draws the report page into a painter whose device is pageWidth × pageHeight logical units.
void paintReportPage(QCPPainter& painter, DashboardState& state, ChartMetric metric,
                     int pageHeight) {
    painter.fillRect(QRect(0, 0, pageWidth, pageHeight), Qt::white);
    const int chartTop =
        paintHeader(painter, state.viewTitle(),
                    QStringLiteral("<p>%1</p><p style='color:#555'>%2</p>")
                        .arg(summaryText(state), scenarioSentence(state).toHtmlEscaped()),
                    pageWidth - 2 * margin, margin / 2);
    const int chartHeight = 640;
    std::unique_ptr<ParetoChart> chart =
        pageChart(state, metric, QSize(pageWidth - 2 * margin, chartHeight));
    // As on screen: costs and throughputs span decades across systems.
    if (metric != ChartMetric::Ttft)
        chart->setLogY(true);
    chart->fitToData();
    paintChart(painter, *chart, QPoint(margin, chartTop));

    QTextDocument table;
    table.setDefaultFont(pageFont(14));
    table.setTextWidth(pageWidth - 2 * margin);
    const QString footnote =
        QStringLiteral("<p style='color:#555;font-size:12px'>%1</p>")
            .arg((sourcesSentence(state) + QLatin1Char(' ') +
                  QObject::tr("Frontiers interpolate throughput with a monotone cubic."))
                     .toHtmlEscaped());
    // As many rows as the page holds, the rest counted below the table.
    const double room = pageHeight - chartTop - chartHeight - 16 - margin / 2;
    for (int rows = maxTableRows; rows >= 1; --rows) {
        table.setHtml(tableHtml(state, rows) + footnote);
        if (table.size().height() <= room)
            break;
    }
    painter.save();
    painter.translate(margin, chartTop + chartHeight + 16);
    table.drawContents(
        &painter, QRectF(0, 0, pageWidth - 2 * margin, pageHeight - chartTop - chartHeight - 16));
    painter.restore();
}

// The chart figure: what the chart shows, the scenario, the chart framed as on screen, then
// the sources with their dates and the day of the export.
void paintChartFigure(QCPPainter& painter, const ParetoChart& shown, QSize size) {
    DashboardState& state = *shown.state();
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    const int chartTop = paintHeader(
        painter,
        QObject::tr("%1 vs %2 — %3")
            .arg(shown.yAxis->label(), shown.xAxis->label().section(QLatin1Char(' '), 0, 0),
                 state.viewTitle()),
        QStringLiteral("<p style='color:#333'>%1</p>").arg(scenarioSentence(state).toHtmlEscaped()),
        size.width() - 2 * margin, margin / 2);

    QTextDocument footer;
    footer.setDefaultFont(pageFont(13));
    footer.setTextWidth(size.width() - 2 * margin);
    footer.setHtml(QStringLiteral("<p style='color:#555'>%1</p>")
                       .arg((sourcesSentence(state) + QLatin1Char(' ') +
                             QObject::tr("Exported %1 from Tokenomics.")
                                 .arg(QDate::currentDate().toString(Qt::ISODate)))
                                .toHtmlEscaped()));
    const int footerHeight = static_cast<int>(footer.size().height());
    const QSize chartSize(size.width() - 2 * margin,
                          std::max(200, size.height() - chartTop - footerHeight - margin / 2));
    std::unique_ptr<ParetoChart> chart = pageChart(state, shown.metric(), chartSize);
    // The axes as the viewer framed them on screen.
    for (auto [from, to] : {std::pair{shown.xAxis, chart->xAxis}, {shown.yAxis, chart->yAxis}}) {
        to->setScaleType(from->scaleType());
        to->setTicker(from->ticker());
        to->setNumberFormat(from->numberFormat());
        to->setNumberPrecision(from->numberPrecision());
        to->setRange(from->range());
    }
    paintChart(painter, *chart, QPoint(margin, chartTop));
    painter.save();
    painter.translate(margin, chartTop + chartSize.height() + 4);
    footer.drawContents(&painter);
    painter.restore();
}

// The chart lays its text out with the screen's font metrics; a device at the same resolution
// draws point-sized text at the size that layout expects (vector output loses nothing by it).
int screenDpi() {
    return QWidget().logicalDpiY();
}

using PagePainter = std::function<void(QCPPainter& painter, QSize logicalPage)>;

// A page of `size` logical units painted into an image `scale` times as large.
QImage paintedImage(QSize size, double scale, const PagePainter& paint) {
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QCPPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.scale(scale, scale);
    paint(painter, size);
    return image;
}

// Writes one page by the path's suffix: PNG at `pngScale` × `size`, SVG at `size`, PDF on
// `paper` (its width filled; the page as tall as the paper allows).
bool paintToFile(const QString& path, const QString& title, QSize size, double pngScale,
                 const QPageLayout& paper, const PagePainter& paint) {
    const QString suffix = suffixOf(path);
    if (suffix == QLatin1String("png"))
        return paintedImage(size, pngScale, paint).save(path, "PNG");
    QCPPainter painter;
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(title);
        generator.setResolution(screenDpi());
        if (!painter.begin(&generator))
            return false;
        paint(painter, size);
        return painter.end();
    }
    QPdfWriter writer(path);
    writer.setPageLayout(paper);
    writer.setResolution(screenDpi());
    writer.setTitle(title);
    if (!painter.begin(&writer))
        return false;
    const QRect area = painter.viewport();
    const double scale = area.width() / double(size.width());
    painter.scale(scale, scale);
    paint(painter, QSize(size.width(), static_cast<int>(area.height() / scale)));
    return painter.end();
}

// paintToFile, refusing a suffix it does not know; false with a message naming the file.
bool writePage(const QString& path, const QString& title, QSize size, double pngScale,
               const QPageLayout& paper, const PagePainter& paint, QString* error) {
    if (!isSupportedImagePath(path)) {
        *error =
            QObject::tr("%1: unsupported output format; use a name ending in .pdf, .png or .svg")
                .arg(path);
        return false;
    }
    if (paintToFile(path, title, size, pngScale, paper, paint))
        return true;
    *error = QObject::tr("%1: could not be written (does the folder exist and is it writable?)")
                 .arg(path);
    return false;
}

std::unique_ptr<DashboardState> stateFor(const Catalog& catalog, const ReportRequest& request) {
    auto state = std::make_unique<DashboardState>(catalog);
    state->setSeriesFilter(request.useDefaultView ? defaultSeriesFilter(catalog) : request.filter);
    state->setCost(request.cost);
    state->setSla(request.sla);
    return state;
}
} // namespace

bool isSupportedImagePath(const QString& path) {
    const QString suffix = suffixOf(path);
    return suffix == QLatin1String("png") || suffix == QLatin1String("svg") ||
           suffix == QLatin1String("pdf");
}

QString scenarioSentence(const DashboardState& state) {
    const Sla& sla = state.sla();
    QStringList limits;
    if (sla.minInteractivity)
        limits << QObject::tr("≥ %1 tok/s/user").arg(formatNumber(*sla.minInteractivity, 1));
    if (sla.maxTtftSeconds)
        limits << QObject::tr("TTFT ≤ %1").arg(formatSeconds(*sla.maxTtftSeconds));
    if (sla.maxE2elSeconds)
        limits << QObject::tr("end-to-end ≤ %1").arg(formatSeconds(*sla.maxE2elSeconds));
    if (sla.minAttainment)
        limits << QObject::tr("%1% of requests within it").arg(*sla.minAttainment * 100, 0, 'f', 0);
    const QString slaText = limits.isEmpty() ? QObject::tr("SLA: none")
                                             : QObject::tr("SLA at %1: %2")
                                                   .arg(statisticLabel(sla.statistic),
                                                        limits.join(QStringLiteral(", ")));
    const CostSettings& cost = state.cost();
    const QString price =
        cost.usdPerGpuHourOverride
            ? QObject::tr("own price %1/GPU-hour").arg(formatUsd(*cost.usdPerGpuHourOverride))
            : QObject::tr("the '%1' cost basis").arg(QString::fromStdString(cost.costBasisKey));
    return QObject::tr("%1 · Cost per 1M total tokens (input + output) from %2 at %3% "
                       "utilisation.")
        .arg(slaText, price)
        .arg(cost.utilization * 100, 0, 'f', 0);
}

bool writeReport(const Catalog& catalog, const ReportRequest& request, const QString& path,
                 QString* error) {
    std::unique_ptr<DashboardState> state = stateFor(catalog, request);
    return writePage(
        path, state->viewTitle(), QSize(pageWidth, imagePageHeight), 1.0,
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(12, 12, 12, 12)),
        [&](QCPPainter& painter, QSize page) {
            paintReportPage(painter, *state, request.metric, page.height());
        },
        error);
}

bool writeChartFigure(const ParetoChart& chart, const QString& path, QSize size, double pngScale,
                      QString* error) {
    // A PDF page of the figure's own proportions, 96 logical units to the inch.
    const QPageLayout paper(QPageSize(QSizeF(size) * 0.75, QPageSize::Point), QPageLayout::Portrait,
                            QMarginsF());
    return writePage(
        path, chart.state()->viewTitle(), size, pngScale, paper,
        [&](QCPPainter& painter, QSize page) { paintChartFigure(painter, chart, page); }, error);
}

QImage chartFigureImage(const ParetoChart& chart, QSize size, double scale) {
    return paintedImage(size, scale, [&](QCPPainter& painter, QSize page) {
        paintChartFigure(painter, chart, page);
    });
}

} // namespace tokenomics::ui
