#pragma once
/// Number and label formatting for the dashboard: thousands separators, "unknown", never NaN.

#include "CatalogTypes.h"

#include <QString>
#include <optional>

namespace tokenomics::ui {

/// "12,345.6" with `decimals` decimals; "unknown" when empty or not finite.
QString formatNumber(std::optional<double> value, int decimals = 0);
/// "$0.053" / "$1.25" / "$1,234": three significant digits below $1, cents above.
QString formatUsd(std::optional<double> usd);
/// "0.245 s"; "unknown" when empty.
QString formatSeconds(std::optional<double> seconds);
/// "8k/1k" style ISL/OSL label; "unknown ISL/OSL" when either length is unknown (0).
QString scenarioLabel(int isl, int osl);
/// "p50" / "p90" / "p99".
QString statisticLabel(Statistic statistic);
/// "B200 · trt · fp4" (+ run, + model and scenario when asked).
QString seriesLabel(const SeriesKey& key, bool withModelAndScenario = false);
/// Text that a spreadsheet would run as a formula (first character = + - @, tab or CR) with a
/// leading ' so it stays text; anything else unchanged. For text cells of CSV and clipboard
/// exports.
QString spreadsheetSafe(const QString& text);

} // namespace tokenomics::ui
