#include "DetailsPane.h"

#include "DashboardState.h"
#include "Formatting.h"
#include "PointTooltip.h"
#include "RankingTableModel.h"

#include <QLocale>
#include <cmath>

namespace tokenomics::ui {

namespace {
/// One row per benchmark: this precision's score, the baseline's, and the difference in points
/// (what "FP4 is only cheap if it stays accurate" asks); "unknown" when none is published.
QString accuracyTable(const QString& precision, const std::vector<QualityScore>& scores) {
    if (scores.empty())
        return QObject::tr("<p>Accuracy of %1 vs baseline: unknown</p>")
            .arg(precision.toHtmlEscaped());
    const QLocale english(QLocale::English);
    QString html =
        QObject::tr("<p>Accuracy of %1 vs baseline:</p><table cellspacing='0' cellpadding='2'>"
                    "<tr><th align='left'>Benchmark</th><th align='right'>%1</th>"
                    "<th align='right'>Baseline</th><th align='right'>Δ points</th></tr>")
            .arg(precision.toHtmlEscaped());
    for (const QualityScore& score : scores) {
        const double delta = score.score - score.baselineScore;
        const QString mark = score.provenance.uncertain ? QStringLiteral(" ≈") : QString();
        html += QStringLiteral("<tr><td>%1</td><td align='right'>%2%3</td>"
                               "<td align='right'>%4 %5</td><td align='right'>%6</td></tr>")
                    .arg(QString::fromStdString(score.benchmark).toHtmlEscaped(),
                         english.toString(score.score, 'f', 1), mark,
                         english.toString(score.baselineScore, 'f', 1),
                         QString::fromStdString(score.baselinePrecision).toHtmlEscaped(),
                         // A true minus sign: "−0.8" reads as a loss at a glance.
                         (delta < -0.05  ? QStringLiteral("−")
                          : delta > 0.05 ? QStringLiteral("+")
                                         : QString()) +
                             english.toString(std::fabs(delta), 'f', 1));
    }
    return html + QStringLiteral("</table>");
}
} // namespace

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
    html += accuracyTable(QString::fromStdString(key.precision),
                          state_->engine().qualityOf(result->series));
    const std::optional<std::size_t> point = result->point ? result->point : result->lowerKnotPoint;
    if (point) {
        html += tr("<p><i>%1 measured point:</i></p>")
                    .arg(result->point ? tr("The") : tr("Nearest lower"));
        html += pointTooltip(*state_, result->series, *point);
    }
    setHtml(html);
}

} // namespace tokenomics::ui
