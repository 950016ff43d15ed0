#include "ReportRenderer.h"

#include "DashboardState.h"
#include "Formatting.h"
#include "RankingTableModel.h"
#include "SummaryStrip.h"

#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTextDocument>
#include <QWidget>

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

// Draws the page into a painter whose device is pageWidth × pageHeight logical units.
void paintPage(QCPPainter& painter, DashboardState& state, ChartMetric metric, int pageHeight) {
    painter.fillRect(QRect(0, 0, pageWidth, pageHeight), Qt::white);
    QFont base(QStringLiteral("DejaVu Sans"));
    base.setPixelSize(17);

    QTextDocument header;
    header.setDefaultFont(base);
    header.setTextWidth(pageWidth - 2 * margin);
    header.setHtml(QStringLiteral("<h1 style='font-size:30px'>%1</h1><p>%2</p>")
                       .arg(state.viewTitle().toHtmlEscaped(), summaryText(state)));
    painter.save();
    painter.translate(margin, margin / 2);
    header.drawContents(&painter);
    painter.restore();
    const int chartTop = margin / 2 + static_cast<int>(header.size().height()) + 10;

    ParetoChart chart(&state, metric);
    chart.setFont(base);
    chart.xAxis->setLabelFont(base);
    chart.yAxis->setLabelFont(base);
    chart.xAxis->setTickLabelFont(base);
    chart.yAxis->setTickLabelFont(base);
    chart.legend->setFont(base);
    const int chartHeight = 640;
    chart.resize(pageWidth - 2 * margin, chartHeight);
    // As on screen: costs and throughputs span decades across systems.
    if (metric != ChartMetric::Ttft)
        chart.setLogY(true);
    chart.fitToData();
    chart.replot(QCustomPlot::rpImmediateRefresh);
    // Drawn straight into the page's painter, so the chart shares the page's coordinates and
    // fonts on every device (a recorded QPicture rescales text when played at another DPI).
    painter.save();
    painter.translate(margin, chartTop);
    painter.setClipRect(QRect(0, 0, pageWidth - 2 * margin, chartHeight));
    chart.toPainter(&painter, pageWidth - 2 * margin, chartHeight);
    painter.restore();

    QTextDocument table;
    QFont tableFont = base;
    tableFont.setPixelSize(14);
    table.setDefaultFont(tableFont);
    table.setTextWidth(pageWidth - 2 * margin);
    const QStringList sources = state.visibleSources();
    const QString footnote =
        QStringLiteral("<p style='color:#555;font-size:12px'>%1</p>")
            .arg(QObject::tr("Sources: %1. Cost per 1M tokens from the %2 cost basis at "
                             "%3% utilisation; frontiers interpolate throughput with a "
                             "monotone cubic.")
                     .arg(sources.join(QStringLiteral("; ")).toHtmlEscaped(),
                          QString::fromStdString(state.cost().costBasisKey).toHtmlEscaped())
                     .arg(state.cost().utilization * 100, 0, 'f', 0));
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

// The chart lays its text out with the screen's font metrics; a device at the same resolution
// draws point-sized text at the size that layout expects (vector output loses nothing by it).
int screenDpi() {
    return QWidget().logicalDpiY();
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

bool writeReport(const Catalog& catalog, const ReportRequest& request, const QString& path,
                 QString* error) {
    if (!isSupportedImagePath(path)) {
        *error =
            QObject::tr("%1: unsupported output format; use a name ending in .pdf, .png or .svg")
                .arg(path);
        return false;
    }
    std::unique_ptr<DashboardState> state = stateFor(catalog, request);
    const QString suffix = suffixOf(path);
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        QImage image(pageWidth, imagePageHeight, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QCPPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::TextAntialiasing);
            paintPage(painter, *state, request.metric, imagePageHeight);
        }
        ok = image.save(path, "PNG");
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(QSize(pageWidth, imagePageHeight));
        generator.setViewBox(QRect(0, 0, pageWidth, imagePageHeight));
        generator.setTitle(state->viewTitle());
        generator.setResolution(screenDpi());
        QCPPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            paintPage(painter, *state, request.metric, imagePageHeight);
            ok = painter.end();
        }
    } else {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageOrientation(QPageLayout::Landscape);
        writer.setResolution(screenDpi());
        writer.setTitle(state->viewTitle());
        QCPPainter painter;
        ok = painter.begin(&writer);
        if (ok) {
            // The logical page is as wide as an image page and as tall as the paper's
            // printable area allows, scaled to fill that area.
            const QRect area = painter.viewport();
            const double scale = area.width() / double(pageWidth);
            painter.scale(scale, scale);
            paintPage(painter, *state, request.metric, static_cast<int>(area.height() / scale));
            ok = painter.end();
        }
    }
    if (!ok)
        *error = QObject::tr("%1: could not be written (does the folder exist and is it writable?)")
                     .arg(path);
    return ok;
}

bool saveChart(ParetoChart& chart, const QString& path, QString* error) {
    const QString suffix = suffixOf(path);
    bool ok = false;
    const int width = 1600;
    const int height = 1000;
    if (suffix == QLatin1String("png")) {
        ok = chart.savePng(path, width, height);
    } else if (suffix == QLatin1String("pdf")) {
        ok = chart.savePdf(path, width, height);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(QSize(width, height));
        generator.setViewBox(QRect(0, 0, width, height));
        QCPPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            chart.toPainter(&painter, width, height);
            ok = painter.end();
        }
    }
    if (!ok)
        *error =
            QObject::tr("%1: could not be written; use .png, .svg or .pdf in a writable folder")
                .arg(path);
    return ok;
}

} // namespace tokenomics::ui
