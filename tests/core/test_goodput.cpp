// Per-request SLO rules, attainment and goodput on a sample set counted by hand.
#include "Goodput.h"

#include <QtTest>
#include <cmath>

using namespace tokenomics;

namespace {
RequestSample request(double ttft, double tpot, double e2el, int in, int out, bool ok = true) {
    RequestSample sample;
    sample.ttftSeconds = ttft;
    sample.tpotSeconds = tpot;
    sample.e2elSeconds = e2el;
    sample.inputTokens = in;
    sample.outputTokens = out;
    sample.success = ok;
    return sample;
}

SampleSet handSet() {
    SampleSet set;
    set.durationSeconds = 10;
    set.requests = {
        request(0.5, 0.020, 3.0, 100, 100),        // A: good under every SLA below
        request(1.5, 0.020, 4.0, 200, 100),        // B: TTFT 1.5 s
        request(0.5, 0.050, 6.0, 300, 100),        // C: 20 tok/s/user, E2E 6 s
        request(0.2, 0.000, 0.2, 400, 1),          // D: one output token → TPOT 0
        request(0.1, 0.010, 1.0, 500, 100, false), // E: failed
    };
    return set;
}
} // namespace

class TestGoodput : public QObject {
    Q_OBJECT
private slots:
    void noThresholdsCountsOnlySuccesses() {
        // Good: A B C D (E failed) → 4/5; tokens 200 + 300 + 400 + 401 = 1301 over 10 s, 2 GPUs.
        const auto set = handSet();
        QCOMPARE(*sloAttainment(set, Sla{}), 0.8);
        QCOMPARE(*goodputPerGpu(set, 2, Sla{}), 1301.0 / 10 / 2);
    }
    // A request with no output token served nobody: not good even without any threshold and
    // with a TTFT of 0 (vLLM 0.6 records empty replies that way, with no error text).
    void emptyReplyIsNeverGood() {
        SampleSet set = handSet();
        set.requests.push_back(request(0.0, 0.0, 0.0, 600, 0));
        QVERIFY(!requestIsGood(set.requests.back(), Sla{}));
        Sla sla;
        sla.maxTtftSeconds = 0.5;
        QVERIFY(!requestIsGood(set.requests.back(), sla));
        // Good: A B C D of six → 4/6; the empty reply adds no token to the goodput.
        QCOMPARE(*sloAttainment(set, Sla{}), 4.0 / 6);
        QCOMPARE(*goodputPerGpu(set, 2, Sla{}), 1301.0 / 10 / 2);
    }
    void ttftLimitIsInclusive() {
        // TTFT ≤ 0.5: A (0.5, equal counts) C D good; B over; E failed → 3/5.
        Sla sla;
        sla.maxTtftSeconds = 0.5;
        const auto set = handSet();
        QCOMPARE(*sloAttainment(set, sla), 0.6);
        QCOMPARE(*goodputPerGpu(set, 1, sla), (200.0 + 400 + 401) / 10);
    }
    void interactivityComparesTpot() {
        // ≥ 25 tok/s/user ⇔ TPOT ≤ 0.04: A B (0.02) and D (one token) pass; C (0.05) fails.
        Sla sla;
        sla.minInteractivity = 25;
        const auto set = handSet();
        QCOMPARE(*sloAttainment(set, sla), 0.6);
        QVERIFY(requestIsGood(set.requests[3], sla));
        QVERIFY(!requestIsGood(set.requests[2], sla));
        // Exactly at the limit: 20 tok/s/user ⇔ TPOT ≤ 0.05, so C passes.
        sla.minInteractivity = 20;
        QVERIFY(requestIsGood(set.requests[2], sla));
    }
    void everyThresholdTogether() {
        // TTFT ≤ 1, E2E ≤ 5, ≥ 25 tok/s/user: A and D good → 2/5, (200 + 401) / 10 / 4 GPUs.
        Sla sla;
        sla.maxTtftSeconds = 1.0;
        sla.maxE2elSeconds = 5.0;
        sla.minInteractivity = 25;
        const auto set = handSet();
        QCOMPARE(*sloAttainment(set, sla), 0.4);
        QCOMPARE(*goodputPerGpu(set, 4, sla), 601.0 / 10 / 4);
    }
    void unknownWithoutData() {
        SampleSet empty;
        empty.durationSeconds = 5;
        QVERIFY(!sloAttainment(empty, Sla{}));
        QCOMPARE(*goodputPerGpu(empty, 1, Sla{}), 0.0);
        auto set = handSet();
        QVERIFY(!goodputPerGpu(set, 0, Sla{}));
        set.durationSeconds = 0;
        QVERIFY(!goodputPerGpu(set, 1, Sla{}));
    }
};

QTEST_APPLESS_MAIN(TestGoodput)
#include "test_goodput.moc"
