#include "PresentationStyle.h"

#include "ParetoChart.h"

namespace tokenomics::ui {

namespace {

QFont sized(const QFont& base, double points, bool bold = false) {
    QFont font = base;
    font.setPointSizeF(points);
    font.setBold(bold);
    return font;
}

} // namespace

void applyPresentationStyle(ParetoChart& chart, bool on) {
    const QFont base = chart.font();
    const double screenPt = base.pointSizeF() > 0 ? base.pointSizeF() : 10;
    for (QCPAxis* axis : {chart.xAxis, chart.yAxis}) {
        // The screen sizes are those ParetoChart sets up: label one point above the text.
        axis->setLabelFont(sized(base, on ? presentationAxisLabelPt : screenPt + 1, on));
        axis->setTickLabelFont(sized(base, on ? presentationTickLabelPt : screenPt));
        QPen grid = axis->grid()->pen();
        grid.setWidthF(on ? 1.5 : 1);
        axis->grid()->setPen(grid);
        QPen basePen = axis->basePen();
        basePen.setWidthF(on ? 2 : 1);
        axis->setBasePen(basePen);
        axis->setTickPen(basePen);
    }
    chart.legend->setFont(sized(base, on ? presentationLegendPt : screenPt));
    chart.legend->setIconSize(on ? 48 : 28, on ? 20 : 12);
    if (on) {
        // A rebuild restores screen pens and markers; only thicken what it just drew.
        for (int i = 0; i < chart.graphCount(); ++i) {
            QCPGraph* graph = chart.graph(i);
            QPen pen = graph->pen();
            if (graph->lineStyle() != QCPGraph::lsNone)
                pen.setWidthF(std::max(4.0, pen.widthF() * 2));
            graph->setPen(pen);
            QCPScatterStyle scatter = graph->scatterStyle();
            if (!scatter.isNone()) {
                scatter.setSize(std::max(13.0, scatter.size() * 1.8));
                QPen scatterPen = scatter.pen();
                scatterPen.setWidthF(std::max(2.0, scatterPen.widthF() * 1.5));
                scatter.setPen(scatterPen);
                graph->setScatterStyle(scatter);
            }
        }
    }
    for (int i = 0; i < chart.itemCount(); ++i) {
        if (auto* text = qobject_cast<QCPItemText*>(chart.item(i))) {
            // The SLA labels (drawn in the SLA red) are what the room must read; offer labels
            // grow less so they do not cover the curves.
            const bool slaLabel = text->color().red() > 2 * text->color().green();
            const double points = slaLabel ? presentationSlaLabelPt : presentationOfferLabelPt;
            text->setFont(sized(base, on ? points : screenPt - (slaLabel ? 0 : 1), on && slaLabel));
        } else if (auto* line = qobject_cast<QCPItemStraightLine*>(chart.item(i))) {
            QPen pen = line->pen();
            pen.setWidthF(on ? 4 : 2);
            line->setPen(pen);
        }
    }
    chart.replot();
}

} // namespace tokenomics::ui
