#pragma once
/// Monotone cubic interpolation (Steffen 1990, the curve d3.curveMonotoneX draws).

#include <cstddef>
#include <optional>
#include <span>

namespace tokenomics {

/// Slope at knot `index` of the knots (xs ascending, strictly), as d3.curveMonotoneX sets it:
/// interior knots use Steffen's limited slope; the two end knots use d3's one-sided
/// (3 × secant − neighbour slope) / 2. With two knots both slopes equal the secant.
double monotoneCubicSlope(std::span<const double> xs, std::span<const double> ys,
                          std::size_t index);

/// Cubic Hermite value at x in [x0, x1] with end values y0, y1 and end slopes m0, m1.
double hermiteValue(double x0, double x1, double y0, double y1, double m0, double m1, double x);

/// The interpolated value at x; empty outside [xs.front(), xs.back()] (never extrapolates),
/// for empty input, or mismatched spans. Passes through every knot; between two knots it
/// stays within their values.
std::optional<double> interpolateMonotoneCubic(std::span<const double> xs,
                                               std::span<const double> ys, double x);

} // namespace tokenomics
