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
constexpr std::size_t crowdedCurveLimit = 40;
constexpr int shortLabelPixels = 90; // a shortened offer label's provider name

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

// One step smaller, whether the font is sized in points (screen) or pixels (export pages).
QFont smaller(QFont font) {
    if (font.pixelSize() > 0)
        font.setPixelSize(font.pixelSize() - 1);
    else
        font.setPointSizeF(font.pointSizeF() - 1);
    return font;
}
} // namespace

void ParetoChart::addOffers() {
    const Workload workload = state_->workload();
    const QFont labelFont = smaller(font());
    for (std::size_t index : state_->visibleOffers()) {
        const ProviderOffer& offer = state_->catalog().offers[index];
        const std::optional<double> price = workloadUsdPerM(offer, workload.isl, workload.osl);
        if (!price)
            continue;
        const QString provider = QString::fromStdString(offer.provider);
        auto* label = new QCPItemText(this);
        label->setLayer(QStringLiteral("labels"));
        label->setFont(labelFont);
        label->setBrush(colors_.labelBackground); // readable where it crosses a curve
        label->setPadding(QMargins(3, 1, 3, 1));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setClipToAxisRect(true);
        offerItems_.push_back(label);
        DrawnOffer drawn;
        drawn.offer = index;
        drawn.price = *price;
        drawn.speed = offer.outputTokensPerSecond;
        drawn.label = label;
        drawn.provider = provider;
        drawn.priceText = formatUsd(price);
        if (offer.outputTokensPerSecond) {
            drawn.text = QStringLiteral("%1 %2").arg(provider, formatUsd(price));
            setAxisPositions(label->position, QCPItemPosition::ptPlotCoords,
                             QCPItemPosition::ptPlotCoords, *offer.outputTokensPerSecond, *price);
        } else {
            // Unknown speed: a dashed price line across the chart, labelled along it.
            drawn.line = new QCPItemStraightLine(this);
            setAxisPositions(drawn.line->point1, QCPItemPosition::ptAxisRectRatio,
                             QCPItemPosition::ptPlotCoords, 0, *price);
            setAxisPositions(drawn.line->point2, QCPItemPosition::ptAxisRectRatio,
                             QCPItemPosition::ptPlotCoords, 1, *price);
            offerItems_.push_back(drawn.line);
            drawn.text = tr("API %1 %2 · speed unknown").arg(provider, formatUsd(price));
            setAxisPositions(label->position, QCPItemPosition::ptAxisRectRatio,
                             QCPItemPosition::ptPlotCoords, 0.01, *price);
        }
        offers_.push_back(drawn);
    }
    const auto addMarkers = [this](const QColor& outline, const QColor& fill) {
        QCPGraph* graph = addGraph();
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDiamond, outline, fill, offerMarkerSize));
        graph->setPen(QPen(outline, 1.2, Qt::DashLine));
        graph->removeFromLegend();
        return graph;
    };
    offerMarkersFailing_ = addMarkers(colors_.failingPoint.darker(130), colors_.failingPoint);
    offerMarkersUnknown_ = addMarkers(colors_.text, colors_.labelBackground);
    offerMarkers_ = addMarkers(colors_.text, offerFill);
    // Short, so the legend keeps its columns; the footnote says what grey and hollow mean.
    offerMarkers_->setName(tr("API offer"));
    if (!offers_.empty())
        offerMarkers_->addToLegend();
}

void ParetoChart::regreyOffers() {
    if (!offerMarkers_)
        return;
    std::vector<OfferVerdict> verdicts(state_->catalog().offers.size(), OfferVerdict::Unknown);
    for (const OfferResult& result : state_->ranking().offers)
        verdicts[result.offer] =
            offerVerdict(result, state_->catalog().offers[result.offer], state_->sla());
    QVector<double> xs[3];
    QVector<double> ys[3];
    for (DrawnOffer& offer : offers_) {
        const OfferVerdict verdict = verdicts[offer.offer];
        const auto slot = static_cast<std::size_t>(verdict);
        const bool fails = verdict == OfferVerdict::Fails;
        offer.label->setColor(fails ? colors_.mutedText : colors_.text);
        offer.verdictText = fails                              ? tr(" · fails SLA")
                            : verdict == OfferVerdict::Unknown ? tr(" · SLA ?")
                                                               : QString();
        offer.verdictMark = fails                              ? tr(" ✗")
                            : verdict == OfferVerdict::Unknown ? tr(" ?")
                                                               : QString();
        offer.label->setText(offer.fullText());
        if (offer.line)
            offer.line->setPen(QPen(fails ? colors_.failingPoint : colors_.text, 1.2,
                                    verdict == OfferVerdict::Unknown ? Qt::DotLine : Qt::DashLine));
        if (offer.speed) {
            xs[slot] << *offer.speed;
            ys[slot] << offer.price;
        }
    }
    offerMarkers_->setData(xs[static_cast<int>(OfferVerdict::Meets)],
                           ys[static_cast<int>(OfferVerdict::Meets)]);
    offerMarkersUnknown_->setData(xs[static_cast<int>(OfferVerdict::Unknown)],
                                  ys[static_cast<int>(OfferVerdict::Unknown)]);
    offerMarkersFailing_->setData(xs[static_cast<int>(OfferVerdict::Fails)],
                                  ys[static_cast<int>(OfferVerdict::Fails)]);
}

