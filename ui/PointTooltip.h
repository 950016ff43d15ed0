#pragma once
/// Tooltip text for a measured point or an API offer: every figure, configuration and source.

#include <QString>
#include <cstddef>

namespace tokenomics::ui {

class DashboardState;

/// Every figure of a point, its configuration, source and date; uncertain figures marked.
QString pointTooltip(const DashboardState& state, std::size_t series, std::size_t point);
/// Prices, speed, TTFT, source and date of an offer (index into the catalog's offers).
QString offerTooltip(const DashboardState& state, std::size_t offer);
/// "TP4 · 8 GPUs" / "4P+16D · 20 GPUs (disaggregated)".
QString configurationText(const DashboardState& state, std::size_t series, std::size_t point);

} // namespace tokenomics::ui
