// Steffen / d3.curveMonotoneX interpolation: hand-computed values and properties.
#include "MonotoneCubic.h"

#include <QtTest>
#include <cmath>
#include <random>
#include <vector>

using namespace tokenomics;

namespace {
bool near(double a, double b, double tolerance = 1e-9) {
    return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}
} // namespace

class TestMonotoneCubic : public QObject {
    Q_OBJECT
private slots:
    void handComputedIncreasing() {
        // Knots (0,0) (1,1) (2,4): secants 1 and 3, p = (1·1 + 3·1) / 2 = 2.
        // Middle slope = (1 + 1) · min(1, 3, 0.5·2) = 2; ends (d3 slope2):
        // (3·1 − 2) / 2 = 0.5 and (3·3 − 2) / 2 = 3.5.
        // Hermite at t = 0.5 (h00 = h01 = 0.5, h10 = 0.125, h11 = −0.125):
        // x = 0.5: 0.125·0.5 + 0.5·1 − 0.125·2 = 0.3125
        // x = 1.5: 0.5·1 + 0.125·2 + 0.5·4 − 0.125·3.5 = 2.3125
        const std::vector<double> xs{0, 1, 2};
        const std::vector<double> ys{0, 1, 4};
        QVERIFY(near(monotoneCubicSlope(xs, ys, 0), 0.5));
        QVERIFY(near(monotoneCubicSlope(xs, ys, 1), 2.0));
        QVERIFY(near(monotoneCubicSlope(xs, ys, 2), 3.5));
        QVERIFY(near(*interpolateMonotoneCubic(xs, ys, 0.5), 0.3125));
        QVERIFY(near(*interpolateMonotoneCubic(xs, ys, 1.5), 2.3125));
    }
    void handComputedFrontierShape() {
        // A throughput frontier (10,1000) (20,500) (40,250): secants −50 and −12.5,
        // p = (−50·20 − 12.5·10) / 30 = −37.5; middle slope −2·min(50, 12.5, 18.75) = −25;
        // ends (3·−50 + 25)/2 = −62.5 and (3·−12.5 + 25)/2 = −6.25.
        // x = 15: 500 + 0.125·10·(−62.5) + 250 − 0.125·10·(−25) = 703.125
        // x = 30: 250 + 0.125·20·(−25) + 125 − 0.125·20·(−6.25) = 328.125
        const std::vector<double> xs{10, 20, 40};
        const std::vector<double> ys{1000, 500, 250};
        QVERIFY(near(monotoneCubicSlope(xs, ys, 0), -62.5));
        QVERIFY(near(monotoneCubicSlope(xs, ys, 1), -25.0));
        QVERIFY(near(monotoneCubicSlope(xs, ys, 2), -6.25));
        QVERIFY(near(*interpolateMonotoneCubic(xs, ys, 15), 703.125));
        QVERIFY(near(*interpolateMonotoneCubic(xs, ys, 30), 328.125));
    }
    void localExtremumHasFlatSlope() {
        // Secants of opposite sign: Steffen sets the slope to 0 so nothing overshoots.
        const std::vector<double> xs{0, 1, 2};
        const std::vector<double> ys{0, 5, 1};
        QCOMPARE(monotoneCubicSlope(xs, ys, 1), 0.0);
        for (double x = 0; x <= 2.0; x += 0.01)
            QVERIFY(*interpolateMonotoneCubic(xs, ys, x) <= 5.0);
    }
    void twoKnotsAreAStraightLine() {
        const std::vector<double> xs{0, 2};
        const std::vector<double> ys{10, 0};
        QVERIFY(near(*interpolateMonotoneCubic(xs, ys, 0.5), 7.5));
        QVERIFY(near(*interpolateMonotoneCubic(xs, ys, 1.0), 5.0));
    }
    void neverExtrapolates() {
        const std::vector<double> xs{10, 20, 40};
        const std::vector<double> ys{1000, 500, 250};
        QVERIFY(!interpolateMonotoneCubic(xs, ys, 9.999));
        QVERIFY(!interpolateMonotoneCubic(xs, ys, 40.001));
        QVERIFY(!interpolateMonotoneCubic(xs, ys, std::nan("")));
        QVERIFY(!interpolateMonotoneCubic({}, {}, 1.0));
        const std::vector<double> oneX{5};
        const std::vector<double> oneY{7};
        QCOMPARE(*interpolateMonotoneCubic(oneX, oneY, 5.0), 7.0);
        QVERIFY(!interpolateMonotoneCubic(oneX, oneY, 5.1));
    }
    void randomMonotoneDataStaysMonotoneThroughKnots() {
        std::mt19937 random(20260427);
        std::uniform_real_distribution<double> step(0.01, 30.0);
        std::uniform_real_distribution<double> drop(0.0, 500.0);
        for (int trial = 0; trial < 300; ++trial) {
            const int count = 2 + trial % 12;
            std::vector<double> xs;
            std::vector<double> ys;
            double x = step(random);
            double y = 10000;
            for (int i = 0; i < count; ++i) {
                xs.push_back(x);
                ys.push_back(y);
                x += step(random);
                y -= drop(random) + 1e-3; // strictly decreasing, like a frontier
            }
            for (int i = 0; i < count; ++i)
                QCOMPARE(*interpolateMonotoneCubic(xs, ys, xs[i]), ys[i]);
            for (int i = 0; i + 1 < count; ++i) {
                double previous = ys[i];
                for (int k = 1; k < 50; ++k) {
                    const double at = xs[i] + (xs[i + 1] - xs[i]) * k / 50.0;
                    const double value = *interpolateMonotoneCubic(xs, ys, at);
                    // Never outside the two knots' values, and non-increasing.
                    QVERIFY(value <= ys[i] && value >= ys[i + 1]);
                    QVERIFY(value <= previous + 1e-9);
                    previous = value;
                }
            }
        }
    }
    void randomDataNeverOvershootsSegment() {
        std::mt19937 random(7);
        std::uniform_real_distribution<double> step(0.1, 5.0);
        std::uniform_real_distribution<double> value(-100.0, 100.0);
        for (int trial = 0; trial < 200; ++trial) {
            std::vector<double> xs;
            std::vector<double> ys;
            double x = 0;
            for (int i = 0; i < 8; ++i) {
                xs.push_back(x);
                ys.push_back(value(random));
                x += step(random);
            }
            for (int i = 0; i + 1 < 8; ++i) {
                const double low = std::min(ys[i], ys[i + 1]);
                const double high = std::max(ys[i], ys[i + 1]);
                for (int k = 0; k <= 20; ++k) {
                    const double v =
                        *interpolateMonotoneCubic(xs, ys, xs[i] + (xs[i + 1] - xs[i]) * k / 20.0);
                    QVERIFY(v >= low - 1e-9 && v <= high + 1e-9);
                }
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestMonotoneCubic)
#include "test_monotone_cubic.moc"
