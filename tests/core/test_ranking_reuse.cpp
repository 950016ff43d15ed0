// Re-ranking into a reused Ranking: the same results as a fresh one, whatever the reused
// one held before; and the order among costs closer together than a float can tell.
#include "RankingEngine.h"

#include <QtTest>
#include <bit>
#include <cstdio>
#include <random>

using namespace tokenomics;

namespace {
SeriesKey key(const std::string& hardware, int run) {
    char name[16];
    std::snprintf(name, sizeof name, "r%d", run);
    // Built whole: GCC 12 at -O3 warns (-Wrestrict) on assigning short literals to members.
    return SeriesKey{.model = std::string("m"),
                     .hardware = hardware,
                     .engine = std::string("vllm"),
                     .precision = std::string("fp8"),
                     .isl = 1024,
                     .osl = 1024,
                     .run = std::string(name)};
}

CostBasis basis(const std::string& hardware, double usd, std::optional<double> kw) {
    CostBasis b;
    b.hardware = hardware;
    b.key = "hyperscaler";
    b.usdPerGpuHour = usd;
    b.allInKwPerGpu = kw;
    return b;
}

/// Bitwise equality, so that a stale figure left behind differs even where it is close.
bool same(const std::optional<double>& a, const std::optional<double>& b) {
    if (a.has_value() != b.has_value())
        return false;
    return !a || std::bit_cast<std::uint64_t>(*a) == std::bit_cast<std::uint64_t>(*b);
}

/// Compares every member; returns the first that differs, or an empty string.
std::string difference(const SeriesResult& a, const SeriesResult& b) {
    if (a.series != b.series)
        return "series";
    if (a.feasible != b.feasible || a.interpolated != b.interpolated)
        return "feasible/interpolated";
    if (a.point != b.point || a.lowerKnotPoint != b.lowerKnotPoint)
        return "point";
    const std::pair<const char*, std::pair<std::optional<double>, std::optional<double>>>
        figures[] = {{"interactivity", {a.interactivity, b.interactivity}},
                     {"tputPerGpu", {a.tputPerGpu, b.tputPerGpu}},
                     {"outputTputPerGpu", {a.outputTputPerGpu, b.outputTputPerGpu}},
                     {"inputTputPerGpu", {a.inputTputPerGpu, b.inputTputPerGpu}},
                     {"ttftSeconds", {a.ttftSeconds, b.ttftSeconds}},
                     {"usdPerGpuHour", {a.usdPerGpuHour, b.usdPerGpuHour}},
                     {"costPerMTotal", {a.costPerMTotal, b.costPerMTotal}},
                     {"costPerMOutput", {a.costPerMOutput, b.costPerMOutput}},
                     {"costPerMInput", {a.costPerMInput, b.costPerMInput}},
                     {"tokensPerMw", {a.tokensPerMw, b.tokensPerMw}},
                     {"joulesPerToken", {a.joulesPerToken, b.joulesPerToken}},
                     {"sloAttainment", {a.sloAttainment, b.sloAttainment}},
                     {"goodputPerGpu", {a.goodputPerGpu, b.goodputPerGpu}}};
    for (const auto& [name, pair] : figures) {
        if (!same(pair.first, pair.second))
            return name;
    }
    return {};
}

/// Samples whose requests meet a TTFT limit of `goodTtft` in proportion `goodShare`.
SampleSet samples(double goodShare, std::mt19937& random) {
    SampleSet set;
    set.durationSeconds = 60;
    std::uniform_real_distribution<double> unit(0, 1);
    for (int r = 0; r < 40; ++r) {
        RequestSample request;
        request.ttftSeconds = unit(random) < goodShare ? 0.2 : 3.0;
        request.tpotSeconds = 0.02;
        request.outputTokens = 100;
        request.inputTokens = 1000;
        request.e2elSeconds = request.ttftSeconds + 99 * request.tpotSeconds;
        set.requests.push_back(request);
    }
    return set;
}
/// Every interpolated result against what the engine computes afresh, keeping nothing
/// between calls: the throughput is tputPerGpuAt's at I*; the TTFT the larger of the two
/// knots' (unknown if either is).
void checkInterpolated(const RankingEngine& engine, const Ranking& ranking, const Sla& sla) {
    for (const auto& result : ranking.series) {
        if (!result.interpolated)
            continue;
        QVERIFY(same(result.tputPerGpu,
                     engine.tputPerGpuAt(result.series, *sla.minInteractivity, sla)));
        const auto knots = engine.frontier(result.series, sla);
        std::size_t lower = 0;
        while (knots[lower].point != *result.lowerKnotPoint)
            ++lower;
        auto ttftOf = [&](std::size_t point) {
            return engine.pointFigures(result.series, point).ttftSeconds.at(sla.statistic);
        };
        const auto lowerTtft = ttftOf(knots[lower].point);
        const auto upperTtft = ttftOf(knots[lower + 1].point);
        const auto expectedTtft =
            lowerTtft && upperTtft ? std::optional(std::max(*lowerTtft, *upperTtft)) : std::nullopt;
        QVERIFY(same(result.ttftSeconds, expectedTtft));
    }
}

/// 300 series on four hardware (D without a cost basis, A with all-in power); some points
/// publish input throughput, some have per-request samples.
RankingEngine randomEngine(std::mt19937& random) {
    std::uniform_real_distribution<double> unit(0, 1);
    RankingEngine engine;
    const char* hardware[] = {"A", "B", "C", "D"};
    for (int s = 0; s < 300; ++s) {
        const auto series = engine.addSeries(key(hardware[s % 4], s));
        const int points = 1 + static_cast<int>(random() % 12);
        for (int i = 0; i < points; ++i) {
            PointFigures f;
            f.gpus = 8 << (random() % 2);
            f.concurrency = 1 << i;
            f.interactivity.p50 = 5 + 150 * unit(random);
            f.interactivity.p99 = *f.interactivity.p50 * 0.7;
            f.tputPerGpu = 100 + 4000 * unit(random);
            f.outputTputPerGpu = *f.tputPerGpu * 0.4;
            if (s % 3 == 0)
                f.inputTputPerGpu = *f.tputPerGpu * 0.6;
            if (s % 5 != 4)
                f.ttftSeconds.p50 = 0.05 + 2 * unit(random);
            f.ttftSeconds.p99 = 0.1 + 4 * unit(random);
            f.e2elSeconds.p50 = 2 + 30 * unit(random);
            if (s % 7 == 0) {
                const auto set = samples(unit(random), random);
                engine.addPoint(series, f, &set);
            } else {
                engine.addPoint(series, f);
            }
        }
    }
    engine.setCostBases({basis("A", 1.5, 1.2), basis("B", 2.25, {}), basis("C", 0.9, {})});
    return engine;
}
} // namespace

