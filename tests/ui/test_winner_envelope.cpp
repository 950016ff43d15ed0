// The winner's envelope: cheapest candidate per grid point, merged into stretches.
#include "WinnerEnvelope.h"

#include <QTest>

using tokenomics::ui::EnvelopeStretch;
using tokenomics::ui::envelopeSummary;
using tokenomics::ui::winnerEnvelope;

class TestWinnerEnvelope : public QObject {
    Q_OBJECT
private slots:
    void crossingCurvesGiveTwoStretches() {
        // Candidate 7 costs 1,2,3,4,5; candidate 9 costs 3,3,3,3,3: 7 wins at 10 and 20
        // (1, 2 < 3), ties at 30 go to the earlier candidate (7), 9 wins at 40 and 50.
        const std::vector<double> grid{10, 20, 30, 40, 50};
        const std::vector<std::vector<std::optional<double>>> costs{{1, 2, 3, 4, 5},
                                                                    {3, 3, 3, 3, 3}};
        const auto stretches = winnerEnvelope(grid, costs, {7, 9});
        QCOMPARE(stretches.size(), std::size_t(2));
        QCOMPARE(stretches[0].series, std::size_t(7));
        QCOMPARE(stretches[0].firstIndex, std::size_t(0));
        QCOMPARE(stretches[0].lastIndex, std::size_t(2));
        QCOMPARE(stretches[0].toInteractivity, 30.0);
        QCOMPARE(stretches[1].series, std::size_t(9));
        QCOMPARE(stretches[1].fromInteractivity, 40.0);
        QCOMPARE(stretches[1].toInteractivity, 50.0);
        const QString summary = envelopeSummary(stretches, [](std::size_t id) {
            return id == 7 ? QStringLiteral("MI355X") : QStringLiteral("B200");
        });
        QCOMPARE(summary, QStringLiteral("below 40 tok/s/user MI355X wins, above it B200"));
    }

    void unreachableStretchesAreSkipped() {
        // Only candidate 0 reaches the first two points; nobody reaches 30; only 1 reaches 40.
        const std::vector<double> grid{10, 20, 30, 40};
        const std::vector<std::vector<std::optional<double>>> costs{
            {2, 2, std::nullopt, std::nullopt}, {std::nullopt, std::nullopt, std::nullopt, 9}};
        const auto stretches = winnerEnvelope(grid, costs, {0, 1});
        QCOMPARE(stretches.size(), std::size_t(2));
        QCOMPARE(stretches[0].lastIndex, std::size_t(1));
        QCOMPARE(stretches[1].series, std::size_t(1));
        QCOMPARE(stretches[1].firstIndex, std::size_t(3));
    }

    void noCandidateGivesNoStretch() {
        QVERIFY(winnerEnvelope({1, 2}, {}, {}).empty());
        QVERIFY(envelopeSummary({}, [](std::size_t) { return QString(); }).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestWinnerEnvelope)
#include "test_winner_envelope.moc"
