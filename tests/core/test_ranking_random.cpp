// The engine against an independent brute-force reference on random catalogs: O(n²)
// dominance, per-point threshold checks, and the interpolation helper on the reference's
// own knots. Figures have at most 6 significant digits, as published figures do.
#include "CostModel.h"
#include "MonotoneCubic.h"
#include "RankingEngine.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <random>

using namespace tokenomics;

namespace {
double roundDigits(double value, int digits) {
    if (value == 0)
        return 0;
    const double scale = std::pow(10.0, digits - 1 - std::floor(std::log10(std::abs(value))));
    return std::round(value * scale) / scale;
}

struct Reference {
    bool feasible = false;
    std::optional<std::size_t> point;
    std::optional<double> tput;
    std::vector<std::size_t> frontier;
};

bool withinLimit(std::optional<double> figure, std::optional<double> limit) {
    return !limit || (figure && *figure <= *limit);
}

Reference reference(const std::vector<PointFigures>& points, const Sla& sla,
                    const ConfigurationFilter& filter) {
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto& p = points[i];
        const auto x = p.interactivity.at(sla.statistic);
        if (!x || !(*x > 0) || !p.tputPerGpu || !(*p.tputPerGpu > 0))
            continue;
        if (!filter.gpuCounts.empty() && std::find(filter.gpuCounts.begin(), filter.gpuCounts.end(),
                                                   p.gpus) == filter.gpuCounts.end())
            continue;
        if (filter.disaggregated && *filter.disaggregated != p.disaggregated)
            continue;
        if (!withinLimit(p.ttftSeconds.at(sla.statistic), sla.maxTtftSeconds) ||
            !withinLimit(p.e2elSeconds.at(sla.statistic), sla.maxE2elSeconds))
            continue;
        candidates.push_back(i);
    }
    auto x = [&](std::size_t i) { return *points[i].interactivity.at(sla.statistic); };
    auto y = [&](std::size_t i) { return *points[i].tputPerGpu; };
    Reference result;
    for (const auto i : candidates) {
        bool keep = true;
        for (const auto j : candidates) {
            const bool dominates = x(j) >= x(i) && y(j) >= y(i) && (x(j) > x(i) || y(j) > y(i));
            const bool earlierTwin = j < i && x(j) == x(i) && y(j) == y(i);
            keep = keep && !dominates && !earlierTwin;
        }
        if (keep)
            result.frontier.push_back(i);
    }
    std::sort(result.frontier.begin(), result.frontier.end(),
              [&](std::size_t a, std::size_t b) { return x(a) < x(b); });
    if (result.frontier.empty())
        return result;
    const double target = sla.minInteractivity.value_or(0);
    if (target > x(result.frontier.back()))
        return result;
    result.feasible = true;
    for (const auto k : result.frontier) {
        if (x(k) >= target) {
            if (k == result.frontier.front() || x(k) == target)
                result.point = k;
            break;
        }
    }
    // The engine holds figures as floats (documented); the curve between knots is the one
    // through the knots as stored.
    std::vector<double> xs;
    std::vector<double> ys;
    for (const auto k : result.frontier) {
        xs.push_back(static_cast<float>(x(k)));
        ys.push_back(static_cast<float>(y(k)));
    }
    result.tput = result.point ? y(*result.point) : *interpolateMonotoneCubic(xs, ys, target);
    return result;
}

std::optional<double> randomFigure(std::mt19937& random, double low, double high, double unknownP) {
    if (std::uniform_real_distribution<double>(0, 1)(random) < unknownP)
        return std::nullopt;
    return roundDigits(std::uniform_real_distribution<double>(low, high)(random), 4);
}
} // namespace

