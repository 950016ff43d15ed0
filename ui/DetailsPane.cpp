#include "DetailsPane.h"

#include "DashboardState.h"
#include "Formatting.h"
#include "PointTooltip.h"
#include "RankingTableModel.h"

namespace tokenomics::ui {

DetailsPane::DetailsPane(DashboardState* state, QWidget* parent)
    : QTextBrowser(parent)
    , state_(state) {
    setOpenExternalLinks(true);
    connect(state_, &DashboardState::thresholdsChanged, this, &DetailsPane::refresh);
    refresh();
}

void DetailsPane::showSeries(std::optional<std::size_t> series) {
    series_ = series;
    refresh();
}

void DetailsPane::refresh() {
    if (!state_)
        return;
    const Ranking& ranking = state_->ranking();
    const SeriesResult* result = nullptr;
    for (const SeriesResult& candidate : ranking.series) {
        if (!series_ || candidate.series == *series_) {
            result = &candidate;
            break;
        }
    }
    if (!result) {
        setHtml(tr("<p>Select a row of the ranking to see its details.</p>"));
        return;
    }
    const SeriesKey& key = state_->engine().seriesKey(result->series);
    QString html = tr("<h3>%1</h3>").arg(seriesLabel(key, true).toHtmlEscaped());
    html += result->feasible
                ? tr("<p>Best point under the SLA: <b>%1</b> per 1M total tokens at %2 "
                     "tok/s/user%3.</p>")
                      .arg(formatUsd(result->costPerMTotal), formatNumber(result->interactivity, 1),
                           result->interpolated ? tr(" (interpolated between measured points)")
                                                : QString())
                : tr("<p><b>Does not meet the SLA</b>: no point of its frontier reaches it.</p>");
    html += tr("<p>$/GPU-hour %1 (%2) · tokens/s per MW %3 · J/token %4</p>")
                .arg(formatUsd(result->usdPerGpuHour),
                     state_->costBasisName(result->series).toHtmlEscaped(),
                     formatNumber(result->tokensPerMw, 0), formatNumber(result->joulesPerToken, 2));
    const QString accuracy = accuracyText(*state_, result->series);
    html += tr("<p>Accuracy of %1 vs baseline: %2</p>")
                .arg(QString::fromStdString(key.precision),
                     accuracy.isEmpty() ? tr("unknown") : accuracy.toHtmlEscaped());
    const std::optional<std::size_t> point = result->point ? result->point : result->lowerKnotPoint;
    if (point) {
        html += tr("<p><i>%1 measured point:</i></p>")
                    .arg(result->point ? tr("The") : tr("Nearest lower"));
        html += pointTooltip(*state_, result->series, *point);
    }
    setHtml(html);
}

} // namespace tokenomics::ui
