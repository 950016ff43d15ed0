// Capacity and bill (PRODUCT.md §4 plan) against numbers worked by hand in the comments.
#include "CapacityPlan.h"
#include "CostModel.h"

#include <QtTest>
#include <algorithm>
#include <cmath>

using namespace tokenomics;

namespace {
bool near(std::optional<double> value, double expected) {
    return value && std::abs(*value - expected) <= 1e-9 * std::max(1.0, std::abs(expected));
}

SeriesResult feasible(std::size_t series, double tputPerGpu, std::optional<double> usd) {
    SeriesResult result;
    result.series = series;
    result.feasible = true;
    result.tputPerGpu = tputPerGpu;
    result.usdPerGpuHour = usd;
    return result;
}

ProviderOffer offer(double in, double out) {
    ProviderOffer o;
    o.provider = "api";
    o.inputUsdPerM = in;
    o.outputUsdPerM = out;
    return o;
}

Demand demand(double rps, double peak = 1.0) {
    Demand d;
    d.requestsPerSecond = rps;
    d.peakToAverage = peak;
    d.isl = 1000;
    d.osl = 1000;
    return d;
}
} // namespace

class TestCapacityPlan : public QObject {
    Q_OBJECT
private slots:
    // 2000 tok/s/GPU × 8 GPUs / 2000 tokens per request = C = 8 req/s per instance.
    // R = 24, F = 1: exactly 3 instances (no rounding up through noise), 24 GPUs,
    // 24 × $2 × 730 = $35,040 a month, utilisation 24 / 24 = 1.
    void exactFitNeedsNoExtraInstance() {
        const SeriesPlan plan = planSeries(feasible(0, 2000, 2.0), 8, demand(24), nullptr);
        QVERIFY(near(plan.requestsPerSecondPerInstance, 8.0));
        QVERIFY(near(plan.instances, 3.0));
        QVERIFY(near(plan.gpusNeeded, 24.0));
        QVERIFY(near(plan.usdPerMonth, 24 * 2.0 * 730));
        QVERIFY(near(plan.averageUtilization, 1.0));
        // Effective cost: 35,040 / (24 × 2000 × 730 × 3600 / 1e6 = 126,144 M tokens).
        QVERIFY(near(plan.effectiveCostPerMTotal, 35040.0 / 126144.0));
    }
    // A little more demand, or a peak factor, takes the next whole instance.
    void demandAboveAnInstanceRoundsUp() {
        const SeriesPlan more = planSeries(feasible(0, 2000, 2.0), 8, demand(24.01), nullptr);
        QVERIFY(near(more.instances, 4.0));
        QVERIFY(near(more.averageUtilization, 24.01 / 32));
        // F = 1.5: peak 36 req/s → ceil(36 / 8) = 5 instances, average utilisation 24 / 40.
        const SeriesPlan peaked = planSeries(feasible(0, 2000, 2.0), 8, demand(24, 1.5), nullptr);
        QVERIFY(near(peaked.instances, 5.0));
        QVERIFY(near(peaked.gpusNeeded, 40.0));
        QVERIFY(near(peaked.averageUtilization, 24.0 / 40));
    }
    // A disaggregated point of 4 prefill + 12 decode GPUs: G = 16, C = 1500 × 16 / 2000 = 12.
    void disaggregatedInstanceCountsEveryGpu() {
        const SeriesPlan plan = planSeries(feasible(0, 1500, 3.0), 16, demand(30), nullptr);
        QVERIFY(near(plan.requestsPerSecondPerInstance, 12.0));
        QVERIFY(near(plan.instances, 3.0));
        QVERIFY(near(plan.gpusNeeded, 48.0));
    }
    // K = 8 × $2 × 730 = $11,680 an instance a month; an offer at $1 in / $3 out costs
    // A = 730 × 3600 × (1000 × 1 + 1000 × 3) / 1e6 = $10,512 per req/s a month, so
    // self-hosting is no dearer from 11,680 / 10,512 = 1.111 req/s on (≤ C / F = 8).
    void breakEvenAgainstTheCheapestOffer() {
        const ProviderOffer api = offer(1.0, 3.0);
        QVERIFY(near(offerUsdPerMonthPerRequestPerSecond(api, demand(1)), 10512.0));
        const SeriesPlan plan = planSeries(feasible(0, 2000, 2.0), 8, demand(24), &api);
        QVERIFY(near(plan.breakEvenRequestsPerSecond, 11680.0 / 10512.0));
        // An API this cheap (A = $26.28) needs 444 req/s to be matched, more than one
        // instance carries (8): the API stays cheaper at every volume.
        const ProviderOffer cheap = offer(0.0025, 0.0075);
        QVERIFY(
            !planSeries(feasible(0, 2000, 2.0), 8, demand(24), &cheap).breakEvenRequestsPerSecond);
    }
    // A series that cannot meet the SLA, or has no cost, gets no bill; the order is by bill,
    // then those without one, then the infeasible.
    void planOrdersByMonthlyBill() {
        Ranking ranking;
        ranking.series.push_back(feasible(0, 2000, 2.0)); // 3 × 8 × 2 × 730 = 35,040
        ranking.series.push_back(feasible(1, 4000, 3.0)); // C = 16: 2 × 8 × 3 × 730 = 35,040
        ranking.series.push_back(feasible(2, 2000, std::nullopt));
        SeriesResult failing;
        failing.series = 3;
        ranking.series.push_back(failing);
        ranking.series.push_back(feasible(4, 1000, 1.0)); // C = 4: 6 × 8 × 1 × 730 = 35,040
        ranking.series.back().tputPerGpu = 900;           // C = 3.6: 7 × 8 × 730 = 40,880
        OfferResult meets;
        meets.offer = 0;
        meets.feasible = true;
        meets.speedKnown = true;
        OfferResult unknownSpeed;
        unknownSpeed.offer = 1;
        unknownSpeed.feasible = true;
        ranking.offers = {unknownSpeed, meets};
        const std::vector<ProviderOffer> offers = {offer(1.0, 3.0), offer(0.1, 0.1)};
        const CapacityPlan plan = planCapacity(ranking, {8, 8, 8, 8, 8}, offers, demand(24));
        std::vector<std::size_t> order;
        for (const SeriesPlan& one : plan.series)
            order.push_back(one.series);
        QCOMPARE(order, (std::vector<std::size_t>{0, 1, 4, 2, 3}));
        for (const SeriesPlan& one : plan.series) // each plan points back at its result
            QCOMPARE(ranking.series[one.rank].series, one.series);
        QVERIFY(!plan.series[3].usdPerMonth && near(plan.series[3].instances, 3.0));
        QVERIFY(!plan.series[4].feasible && !plan.series[4].instances);
        // The cheaper offer's speed is unknown: the break-even is against the one that meets.
        QCOMPARE(plan.cheapestMeetingOffer.value(), std::size_t(1));
        QVERIFY(near(plan.offers[1].usdPerMonth, 24 * 10512.0));
        QVERIFY(near(plan.series[0].breakEvenRequestsPerSecond, 11680.0 / 10512.0));
    }
    // A: 1 GPU at $1, C = 2000 / 2000 = 1 req/s per instance; B: 8 GPUs at $0.80, C = 8.
    // At R = 14: A = 14 × 730 = $10,220, B = 2 × 8 × 0.8 × 730 = $9,344: B wins. At 11.2
    // req/s A costs 12 × 730 = $8,760 (B still $9,344); at 16.8 A costs 17 × 730 = $12,410,
    // B 3 × 8 × 0.8 × 730 = $14,016: A wins at both ends of the demand bar. A price moved for
    // every GPU moves both bills alike: B wins at both ends.
    void tornadoMarksWhereTheWinnerChanges() {
        Ranking ranking;
        ranking.series.push_back(feasible(0, 2000, 1.0));
        ranking.series.back().costPerMTotal = 1.0e6 / (2000 * 3600);
        ranking.series.push_back(feasible(1, 2000, 0.8));
        ranking.series.back().costPerMTotal = 0.8e6 / (2000 * 3600);
        const auto rows = sensitivity(ranking, {1, 8}, {}, demand(14), 1.0, 0.2);
        const auto row = [&rows](const std::string& input) {
            return *std::find_if(rows.begin(), rows.end(), [&input](const SensitivityRow& one) {
                return one.input == input;
            });
        };
        QCOMPARE(rows.size(), std::size_t(6));
        const SensitivityRow load = row("requests_per_second");
        QCOMPARE(load.low.winner.value(), std::size_t(0));
        QVERIFY(near(load.low.usdPerMonth, 8760.0));
        QCOMPARE(load.high.winner.value(), std::size_t(0));
        QVERIFY(near(load.high.usdPerMonth, 12410.0));
        QVERIFY(load.winnerChanges);
        const SensitivityRow price = row("usd_per_gpu_hour");
        QCOMPARE(price.low.winner.value(), std::size_t(1));
        QCOMPARE(price.high.winner.value(), std::size_t(1));
        QVERIFY(near(price.low.usdPerMonth, 9344.0 * 0.8));
        QVERIFY(near(price.high.usdPerMonth, 9344.0 * 1.2));
        QVERIFY(near(price.high.costPerMTotal, 1.2 * 0.8e6 / (2000 * 3600)));
        QVERIFY(!price.winnerChanges);
        // Utilisation is capped at 1: from 1 it only moves down, and only the cost per token.
        const SensitivityRow use = row("utilization");
        QVERIFY(near(use.low.costPerMTotal, 0.8e6 / (2000 * 3600) / 0.8));
        QVERIFY(near(use.low.usdPerMonth, 9344.0));
        QCOMPARE(use.high.factor, 1.0);
    }
    // Under the ownership basis the price row becomes one row per TCO input. A: 1 GPU bought
    // at $10,000 with no power (CRF over 1 year at r = 0 is 1: 10000 / 8760 = $1.141553/h);
    // B: 8 GPUs at $5,000 and 1 kW at $0.40/kWh ($0.570776 + $0.40 = $0.970776/h). R = 4,
    // C_A = 1, C_B = 8: A needs 4 GPUs = 4 × 1.141553 × 730 = $3,333.33; B 8 × 0.970776 ×
    // 730 = $5,669.33. Electricity +20 % moves B only: A still wins. Purchase −20 % moves
    // both.
    void ownershipTornadoMovesThePriceThroughTheTco() {
        OwnershipInputs a;
        a.capexUsd = 10000;
        a.lifeYears = 1;
        a.costOfCapital = 0;
        OwnershipInputs b = a;
        b.capexUsd = 5000;
        b.allInKw = 1;
        b.usdPerKwh = 0.40;
        const double priceA = *usdPerGpuHourFromOwnership(a);
        const double priceB = *usdPerGpuHourFromOwnership(b);
        QVERIFY(near(priceA, 10000.0 / 8760));
        Ranking ranking;
        ranking.series.push_back(feasible(0, 2000, priceA));
        ranking.series.back().costPerMTotal = priceA * 1e6 / (2000 * 3600);
        ranking.series.push_back(feasible(1, 2000, priceB));
        ranking.series.back().costPerMTotal = priceB * 1e6 / (2000 * 3600);
        const auto rows = sensitivity(ranking, {1, 8}, {}, demand(4), 1.0, 0.2, {a, b});
        const auto row = [&rows](const std::string& input) {
            return *std::find_if(rows.begin(), rows.end(), [&input](const SensitivityRow& one) {
                return one.input == input;
            });
        };
        QCOMPARE(rows.size(), std::size_t(12)); // 7 ownership inputs replace the price row
        QVERIFY(std::none_of(rows.begin(), rows.end(), [](const SensitivityRow& one) {
            return one.input == "usd_per_gpu_hour";
        }));
        const SensitivityRow power = row("usd_per_kwh");
        QCOMPARE(power.high.winner.value(), std::size_t(0));
        QVERIFY(near(power.high.usdPerMonth, 4 * priceA * 730));
        QVERIFY(near(power.high.factor, 1.2));
        const SensitivityRow purchase = row("purchase_usd_per_gpu");
        QCOMPARE(purchase.low.winner.value(), std::size_t(0));
        QVERIFY(near(purchase.low.usdPerMonth, 4 * 0.8 * priceA * 730));
        QVERIFY(near(purchase.low.costPerMTotal, 0.8 * priceA * 1e6 / (2000 * 3600)));
        // Availability is at most 1: from 1 it only moves down (÷ 0.8 on the capital part).
        const SensitivityRow available = row("availability");
        QCOMPARE(available.high.factor, 1.0);
        QVERIFY(near(available.low.usdPerMonth, 4 * priceA / 0.8 * 730));
        // R = 7: A 7 × 1.141553 × 730 = $5,833.33 against B's $5,669.33: B wins, narrowly.
        // Electricity +20 % makes B 8 × (0.570776 + 0.48) × 730 = $6,136.53: A wins there.
        // PUE starts at 1, its floor: it only moves up, and then as the electricity does.
        const auto atSeven = sensitivity(ranking, {1, 8}, {}, demand(7), 1.0, 0.2, {a, b});
        const auto rowAt = [&atSeven](const std::string& input) {
            return *std::find_if(
                atSeven.begin(), atSeven.end(),
                [&input](const SensitivityRow& one) { return one.input == input; });
        };
        const SensitivityRow kwh = rowAt("usd_per_kwh");
        QCOMPARE(kwh.low.winner.value(), std::size_t(1));
        QVERIFY(near(kwh.low.usdPerMonth, 8 * (5000.0 / 8760 + 0.32) * 730));
        QCOMPARE(kwh.high.winner.value(), std::size_t(0));
        QVERIFY(near(kwh.high.usdPerMonth, 7 * priceA * 730));
        QVERIFY(kwh.winnerChanges);
        const SensitivityRow pue = rowAt("pue");
        QCOMPARE(pue.low.factor, 1.0);
        QCOMPARE(pue.low.winner.value(), std::size_t(1));
        QCOMPARE(pue.high.winner.value(), std::size_t(0));
        // Opex is 0 everywhere: nothing moves, the winner stays.
        const SensitivityRow opex = rowAt("opex_usd_per_gpu_year");
        QCOMPARE(opex.high.factor, 1.0);
        QVERIFY(!opex.winnerChanges);
    }
};

QTEST_GUILESS_MAIN(TestCapacityPlan)
#include "test_capacity_plan.moc"
