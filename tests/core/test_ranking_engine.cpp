// The cost engine through its public API: worked examples computed by hand in comments.
#include "CostModel.h"
#include "RankingEngine.h"
#include "SlaVerdict.h"

#include <QtTest>
#include <cmath>

using namespace tokenomics;

namespace {
bool near(std::optional<double> value, double expected, double tolerance = 1e-9) {
    return value && std::abs(*value - expected) <= tolerance * std::max(1.0, std::abs(expected));
}

SeriesKey key(const std::string& hardware, const std::string& run = {}) {
    SeriesKey k;
    k.model = "m";
    k.hardware = hardware;
    k.engine = "vllm";
    k.precision = "fp8";
    k.isl = 1024;
    k.osl = 1024;
    k.run = run;
    return k;
}

PointFigures point(double interactivity, double tput, std::optional<double> ttft = {},
                   int gpus = 8) {
    PointFigures f;
    f.gpus = gpus;
    f.tputPerGpu = tput;
    f.outputTputPerGpu = tput / 2;
    f.interactivity.p50 = interactivity;
    f.ttftSeconds.p50 = ttft;
    f.concurrency = 16;
    return f;
}

CostBasis basis(const std::string& hardware, const std::string& key, double usd,
                std::optional<double> kw = {}) {
    CostBasis b;
    b.hardware = hardware;
    b.key = key;
    b.usdPerGpuHour = usd;
    b.allInKwPerGpu = kw;
    return b;
}

/// The frontier of the interpolation test: (10,1000) (20,500) (40,250) and a point (8,700)
/// that only (10,1000) dominates.
RankingEngine threeKnotEngine() {
    RankingEngine engine;
    const auto s = engine.addSeries(key("B200"));
    engine.addPoint(s, point(20, 500, 0.5));  // 0
    engine.addPoint(s, point(8, 700, 0.1));   // 1: dominated by point 2 only
    engine.addPoint(s, point(10, 1000, 2.0)); // 2
    engine.addPoint(s, point(40, 250, 0.25)); // 3
    engine.setCostBases({basis("B200", "hyperscaler", 2.0, 1.25)});
    return engine;
}
} // namespace