QCPGraph* ParetoChart::offerMarkers(OfferVerdict verdict) const {
    switch (verdict) {
    case OfferVerdict::Fails:
        return offerMarkersFailing_;
    case OfferVerdict::Unknown:
        return offerMarkersUnknown_;
    case OfferVerdict::Meets:
        break;
    }
    return offerMarkers_;
}

bool ParetoChart::crossesCurve(const QRectF& box) const {
    // Crowded views have no room to spare anyway: labels there only avoid each other.
    if (drawn_.size() > crowdedCurveLimit)
        return false;
    for (int g = 0; g < graphCount(); ++g) {
        const QCPGraph* curve = graph(g);
        if (!curve->visible() || curve->lineStyle() == QCPGraph::lsNone || curve->dataCount() < 2)
            continue;
        const double halfWidth = curve->pen().widthF() / 2;
        const QRectF grown = box.adjusted(-halfWidth, -halfWidth, halfWidth, halfWidth);
        const QLineF edges[] = {{grown.topLeft(), grown.topRight()},
                                {grown.topRight(), grown.bottomRight()},
                                {grown.bottomRight(), grown.bottomLeft()},
                                {grown.bottomLeft(), grown.topLeft()}};
        QPointF previous;
        bool first = true;
        for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it) {
            const QPointF at(xAxis->coordToPixel(it->key), yAxis->coordToPixel(it->value));
            if (grown.contains(at))
                return true;
            if (!first) {
                const QLineF segment(previous, at);
                for (const QLineF& edge : edges) {
                    if (segment.intersects(edge) == QLineF::BoundedIntersection)
                        return true;
                }
            }
            previous = at;
            first = false;
        }
    }
    return false;
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
        return area.contains(box) &&
               std::none_of(
                   taken.begin(), taken.end(),
                   [&](const QRectF& t) { return t.intersects(box.adjusted(-1, -1, 1, 1)); }) &&
               !crossesCurve(box);
    };
    const auto candidatesFor = [&](const DrawnOffer& offer, const QSizeF& size) {
        const double y = yAxis->coordToPixel(offer.price);
        std::vector<QPointF> candidates; // top-left corners, best first
        if (offer.speed) {
            // Beside the marker, right then left, nudged up or down by whole label heights.
            const double x = xAxis->coordToPixel(*offer.speed);
            for (int step : {0, -1, 1, -2, 2, -3, 3, -4, 4}) {
                const double top = y - size.height() / 2 + step * (size.height() + 1);
                candidates.emplace_back(x + markerHalf + 2, top);
                candidates.emplace_back(x - markerHalf - 2 - size.width(), top);
            }
        } else {
            // Along the dashed price line: above it anywhere before below it, so that a label
            // between two price lines reads as belonging to the one below it.
            for (bool above : {true, false}) {
                for (double share : {0.01, 0.14, 0.26, 0.38, 0.51, 0.63, 0.76})
                    candidates.emplace_back(area.left() + share * area.width(),
                                            above ? y - size.height() - 1 : y + 1);
            }
        }
        return candidates;
    };
    for (const DrawnOffer* offer : order) {
        // The full label where it fits, else the provider's name shortened: "Nebius AI… $4.00".
        const QString shortName =
            QFontMetrics(offer->label->font())
                .elidedText(offer->provider, Qt::ElideRight, shortLabelPixels);
        QSizeF size;
        std::optional<QPointF> place;
        for (const QString& text : {offer->fullText(), shortName + QLatin1Char(' ') +
                                                           offer->priceText + offer->verdictMark}) {
            offer->label->setText(text);
            size = labelBoxSize(*offer->label);
            for (const QPointF& at : candidatesFor(*offer, size)) {
                if (isFree({at, size})) {
                    place = at;
                    break;
                }
            }
            if (place)
                break;
        }
        offer->label->setVisible(place.has_value());
        if (!place)
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
        QColor color = state_->seriesColor(stretch.series);
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
