#pragma once
/// Consistent look of a series in every view: colour by the chosen grouping (each series, or its
/// hardware, engine, precision or run), line by engine, marker by precision.

#include "CatalogTypes.h"

#include <QColor>
#include <map>
#include <qcustomplot.h>
#include <string>
#include <vector>

namespace tokenomics::ui {

/// What series share a colour: none (each series its own) or one dimension of the key.
enum class ColorGrouping { Series, Hardware, Engine, Precision, Run };

/// The identity a series' colour follows under a grouping ("B200" by hardware, "(no run)" for an
/// empty run label, the whole key by series).
std::string colorGroup(const SeriesKey& key, ColorGrouping grouping);
/// "B200" by hardware, the full series label by series: what a legend entry of the group reads.
QString colorGroupLabel(const SeriesKey& key, ColorGrouping grouping);

/// The one colour assignment of the dashboard: every chart, table and legend asks it. Each group
/// takes the palette slot its name hashes to (FNV-1a, the same on every platform), the next free
/// one when taken, groups placed in name order: the same catalog gives the same colours in every
/// view and session, and no two groups (no two series of one model and scenario) share a colour
/// until the palette's 20 run out. Known hardware keeps the vendors' brand colours.
class SeriesColors {
public:
    SeriesColors() = default;
    SeriesColors(const std::vector<SeriesKey>& keys, ColorGrouping grouping);
    [[nodiscard]] ColorGrouping grouping() const { return grouping_; }
    [[nodiscard]] QColor color(const SeriesKey& key) const;

private:
    ColorGrouping grouping_ = ColorGrouping::Series;
    std::map<std::string, QRgb> colors_;
};

/// Whether a hardware name has a brand colour of its own (B200, MI355X...).
bool isKnownHardware(const std::string& hardware);
/// A fixed colour per hardware name (known names first, then a stable hash into the palette).
QColor hardwareColor(const std::string& hardware);
/// Solid, dashed, dotted... per inference engine.
Qt::PenStyle engineLineStyle(const std::string& engine);
/// Circle for fp4, square for fp8, triangle for bf16/fp16, diamond otherwise.
QCPScatterStyle::ScatterShape precisionMarker(const std::string& precision);
/// The grey used for points that fail the SLA.
QColor failingGrey();

} // namespace tokenomics::ui
