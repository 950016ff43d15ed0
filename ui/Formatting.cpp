#include "Formatting.h"

#include <QLocale>
#include <cmath>

namespace tokenomics::ui {

namespace {
const QLocale& englishLocale() {
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

bool isKnown(std::optional<double> value) {
    return value.has_value() && std::isfinite(*value);
}

QString thousands(int tokens) {
    if (tokens % 1024 == 0)
        return QStringLiteral("%1k").arg(tokens / 1024);
    if (tokens % 1000 == 0)
        return QStringLiteral("%1k").arg(tokens / 1000);
    return QString::number(tokens);
}
} // namespace

QString formatNumber(std::optional<double> value, int decimals) {
    if (!isKnown(value))
        return QStringLiteral("unknown");
    return englishLocale().toString(*value, 'f', decimals);
}

QString formatUsd(std::optional<double> usd) {
    if (!isKnown(usd))
        return QStringLiteral("unknown");
    const double magnitude = std::fabs(*usd);
    int decimals = 2;
    if (magnitude > 0 && magnitude < 1)
        decimals = std::max(2, 2 - static_cast<int>(std::floor(std::log10(magnitude))));
    if (magnitude >= 1000)
        decimals = 0;
    return QStringLiteral("$") + englishLocale().toString(*usd, 'f', std::min(decimals, 6));
}

QString formatSeconds(std::optional<double> seconds) {
    if (!isKnown(seconds))
        return QStringLiteral("unknown");
    // Up to milliseconds, without trailing zeros: "2.0 s", "0.36 s", "0.245 s".
    QString text = englishLocale().toString(*seconds, 'f', *seconds < 10 ? 3 : 1);
    while (text.endsWith(QLatin1Char('0')) && text.indexOf(QLatin1Char('.')) < text.size() - 2)
        text.chop(1);
    return text + QStringLiteral(" s");
}

QString scenarioLabel(int isl, int osl) {
    // MLPerf and other sources without request lengths store 0: never show "0k/0k".
    if (isl <= 0 || osl <= 0)
        return QStringLiteral("unknown ISL/OSL");
    return thousands(isl) + QLatin1Char('/') + thousands(osl);
}

QString statisticLabel(Statistic statistic) {
    switch (statistic) {
    case Statistic::P90:
        return QStringLiteral("p90");
    case Statistic::P99:
        return QStringLiteral("p99");
    case Statistic::P50:
        break;
    }
    return QStringLiteral("p50");
}

QString seriesLabel(const SeriesKey& key, bool withModelAndScenario) {
    QStringList parts{QString::fromStdString(key.hardware), QString::fromStdString(key.engine),
                      QString::fromStdString(key.precision)};
    if (!key.specDecoding.empty() && key.specDecoding != "none")
        parts << QString::fromStdString(key.specDecoding);
    if (!key.run.empty())
        parts << QString::fromStdString(key.run);
    if (withModelAndScenario)
        parts << QString::fromStdString(key.model) << scenarioLabel(key.isl, key.osl);
    return parts.join(QStringLiteral(" · "));
}

QString spreadsheetSafe(const QString& text) {
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (text.isEmpty() || !formulaStarts.contains(text.front()))
        return text;
    return QLatin1Char('\'') + text;
}

} // namespace tokenomics::ui
