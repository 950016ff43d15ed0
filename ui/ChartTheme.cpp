#include "ChartTheme.h"

#include <QPalette>
#include <qcustomplot.h>

namespace tokenomics::ui {

namespace {
/// `from` moved a share `towards` the other colour (0 = from, 1 = towards), opaque.
QColor mix(const QColor& from, const QColor& towards, double share) {
    const auto channel = [share](int a, int b) {
        return static_cast<int>(a + (b - a) * share + 0.5);
    };
    return QColor(channel(from.red(), towards.red()), channel(from.green(), towards.green()),
                  channel(from.blue(), towards.blue()));
}
} // namespace

ChartColors chartColors(const QPalette& palette) {
    ChartColors colors;
    colors.background = palette.color(QPalette::Active, QPalette::Base);
    colors.text = palette.color(QPalette::Active, QPalette::Text);
    colors.dark = colors.background.lightness() < colors.text.lightness();
    colors.mutedText = mix(colors.background, colors.text, 0.4);
    colors.axis = mix(colors.background, colors.text, 0.5);
    colors.grid = mix(colors.background, colors.text, colors.dark ? 0.16 : 0.11);
    colors.labelBackground = colors.background;
    colors.labelBackground.setAlpha(215);
    // The SLA red of light themes is too dark to read on a dark background: a lighter red there.
    colors.sla = colors.dark ? QColor(0xff, 0x6b, 0x5b) : QColor(0xc0, 0x39, 0x2b);
    // Failing points recede into the background in both themes.
    colors.failingPoint = mix(colors.background, colors.text, colors.dark ? 0.32 : 0.22);
    colors.feasibleRegion = QColor(0x2e, 0xcc, 0x71, colors.dark ? 34 : 28);
    return colors;
}

void applyChartColors(QCustomPlot& plot, const ChartColors& colors) {
    plot.setBackground(colors.background);
    for (QCPAxisRect* rect : plot.axisRects()) {
        rect->setBackground(colors.background);
        for (QCPAxis* axis : rect->axes()) {
            QPen base = axis->basePen();
            base.setColor(colors.axis);
            axis->setBasePen(base);
            QPen tick = axis->tickPen();
            tick.setColor(colors.axis);
            axis->setTickPen(tick);
            QPen subTick = axis->subTickPen();
            subTick.setColor(colors.axis);
            axis->setSubTickPen(subTick);
            axis->setTickLabelColor(colors.text);
            axis->setLabelColor(colors.text);
            QPen grid = axis->grid()->pen();
            grid.setColor(colors.grid);
            axis->grid()->setPen(grid);
            QPen zero = axis->grid()->zeroLinePen();
            if (zero.style() != Qt::NoPen) {
                zero.setColor(colors.axis);
                axis->grid()->setZeroLinePen(zero);
            }
        }
    }
    plot.legend->setBrush(colors.background);
    plot.legend->setTextColor(colors.text); // also recolours the entries already in it
}

} // namespace tokenomics::ui
