#include "PointTooltip.h"

#include "CostModel.h"
#include "DashboardState.h"
#include "Formatting.h"
#include "OfferTableModel.h"

namespace tokenomics::ui {

namespace {
QString row(const QString& name, const QString& value) {
    return QStringLiteral("<tr><td>%1</td><td align='right'><b>%2</b></td></tr>")
        .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
}

QString latency(const ByStatistic& figures, bool isLimit) {
    QStringList parts;
    const std::pair<const char*, std::optional<double>> stats[] = {
        {"p50", figures.p50}, {"p90", figures.p90}, {"p99", figures.p99}};
    for (const auto& [name, value] : stats) {
        if (!value)
            continue;
        parts << (isLimit ? QStringLiteral("≤ %1 (scenario limit)").arg(formatSeconds(value))
                          : QStringLiteral("%1 %2").arg(QLatin1String(name), formatSeconds(value)));
        if (isLimit)
            break;
    }
    return parts.isEmpty() ? QStringLiteral("unknown") : parts.join(QStringLiteral(", "));
}

QString rates(const ByStatistic& figures) {
    QStringList parts;
    const std::pair<const char*, std::optional<double>> stats[] = {
        {"p50", figures.p50}, {"p90", figures.p90}, {"p99", figures.p99}};
    for (const auto& [name, value] : stats) {
        if (value)
            parts << QStringLiteral("%1 %2").arg(QLatin1String(name), formatNumber(value, 1));
    }
    return parts.isEmpty() ? QStringLiteral("unknown") : parts.join(QStringLiteral(", "));
}

QString provenanceText(const Provenance& provenance) {
    QString text = QString::fromStdString(provenance.source);
    if (!provenance.date.empty())
        text += QStringLiteral(" (%1)").arg(QString::fromStdString(provenance.date));
    return text;
}
} // namespace

QString configurationText(const DashboardState& state, std::size_t series, std::size_t point) {
    const PointFigures figures = state.engine().pointFigures(series, point);
    QString config;
    if (series < state.catalog().series.size() &&
        point < state.catalog().series[series].points.size())
        config = QString::fromStdString(state.catalog().series[series].points[point].config);
    QStringList parts;
    if (!config.isEmpty())
        parts << config;
    if (figures.disaggregated)
        parts << QObject::tr("%1P+%2D disaggregated")
                     .arg(figures.prefillGpus)
                     .arg(figures.decodeGpus);
    parts << (figures.gpus > 0 ? QObject::tr("%1 GPUs").arg(figures.gpus)
                               : QObject::tr("GPUs unknown"));
    return parts.join(QStringLiteral(" · "));
}

QString pointTooltip(const DashboardState& state, std::size_t series, std::size_t point) {
    const RankingEngine& engine = state.engine();
    const PointFigures figures = engine.pointFigures(series, point);
    const SeriesKey& key = engine.seriesKey(series);
    const CostSettings& cost = state.cost();
    const std::optional<double> usdPerHour = engine.usdPerGpuHour(series, cost);
    Provenance provenance;
    QString note;
    // The engine keeps only the figures it ranks on; the load comes from the catalog's point.
    QString load = QString::fromStdString(loadText(figures));
    if (series < state.catalog().series.size() &&
        point < state.catalog().series[series].points.size()) {
        const OperatingPoint& catalogPoint = state.catalog().series[series].points[point];
        provenance = catalogPoint.provenance;
        note = QString::fromStdString(catalogPoint.note);
        load = QString::fromStdString(loadText(catalogPoint.figures));
    }
    const QString mark = provenance.uncertain ? QStringLiteral(" ≈ uncertain") : QString();
    const QString derived = figures.tputDerived ? QObject::tr(" (derived)") : QString();

    QString html = QStringLiteral("<b>%1</b><br>%2 · %3<table>")
                       .arg(seriesLabel(key).toHtmlEscaped(),
                            QString::fromStdString(key.model).toHtmlEscaped(),
                            scenarioLabel(key.isl, key.osl));
    html += row(QObject::tr("Configuration"), configurationText(state, series, point));
    html += row(QObject::tr("Load"), load);
    html += row(QObject::tr("Interactivity (tok/s/user)"), rates(figures.interactivity) + mark);
    html += row(QObject::tr("Throughput/GPU (tok/s)"),
                formatNumber(figures.tputPerGpu, 0) + derived + mark);
    html += row(QObject::tr("Output tput/GPU (tok/s)"),
                formatNumber(figures.outputTputPerGpu, 0) + mark);
    if (figures.inputTputPerGpu)
        html +=
            row(QObject::tr("Input tput/prefill GPU"), formatNumber(figures.inputTputPerGpu, 0));
    html += row(QObject::tr("TTFT"), latency(figures.ttftSeconds, figures.latencyIsLimit) + mark);
    if (figures.e2elSeconds.p50 || figures.e2elSeconds.p90 || figures.e2elSeconds.p99)
        html +=
            row(QObject::tr("E2E latency"), latency(figures.e2elSeconds, figures.latencyIsLimit));
    if (figures.powerWatts)
        html += row(QObject::tr("Power per GPU"),
                    formatNumber(figures.powerWatts, 0) + QStringLiteral(" W"));
    html += row(QObject::tr("$ per 1M total tokens"),
                formatUsd(costPerMillionTokens(usdPerHour, figures.tputPerGpu, cost.utilization)));
    html += row(
        QObject::tr("$ per 1M output tokens"),
        formatUsd(costPerMillionTokens(usdPerHour, figures.outputTputPerGpu, cost.utilization)));
    html += row(QObject::tr("$/GPU-hour"),
                QStringLiteral("%1 (%2)").arg(formatUsd(usdPerHour), state.costBasisName(series)));
    html += row(QObject::tr("Meets the SLA"), engine.pointMeetsSla(series, point, state.sla())
                                                  ? QObject::tr("yes")
                                                  : QObject::tr("no"));
    html += QStringLiteral("</table>");
    if (!note.isEmpty())
        html += QObject::tr("Note: %1<br>").arg(note.toHtmlEscaped());
    html += QObject::tr("Source: %1").arg(provenanceText(provenance).toHtmlEscaped());
    if (provenance.uncertain)
        html += QObject::tr("<br><i>≈ uncertain: second-hand or conflicting source</i>");
    return html;
}

QString offerTooltip(const DashboardState& state, std::size_t offerIndex) {
    const ProviderOffer& offer = state.catalog().offers[offerIndex];
    const Workload workload = state.workload();
    const QString mark = offer.provenance.uncertain ? QStringLiteral(" ≈ uncertain") : QString();
    QString html = QObject::tr("<b>API: %1</b><br>%2<table>")
                       .arg(QString::fromStdString(offer.provider).toHtmlEscaped(),
                            QString::fromStdString(offer.model).toHtmlEscaped());
    html += row(QObject::tr("Input $ per 1M"), formatUsd(offer.inputUsdPerM) + mark);
    html += row(QObject::tr("Output $ per 1M"), formatUsd(offer.outputUsdPerM) + mark);
    html += row(QObject::tr("Blended 3:1"), formatUsd(blendedUsdPerM(offer)));
    html += row(QObject::tr("$ per 1M tokens at %1").arg(scenarioLabel(workload.isl, workload.osl)),
                formatUsd(workloadUsdPerM(offer, workload.isl, workload.osl)));
    html += row(QObject::tr("Output speed (tok/s/user)"),
                offer.outputTokensPerSecond ? formatNumber(offer.outputTokensPerSecond, 0)
                                            : QObject::tr("unknown"));
    html += row(QObject::tr("TTFT"), formatSeconds(offer.ttftSeconds));
    for (const OfferResult& result : state.ranking().offers) {
        if (result.offer != offerIndex)
            continue;
        switch (offerVerdict(result, offer, state.sla())) {
        case OfferVerdict::Meets:
            html += row(QObject::tr("Meets the SLA"), QObject::tr("yes"));
            break;
        case OfferVerdict::Unknown:
            html += row(QObject::tr("Meets the SLA"), QObject::tr("unknown (speed not published)"));
            break;
        case OfferVerdict::Fails:
            html += row(QObject::tr("Meets the SLA"), QObject::tr("no"));
            break;
        }
    }
    html += QStringLiteral("</table>");
    html += QObject::tr("Source: %1").arg(provenanceText(offer.provenance).toHtmlEscaped());
    return html;
}

} // namespace tokenomics::ui
