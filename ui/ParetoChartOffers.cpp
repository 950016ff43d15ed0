// The cost chart's API offers and winner's envelope, and the offer labels' layout: each label
// goes beside its marker (or along its price line) where it overlaps no other label or marker.
#include "DashboardState.h"
#include "Formatting.h"
#include "ParetoChart.h"
#include "SeriesStyle.h"

#include "CostModel.h"

#include <algorithm>

namespace tokenomics::ui {

namespace {
const QColor offerFill(0xf1, 0xc4, 0x0f);
constexpr double offerMarkerSize = 11;

void setAxisPositions(QCPItemPosition* position, QCPItemPosition::PositionType typeX,
                      QCPItemPosition::PositionType typeY, double x, double y) {
    position->setTypeX(typeX);
    position->setTypeY(typeY);
    position->setCoords(x, y);
}

/// The box QCPItemText draws (text and padding), measured as it measures it.
QSizeF labelBoxSize(const QCPItemText& label) {
    const QRect text =
        QFontMetrics(label.font())
            .boundingRect(0, 0, 0, 0, Qt::TextDontClip | label.textAlignment(), label.text());
    const QMargins padding = label.padding();
    return {double(text.width() + padding.left() + padding.right()),
            double(text.height() + padding.top() + padding.bottom())};
}

QRectF drawnRect(const QCPItemText& label) {
    return QRectF(label.topLeft->pixelPosition(), label.bottomRight->pixelPosition()).normalized();
}
} // namespace

void ParetoChart::addOffers() {
    const Workload workload = state_->workload();
    QVector<double> xs;
    QVector<double> ys;
    QFont labelFont = font();
    labelFont.setPointSizeF(labelFont.pointSizeF() - 1);
    for (std::size_t index : state_->visibleOffers()) {
        const ProviderOffer& offer = state_->catalog().offers[index];
        const std::optional<double> price = workloadUsdPerM(offer, workload.isl, workload.osl);
        if (!price)
            continue;
        const QString provider = QString::fromStdString(offer.provider);
        auto* label = new QCPItemText(this);
        label->setLayer(QStringLiteral("labels"));
        label->setFont(labelFont);
        label->setColor(colors_.text);
        label->setBrush(colors_.labelBackground); // readable where it crosses a curve
        label->setPadding(QMargins(3, 1, 3, 1));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setClipToAxisRect(true);
        offerItems_.push_back(label);
        offers_.push_back({index, *price, offer.outputTokensPerSecond, label});
        if (offer.outputTokensPerSecond) {
            xs << *offer.outputTokensPerSecond;
            ys << *price;
            label->setText(QStringLiteral("%1 %2").arg(provider, formatUsd(price)));
            setAxisPositions(label->position, QCPItemPosition::ptPlotCoords,
                             QCPItemPosition::ptPlotCoords, *offer.outputTokensPerSecond, *price);
            continue;
        }
        // Unknown speed: a dashed price line across the chart, labelled along it.
        auto* line = new QCPItemStraightLine(this);
        line->setPen(QPen(colors_.text, 1.2, Qt::DashLine));
        setAxisPositions(line->point1, QCPItemPosition::ptAxisRectRatio,
                         QCPItemPosition::ptPlotCoords, 0, *price);
        setAxisPositions(line->point2, QCPItemPosition::ptAxisRectRatio,
                         QCPItemPosition::ptPlotCoords, 1, *price);
        offerItems_.push_back(line);
        label->setText(tr("API %1 %2 · speed unknown").arg(provider, formatUsd(price)));
        setAxisPositions(label->position, QCPItemPosition::ptAxisRectRatio,
                         QCPItemPosition::ptPlotCoords, 0.01, *price);
    }
    offerMarkers_ = addGraph();
    offerMarkers_->setName(tr("API offer (dashed: speed unknown)"));
    offerMarkers_->setLineStyle(QCPGraph::lsNone);
    offerMarkers_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDiamond, colors_.text, offerFill, offerMarkerSize));
    offerMarkers_->setPen(QPen(colors_.text, 1.2, Qt::DashLine));
    offerMarkers_->setData(xs, ys);
    if (offers_.empty())
        offerMarkers_->removeFromLegend();
}

