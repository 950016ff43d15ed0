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
#include <QPicture>
#include <QSvgGenerator>
#include <QTextDocument>

namespace tokenomics::ui {

namespace {
constexpr int pageWidth = 1800; // logical pixels; PNG is rendered at this width
constexpr int pageHeight = 1400;
constexpr int margin = 40;
constexpr int maxTableRows = 14;

QString suffixOf(const QString& path) {
    return QFileInfo(path).suffix().toLower();
}

QString tableHtml(const DashboardState& state) {
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
    const int rows = std::min(model.rowCount(), maxTableRows);
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
void paintPage(QPainter& painter, DashboardState& state, ChartMetric metric) {
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
    // Record the chart as vector commands, then play them into any device (PNG, SVG, PDF).
    QPicture picture;
    {
        QCPPainter chartPainter(&picture);
        chart.toPainter(&chartPainter, pageWidth - 2 * margin, chartHeight);
    }
    painter.drawPicture(QPoint(margin, chartTop), picture);

    QTextDocument table;
    QFont tableFont = base;
    tableFont.setPixelSize(14);
    table.setDefaultFont(tableFont);
    table.setTextWidth(pageWidth - 2 * margin);
    const QStringList sources = state.visibleSources();
    table.setHtml(
        tableHtml(state) +
        QStringLiteral("<p style='color:#555;font-size:12px'>%1</p>")
            .arg(QObject::tr("Sources: %1. Cost per 1M tokens from the %2 cost basis at "
                             "%3% utilisation; frontiers interpolate throughput with a "
                             "monotone cubic.")
                     .arg(sources.join(QStringLiteral("; ")).toHtmlEscaped(),
                          QString::fromStdString(state.cost().costBasisKey).toHtmlEscaped())
                     .arg(state.cost().utilization * 100, 0, 'f', 0)));
    painter.save();
    painter.translate(margin, chartTop + chartHeight + 16);
    table.drawContents(
        &painter, QRectF(0, 0, pageWidth - 2 * margin, pageHeight - chartTop - chartHeight - 16));
    painter.restore();
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
        QImage image(pageWidth, pageHeight, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::TextAntialiasing);
            paintPage(painter, *state, request.metric);
        }
        ok = image.save(path, "PNG");
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(QSize(pageWidth, pageHeight));
        generator.setViewBox(QRect(0, 0, pageWidth, pageHeight));
        generator.setTitle(state->viewTitle());
        QPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            paintPage(painter, *state, request.metric);
            ok = painter.end();
        }
    } else {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageOrientation(QPageLayout::Landscape);
        writer.setResolution(150);
        writer.setTitle(state->viewTitle());
        QPainter painter;
        ok = painter.begin(&writer);
        if (ok) {
            // Scale the logical page onto the printable area, keeping its aspect ratio.
            const QRect area = painter.viewport();
            const double scale =
                std::min(area.width() / double(pageWidth), area.height() / double(pageHeight));
            painter.scale(scale, scale);
            paintPage(painter, *state, request.metric);
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
