#include "SummaryStrip.h"

#include "DashboardState.h"
#include "Formatting.h"
#include "OfferTableModel.h"

namespace tokenomics::ui {

QString summaryText(const DashboardState& state) {
    const Ranking& ranking = state.ranking();
    QString best;
    const bool haveBest = !ranking.series.empty() && ranking.series.front().feasible &&
                          ranking.series.front().costPerMTotal.has_value();
    if (haveBest) {
        const SeriesResult& top = ranking.series.front();
        best = QObject::tr("<b>Best: %1</b> — <b>%2</b> per 1M tokens, goodput %3 tok/s/GPU")
                   .arg(seriesLabel(state.engine().seriesKey(top.series)).toHtmlEscaped(),
                        formatUsd(top.costPerMTotal), formatNumber(top.goodputPerGpu, 0));
    } else {
        best = QObject::tr("<b>No system meets this SLA</b> with a known cost");
    }
    // Offers with a measured speed are the ones known to meet the SLA; a cheaper offer whose
    // speed is unknown is worth naming, flagged as such.
    const OfferResult* cheapestKnown = nullptr;
    const OfferResult* cheapestUnknown = nullptr;
    for (const OfferResult& offer : ranking.offers) {
        if (!offer.workloadUsdPerM)
            continue;
        const OfferVerdict verdict =
            offerVerdict(offer, state.catalog().offers[offer.offer], state.sla());
        const bool known = verdict == OfferVerdict::Meets && offer.speedKnown;
        const bool unknown = verdict == OfferVerdict::Unknown ||
                             (verdict == OfferVerdict::Meets && !offer.speedKnown);
        const OfferResult*& cheapest = known ? cheapestKnown : cheapestUnknown;
        if ((known || unknown) &&
            (!cheapest || *offer.workloadUsdPerM < *cheapest->workloadUsdPerM))
            cheapest = &offer;
    }
    const auto providerOf = [&state](const OfferResult* offer) {
        return QString::fromStdString(state.catalog().offers[offer->offer].provider)
            .toHtmlEscaped();
    };
    QString api = cheapestKnown ? QObject::tr("cheapest API meeting the SLA: <b>%1</b> at %2")
                                      .arg(providerOf(cheapestKnown),
                                           formatUsd(cheapestKnown->workloadUsdPerM))
                                : QObject::tr("no API offer with a measured speed meets the SLA");
    if (cheapestUnknown &&
        (!cheapestKnown || *cheapestUnknown->workloadUsdPerM < *cheapestKnown->workloadUsdPerM))
        api += QObject::tr(" (%1 at %2, speed unknown)")
                   .arg(providerOf(cheapestUnknown), formatUsd(cheapestUnknown->workloadUsdPerM));
    QString text = best + QStringLiteral("; ") + api;
    const QString envelope = envelopeSummary(state.envelope(), [&state](std::size_t series) {
        return seriesLabel(state.engine().seriesKey(series));
    });
    if (!envelope.isEmpty())
        text += QStringLiteral("<br><span style='color:#555'>%1: %2</span>")
                    .arg(QObject::tr("Cheapest by interactivity"), envelope.toHtmlEscaped());
    return text;
}

SummaryStrip::SummaryStrip(DashboardState* state, QWidget* parent)
    : QLabel(parent)
    , state_(state) {
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    setContentsMargins(10, 6, 10, 6);
    // A light card with dark text in light and dark palettes alike.
    setStyleSheet(
        QStringLiteral("QLabel { background: #f4f8fb; color: #1b1f23; border: 1px solid #d6e2ea;"
                       " border-radius: 4px; }"));
    QFont larger = font();
    larger.setPointSizeF(larger.pointSizeF() + 1.5);
    setFont(larger);
    connect(state_, &DashboardState::thresholdsChanged, this, &SummaryStrip::refresh);
    connect(state_, &DashboardState::seriesVisibilityChanged, this, &SummaryStrip::refresh);
    refresh();
}

void SummaryStrip::refresh() {
    if (state_)
        setText(summaryText(*state_));
}

} // namespace tokenomics::ui
