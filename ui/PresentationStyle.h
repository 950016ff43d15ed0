#pragma once
/// Presentation style for a chart: large fonts, thick lines and big markers, readable from the
/// back of a room. Applied on top of what ParetoChart draws; re-applied after each rebuild.

namespace tokenomics::ui {

class ParetoChart;

/// Point sizes in presentation mode (the screen's usual text is about 10 pt).
constexpr double presentationAxisLabelPt = 22;
constexpr double presentationTickLabelPt = 18;
constexpr double presentationLegendPt = 17;
constexpr double presentationSlaLabelPt = 19;
constexpr double presentationOfferLabelPt = 13;

/// Sets the chart's fonts, pens and markers for presentation (`on`) or back to screen sizes.
void applyPresentationStyle(ParetoChart& chart, bool on);

} // namespace tokenomics::ui
