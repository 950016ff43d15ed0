#pragma once
/// Chart colours taken from the widget palette, so charts read well in light and dark themes.

#include <QColor>

class QPalette;
class QCustomPlot;

namespace tokenomics::ui {

/// The colours of everything on a chart that is not a series' own colour.
struct ChartColors {
    QColor background;      // the whole plot, axis rect and legend
    QColor text;            // axis labels, tick labels, legend entries, offer labels
    QColor mutedText;       // legend entries of hidden series
    QColor axis;            // axis base and tick pens
    QColor grid;            // grid lines: visible, never louder than the data
    QColor labelBackground; // translucent card behind the SLA labels
    QColor sla;             // threshold lines and their labels
    QColor failingPoint;    // points that miss the SLA
    QColor feasibleRegion;  // translucent shade right of the min-interactivity line
    bool dark = false;
};

/// Colours for a chart drawn on `palette` (Base as background, Text as ink).
ChartColors chartColors(const QPalette& palette);

/// Colours the plot's background, axes, grid and legend (items and graphs are the chart's own).
void applyChartColors(QCustomPlot& plot, const ChartColors& colors);

} // namespace tokenomics::ui