class TestRankingReuse : public QObject {
    Q_OBJECT

private slots:
    void reusedRankingMatchesAFreshOne() {
        // 300 series on four hardware: one without a cost basis (its series rank after the
        // costed ones), one with all-in power; some points publish input throughput, some
        // have per-request samples. The SLAs, cost settings and enabled series change
        // between rankings, so the reused Ranking always holds other results (and another
        // count of them) than the next one needs.
        std::mt19937 random(7);
        std::uniform_real_distribution<double> unit(0, 1);
        RankingEngine engine = randomEngine(random);
        Ranking reused;
        for (int trial = 0; trial < 120; ++trial) {
            Sla sla;
            sla.statistic = trial % 4 == 3 ? Statistic::P99 : Statistic::P50;
            if (trial % 3 != 0)
                sla.minInteractivity = 5 + 160 * unit(random);
            if (trial % 2 == 0)
                sla.maxTtftSeconds = 0.2 + 2 * unit(random);
            if (trial % 5 == 0)
                sla.maxE2elSeconds = 5 + 30 * unit(random);
            if (trial % 11 == 0)
                sla.minAttainment = 0.5;
            CostSettings cost;
            if (trial % 6 == 5)
                cost.usdPerGpuHourOverride = 3.0;
            if (trial % 4 == 1)
                cost.utilization = 0.5;
            for (std::size_t s = 0; s < engine.seriesCount(); ++s)
                engine.setSeriesEnabled(s, (s + static_cast<std::size_t>(trial)) % 9 != 0);
            const Workload workload{1024, 256};
            const Ranking fresh = engine.rank(sla, cost, workload);
            engine.rank(sla, cost, workload, reused);
            QCOMPARE(reused.series.size(), fresh.series.size());
            for (std::size_t i = 0; i < fresh.series.size(); ++i) {
                const auto differs = difference(reused.series[i], fresh.series[i]);
                if (!differs.empty())
                    QFAIL(qPrintable(QString("trial %1, rank %2: %3 differs")
                                         .arg(trial)
                                         .arg(i)
                                         .arg(QString::fromStdString(differs))));
            }
            QCOMPARE(reused.offers.size(), fresh.offers.size());
            checkInterpolated(engine, reused, sla);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void aDragAcrossSegmentsReadsEachSegmentAfresh() {
        // The min-interactivity line dragged up and down in small steps under fixed
        // thresholds (the frontiers stay cached), then a TTFT change and the drag again:
        // every step's interpolated figures must be those of the segment I* is on now.
        std::mt19937 random(11);
        RankingEngine engine = randomEngine(random);
        Ranking ranking;
        for (const double maxTtft : {1.5, 0.9}) {
            for (int step = 0; step < 160; ++step) {
                Sla sla;
                sla.maxTtftSeconds = maxTtft;
                sla.minInteractivity = 5 + (step < 80 ? step : 160 - step) * 1.9;
                engine.rank(sla, CostSettings{}, Workload{}, ranking);
                checkInterpolated(engine, ranking, sla);
                if (QTest::currentTestFailed())
                    QFAIL(qPrintable(QString("at I* %1").arg(*sla.minInteractivity)));
            }
        }
    }

    void costsCloserThanAFloatKeepTheirOrder() {
        // Three series with the same single point (interactivity 50, 1000 tokens/s per GPU):
        //   0 on hardware X at $1.0000000003/h: cost 1.0000000003e6 / 3.6e6 $/M
        //   1 on hardware Y at $1/h:            cost 1e6 / 3.6e6 ≈ 0.27778 $/M
        //   2 on hardware Y as well:            the same cost as 1, exactly
        // The costs differ in the tenth digit, below a float's precision; the cheaper two
        // come first, in series order (equal costs keep it): 1, 2, then 0.
        RankingEngine engine;
        PointFigures f;
        f.gpus = 8;
        f.concurrency = 4;
        f.interactivity.p50 = 50;
        f.tputPerGpu = 1000;
        f.outputTputPerGpu = 500;
        for (const char* hardware : {"X", "Y", "Y"}) {
            const auto series = engine.addSeries(key(hardware, 0));
            engine.addPoint(series, f);
        }
        engine.setCostBases({basis("X", 1.0000000003, {}), basis("Y", 1.0, {})});
        Ranking ranking;
        engine.rank(Sla{}, CostSettings{}, Workload{}, ranking);
        QCOMPARE(ranking.series.size(), std::size_t(3));
        QCOMPARE(ranking.series[0].series, std::size_t(1));
        QCOMPARE(ranking.series[1].series, std::size_t(2));
        QCOMPARE(ranking.series[2].series, std::size_t(0));
        QVERIFY(*ranking.series[1].costPerMTotal < *ranking.series[2].costPerMTotal);
        QCOMPARE(static_cast<float>(*ranking.series[1].costPerMTotal),
                 static_cast<float>(*ranking.series[2].costPerMTotal));
    }

    void aLongRunOfCostsCloserThanAFloatIsSortedStably() {
        // 40 series with the same single point, two by two on hardware H0 ... H19, where
        // Hh costs $(1 + (19 − h)·1e-12)/h: every cost rounds to the same float, H19 is the
        // cheapest, and the two series of a hardware cost exactly the same. Expected order:
        // series 38, 39 (H19), 36, 37 (H18), ..., 0, 1 (H0).
        RankingEngine engine;
        PointFigures f;
        f.gpus = 8;
        f.concurrency = 4;
        f.interactivity.p50 = 50;
        f.tputPerGpu = 1000;
        std::vector<CostBasis> bases;
        for (int h = 0; h < 20; ++h) {
            char name[8];
            std::snprintf(name, sizeof name, "H%d", h); // GCC 12 -O3 warns on "H" + string
            const std::string hardware(name);
            for (int twin = 0; twin < 2; ++twin)
                engine.addPoint(engine.addSeries(key(hardware, twin)), f);
            bases.push_back(basis(hardware, 1 + (19 - h) * 1e-12, {}));
        }
        engine.setCostBases(bases);
        const auto ranking = engine.rank(Sla{}, CostSettings{});
        QCOMPARE(ranking.series.size(), std::size_t(40));
        for (std::size_t i = 0; i < 40; ++i) {
            const std::size_t hardware = 19 - i / 2;
            QCOMPARE(ranking.series[i].series, 2 * hardware + i % 2);
            QCOMPARE(static_cast<float>(*ranking.series[i].costPerMTotal),
                     static_cast<float>(*ranking.series[0].costPerMTotal));
        }
    }
};

QTEST_APPLESS_MAIN(TestRankingReuse)
#include "test_ranking_reuse.moc"