class TestRankingRandom : public QObject {
    Q_OBJECT
private slots:
    void engineMatchesBruteForce() {
        std::mt19937 random(99);
        RankingEngine engine;
        std::vector<std::vector<PointFigures>> catalog;
        const std::vector<std::string> hardware{"A", "B", "C"};
        for (int s = 0; s < 60; ++s) {
            SeriesKey key;
            key.model = "m";
            key.hardware = hardware[s % 3];
            const auto index = engine.addSeries(key);
            catalog.emplace_back();
            const int count = s % 13; // includes empty series
            for (int i = 0; i < count; ++i) {
                PointFigures f;
                f.gpus = std::vector<int>{4, 8, 16}[random() % 3];
                f.disaggregated = random() % 4 == 0;
                f.concurrency = double(1 << (random() % 9));
                f.tputPerGpu = randomFigure(random, 0, 5000, 0.05);
                f.outputTputPerGpu = randomFigure(random, 100, 2000, 0.2);
                if (!f.tputPerGpu) // no throughput at all: never on a frontier (output-only
                    f.outputTputPerGpu.reset(); // series are test_ranking_engine's)
                f.interactivity.p50 = randomFigure(random, 5, 200, 0.05);
                f.interactivity.p99 = randomFigure(random, 2, 150, 0.3);
                f.ttftSeconds.p50 = randomFigure(random, 0.05, 3, 0.1);
                f.ttftSeconds.p99 = randomFigure(random, 0.1, 6, 0.3);
                f.e2elSeconds.p50 = randomFigure(random, 1, 60, 0.5);
                if (i > 0 && random() % 8 == 0) // equal interactivity or exact twins
                    f.interactivity = catalog.back()[random() % i].interactivity;
                engine.addPoint(index, f);
                catalog.back().push_back(f);
            }
        }
        engine.setCostBases({[] {
            CostBasis b;
            b.hardware = "A";
            b.key = "hyperscaler";
            b.usdPerGpuHour = 1.5;
            return b;
        }()});
        std::uniform_real_distribution<double> unit(0, 1);
        for (int trial = 0; trial < 400; ++trial) {
            Sla sla;
            sla.statistic = trial % 3 == 0 ? Statistic::P99 : Statistic::P50;
            if (unit(random) < 0.7)
                sla.minInteractivity = 5 + unit(random) * 200;
            if (unit(random) < 0.5)
                sla.maxTtftSeconds = 0.1 + unit(random) * 4;
            if (unit(random) < 0.2)
                sla.maxE2elSeconds = 1 + unit(random) * 60;
            ConfigurationFilter filter;
            if (trial % 5 == 1)
                filter.gpuCounts = {8, 16};
            if (trial % 7 == 2)
                filter.disaggregated = trial % 2 == 0;
            engine.setConfigurationFilter(filter);
            const auto ranking = engine.rank(sla, CostSettings{});
            QCOMPARE(ranking.series.size(), catalog.size());
            int previousGroup = 0;
            double previousCost = 0;
            for (const auto& result : ranking.series) {
                const auto expected = reference(catalog[result.series], sla, filter);
                const auto knots = engine.frontier(result.series, sla);
                QCOMPARE(knots.size(), expected.frontier.size());
                for (std::size_t k = 0; k < knots.size(); ++k)
                    QCOMPARE(knots[k].point, expected.frontier[k]);
                QCOMPARE(result.feasible, expected.feasible);
                QCOMPARE(result.point, expected.point);
                QCOMPARE(result.interpolated, expected.feasible && !expected.point);
                if (expected.tput) {
                    // Measured points read back exactly (figures of ≤ 7 digits); the curve
                    // between them runs on the stored floats, as the reference's does.
                    const double tolerance = expected.point ? 1e-12 : 1e-9;
                    QVERIFY(std::abs(*result.tputPerGpu - *expected.tput) <=
                            tolerance * *expected.tput);
                    const auto cost = costPerMillionTokens(
                        engine.seriesKey(result.series).hardware == "A" ? 1.5
                                                                        : std::optional<double>{},
                        expected.tput);
                    QCOMPARE(result.costPerMTotal.has_value(), cost.has_value());
                    if (cost)
                        QVERIFY(std::abs(*result.costPerMTotal - *cost) <= tolerance * *cost);
                }
                // Order: feasible with cost ascending, feasible without cost, infeasible.
                const int group = !result.feasible ? 2 : (result.costPerMTotal ? 0 : 1);
                QVERIFY(group >= previousGroup);
                if (group == 0 && previousGroup == 0)
                    QVERIFY(*result.costPerMTotal >= previousCost);
                if (group == 0)
                    previousCost = *result.costPerMTotal;
                previousGroup = group;
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestRankingRandom)
#include "test_ranking_random.moc"
