#pragma once
/// Consistent look of a series in every chart: colour by hardware, line by engine, marker by
/// precision.

#include <QColor>
#include <qcustomplot.h>
#include <string>

namespace tokenomics::ui {

/// A fixed colour per hardware name (known names first, then a stable hash into the palette).
QColor hardwareColor(const std::string& hardware);
/// Solid, dashed, dotted... per inference engine.
Qt::PenStyle engineLineStyle(const std::string& engine);
/// Circle for fp4, square for fp8, triangle for bf16/fp16, diamond otherwise.
QCPScatterStyle::ScatterShape precisionMarker(const std::string& precision);
/// The grey used for points that fail the SLA.
QColor failingGrey();

} // namespace tokenomics::ui
