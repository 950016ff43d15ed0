// The engine on catalogs large enough for its two-thread passes and wide point indices,
// with points arriving out of series order, added after a ranking, and queried from two
// threads; checked against the sort-based ParetoFrontier helper and a second engine.
#include "ParetoFrontier.h"
#include "RankingEngine.h"

#include <QtTest>
#include <cmath>
#include <random>
#include <thread>

using namespace tokenomics;

namespace {
/// A point with figures of four significant digits (exact as floats, as published ones).
PointFigures randomPoint(std::mt19937& random) {
    auto digits = [](double value) {
        const double scale = std::pow(10.0, 3 - std::floor(std::log10(value)));
        return std::round(value * scale) / scale;
    };
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    PointFigures f;
    f.gpus = 4 << (random() % 3);
    f.concurrency = double(1 << (random() % 10));
    f.interactivity.p50 = digits(5 + 200 * unit(random));
    f.interactivity.p99 = digits(3 + 150 * unit(random));
    f.tputPerGpu = digits(10 + 5000 * unit(random));
    f.outputTputPerGpu = digits(5 + 2500 * unit(random));
    f.ttftSeconds.p50 = digits(0.05 + 3 * unit(random));
    f.ttftSeconds.p99 = digits(0.1 + 6 * unit(random));
    return f;
}

/// The frontier as the sort-based helper finds it among points meeting the TTFT limit.
std::vector<std::size_t> expectedFrontier(const std::vector<PointFigures>& points, const Sla& sla) {
    std::vector<FrontierCandidate> candidates;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto x = points[i].interactivity.at(sla.statistic);
        const auto ttft = points[i].ttftSeconds.at(sla.statistic);
        if (!x || !points[i].tputPerGpu)
            continue;
        if (sla.maxTtftSeconds && !(ttft && *ttft <= *sla.maxTtftSeconds))
            continue;
        candidates.push_back({*x, *points[i].tputPerGpu, i});
    }
    std::vector<std::size_t> indices;
    for (const auto& knot : paretoFrontier(candidates))
        indices.push_back(knot.index);
    return indices;
}

std::vector<std::size_t> knotPoints(const RankingEngine& engine, std::size_t series,
                                    const Sla& sla) {
    std::vector<std::size_t> indices;
    for (const auto& knot : engine.frontier(series, sla))
        indices.push_back(knot.point);
    return indices;
}

bool sameResult(const SeriesResult& a, const SeriesResult& b) {
    return a.series == b.series && a.feasible == b.feasible && a.interpolated == b.interpolated &&
           a.point == b.point && a.lowerKnotPoint == b.lowerKnotPoint &&
           a.interactivity == b.interactivity && a.tputPerGpu == b.tputPerGpu &&
           a.outputTputPerGpu == b.outputTputPerGpu && a.ttftSeconds == b.ttftSeconds &&
           a.costPerMTotal == b.costPerMTotal && a.costPerMOutput == b.costPerMOutput &&
           a.sloAttainment == b.sloAttainment && a.goodputPerGpu == b.goodputPerGpu &&
           a.tokensPerMw == b.tokensPerMw;
}

std::vector<Sla> someSlas() {
    std::vector<Sla> slas(4);
    slas[1].minInteractivity = 60;
    slas[1].maxTtftSeconds = 1.5;
    slas[2].statistic = Statistic::P99;
    slas[2].maxTtftSeconds = 3.0;
    slas[2].minInteractivity = 40;
    slas[3].minInteractivity = 150;
    return slas;
}

CostBasis basis() {
    CostBasis b;
    b.hardware = "gpu";
    b.key = "hyperscaler";
    b.usdPerGpuHour = 2.0;
    b.allInKwPerGpu = 1.5;
    return b;
}
} // namespace