std::vector<QCPItemText*> ParetoChart::offerLabels() const {
    std::vector<QCPItemText*> labels;
    for (const DrawnOffer& offer : offers_)
        labels.push_back(offer.label);
    return labels;
}

void ParetoChart::layOutOfferLabels() {
    if (offers_.empty() || !offerMarkers_ || !offerMarkers_->visible())
        return;
    const QRectF area = axisRect()->rect();
    // What a label must not cover: every offer's marker and the SLA labels.
    std::vector<QRectF> taken;
    const double markerHalf = offerMarkerSize / 2 + 1;
    for (const DrawnOffer& offer : offers_) {
        if (offer.speed)
            taken.emplace_back(xAxis->coordToPixel(*offer.speed) - markerHalf,
                               yAxis->coordToPixel(offer.price) - markerHalf, 2 * markerHalf,
                               2 * markerHalf);
    }
    for (const QCPItemText* sla : {interactivityLabel_, ttftLabel_}) {
        if (sla && sla->visible())
            taken.push_back(drawnRect(*sla));
    }
    // The cheapest offers are the ones a buyer compares: they choose their places first.
    std::vector<const DrawnOffer*> order;
    for (const DrawnOffer& offer : offers_)
        order.push_back(&offer);
    std::stable_sort(order.begin(), order.end(),
                     [](const DrawnOffer* a, const DrawnOffer* b) { return a->price < b->price; });
    const auto isFree = [&](const QRectF& box) {
        return area.contains(box) && std::none_of(taken.begin(), taken.end(), [&](const QRectF& t) {
                   return t.intersects(box.adjusted(-1, -1, 1, 1));
               });
    };
    for (const DrawnOffer* offer : order) {
        const QSizeF size = labelBoxSize(*offer->label);
        const double y = yAxis->coordToPixel(offer->price);
        std::vector<QPointF> candidates; // top-left corners, best first
        if (offer->speed) {
            // Beside the marker, right then left, nudged up or down by whole label heights.
            const double x = xAxis->coordToPixel(*offer->speed);
            for (int step : {0, -1, 1, -2, 2}) {
                const double top = y - size.height() / 2 + step * (size.height() + 1);
                candidates.emplace_back(x + markerHalf + 2, top);
                candidates.emplace_back(x - markerHalf - 2 - size.width(), top);
            }
        } else {
            // Along the dashed price line: above it anywhere before below it, so that a label
            // between two price lines reads as belonging to the one below it.
            for (bool above : {true, false}) {
                for (double share : {0.01, 0.26, 0.51, 0.76})
                    candidates.emplace_back(area.left() + share * area.width(),
                                            above ? y - size.height() - 1 : y + 1);
            }
        }
        const auto place =
            std::find_if(candidates.begin(), candidates.end(), [&](const QPointF& at) {
                return isFree({at, size});
            });
        offer->label->setVisible(place != candidates.end());
        if (place == candidates.end())
            continue; // no room: the offer stays in the tooltip, the legend and the table
        taken.emplace_back(*place, size);
        setAxisPositions(offer->label->position, QCPItemPosition::ptPlotCoords,
                         QCPItemPosition::ptPlotCoords, xAxis->pixelToCoord(place->x()),
                         yAxis->pixelToCoord(place->y()));
    }
}

void ParetoChart::addEnvelope() {
    bool first = true;
    for (const EnvelopeBand& stretch : state_->envelopeBands()) {
        QCPGraph* band = addGraph();
        QColor color = hardwareColor(state_->engine().seriesKey(stretch.series).hardware);
        color.setAlpha(colors_.dark ? 110 : 70); // a dark background swallows a faint band
        band->setPen(QPen(color, 14, Qt::SolidLine, Qt::RoundCap));
        band->setData(QVector<double>(stretch.interactivity.begin(), stretch.interactivity.end()),
                      QVector<double>(stretch.costPerMTotal.begin(), stretch.costPerMTotal.end()),
                      true);
        band->setName(tr("Cheapest system at each speed"));
        if (!first)
            band->removeFromLegend();
        first = false;
    }
}

} // namespace tokenomics::ui
