#include "MonotoneCubic.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace tokenomics {
namespace {
double signOf(double value) {
    return value < 0 ? -1.0 : (value > 0 ? 1.0 : 0.0);
}

/// Steffen's slope at a middle knot from its two neighbouring intervals (d3 slope3).
double interiorSlope(double h0, double h1, double secant0, double secant1) {
    const double p = (secant0 * h1 + secant1 * h0) / (h0 + h1);
    const double slope = (signOf(secant0) + signOf(secant1)) *
                         std::min({std::abs(secant0), std::abs(secant1), 0.5 * std::abs(p)});
    return std::isfinite(slope) ? slope : 0.0;
}
} // namespace

namespace {
/// Secant of interval i and the slopes of knots, computed on demand from one window.
struct Knots {
    std::span<const double> xs;
    std::span<const double> ys;
    [[nodiscard]] double width(std::size_t left) const { return xs[left + 1] - xs[left]; }
    [[nodiscard]] double secant(std::size_t left) const {
        return (ys[left + 1] - ys[left]) / width(left);
    }
};

/// The slope at `index` given the interior (Steffen) slopes at index − 1 .. index + 1 that
/// the end formulas need; `interior(i)` is called only for 1 ≤ i ≤ count − 2.
template <typename Interior>
double slopeAt(const Knots& knots, std::size_t count, std::size_t index, Interior&& interior) {
    if (count == 2)
        return knots.secant(0);
    // End knots: d3's slope2, a one-sided three-point estimate that keeps the end segment
    // monotone because the neighbouring slope is limited by Steffen's rule.
    if (index == 0)
        return (3.0 * knots.secant(0) - interior(1)) / 2.0;
    if (index == count - 1)
        return (3.0 * knots.secant(count - 2) - interior(count - 2)) / 2.0;
    return interior(index);
}
} // namespace

double monotoneCubicSlope(std::span<const double> xs, std::span<const double> ys,
                          std::size_t index) {
    const std::size_t count = std::min(xs.size(), ys.size());
    if (count < 2 || index >= count)
        return 0.0;
    const Knots knots{xs, ys};
    return slopeAt(knots, count, index, [&](std::size_t middle) {
        return interiorSlope(knots.width(middle - 1), knots.width(middle), knots.secant(middle - 1),
                             knots.secant(middle));
    });
}

double monotoneCubicSegmentValue(std::span<const double> xs, std::span<const double> ys,
                                 std::size_t left, double x) {
    const std::size_t count = std::min(xs.size(), ys.size());
    if (count < 2 || left + 1 >= count)
        return std::numeric_limits<double>::quiet_NaN();
    const auto slopes = monotoneCubicSegmentSlopes(xs, ys, left);
    return hermiteValue(xs[left], xs[left + 1], ys[left], ys[left + 1], slopes.atLeft,
                        slopes.atRight, x);
}

SegmentSlopes monotoneCubicSegmentSlopes(std::span<const double> xs, std::span<const double> ys,
                                         std::size_t left) {
    const std::size_t count = std::min(xs.size(), ys.size());
    if (count < 2 || left + 1 >= count)
        return {}; // no such segment
    const Knots knots{xs, ys};
    // Each secant and interior slope around the segment is computed once.
    std::array<double, 3> secants{}; // intervals left − 1, left, left + 1
    for (std::size_t i = 0; i < 3; ++i) {
        const std::size_t interval = left + i - 1; // wraps for left = 0: skipped below
        if (interval < count - 1)
            secants[i] = knots.secant(interval);
    }
    auto interior = [&](std::size_t middle) { // middle is left or left + 1
        const std::size_t i = middle - left;  // secants[i] is interval middle − 1
        return interiorSlope(knots.width(middle - 1), knots.width(middle), secants[i],
                             secants[i + 1]);
    };
    // The same expressions slopeAt() evaluates, each interior slope computed once.
    const bool leftIsInterior = left >= 1;
    const bool rightIsInterior = left + 2 < count;
    const double interiorLeft = leftIsInterior ? interior(left) : 0.0;
    const double interiorRight = rightIsInterior ? interior(left + 1) : 0.0;
    double m0 = secants[1];
    double m1 = secants[1];
    if (count > 2) {
        m0 = leftIsInterior ? interiorLeft : (3.0 * secants[1] - interiorRight) / 2.0;
        m1 = rightIsInterior ? interiorRight : (3.0 * secants[1] - interiorLeft) / 2.0;
    }
    return {m0, m1};
}

double hermiteValue(double x0, double x1, double y0, double y1, double m0, double m1, double x) {
    const double h = x1 - x0;
    if (!(h > 0))
        return y0;
    const double t = (x - x0) / h;
    const double t2 = t * t;
    const double t3 = t2 * t;
    const double h00 = 2 * t3 - 3 * t2 + 1;
    const double h10 = t3 - 2 * t2 + t;
    const double h01 = -2 * t3 + 3 * t2;
    const double h11 = t3 - t2;
    const double value = h00 * y0 + h10 * h * m0 + h01 * y1 + h11 * h * m1;
    // Rounding can leave the value a hair outside the segment's range; clamp it.
    return std::clamp(value, std::min(y0, y1), std::max(y0, y1));
}

std::optional<double> interpolateMonotoneCubic(std::span<const double> xs,
                                               std::span<const double> ys, double x) {
    if (xs.empty() || xs.size() != ys.size() || !std::isfinite(x))
        return std::nullopt;
    if (x < xs.front() || x > xs.back())
        return std::nullopt;
    const auto upper = std::lower_bound(xs.begin(), xs.end(), x);
    const auto right = static_cast<std::size_t>(upper - xs.begin());
    if (xs[right] == x)
        return ys[right];
    const std::size_t left = right - 1;
    return hermiteValue(xs[left], xs[right], ys[left], ys[right], monotoneCubicSlope(xs, ys, left),
                        monotoneCubicSlope(xs, ys, right), x);
}

} // namespace tokenomics
