// Pareto frontier: a hand example and brute-force O(n²) checks on random data.
#include "ParetoFrontier.h"

#include <QtTest>
#include <algorithm>
#include <random>
#include <vector>

using namespace tokenomics;

namespace {
bool dominates(const FrontierCandidate& a, const FrontierCandidate& b) {
    return a.interactivity >= b.interactivity && a.tputPerGpu >= b.tputPerGpu &&
           (a.interactivity > b.interactivity || a.tputPerGpu > b.tputPerGpu);
}
} // namespace

class TestParetoFrontier : public QObject {
    Q_OBJECT
private slots:
    void handExample() {
        // (10,900) (20,800) (15,700) dominated by (20,800); (30,800) dominates (20,800);
        // (40,100) kept (highest interactivity); (5,1000) kept (highest throughput).
        const std::vector<FrontierCandidate> points{{10, 900, 0}, {20, 800, 1}, {15, 700, 2},
                                                    {30, 800, 3}, {40, 100, 4}, {5, 1000, 5}};
        const auto frontier = paretoFrontier(points);
        std::vector<std::size_t> indices;
        for (const auto& knot : frontier)
            indices.push_back(knot.index);
        QCOMPARE(indices, (std::vector<std::size_t>{5, 0, 3, 4}));
    }
    void emptyAndSingle() {
        QVERIFY(paretoFrontier({}).empty());
        const std::vector<FrontierCandidate> one{{3, 4, 9}};
        const auto frontier = paretoFrontier(one);
        QCOMPARE(frontier.size(), std::size_t(1));
        QCOMPARE(frontier[0].index, std::size_t(9));
    }
    void equalInteractivityKeepsHigherThroughput() {
        const std::vector<FrontierCandidate> points{{10, 100, 0}, {10, 300, 1}, {10, 200, 2}};
        const auto frontier = paretoFrontier(points);
        QCOMPARE(frontier.size(), std::size_t(1));
        QCOMPARE(frontier[0].index, std::size_t(1));
    }
    void duplicatesKeepFirstIndex() {
        const std::vector<FrontierCandidate> points{{10, 100, 4}, {10, 100, 2}, {10, 100, 7}};
        const auto frontier = paretoFrontier(points);
        QCOMPARE(frontier.size(), std::size_t(1));
        QCOMPARE(frontier[0].index, std::size_t(2));
    }
    void randomDataAgainstBruteForce() {
        std::mt19937 random(1234);
        for (int trial = 0; trial < 500; ++trial) {
            const int count = trial % 40;
            // Coarse integer grid so ties in either coordinate are common.
            std::uniform_int_distribution<int> coordinate(1, 12);
            std::vector<FrontierCandidate> points;
            for (int i = 0; i < count; ++i)
                points.push_back(
                    {double(coordinate(random)), double(coordinate(random)) * 100, std::size_t(i)});
            const auto frontier = paretoFrontier(points);
            std::vector<bool> kept(points.size(), false);
            for (const auto& knot : frontier)
                kept[knot.index] = true;
            for (std::size_t i = 0; i < points.size(); ++i) {
                bool dominated = false;
                bool duplicateOfEarlier = false;
                for (std::size_t j = 0; j < points.size(); ++j) {
                    dominated = dominated || (j != i && dominates(points[j], points[i]));
                    duplicateOfEarlier =
                        duplicateOfEarlier ||
                        (j < i && points[j].interactivity == points[i].interactivity &&
                         points[j].tputPerGpu == points[i].tputPerGpu);
                }
                // Kept exactly when nothing dominates it and no earlier twin was kept instead.
                QCOMPARE(kept[i], !dominated && !duplicateOfEarlier);
            }
            for (std::size_t k = 1; k < frontier.size(); ++k) {
                QVERIFY(frontier[k].interactivity > frontier[k - 1].interactivity);
                QVERIFY(frontier[k].tputPerGpu < frontier[k - 1].tputPerGpu);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestParetoFrontier)
#include "test_pareto_frontier.moc"