class TestRankingScale : public QObject {
    Q_OBJECT
private slots:
    void largeCatalogMatchesHelperOnEveryFrontier() {
        // 5,000 series × 50 points: above the thresholds for two-thread passes.
        std::mt19937 random(17);
        RankingEngine engine;
        std::vector<std::vector<PointFigures>> catalog(5000);
        SeriesKey key;
        key.hardware = "gpu";
        for (auto& points : catalog) {
            const auto series = engine.addSeries(key);
            for (int i = 0; i < 50; ++i) {
                points.push_back(randomPoint(random));
                engine.addPoint(series, points.back());
            }
        }
        engine.setCostBases({basis()});
        for (const auto& sla : someSlas()) {
            const auto ranking = engine.rank(sla, CostSettings{});
            QCOMPARE(ranking.series.size(), catalog.size());
            for (std::size_t s = 0; s < catalog.size(); ++s)
                QCOMPARE(knotPoints(engine, s, sla), expectedFrontier(catalog[s], sla));
            for (std::size_t i = 1; i < ranking.series.size(); ++i) {
                const auto& previous = ranking.series[i - 1];
                const auto& current = ranking.series[i];
                QVERIFY(previous.feasible || !current.feasible);
                if (previous.feasible && current.feasible)
                    QVERIFY(*previous.costPerMTotal <= *current.costPerMTotal);
            }
            // Every result agrees with evaluating its series alone.
            for (std::size_t i = 0; i < ranking.series.size(); i += 97)
                QVERIFY(sameResult(ranking.series[i],
                                   engine.evaluate(ranking.series[i].series, sla, {})));
        }
        QVERIFY(engine.residentBytes() < 64 * engine.pointCount());
    }
    void insertionOrderDoesNotMatter() {
        // The same catalog added series by series, and round-robin across series with
        // samples on some points; then more points after a first ranking.
        std::mt19937 random(23);
        const std::size_t seriesCount = 300;
        std::vector<std::vector<PointFigures>> catalog(seriesCount);
        for (auto& points : catalog) {
            for (int i = 0; i < 20; ++i)
                points.push_back(randomPoint(random));
        }
        SampleSet samples;
        samples.durationSeconds = 10;
        for (int r = 0; r < 10; ++r) {
            RequestSample request;
            request.ttftSeconds = 0.1 * (r + 1);
            request.tpotSeconds = 0.01 * (r + 1);
            request.inputTokens = 100;
            request.outputTokens = 50;
            samples.requests.push_back(request);
        }
        // Only the first 15 points of a series get samples.
        auto withSamples = [](std::size_t series, std::size_t point) {
            return point < 15 && (series + point) % 7 == 0;
        };
        SeriesKey key;
        key.hardware = "gpu";
        RankingEngine grouped;
        RankingEngine interleaved;
        for (std::size_t s = 0; s < seriesCount; ++s) {
            grouped.addSeries(key);
            interleaved.addSeries(key);
            for (std::size_t p = 0; p < 15; ++p)
                grouped.addPoint(s, catalog[s][p], withSamples(s, p) ? &samples : nullptr);
        }
        for (std::size_t p = 0; p < 15; ++p) {
            for (std::size_t s = seriesCount; s-- > 0;)
                interleaved.addPoint(s, catalog[s][p], withSamples(s, p) ? &samples : nullptr);
        }
        grouped.setCostBases({basis()});
        interleaved.setCostBases({basis()});
        auto compareEngines = [&] {
            for (const auto& sla : someSlas()) {
                const auto a = grouped.rank(sla, {});
                const auto b = interleaved.rank(sla, {});
                QCOMPARE(a.series.size(), b.series.size());
                for (std::size_t i = 0; i < a.series.size(); ++i)
                    QVERIFY(sameResult(a.series[i], b.series[i]));
            }
            for (std::size_t s = 0; s < seriesCount; s += 13) {
                QCOMPARE(grouped.pointCount(s), interleaved.pointCount(s));
                for (std::size_t p = 0; p < grouped.pointCount(s); ++p) {
                    QCOMPARE(grouped.pointFigures(s, p).tputPerGpu,
                             interleaved.pointFigures(s, p).tputPerGpu);
                    QCOMPARE(grouped.pointFigures(s, p).ttftSeconds.p99,
                             interleaved.pointFigures(s, p).ttftSeconds.p99);
                }
            }
        };
        compareEngines();
        // Points 15..19 arrive after the rankings, to early series first.
        for (std::size_t p = 15; p < 20; ++p) {
            for (std::size_t s = 0; s < seriesCount; ++s) {
                grouped.addPoint(s, catalog[s][p]);
                interleaved.addPoint(s, catalog[s][p]);
            }
        }
        compareEngines();
        for (std::size_t s = 0; s < seriesCount; s += 29)
            QCOMPARE(knotPoints(interleaved, s, Sla{}), expectedFrontier(catalog[s], Sla{}));
        // Samples followed their points: attainment is known exactly where they were given.
        Sla sla;
        sla.maxTtftSeconds = 0.55; // 5 of the 10 requests
        int checked = 0;
        for (std::size_t s = 0; s < seriesCount; ++s) {
            const auto result = interleaved.evaluate(s, sla, {});
            if (result.point)
                QCOMPARE(result.sloAttainment.has_value(), withSamples(s, *result.point));
            if (result.point && withSamples(s, *result.point)) {
                QCOMPARE(*result.sloAttainment, 0.5);
                ++checked;
            }
        }
        QVERIFY(checked > 10);
    }
    void seriesBeyondByteAndShortIndices() {
        // 300 points need 16-bit local indices, 70,000 need 32-bit ones.
        std::mt19937 random(31);
        RankingEngine engine;
        std::vector<std::vector<PointFigures>> catalog(3);
        const std::size_t sizes[] = {5, 300, 70000};
        SeriesKey key;
        key.hardware = "gpu";
        for (std::size_t s = 0; s < 3; ++s) {
            engine.addSeries(key);
            for (std::size_t i = 0; i < sizes[s]; ++i) {
                catalog[s].push_back(randomPoint(random));
                engine.addPoint(s, catalog[s].back());
            }
        }
        for (const auto& sla : someSlas()) {
            for (std::size_t s = 0; s < 3; ++s)
                QCOMPARE(knotPoints(engine, s, sla), expectedFrontier(catalog[s], sla));
        }
    }
    void concurrentQueriesAgreeWithSerialOnes() {
        std::mt19937 random(41);
        RankingEngine engine;
        SeriesKey key;
        key.hardware = "gpu";
        for (int s = 0; s < 400; ++s) {
            engine.addSeries(key);
            for (int i = 0; i < 30; ++i)
                engine.addPoint(static_cast<std::size_t>(s), randomPoint(random));
        }
        engine.setCostBases({basis()});
        const auto slas = someSlas();
        std::vector<Ranking> serial;
        for (const auto& sla : slas)
            serial.push_back(engine.rank(sla, {}));
        const RankingEngine& shared = engine;
        auto work = [&](int offset, bool& agreed) {
            agreed = true;
            for (int round = 0; round < 40; ++round) {
                const std::size_t which = static_cast<std::size_t>(round + offset) % slas.size();
                const auto ranking = shared.rank(slas[which], {});
                for (std::size_t i = 0; i < ranking.series.size(); ++i)
                    agreed = agreed && sameResult(ranking.series[i], serial[which].series[i]);
                const auto at = shared.tputPerGpuAt(static_cast<std::size_t>(round), 50.0, slas[0]);
                agreed = agreed &&
                         at == shared.tputPerGpuAt(static_cast<std::size_t>(round), 50.0, slas[0]);
            }
        };
        bool firstAgreed = false;
        bool secondAgreed = false;
        std::thread other(work, 1, std::ref(secondAgreed));
        work(0, firstAgreed);
        other.join();
        QVERIFY(firstAgreed);
        QVERIFY(secondAgreed);
    }
};

QTEST_APPLESS_MAIN(TestRankingScale)
#include "test_ranking_scale.moc"
