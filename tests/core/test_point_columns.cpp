// Compact float storage: figures with up to six significant digits (a float's guaranteed
// precision) read back exactly, seven-digit ones almost always.
#include "PointColumns.h"

#include <QtTest>
#include <cmath>
#include <limits>
#include <random>

using namespace tokenomics;

class TestPointColumns : public QObject {
    Q_OBJECT
private slots:
    void sixDigitDecimalsReadBackExactly() {
        // Independent check: the decimal is built from its digits by strtod, the way a CSV
        // importer would parse it; what comes back must be that very double.
        std::mt19937 random(5);
        std::uniform_int_distribution<int> mantissa(1, 999999);
        std::uniform_int_distribution<int> exponent(-15, 15);
        for (int i = 0; i < 200000; ++i) {
            const std::string text =
                std::to_string(mantissa(random)) + "e" + std::to_string(exponent(random));
            const double given = std::strtod(text.c_str(), nullptr);
            QCOMPARE(recoveredDouble(storedFloat(given)), given);
        }
    }
    void sevenDigitDecimalsAlmostAlwaysReadBack() {
        // Near the top of a decade just above a power of two a float cannot tell every
        // seven-digit decimal apart; elsewhere it can. Either way the result rounds back to
        // the same float, and it is the given decimal in all but a small share of cases.
        std::mt19937 random(6);
        std::uniform_int_distribution<int> mantissa(1000000, 9999999);
        std::uniform_int_distribution<int> exponent(-12, 6);
        int exact = 0;
        const int total = 200000;
        for (int i = 0; i < total; ++i) {
            const std::string text =
                std::to_string(mantissa(random)) + "e" + std::to_string(exponent(random));
            const double given = std::strtod(text.c_str(), nullptr);
            const float stored = storedFloat(given);
            const double back = recoveredDouble(stored);
            QCOMPARE(static_cast<float>(back), stored);
            exact += back == given ? 1 : 0;
        }
        QVERIFY2(exact > total * 95 / 100, qPrintable(QString::number(exact)));
    }
    void publishedFiguresReadBack() {
        for (const double given : {0.2445, 61612.7, 27.2, 0.0367, 1.3, 2568.0, 0.1, 1e-6, 123456.7,
                                   9999999.0, 44999.3, -12.5}) {
            QCOMPARE(recoveredDouble(storedFloat(given)), given);
        }
    }
    void moreDigitsStayWithinFloatPrecision() {
        // 8+ significant digits cannot all survive a float; the result is within one part
        // in 10^7 and itself rounds back to the same float.
        std::mt19937 random(9);
        std::uniform_real_distribution<double> value(1e-3, 1e6);
        for (int i = 0; i < 100000; ++i) {
            const double given = value(random);
            const float stored = storedFloat(given);
            const double back = recoveredDouble(stored);
            QCOMPARE(static_cast<float>(back), stored);
            QVERIFY(std::abs(back - given) <= 1.2e-7 * given);
        }
    }
    void unknownsAndSpecialValues() {
        QVERIFY(std::isnan(storedFloat(std::nullopt)));
        QVERIFY(std::isnan(storedFloat(std::numeric_limits<double>::infinity())));
        QVERIFY(std::isnan(storedFloat(std::nan(""))));
        QVERIFY(std::isnan(storedFloat(1e300))); // beyond float: unknown, never Inf
        QVERIFY(!recoveredOptional(storedFloat(std::nullopt)));
        QCOMPARE(recoveredDouble(0.0f), 0.0);
        QCOMPARE(*recoveredOptional(storedFloat(3.5)), 3.5);
    }
    void columnsRoundTripAndStayAbsentWhenUnused() {
        PointColumns columns;
        PointFigures a;
        a.gpus = 8;
        a.tputPerGpu = 1234.5;
        a.interactivity.p50 = 40;
        PointFigures b;
        b.gpus = 70000; // beyond 16 bits: the column widens
        b.disaggregated = true;
        b.prefillGpus = 4;
        b.decodeGpus = 69996;
        b.tputPerGpu = 99.25;
        b.interactivity.p50 = 12;
        b.interactivity.p99 = 7.5;
        b.e2elSeconds.p90 = 31.25;
        b.latencyIsLimit = true;
        columns.append(a, false);
        columns.append(b, true);
        QCOMPARE(columns.size(), std::size_t(2));
        QVERIFY(!columns.column(FigureColumn::TtftP50)); // nobody has it: no storage
        QVERIFY(!columns.column(FigureColumn::InteractivityP90));
        const auto first = columns.figures(0);
        QCOMPARE(first.gpus, 8);
        QCOMPARE(*first.tputPerGpu, 1234.5);
        QVERIFY(!first.interactivity.p99 && !first.e2elSeconds.p90);
        QCOMPARE(first.prefillGpus, 0);
        const auto second = columns.figures(1);
        QCOMPARE(second.gpus, 70000);
        QCOMPARE(second.decodeGpus, 69996);
        QCOMPARE(second.prefillGpus, 4);
        QVERIFY(second.disaggregated && second.latencyIsLimit && !second.tputDerived);
        QCOMPARE(*second.interactivity.p99, 7.5);
        QCOMPARE(*second.e2elSeconds.p90, 31.25);
        QVERIFY(columns.hasSamples(1) && !columns.hasSamples(0));
        // Reordering moves every column together.
        columns.permute({1, 0});
        QCOMPARE(columns.figures(0).gpus, 70000);
        QCOMPARE(*columns.figures(1).tputPerGpu, 1234.5);
        QVERIFY(!columns.figures(1).interactivity.p99);
    }
};

QTEST_APPLESS_MAIN(TestPointColumns)
#include "test_point_columns.moc"
