#include "SummaryStrip.h"

#include "DashboardState.h"
#include "Formatting.h"
#include "OfferTableModel.h"

#include <QEvent>
#include <algorithm>

namespace tokenomics::ui {

QString summaryText(const DashboardState& state, const QColor& secondaryColor) {
    const Ranking& ranking = state.ranking();
    QString best;
    const bool haveBest = !ranking.series.empty() && ranking.series.front().feasible &&
                          ranking.series.front().costPerMTotal.has_value();
    if (haveBest) {
        const SeriesResult& top = ranking.series.front();
        best = QObject::tr("<b>Best: %1</b> — <b>%2</b> per 1M tokens, goodput %3 tok/s/GPU")
                   .arg(seriesLabel(state.engine().seriesKey(top.series)).toHtmlEscaped(),
                        formatUsd(top.costPerMTotal), formatNumber(top.goodputPerGpu, 0));
    } else if (state.visibleSeries().empty()) {
        best = QObject::tr("<b>No series match these filters</b>");
    } else if (state.seriesWithoutStatistic() == state.visibleSeries().size()) {
        // Not a verdict on the systems: the figure the SLA asks for was never published.
        best = QObject::tr("<b>No %1 data for these series</b> — their sources publish other "
                           "statistics; pick p50")
                   .arg(statisticLabel(state.sla().statistic));
    } else if (state.sla().minAttainment &&
               state.seriesWithoutSamples() == state.visibleSeries().size()) {
        best = QObject::tr("<b>No per-request samples for these series</b> — an attainment "
                           "target cannot be judged on summary figures; set Min attainment to "
                           "none");
    } else if (state.seriesWithoutCost() == state.visibleSeries().size()) {
        best = QObject::tr("<b>No cost known for these series</b> (no '%1' cost basis) — pick "
                           "another basis or enter your own $/GPU-hour")
                   .arg(QString::fromStdString(state.cost().costBasisKey).toHtmlEscaped());
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
        text += QStringLiteral("<br><span style='color:%1'>%2: %3</span>")
                    .arg(secondaryColor.name(), QObject::tr("Cheapest by interactivity"),
                         envelope.toHtmlEscaped());
    return text;
}

SummaryStrip::SummaryStrip(DashboardState* state, QWidget* parent)
    : QLabel(parent)
    , state_(state) {
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    setContentsMargins(10, 6, 10, 6);
    // A card of the palette's alternate base: set apart from the window in light and dark
    // themes alike, and following a theme change without a fixed colour.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    setForegroundRole(QPalette::Text);
    setFrameShape(QFrame::StyledPanel);
    QFont larger = font();
    larger.setPointSizeF(larger.pointSizeF() + 1.5);
    setFont(larger);
    connect(state_, &DashboardState::thresholdsChanged, this, &SummaryStrip::refresh);
    connect(state_, &DashboardState::seriesVisibilityChanged, this, &SummaryStrip::refresh);
    refresh();
}

int SummaryStrip::heightForWidth(int width) const {
    if (width != reservedWidth_) {
        reservedWidth_ = width;
        const QMargins margins = contentsMargins();
        reservedHeight_ =
            3 * fontMetrics().lineSpacing() + margins.top() + margins.bottom() + 2 * frameWidth();
    }
    reservedHeight_ = std::max(reservedHeight_, QLabel::heightForWidth(width));
    return reservedHeight_;
}

void SummaryStrip::refresh() {
    if (!state_)
        return;
    // The envelope line a third of the way from the text towards the background: quieter, and
    // still readable on either.
    const QColor text = palette().color(QPalette::Text);
    const QColor card = palette().color(QPalette::AlternateBase);
    const QColor secondary((text.red() * 2 + card.red()) / 3, (text.green() * 2 + card.green()) / 3,
                           (text.blue() * 2 + card.blue()) / 3);
    setText(summaryText(*state_, secondary));
}

void SummaryStrip::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        refresh();
}

} // namespace tokenomics::ui
