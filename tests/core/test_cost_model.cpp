// Worked examples of PRODUCT.md §2 cost formulas, computed by hand.
#include "CostModel.h"

#include <QtTest>
#include <cmath>

using namespace tokenomics;

class TestCostModel : public QObject {
    Q_OBJECT
private slots:
    // Cost per good token: $0.50 per 1M at 25 % attainment is $2 per 1M good tokens; unknown
    // without attainment, with none good, or with an attainment that is not a fraction.
    void costPerGoodTokenDividesByAttainment() {
        QCOMPARE(*costPerMillionGoodTokens(0.5, 0.25), 2.0);
        QCOMPARE(*costPerMillionGoodTokens(0.5, 1.0), 0.5);
        QVERIFY(!costPerMillionGoodTokens(0.5, std::nullopt));
        QVERIFY(!costPerMillionGoodTokens(std::nullopt, 0.5));
        QVERIFY(!costPerMillionGoodTokens(0.5, 0.0));
        QVERIFY(!costPerMillionGoodTokens(0.5, 1.5));
    }
    void costPerMillionWorkedExample() {
        // $1.30/GPU-h at 2,568 tok/s/GPU: 1.30 × 1e6 / (2568 × 3600) = 0.140619...
        const auto cost = costPerMillionTokens(1.30, 2568.0);
        QVERIFY(cost);
        QCOMPARE(std::round(*cost * 1e4) / 1e4, 0.1406);
        QVERIFY(std::abs(*cost - 1.30e6 / 9244800.0) < 1e-12);
    }
    void utilizationScalesInversely() {
        const auto full = costPerMillionTokens(2.0, 1000.0, 1.0);
        const auto half = costPerMillionTokens(2.0, 1000.0, 0.5);
        QVERIFY(full && half);
        QVERIFY(std::abs(*half - 2.0 * *full) < 1e-12);
        QVERIFY(!costPerMillionTokens(2.0, 1000.0, 0.0));
        QVERIFY(!costPerMillionTokens(2.0, 1000.0, 1.5));
    }
    void unknownThroughputIsUnknownCost() {
        QVERIFY(!costPerMillionTokens(2.0, 0.0));
        QVERIFY(!costPerMillionTokens(2.0, -5.0));
        QVERIFY(!costPerMillionTokens(2.0, std::nullopt));
        QVERIFY(!costPerMillionTokens(std::nullopt, 100.0));
        QVERIFY(!costPerMillionTokens(2.0, std::nan("")));
        QVERIFY(!costPerMillionTokens(2.0, INFINITY));
    }
    void capitalRecoveryFactorValues() {
        // r = 10 %, n = 4: 0.1 × 1.4641 / 0.4641 = 0.315470804...
        QVERIFY(std::abs(*capitalRecoveryFactor(0.10, 4) - 0.14641 / 0.4641) < 1e-12);
        // r = 8 %, n = 5: 0.08 × 1.4693280768 / 0.4693280768 = 0.250456...
        QVERIFY(std::abs(*capitalRecoveryFactor(0.08, 5) - 0.2504564545) < 1e-9);
        QCOMPARE(*capitalRecoveryFactor(0.0, 4), 0.25);
        QVERIFY(!capitalRecoveryFactor(0.1, 0));
    }
    void ownershipDollarsPerGpuHour() {
        // capex 40,000, r 10 %, 5 years: CRF = 0.1 × 1.61051 / 0.61051 = 0.263797...
        // (40000 × 0.2637974808 + 3000) / (8760 × 0.95) = 13551.899 / 8322 = 1.628442...
        // energy: 1.8 kW × 1.3 × $0.08 = 0.1872 → 1.815642... $/GPU-h
        OwnershipInputs in;
        in.capexUsd = 40000;
        in.lifeYears = 5;
        in.costOfCapital = 0.10;
        in.opexUsdPerYear = 3000;
        in.availability = 0.95;
        in.allInKw = 1.8;
        in.pue = 1.3;
        in.usdPerKwh = 0.08;
        const double crf = 0.1 * 1.61051 / 0.61051;
        const double expected = (40000 * crf + 3000) / (8760 * 0.95) + 1.8 * 1.3 * 0.08;
        QVERIFY(std::abs(*usdPerGpuHourFromOwnership(in) - expected) < 1e-12);
        QVERIFY(std::abs(expected - 1.8156) < 1e-3);
        CostBasis basis;
        basis.ownership = in;
        QVERIFY(std::abs(*usdPerGpuHour(basis) - expected) < 1e-12);
        basis.usdPerGpuHour = 2.5; // a direct figure wins
        QCOMPARE(*usdPerGpuHour(basis), 2.5);
    }
    void powerFigures() {
        // 2568 tok/s at 1.73 kW: 2568 × 1000 / 1.73 = 1,484,393 tok/s per MW; 1730 / 2568 J/token
        QVERIFY(std::abs(*tokensPerMegawatt(2568.0, 1.73) - 2568000.0 / 1.73) < 1e-6);
        QVERIFY(std::abs(*joulesPerToken(2568.0, 1.73) - 1730.0 / 2568.0) < 1e-12);
        QVERIFY(!tokensPerMegawatt(2568.0, std::nullopt));
        QVERIFY(!joulesPerToken(0.0, 1.73));
    }
    void offerPrices() {
        ProviderOffer groq;
        groq.inputUsdPerM = 0.59;
        groq.outputUsdPerM = 0.79;
        QVERIFY(std::abs(blendedUsdPerM(groq) - (3 * 0.59 + 0.79) / 4) < 1e-12); // 0.64
        // 8k/1k: (8192 × 0.59 + 1024 × 0.79) / 9216 = 0.612222...
        QVERIFY(std::abs(*workloadUsdPerM(groq, 8192, 1024) - 0.6122222222) < 1e-9);
        QVERIFY(!workloadUsdPerM(groq, 0, 0));
    }
};

QTEST_APPLESS_MAIN(TestCostModel)
#include "test_cost_model.moc"
