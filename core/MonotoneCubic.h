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

/// The curve's value at x in the segment [xs[left], xs[left + 1]]: the same numbers as
/// interpolateMonotoneCubic, computing only the secants and slopes that segment needs, so
/// a caller may pass just a window of knots that includes one more on each side (where
/// the curve has one). NaN when the segment does not exist.
double monotoneCubicSegmentValue(std::span<const double> xs, std::span<const double> ys,
                                 std::size_t left, double x);

/// The end slopes of the segment [xs[left], xs[left + 1]] as monotoneCubicSegmentValue
/// computes them (same window rules; call only where that segment exists), so that a caller
/// evaluating one segment at many x can keep them and call hermiteValue itself.
struct SegmentSlopes {
    double atLeft = 0;
    double atRight = 0;
};
SegmentSlopes monotoneCubicSegmentSlopes(std::span<const double> xs, std::span<const double> ys,
                                         std::size_t left);

/// Cubic Hermite value at x in [x0, x1] with end values y0, y1 and end slopes m0, m1.
double hermiteValue(double x0, double x1, double y0, double y1, double m0, double m1, double x);

/// The interpolated value at x; empty outside [xs.front(), xs.back()] (never extrapolates),
/// for empty input, or mismatched spans. Passes through every knot; between two knots it
/// stays within their values.
std::optional<double> interpolateMonotoneCubic(std::span<const double> xs,
                                               std::span<const double> ys, double x);

} // namespace tokenomics