class TestRankingEngine : public QObject {
    Q_OBJECT
private slots:
    // Unknown is its own state: a series whose points lack the figure a threshold needs is
    // neither meeting nor failing; one measured too slow fails; one with a point inside meets.
    void verdictTellsUnknownFromFailing() {
        RankingEngine engine;
        const auto fast = engine.addSeries(key("B200"));
        engine.addPoint(fast, point(50, 1000, 0.3));
        const auto slow = engine.addSeries(key("H100"));
        engine.addPoint(slow, point(50, 1000, 3.0));
        const auto silent = engine.addSeries(key("MI300X"));
        engine.addPoint(silent, point(50, 1000)); // TTFT never published
        SampleSet samples;
        samples.durationSeconds = 10;
        samples.requests.resize(4);
        for (RequestSample& request : samples.requests) {
            request.ttftSeconds = 0.2;
            request.outputTokens = 10;
            request.tpotSeconds = 0.01;
        }
        const auto sampled = engine.addSeries(key("B300"));
        engine.addPoint(sampled, point(50, 1000, 0.2), &samples);

        Sla sla;
        sla.maxTtftSeconds = 1.0;
        const auto verdictOf = [&](std::size_t series, const Sla& under) {
            return seriesVerdict(engine, engine.evaluate(series, under, {}), under);
        };
        QCOMPARE(verdictOf(fast, sla).verdict, SlaVerdict::Meets);
        QCOMPARE(verdictOf(slow, sla).verdict, SlaVerdict::Fails);
        QCOMPARE(verdictOf(silent, sla).verdict, SlaVerdict::Unknown);
        QCOMPARE(verdictOf(silent, sla).unknownBecause, std::string("ttft_p50"));
        QCOMPARE(std::string(verdictName(verdictOf(silent, sla).verdict)), std::string("unknown"));
        // No p90 was published anywhere: every series is unknown at p90, none fails.
        Sla p90 = sla;
        p90.statistic = Statistic::P90;
        QCOMPARE(verdictOf(slow, p90).unknownBecause, std::string("interactivity_p90"));
        // An attainment target needs per-request samples.
        Sla attainment;
        attainment.minAttainment = 0.9;
        QCOMPARE(verdictOf(fast, attainment).verdict, SlaVerdict::Unknown);
        QCOMPARE(verdictOf(fast, attainment).unknownBecause, std::string("samples"));
        QCOMPARE(verdictOf(sampled, attainment).verdict, SlaVerdict::Meets);
    }
    // Unknown ranks after every series that meets and before those that fail, whatever the
    // order the series were added in (fails first, unknown last here).
    void unknownRanksBetweenMeetsAndFails() {
        RankingEngine engine;
        const auto slow = engine.addSeries(key("H100"));
        engine.addPoint(slow, point(50, 1000, 3.0));
        const auto silent = engine.addSeries(key("MI300X"));
        engine.addPoint(silent, point(50, 1000));
        const auto fast = engine.addSeries(key("B200"));
        engine.addPoint(fast, point(50, 1000, 0.3));
        const auto slower = engine.addSeries(key("A100"));
        engine.addPoint(slower, point(50, 1000, 5.0));
        engine.setCostBases({basis("B200", "hyperscaler", 2.0)});
        Sla sla;
        sla.maxTtftSeconds = 1.0;
        Ranking ranking = engine.rank(sla, {}, {});
        rankUnknownBeforeFails(engine, sla, ranking);
        std::vector<std::size_t> order;
        for (const SeriesResult& result : ranking.series)
            order.push_back(result.series);
        QCOMPARE(order, (std::vector<std::size_t>{fast, silent, slow, slower}));
    }
    // A point that counts output tokens only (MLPerf): in a known scenario its total is
    // derived from ISL/OSL and marked derived; with the scenario unknown the total and every
    // figure per total token are unknown, and the series ranks on its output cost, after the
    // series whose total cost is known.
    void outputOnlyPointsRankOnOutputCost() {
        RankingEngine engine;
        SeriesKey noScenario = key("A");
        noScenario.isl = 0;
        noScenario.osl = 0;
        const auto mlperf = engine.addSeries(noScenario);
        auto output = point(10, 1);
        output.tputPerGpu.reset();
        output.outputTputPerGpu = 3000;
        engine.addPoint(mlperf, output);
        const auto scenario = engine.addSeries(key("A", "with ISL/OSL")); // 1024/1024
        engine.addPoint(scenario, output);
        const auto measured = engine.addSeries(key("A", "measured"));
        engine.addPoint(measured, point(10, 100)); // dear: 100 total tok/s/GPU
        engine.setCostBases({basis("A", "hyperscaler", 2.0, 1.0)});

        const SeriesResult derived = engine.evaluate(scenario, Sla{}, {});
        QVERIFY(near(derived.tputPerGpu, 3000.0 * (1024 + 1024) / 1024));
        QVERIFY(engine.pointFigures(scenario, 0).tputDerived);

        const SeriesResult outputOnly = engine.evaluate(mlperf, Sla{}, {});
        QVERIFY(outputOnly.feasible);
        QVERIFY(!outputOnly.tputPerGpu);
        QVERIFY(!outputOnly.costPerMTotal && !outputOnly.tokensPerMw && !outputOnly.joulesPerToken);
        QVERIFY(!outputOnly.goodputPerGpu); // counted in total tokens
        QVERIFY(near(outputOnly.outputTputPerGpu, 3000.0));
        QVERIFY(near(outputOnly.costPerMOutput, 2.0 * 1e6 / (3000.0 * 3600)));
        QVERIFY(!engine.pointFigures(mlperf, 0).tputPerGpu); // read back as unknown
        QVERIFY(engine.frontier(mlperf, Sla{}).empty());     // no total-throughput curve

        // Cheaper per output token than `measured` per total token, yet ranked after it.
        const Ranking ranking = engine.rank(Sla{}, {}, {});
        std::vector<std::size_t> order;
        for (const SeriesResult& result : ranking.series)
            order.push_back(result.series);
        QCOMPARE(order, (std::vector<std::size_t>{scenario, measured, mlperf}));
        QVERIFY(near(ranking.series.back().costPerMOutput, 2.0 * 1e6 / (3000.0 * 3600)));
    }
    // Hardware costs are kept per cost setting: a new setting, new cost bases or a series on
    // new hardware each give the costs they imply, never the last call's.
    void hardwareCostsFollowEveryChange() {
        RankingEngine engine;
        const auto a = engine.addSeries(key("A"));
        engine.addPoint(a, point(10, 1000));
        engine.setCostBases({basis("A", "hyperscaler", 2.0), basis("A", "rental", 1.0)});
        const double perDollar = 1e6 / (1000.0 * 3600);
        QVERIFY(near(engine.evaluate(a, Sla{}, {}).costPerMTotal, 2 * perDollar));
        CostSettings rental;
        rental.costBasisKey = "rental";
        QVERIFY(near(engine.evaluate(a, Sla{}, rental).costPerMTotal, perDollar));
        rental.utilization = 0.5;
        QVERIFY(near(engine.evaluate(a, Sla{}, rental).costPerMTotal, 2 * perDollar));
        engine.setCostBases({basis("A", "hyperscaler", 4.0), basis("B", "hyperscaler", 3.0)});
        QVERIFY(near(engine.rank(Sla{}, {}, {}).series.front().costPerMTotal, 4 * perDollar));
        const auto b = engine.addSeries(key("B"));
        engine.addPoint(b, point(10, 1000));
        QVERIFY(near(engine.evaluate(b, Sla{}, {}).costPerMTotal, 3 * perDollar));
        QVERIFY(near(engine.usdPerGpuHour(b, {}), 3.0));
    }
    // The ownership panel prices every hardware through §2's TCO. A has an "owned" basis
    // with a $40,000 purchase price and 2 kW; B only a hyperscaler basis with 1 kW; C no
    // power. Life 4 years at 10 %: CRF = 0.1 × 1.1^4 / (1.1^4 − 1) = 0.315471; A costs
    // 40000 × 0.315471 / 8760 + 2 × 1.5 × 0.10 = 1.440507 + 0.3 = $1.740507/GPU-h.
    void ownedBasisAppliesThePanelToEveryHardware() {
        RankingEngine engine;
        const auto a = engine.addSeries(key("A"));
        engine.addPoint(a, point(10, 1000));
        const auto b = engine.addSeries(key("B"));
        engine.addPoint(b, point(10, 1000));
        const auto c = engine.addSeries(key("C"));
        engine.addPoint(c, point(10, 1000));
        CostBasis owned;
        owned.hardware = "A";
        owned.key = ownedCostBasisKey;
        OwnershipInputs catalog; // the catalog's own life and PUE are replaced by the panel's
        catalog.capexUsd = 40000;
        catalog.lifeYears = 7;
        catalog.pue = 3;
        catalog.allInKw = 2;
        owned.ownership = catalog;
        engine.setCostBases({owned, basis("B", "hyperscaler", 9.0, 1.0), basis("C", "x", 1.0)});
        CostSettings cost;
        cost.costBasisKey = ownedCostBasisKey;
        cost.ownership.lifeYears = 4;
        cost.ownership.costOfCapital = 0.10;
        cost.ownership.pue = 1.5;
        cost.ownership.usdPerKwh = 0.10;
        const double crf = 0.1 * std::pow(1.1, 4) / (std::pow(1.1, 4) - 1);
        QVERIFY(near(engine.usdPerGpuHour(a, cost), 40000 * crf / 8760 + 2 * 1.5 * 0.10));
        QVERIFY(!engine.usdPerGpuHour(b, cost)); // no purchase price known for B
        QCOMPARE(engine.ownershipInputs(a, cost)->capexUsd, 40000.0);
        // A price for every hardware reaches B (with its hyperscaler basis's kW); one for A
        // alone wins over it. C has no all-in power: its cost stays unknown, never 0 for power.
        cost.ownership.purchaseUsdPerGpu = 20000;
        cost.ownership.purchaseUsdPerGpuByHardware["A"] = 30000;
        QVERIFY(near(engine.usdPerGpuHour(a, cost), 30000 * crf / 8760 + 2 * 1.5 * 0.10));
        QVERIFY(near(engine.usdPerGpuHour(b, cost), 20000 * crf / 8760 + 1 * 1.5 * 0.10));
        QVERIFY(!engine.usdPerGpuHour(c, cost));
        // Opex and availability: (30000 × CRF + 1000) / (8760 × 0.9) + 0.3.
        cost.ownership.opexUsdPerGpuYear = 1000;
        cost.ownership.availability = 0.9;
        QVERIFY(near(engine.usdPerGpuHour(a, cost),
                     (30000 * crf + 1000) / (8760 * 0.9) + 2 * 1.5 * 0.10));
        QVERIFY(near(engine.evaluate(a, Sla{}, cost).costPerMTotal,
                     *engine.usdPerGpuHour(a, cost) * 1e6 / (1000.0 * 3600)));
        // Other bases ignore the panel; an override wins over it.
        QVERIFY(!engine.ownershipInputs(a, CostSettings{}));
        cost.usdPerGpuHourOverride = 1.0;
        QVERIFY(near(engine.usdPerGpuHour(a, cost), 1.0));
    }
    void workedCostExample() {
        // $1.30/GPU-h at 2,568 tok/s/GPU: 1.30e6 / (2568 × 3600) = $0.140619 per 1M.
        // Output at 1,284 tok/s/GPU costs twice that; 1.2 kW all-in gives
        // 2568 × 1000 / 1.2 = 2,140,000 tokens per MW and 1200 / 2568 J/token.
        RankingEngine engine;
        const auto s = engine.addSeries(key("H100"));
        auto f = point(30, 2568);
        f.outputTputPerGpu = 1284;
        f.inputTputPerGpu = 5136;
        engine.addPoint(s, f);
        engine.setCostBases({basis("H100", "hyperscaler", 1.30, 1.2)});
        const auto result = engine.evaluate(s, Sla{}, CostSettings{});
        QVERIFY(result.feasible);
        QVERIFY(!result.interpolated);
        QCOMPARE(result.point.value(), std::size_t(0));
        QVERIFY(near(result.usdPerGpuHour, 1.30));
        QVERIFY(near(result.costPerMTotal, 1.30e6 / (2568.0 * 3600)));
        QCOMPARE(std::round(*result.costPerMTotal * 1e4) / 1e4, 0.1406);
        QVERIFY(near(result.costPerMOutput, 2 * 1.30e6 / (2568.0 * 3600)));
        QVERIFY(near(result.costPerMInput, 0.5 * 1.30e6 / (2568.0 * 3600)));
        QVERIFY(near(result.tokensPerMw, 2140000.0));
        QVERIFY(near(result.joulesPerToken, 1200.0 / 2568));
        QVERIFY(near(result.goodputPerGpu, 2568)); // no samples: meets the SLA → tput
        QVERIFY(!result.sloAttainment);

        // Utilisation 0.8 multiplies by 1.25; an override replaces the basis.
        CostSettings cost;
        cost.utilization = 0.8;
        QVERIFY(
            near(engine.evaluate(s, Sla{}, cost).costPerMTotal, 1.25 * 1.30e6 / (2568.0 * 3600)));
        cost.utilization = 1.0;
        cost.usdPerGpuHourOverride = 3.6;
        QVERIFY(near(engine.evaluate(s, Sla{}, cost).costPerMTotal, 1000.0 / 2568)); // 3.6e6/3600
    }
    void costsAreCostModelsOwnNumbers() {
        // The ranking applies CostModel's formulas; each figure must be bit-for-bit the one
        // CostModel gives for the same inputs, so every view of a point agrees.
        RankingEngine engine;
        const auto s = engine.addSeries(key("H100"));
        const double tputs[] = {2568, 1234.5, 77.25, 9999.5};
        for (const double tput : tputs) {
            auto f = point(30, tput);
            f.interactivity.p50 = 40 - tput / 1000; // faster, less throughput: all on the frontier
            engine.addPoint(s, f);
        }
        engine.setCostBases({basis("H100", "hyperscaler", 1.37, 1.15)});
        CostSettings cost;
        cost.utilization = 0.7;
        for (std::size_t p = 0; p < std::size(tputs); ++p) {
            Sla sla;
            sla.minInteractivity = 40 - tputs[p] / 1000;
            const auto result = engine.evaluate(s, sla, cost);
            QCOMPARE(result.point.value(), p);
            QVERIFY(*result.costPerMTotal == *costPerMillionTokens(1.37, tputs[p], 0.7));
            QVERIFY(*result.costPerMOutput == *costPerMillionTokens(1.37, tputs[p] / 2, 0.7));
            QVERIFY(*result.tokensPerMw == *tokensPerMegawatt(tputs[p], 1.15));
            QVERIFY(*result.joulesPerToken == *joulesPerToken(tputs[p], 1.15));
            QVERIFY(*engine.costPerMTotalAt(s, *sla.minInteractivity, Sla{}, cost) ==
                    *result.costPerMTotal);
        }
    }
    void bestPointAtMinInteractivity() {
        const auto engine = threeKnotEngine();
        // Frontier: points 2, 0, 3 by interactivity ascending; point 1 is dominated.
        const auto knots = engine.frontier(0, Sla{});
        QCOMPARE(knots.size(), std::size_t(3));
        QCOMPARE(knots[0].point, std::size_t(2));
        QCOMPARE(knots[1].point, std::size_t(0));
        QCOMPARE(knots[2].point, std::size_t(3));

        // No min interactivity, and I* below the frontier: the max-throughput point.
        QCOMPARE(engine.evaluate(0, Sla{}, {}).point.value(), std::size_t(2));
        Sla sla;
        sla.minInteractivity = 5;
        QCOMPARE(engine.evaluate(0, sla, {}).point.value(), std::size_t(2));
        // Exactly on a knot: that measured point.
        sla.minInteractivity = 20;
        auto result = engine.evaluate(0, sla, {});
        QVERIFY(!result.interpolated);
        QCOMPARE(result.point.value(), std::size_t(0));
        // Past the last knot: infeasible.
        sla.minInteractivity = 40.5;
        result = engine.evaluate(0, sla, {});
        QVERIFY(!result.feasible);
        QVERIFY(!result.costPerMTotal);
        QVERIFY(!result.tputPerGpu);
    }
    void interpolatedBestPoint() {
        // Steffen at I* = 15 between (10,1000) and (20,500), slopes −62.5 and −25:
        // 703.125 tok/s/GPU (hand computation in test_monotone_cubic). Output moves by the
        // same fraction (1000 − 703.125) / 500 = 0.59375 from 500 to 250 → 351.5625.
        // TTFT: the larger of the knots' 2.0 s and 0.5 s. Cost $2/h: 2e6 / (703.125 × 3600).
        const auto engine = threeKnotEngine();
        Sla sla;
        sla.minInteractivity = 15;
        const auto result = engine.evaluate(0, sla, {});
        QVERIFY(result.feasible);
        QVERIFY(result.interpolated);
        QVERIFY(!result.point);
        QCOMPARE(result.lowerKnotPoint.value(), std::size_t(2));
        QVERIFY(near(result.interactivity, 15));
        QVERIFY(near(result.tputPerGpu, 703.125));
        QVERIFY(near(result.outputTputPerGpu, 351.5625));
        QVERIFY(!result.inputTputPerGpu);
        QVERIFY(near(result.ttftSeconds, 2.0));
        QVERIFY(near(result.costPerMTotal, 2e6 / (703.125 * 3600)));
        QVERIFY(near(result.costPerMOutput, 2e6 / (351.5625 * 3600)));
        QVERIFY(near(result.goodputPerGpu, 703.125));
        QVERIFY(near(result.tokensPerMw, 703.125 * 1000 / 1.25));
        QVERIFY(near(engine.tputPerGpuAt(0, 15, Sla{}), 703.125));
        QVERIFY(near(engine.tputPerGpuAt(0, 30, Sla{}), 328.125));
        QVERIFY(near(engine.tputPerGpuAt(0, 40, Sla{}), 250));
        QVERIFY(!engine.tputPerGpuAt(0, 9.9, Sla{}));
        QVERIFY(!engine.tputPerGpuAt(0, 40.1, Sla{}));
        QVERIFY(near(engine.costPerMTotalAt(0, 30, Sla{}, {}), 2e6 / (328.125 * 3600)));
        QVERIFY(!engine.costPerMTotalAt(0, 41, Sla{}, {}));
    }
    void ttftThresholdNarrowsFrontier() {
        // TTFT ≤ 1 s drops point 2 (2.0 s); point 1 (8, 700) is then undominated.
        const auto engine = threeKnotEngine();
        Sla sla;
        sla.maxTtftSeconds = 1.0;
        const auto knots = engine.frontier(0, sla);
        QCOMPARE(knots.size(), std::size_t(3));
        QCOMPARE(knots[0].point, std::size_t(1));
        QCOMPARE(knots[1].point, std::size_t(0));
        QCOMPARE(knots[2].point, std::size_t(3));
        QCOMPARE(engine.evaluate(0, sla, {}).point.value(), std::size_t(1));
        QVERIFY(!engine.pointMeetsSla(0, 2, sla));
        QVERIFY(engine.pointMeetsSla(0, 0, sla));
        sla.minInteractivity = 30;
        QVERIFY(!engine.pointMeetsSla(0, 0, sla));
        QVERIFY(engine.pointMeetsSla(0, 3, sla));
        // The limit is inclusive: TTFT 0.25 s meets ≤ 0.25 s.
        sla = Sla{};
        sla.maxTtftSeconds = 0.25;
        QCOMPARE(engine.frontier(0, sla).size(), std::size_t(2)); // points 1 and 3
    }
    void unknownStatisticIsExcluded() {
        // At p99 only point 1 has figures; TTFT unknown under a TTFT limit cannot pass.
        RankingEngine engine;
        const auto s = engine.addSeries(key("B200"));
        engine.addPoint(s, point(20, 500, 0.5));
        auto withP99 = point(10, 900, 0.5);
        withP99.interactivity.p99 = 8;
        engine.addPoint(s, withP99);
        Sla sla;
        sla.statistic = Statistic::P99;
        const auto knots = engine.frontier(s, sla);
        QCOMPARE(knots.size(), std::size_t(1));
        QCOMPARE(knots[0].point, std::size_t(1));
        QCOMPARE(knots[0].interactivity, 8.0);
        sla.maxTtftSeconds = 1.0; // no p99 TTFT anywhere
        QVERIFY(engine.frontier(s, sla).empty());
        QVERIFY(!engine.evaluate(s, sla, {}).feasible);
    }
    void configurationFilterNarrowsFrontier() {
        // TP8 points (8 GPUs) and a disaggregated 12-GPU point; the TP8 curve is dominated
        // at low interactivity by the disaggregated point.
        RankingEngine engine;
        const auto s = engine.addSeries(key("B200"));
        engine.addPoint(s, point(10, 800, {}, 8));    // 0
        engine.addPoint(s, point(30, 300, {}, 8));    // 1
        auto disaggregated = point(12, 1200, {}, 12); // 2
        disaggregated.disaggregated = true;
        engine.addPoint(s, disaggregated);
        QCOMPARE(engine.frontier(s, Sla{}).size(), std::size_t(2)); // points 2 and 1
        ConfigurationFilter eightOnly;
        eightOnly.gpuCounts = {8};
        engine.setConfigurationFilter(eightOnly);
        auto knots = engine.frontier(s, Sla{});
        QCOMPARE(knots.size(), std::size_t(2));
        QCOMPARE(knots[0].point, std::size_t(0));
        QCOMPARE(knots[1].point, std::size_t(1));
        ConfigurationFilter disaggregatedOnly;
        disaggregatedOnly.disaggregated = true;
        engine.setConfigurationFilter(disaggregatedOnly);
        knots = engine.frontier(s, Sla{});
        QCOMPARE(knots.size(), std::size_t(1));
        QCOMPARE(knots[0].point, std::size_t(2));
        engine.setConfigurationFilter({});
        QCOMPARE(engine.evaluate(s, Sla{}, {}).point.value(), std::size_t(2));
    }
    void rankingOrder() {
        // cheap: $1/h at 1000 → 0.2778; dear: $4/h at 1000 → 1.111; uncosted: no basis;
        // slow: frontier ends at 10 tok/s/user; off: disabled. Min interactivity 20.
        RankingEngine engine;
        const auto slow = engine.addSeries(key("A"));
        const auto uncosted = engine.addSeries(key("C"));
        const auto dear = engine.addSeries(key("B"));
        const auto cheap = engine.addSeries(key("A", "v2"));
        const auto off = engine.addSeries(key("A", "v3"));
        engine.addPoint(slow, point(10, 5000));
        engine.addPoint(uncosted, point(25, 1000));
        engine.addPoint(dear, point(25, 1000));
        engine.addPoint(cheap, point(25, 1000));
        engine.addPoint(off, point(25, 9000));
        engine.setCostBases({basis("A", "hyperscaler", 1.0), basis("B", "hyperscaler", 4.0),
                             basis("C", "rental", 2.0)});
        engine.setSeriesEnabled(off, false);
        Sla sla;
        sla.minInteractivity = 20;
        const auto ranking = engine.rank(sla, CostSettings{});
        QCOMPARE(ranking.series.size(), std::size_t(4));
        QCOMPARE(ranking.series[0].series, cheap);
        QCOMPARE(ranking.series[1].series, dear);
        QCOMPARE(ranking.series[2].series, uncosted);
        QCOMPARE(ranking.series[3].series, slow);
        QVERIFY(near(ranking.series[0].costPerMTotal, 1e6 / (1000.0 * 3600)));
        QVERIFY(ranking.series[2].feasible && !ranking.series[2].costPerMTotal);
        QVERIFY(!ranking.series[3].feasible);
        QCOMPARE(ranking.series[3].goodputPerGpu.value_or(-1), 0.0); // nothing meets the SLA
        // With the rental basis only C has a cost; with an override every series has one.
        CostSettings rental;
        rental.costBasisKey = "rental";
        QCOMPARE(engine.rank(sla, rental).series[0].series, uncosted);
        CostSettings flat;
        flat.usdPerGpuHourOverride = 2.0;
        const auto flatRanking = engine.rank(sla, flat);
        QVERIFY(flatRanking.series[2].costPerMTotal); // uncosted now has one
        QCOMPARE(flatRanking.series[3].series, slow);
        QCOMPARE(engine.costBasisKeys(), (std::vector<std::string>{"hyperscaler", "rental"}));
        // Re-enabling brings the disabled series back, first (9000 tok/s/GPU).
        engine.setSeriesEnabled(off, true);
        QCOMPARE(engine.rank(sla, CostSettings{}).series[0].series, off);
    }
    void edgeCases() {
        RankingEngine engine;
        const auto empty = engine.addSeries(key("A"));
        const auto zero = engine.addSeries(key("A"));
        engine.addPoint(zero, point(10, 0));
        const auto unknownTput = engine.addSeries(key("A"));
        auto noTput = point(10, 1);
        noTput.tputPerGpu.reset();
        noTput.outputTputPerGpu.reset();
        engine.addPoint(unknownTput, noTput);
        const auto single = engine.addSeries(key("A"));
        engine.addPoint(single, point(10, 100));
        const auto equal = engine.addSeries(key("A"));
        engine.addPoint(equal, point(10, 100));
        engine.addPoint(equal, point(10, 300));
        engine.addPoint(equal, point(10, 300));
        engine.setCostBases({basis("A", "hyperscaler", 1.0)});
        for (const auto s : {empty, zero, unknownTput}) {
            const auto result = engine.evaluate(s, Sla{}, {});
            QVERIFY(!result.feasible);
            QVERIFY(!result.costPerMTotal && !result.tokensPerMw && !result.joulesPerToken);
        }
        QCOMPARE(engine.pointCount(empty), std::size_t(0));
        QCOMPARE(engine.pointCount(), std::size_t(6));
        QCOMPARE(engine.evaluate(single, Sla{}, {}).point.value(), std::size_t(0));
        // A single knot cannot be interpolated: below it → it, above → infeasible.
        Sla sla;
        sla.minInteractivity = 11;
        QVERIFY(!engine.evaluate(single, sla, {}).feasible);
        QVERIFY(!engine.tputPerGpuAt(single, 11, Sla{}));
        QVERIFY(near(engine.tputPerGpuAt(single, 10, Sla{}), 100));
        // Equal interactivity: the higher throughput, and of twins the first inserted.
        const auto knots = engine.frontier(equal, Sla{});
        QCOMPARE(knots.size(), std::size_t(1));
        QCOMPARE(knots[0].point, std::size_t(1));
        // Everything infeasible: all present, all infeasible, in series order.
        sla.minInteractivity = 1000;
        const auto ranking = engine.rank(sla, {});
        QCOMPARE(ranking.series.size(), std::size_t(5));
        for (std::size_t i = 0; i < ranking.series.size(); ++i) {
            QVERIFY(!ranking.series[i].feasible);
            QCOMPARE(ranking.series[i].series, i);
        }
        QVERIFY(RankingEngine().rank(Sla{}, {}).series.empty());
        // A series or point that does not exist is an error, not a silent default.
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, (void)engine.evaluate(99, Sla{}, {}));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, (void)engine.frontier(99, Sla{}));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, (void)engine.pointFigures(single, 1));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, engine.addPoint(99, point(1, 1)));
    }
    void attainmentTargetAndGoodputFromSamples() {
        // Point 0 (30 tok/s/user, 1000 tok/s/GPU, 2 GPUs) has 4 requests over 10 s:
        // TTFT 0.1, 0.2, 0.3, 2.0 s, each 100 in + 100 out. Under TTFT ≤ 1 s: 3 of 4 good,
        // attainment 0.75, goodput 3 × 200 / 10 / 2 = 30 tok/s/GPU.
        // Point 1 (20 tok/s/user, 2000 tok/s/GPU) has no samples.
        RankingEngine engine;
        const auto s = engine.addSeries(key("A"));
        SampleSet samples;
        samples.durationSeconds = 10;
        for (const double ttft : {0.1, 0.2, 0.3, 2.0}) {
            RequestSample request;
            request.ttftSeconds = ttft;
            request.tpotSeconds = 0.02;
            request.e2elSeconds = ttft + 2;
            request.inputTokens = 100;
            request.outputTokens = 100;
            samples.requests.push_back(request);
        }
        auto measured = point(30, 1000, 0.25, 2);
        engine.addPoint(s, measured, &samples);
        engine.addPoint(s, point(20, 2000, 0.25, 2));
        Sla sla;
        sla.maxTtftSeconds = 1.0;
        sla.minInteractivity = 30;
        auto result = engine.evaluate(s, sla, {});
        QCOMPARE(result.point.value(), std::size_t(0));
        QVERIFY(near(result.sloAttainment, 0.75));
        QVERIFY(near(result.goodputPerGpu, 30));
        // Target 0.7 is met; 0.8 is not, and point 1 has no samples → infeasible.
        sla.minAttainment = 0.7;
        QVERIFY(engine.evaluate(s, sla, {}).feasible);
        sla.minAttainment = 0.8;
        QVERIFY(!engine.evaluate(s, sla, {}).feasible);
        QVERIFY(!engine.pointMeetsSla(s, 0, sla));
        // Interactivity counts per request: at 60 tok/s/user (TPOT ≤ 1/60 < 0.02) none is good.
        sla = Sla{};
        sla.minInteractivity = 60;
        sla.minAttainment = 0.1;
        QVERIFY(engine.frontier(s, sla).empty());
        // Without samples the goodput is the throughput of the feasible point.
        sla = Sla{};
        result = engine.evaluate(s, sla, {});
        QCOMPARE(result.point.value(), std::size_t(1));
        QVERIFY(near(result.goodputPerGpu, 2000));
        QVERIFY(!result.sloAttainment);
    }
    void offersUnderTheSla() {
        // Workload 1024/1024: (in + out) / 2. Blended (3 in + out) / 4.
        ProviderOffer fast;
        fast.provider = "fast";
        fast.inputUsdPerM = 1.0;
        fast.outputUsdPerM = 3.0; // workload 2.0, blended 1.5
        fast.outputTokensPerSecond = 100;
        fast.ttftSeconds = 0.5;
        ProviderOffer cheapSlow = fast;
        cheapSlow.provider = "cheap-slow";
        cheapSlow.inputUsdPerM = 0.2;
        cheapSlow.outputUsdPerM = 0.6; // workload 0.4
        cheapSlow.outputTokensPerSecond = 20;
        ProviderOffer unknownSpeed = fast;
        unknownSpeed.provider = "unknown-speed";
        unknownSpeed.inputUsdPerM = 0.1;
        unknownSpeed.outputUsdPerM = 0.1;
        unknownSpeed.outputTokensPerSecond.reset();
        ProviderOffer noTtft = fast;
        noTtft.provider = "no-ttft";
        noTtft.inputUsdPerM = 2.0;
        noTtft.outputUsdPerM = 2.0;
        noTtft.ttftSeconds.reset();
        ProviderOffer disabled = fast;
        disabled.inputUsdPerM = 0;
        disabled.outputUsdPerM = 0;
        RankingEngine engine;
        engine.setOffers({fast, cheapSlow, unknownSpeed, noTtft, disabled});
        engine.setOfferEnabled(4, false);
        Sla sla;
        sla.minInteractivity = 50;
        sla.maxTtftSeconds = 1.0;
        const auto offers = engine.rank(sla, {}).offers;
        QCOMPARE(offers.size(), std::size_t(4));
        QCOMPARE(offers[0].offer, std::size_t(0)); // fast: 2.0, feasible
        QCOMPARE(offers[1].offer, std::size_t(3)); // no TTFT figure: 2.0, judged on speed
        QCOMPARE(offers[2].offer, std::size_t(2)); // unknown speed: 0.1, infeasible
        QCOMPARE(offers[3].offer, std::size_t(1)); // too slow: 0.4, infeasible
        QVERIFY(offers[0].feasible && offers[1].feasible);
        QVERIFY(!offers[2].feasible && !offers[3].feasible);
        QVERIFY(!offers[2].speedKnown && offers[3].speedKnown);
        QVERIFY(near(offers[0].workloadUsdPerM, 2.0));
        QVERIFY(near(offers[0].blendedUsdPerM, 1.5));
        // Workload 3000/1000: (3000 × 0.2 + 1000 × 0.6) / 4000 = 0.3 for cheap-slow.
        const auto noSla = engine.rank(Sla{}, {}, Workload{3000, 1000}).offers;
        QCOMPARE(noSla[0].offer, std::size_t(2)); // 0.1 now feasible: no speed threshold
        QCOMPARE(noSla[1].offer, std::size_t(1));
        QVERIFY(near(noSla[1].workloadUsdPerM, 0.3));
        QCOMPARE(engine.offers().size(), std::size_t(5));
    }
    void catalogRoundTrip() {
        Catalog catalog;
        Series series;
        series.key = key("B200");
        OperatingPoint op;
        op.figures = point(27.25, 61612.5, 0.2445);
        op.figures.interactivity.p99 = 19.5;
        op.figures.disaggregated = true;
        op.figures.prefillGpus = 4;
        op.figures.decodeGpus = 16;
        op.figures.gpus = 20;
        op.figures.powerWatts = 1450;
        op.figures.latencyIsLimit = true;
        op.figures.tputDerived = true;
        series.points.push_back(op);
        catalog.series.push_back(series);
        catalog.costBases = {basis("B200", "hyperscaler", 2.5, 1.8), basis("B200", "rental", 3.0)};
        QualityScore score;
        score.model = "m";
        score.precision = "fp8";
        score.benchmark = "gpqa";
        QualityScore other = score;
        other.precision = "fp4";
        catalog.qualityScores = {score, other};
        const auto engine = RankingEngine::fromCatalog(catalog);
        QCOMPARE(engine.seriesCount(), std::size_t(1));
        QCOMPARE(engine.seriesKey(0).hardware, std::string("B200"));
        const auto figures = engine.pointFigures(0, 0);
        QCOMPARE(figures.tputPerGpu.value(), 61612.5);
        QCOMPARE(figures.outputTputPerGpu.value(), 61612.5 / 2);
        QVERIFY(!figures.inputTputPerGpu);
        QCOMPARE(figures.interactivity.p50.value(), 27.25);
        QCOMPARE(figures.interactivity.p99.value(), 19.5);
        QVERIFY(!figures.interactivity.p90);
        QCOMPARE(figures.ttftSeconds.p50.value(), 0.2445); // 4 significant digits survive
        QVERIFY(!figures.e2elSeconds.p50);
        QCOMPARE(figures.gpus, 20);
        QCOMPARE(figures.prefillGpus, 4);
        QCOMPARE(figures.decodeGpus, 16);
        QVERIFY(figures.disaggregated && figures.latencyIsLimit && figures.tputDerived);
        QCOMPARE(figures.powerWatts.value(), 1450.0);
        QCOMPARE(figures.concurrency, 16.0);
        QCOMPARE(engine.qualityOf(0).size(), std::size_t(1));
        // All-in kW: from the chosen basis, else any basis of that hardware with one.
        QVERIFY(near(engine.allInKwPerGpu(0), 1.8));
        CostSettings rental;
        rental.costBasisKey = "rental";
        const auto result = engine.evaluate(0, Sla{}, rental);
        QVERIFY(near(result.usdPerGpuHour, 3.0));
        QVERIFY(near(result.tokensPerMw, 61612.5 * 1000 / 1.8));
        QVERIFY(engine.residentBytes() > 0);
    }
};

QTEST_APPLESS_MAIN(TestRankingEngine)
#include "test_ranking_engine.moc"
