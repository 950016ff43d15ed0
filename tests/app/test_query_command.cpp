// `tokenomics query`: the JSON contract, sort order and costs computed here by hand, the
// default catalog's answer, cost bases, CSV and table output, option errors.
#include "AppTestSupport.h"
#include "CatalogTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace tokenomics::testing;

namespace {

const QByteArray threeSeriesCsv =
    "model,hardware,engine,precision,isl,osl,concurrency,gpus,tput_per_gpu,interactivity_p50,"
    "ttft_p50,source,date\n"
    "M,B200,vllm,fp8,1024,1024,4,8,1000,100,0.1,lab,2026-01\n"
    "M,B200,vllm,fp8,1024,1024,16,8,4000,50,0.5,lab,2026-01\n"
    "M,B200,vllm,fp8,1024,1024,64,8,9000,20,3.0,lab,2026-01\n"
    "M,H100 SXM,vllm,fp8,1024,1024,4,4,2000,60,0.2,lab,2026-02\n"
    "M,H100 SXM,vllm,fp8,1024,1024,16,4,3000,30,0.9,lab,2026-02\n"
    "M,MI355X,sglang,fp8,1024,1024,64,8,20000,10,0.3,lab,2026-03\n";

const QStringList contractSeriesFields = {QStringLiteral("series"),
                                          QStringLiteral("model"),
                                          QStringLiteral("hardware"),
                                          QStringLiteral("engine"),
                                          QStringLiteral("precision"),
                                          QStringLiteral("isl"),
                                          QStringLiteral("osl"),
                                          QStringLiteral("gpus"),
                                          QStringLiteral("feasible"),
                                          QStringLiteral("interactivity"),
                                          QStringLiteral("tput_per_gpu"),
                                          QStringLiteral("output_tput_per_gpu"),
                                          QStringLiteral("ttft_s"),
                                          QStringLiteral("interpolated"),
                                          QStringLiteral("usd_per_gpu_hour"),
                                          QStringLiteral("cost_per_m_total"),
                                          QStringLiteral("cost_per_m_output"),
                                          QStringLiteral("tokens_per_mw"),
                                          QStringLiteral("slo_attainment"),
                                          QStringLiteral("sla_verdict"),
                                          QStringLiteral("unknown_because"),
                                          QStringLiteral("goodput_per_gpu")};

const QStringList contractOfferFields = {
    QStringLiteral("provider"),          QStringLiteral("model"),
    QStringLiteral("input_usd_per_m"),   QStringLiteral("output_usd_per_m"),
    QStringLiteral("blended_usd_per_m"), QStringLiteral("workload_usd_per_m"),
    QStringLiteral("output_tok_s"),      QStringLiteral("ttft_s"),
    QStringLiteral("feasible")};

QJsonObject parseJson(const RunResult& run) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << error.errorString() << run.out.left(500);
    return document.object();
}

bool near(double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

} // namespace

class TestQueryCommand : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void jsonShapeSortOrderAndCosts();
    void defaultCatalogAnswersTheLlamaQuestion();
    void costBasisPicksEachHardwaresFigure();
    void workloadPricesOffersAndFiltersSeries();
    void listCostBases();
    void csvAndTableFormats();
    void verdictsRankMeetsThenUnknownThenFails();
    void badOptionsExitTwo();
    void helpWorks();
    void requestRateRunAnswersWithGoodTokenCost();
    void planAgreesWithQueryOnTheDefaultCatalog();
    void planRefusesBadDemand();
    void ownedBasisPricesFromThePurchaseFigures();

private:
    RunResult query(const QStringList& arguments) const {
        return runTokenomics(QStringList{QStringLiteral("query")} + arguments, home_);
    }
    QTemporaryDir folder_;
    QString home_;
    QString db_;
};

void TestQueryCommand::initTestCase() {
    home_ = folder_.filePath(QStringLiteral("home"));
    db_ = folder_.filePath(QStringLiteral("three.sqlite"));
    const QString csv = folder_.filePath(QStringLiteral("three.csv"));
    QVERIFY(writeTextFile(csv, threeSeriesCsv));
    const RunResult run =
        runTokenomics({QStringLiteral("import"), QStringLiteral("--db"), db_, csv}, home_);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void TestQueryCommand::jsonShapeSortOrderAndCosts() {
    const RunResult run = query(
        {QStringLiteral("--db"), db_, QStringLiteral("--min-interactivity"), QStringLiteral("50"),
         QStringLiteral("--max-ttft"), QStringLiteral("1"), QStringLiteral("--usd-per-gpu-hour"),
         QStringLiteral("2"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!run.out.contains(QStringLiteral("NaN")) && !run.out.contains(QStringLiteral("Inf")));
    const QJsonObject root = parseJson(run);
    QCOMPARE(
        root.value(QStringLiteral("sla")).toObject().value(QStringLiteral("max_ttft_s")).toDouble(),
        1.0);
    QCOMPARE(
        root.value(QStringLiteral("sla")).toObject().value(QStringLiteral("percentile")).toDouble(),
        50.0);
    const QJsonArray series = root.value(QStringLiteral("series")).toArray();
    QCOMPARE(series.size(), 3);
    for (const QJsonValue& value : series) {
        for (const QString& field : contractSeriesFields)
            QVERIFY2(value.toObject().contains(field), qPrintable(field));
    }
    // B200: TTFT ≤ 1 leaves knots (50, 4000) and (100, 1000); 50 tok/s/user is the first knot,
    // so the measured point: $2 × 1e6 / (4000 × 3600) = 0.13888… per 1M total tokens.
    const QJsonObject first = series[0].toObject();
    QCOMPARE(first.value(QStringLiteral("series")).toString(),
             QStringLiteral("B200 vllm fp8 1024/1024"));
    QCOMPARE(first.value(QStringLiteral("feasible")).toBool(), true);
    QCOMPARE(first.value(QStringLiteral("interpolated")).toBool(), false);
    QCOMPARE(first.value(QStringLiteral("gpus")).toDouble(), 8.0);
    QCOMPARE(first.value(QStringLiteral("ttft_s")).toDouble(), 0.5);
    QVERIFY(
        near(first.value(QStringLiteral("cost_per_m_total")).toDouble(), 2e6 / (4000 * 3600.0)));
    QVERIFY(near(first.value(QStringLiteral("goodput_per_gpu")).toDouble(), 4000));
    QCOMPARE(first.value(QStringLiteral("source")).toString(), QStringLiteral("lab"));
    // H100: knots (30, 3000), (60, 2000); with two knots the monotone cubic is the straight
    // line, so at 50: 3000 − 1000 × 20/30 = 2333.33…, cost 2e6 / (2333.33 × 3600) = 0.2381.
    const QJsonObject second = series[1].toObject();
    QCOMPARE(second.value(QStringLiteral("hardware")).toString(), QStringLiteral("H100 SXM"));
    QCOMPARE(second.value(QStringLiteral("interpolated")).toBool(), true);
    QVERIFY(
        near(second.value(QStringLiteral("tput_per_gpu")).toDouble(), 3000 - 1000 * 20.0 / 30.0));
    QVERIFY(near(second.value(QStringLiteral("cost_per_m_total")).toDouble(),
                 2e6 / ((3000 - 1000 * 20.0 / 30.0) * 3600)));
    // MI355X never reaches 50 tok/s/user: infeasible, last, unknown cost as null.
    const QJsonObject last = series[2].toObject();
    QCOMPARE(last.value(QStringLiteral("hardware")).toString(), QStringLiteral("MI355X"));
    QCOMPARE(last.value(QStringLiteral("feasible")).toBool(), false);
    QVERIFY(last.value(QStringLiteral("cost_per_m_total")).isNull());
    QVERIFY(root.value(QStringLiteral("offers")).toArray().isEmpty());
}

void TestQueryCommand::defaultCatalogAnswersTheLlamaQuestion() {
    const RunResult run = query({QStringLiteral("--model"), QStringLiteral("Llama 3.3 70B"),
                                 QStringLiteral("--max-ttft"), QStringLiteral("2"),
                                 QStringLiteral("--min-interactivity"), QStringLiteral("30"),
                                 QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject root = parseJson(run);
    const QJsonArray series = root.value(QStringLiteral("series")).toArray();
    QCOMPARE(series.size(), 3); // more_curves NIM H100, operating_points H100 and MI355X
    // NIM 1.8.0 on 2 × H100 (more_curves.csv, 5000/500): TTFT ≤ 2 s keeps concurrency 1–50;
    // tput = output × 5500/500. 30 tok/s/user lies between knots 25.81 (311.70 × 11 = 3428.7)
    // and 45.81 (109.24 × 11 = 1201.64). Steffen's cubic, computed separately in Python,
    // gives 2955.679 tok/s/GPU, so $1.30 (H100 hyperscaler) → 0.122175 per 1M total tokens.
    const QJsonObject best = series[0].toObject();
    QCOMPARE(best.value(QStringLiteral("engine")).toString(), QStringLiteral("nim-1.8.0"));
    QCOMPARE(best.value(QStringLiteral("feasible")).toBool(), true);
    QCOMPARE(best.value(QStringLiteral("interpolated")).toBool(), true);
    QCOMPARE(best.value(QStringLiteral("usd_per_gpu_hour")).toDouble(), 1.30);
    QVERIFY(std::abs(best.value(QStringLiteral("tput_per_gpu")).toDouble() - 2955.679) < 0.01);
    QVERIFY(std::abs(best.value(QStringLiteral("cost_per_m_total")).toDouble() - 0.122175) < 1e-5);
    QVERIFY(best.value(QStringLiteral("cost_per_m_total")).toDouble() > 1.30e6 / (3428.7 * 3600));
    QVERIFY(best.value(QStringLiteral("cost_per_m_total")).toDouble() < 1.30e6 / (1201.64 * 3600));
    QVERIFY(!best.value(QStringLiteral("source")).toString().isEmpty());
    // The single InferenceX peak rows run at 18.2 and 15.5 tok/s/user: infeasible.
    QCOMPARE(series[1].toObject().value(QStringLiteral("feasible")).toBool(), false);
    QCOMPARE(series[2].toObject().value(QStringLiteral("feasible")).toBool(), false);

    const QJsonArray offers = root.value(QStringLiteral("offers")).toArray();
    QCOMPARE(offers.size(), 7); // provider_offers.csv rows for Llama 3.3 70B
    for (const QJsonValue& value : offers) {
        const QJsonObject offer = value.toObject();
        for (const QString& field : contractOfferFields)
            QVERIFY2(offer.contains(field), qPrintable(field));
        QCOMPARE(offer.value(QStringLiteral("model")).toString(), QStringLiteral("Llama 3.3 70B"));
        if (offer.value(QStringLiteral("provider")).toString() == QStringLiteral("Nebius")) {
            // Workload 1024/1024 (the default): (1024 × 0.25 + 1024 × 0.75) / 2048 = 0.5.
            QVERIFY(near(offer.value(QStringLiteral("workload_usd_per_m")).toDouble(), 0.5));
            // Blended 3:1: (3 × 0.25 + 0.75) / 4 = 0.375.
            QVERIFY(near(offer.value(QStringLiteral("blended_usd_per_m")).toDouble(), 0.375));
        }
        // No Llama 3.3 70B offer publishes its speed, so none is shown to meet 30 tok/s/user.
        QCOMPARE(offer.value(QStringLiteral("feasible")).toBool(), false);
        QVERIFY(offer.value(QStringLiteral("output_tok_s")).isNull());
    }
}

void TestQueryCommand::costBasisPicksEachHardwaresFigure() {
    const RunResult run = query({QStringLiteral("--model"), QStringLiteral("llama-3.3-70b"),
                                 QStringLiteral("--cost-basis"), QStringLiteral("rental"),
                                 QStringLiteral("--utilization"), QStringLiteral("0.5"),
                                 QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray series = parseJson(run).value(QStringLiteral("series")).toArray();
    QCOMPARE(series.size(), 3);
    double previous = 0;
    for (const QJsonValue& value : series) {
        const QJsonObject one = value.toObject();
        const double cost = one.value(QStringLiteral("cost_per_m_total")).toDouble();
        QVERIFY2(cost >= previous, "sorted by cost_per_m_total ascending");
        previous = cost;
        if (one.value(QStringLiteral("hardware")).toString() == QStringLiteral("MI355X")) {
            // rental MI355X $2.10; the one point 8748.9 tok/s/GPU; utilisation 0.5 doubles it.
            QCOMPARE(one.value(QStringLiteral("usd_per_gpu_hour")).toDouble(), 2.10);
            QVERIFY(near(cost, 2.10e6 / (8748.9 * 3600) / 0.5));
        }
    }
}

void TestQueryCommand::workloadPricesOffersAndFiltersSeries() {
    const RunResult run =
        query({QStringLiteral("--model"), QStringLiteral("Llama 3.3 70B"), QStringLiteral("--isl"),
               QStringLiteral("8192"), QStringLiteral("--osl"), QStringLiteral("1024"),
               QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject root = parseJson(run);
    // Only the two 8192/1024 InferenceX rows; the NIM 5000/500 curve is another scenario.
    const QJsonArray series = root.value(QStringLiteral("series")).toArray();
    QCOMPARE(series.size(), 2);
    for (const QJsonValue& value : series)
        QCOMPARE(value.toObject().value(QStringLiteral("isl")).toDouble(), 8192.0);
    // Nebius 0.25 in / 0.75 out: (8192 × 0.25 + 1024 × 0.75) / 9216 = 0.30555…
    bool found = false;
    for (const QJsonValue& value : root.value(QStringLiteral("offers")).toArray()) {
        const QJsonObject offer = value.toObject();
        if (offer.value(QStringLiteral("provider")).toString() != QStringLiteral("Nebius"))
            continue;
        found = true;
        QVERIFY(near(offer.value(QStringLiteral("workload_usd_per_m")).toDouble(),
                     (8192 * 0.25 + 1024 * 0.75) / 9216));
    }
    QVERIFY(found);
    // Without an SLA the MI355X peak row (8748.9 tok/s/GPU at $1.48) is cheapest:
    // 1.48e6 / (8748.9 × 3600) = 0.046990; the H100 row 1.30e6 / (2568 × 3600) = 0.140619.
    QCOMPARE(series[0].toObject().value(QStringLiteral("hardware")).toString(),
             QStringLiteral("MI355X"));
    QVERIFY(near(series[0].toObject().value(QStringLiteral("cost_per_m_total")).toDouble(),
                 1.48e6 / (8748.9 * 3600)));
    QVERIFY(near(series[1].toObject().value(QStringLiteral("cost_per_m_total")).toDouble(),
                 1.30e6 / (2568.0 * 3600)));
}

void TestQueryCommand::listCostBases() {
    const RunResult run = query(
        {QStringLiteral("--list-cost-bases"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray bases = parseJson(run).value(QStringLiteral("cost_bases")).toArray();
    QCOMPARE(bases.size(),
             csvRecordCount(QStringLiteral(TOKENOMICS_SEED_SOURCE_DIR "/cost_bases.csv")) +
                 csvRecordCount(QStringLiteral(TOKENOMICS_SEED_SOURCE_DIR "/purchase_prices.csv")));
    QSet<QString> keys;
    for (const QJsonValue& value : bases)
        keys.insert(value.toObject().value(QStringLiteral("key")).toString());
    for (const char* key : {"hyperscaler", "neocloud", "rental", "ondemand-nebius"})
        QVERIFY2(keys.contains(QString::fromLatin1(key)), key);
    const RunResult table = query({QStringLiteral("--list-cost-bases")});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains(QStringLiteral("owner-hyperscaler (4-yr life)")));
}

void TestQueryCommand::csvAndTableFormats() {
    const RunResult csv =
        query({QStringLiteral("--db"), db_, QStringLiteral("--format"), QStringLiteral("csv")});
    QCOMPARE(csv.exitCode, 0);
    const QStringList lines = csv.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 3); // header + three series, no offers in this file
    QVERIFY(lines[0].startsWith(QStringLiteral("kind,series,model")));
    QVERIFY(lines[1].startsWith(QStringLiteral("series,")));

    // MLPerf latencies are limits: the table marks them.
    const RunResult table = query({QStringLiteral("--model"), QStringLiteral("Llama 2 70B"),
                                   QStringLiteral("--hardware"), QStringLiteral("gb200")});
    QVERIFY2(table.exitCode == 0, qPrintable(table.err));
    QVERIFY2(table.out.contains(QStringLiteral("≤2.000")), qPrintable(table.out));
    QVERIFY(table.out.contains(QStringLiteral("unknown")));
    QVERIFY(table.out.contains(QStringLiteral("$/1M total")));
}

void TestQueryCommand::verdictsRankMeetsThenUnknownThenFails() {
    // The default catalog holds series that meet a 1 s TTFT, that miss it, and that never
    // published a TTFT (or an interactivity).
    const RunResult run = query({QStringLiteral("--max-ttft"), QStringLiteral("1"),
                                 QStringLiteral("--min-interactivity"), QStringLiteral("20"),
                                 QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray series = parseJson(run).value(QStringLiteral("series")).toArray();
    const QStringList rank = {QStringLiteral("meets"), QStringLiteral("unknown"),
                              QStringLiteral("fails")};
    int previous = 0;
    QSet<QString> seen;
    for (const QJsonValue& value : series) {
        const QString verdict = value.toObject().value(QStringLiteral("sla_verdict")).toString();
        const int position = static_cast<int>(rank.indexOf(verdict));
        QVERIFY2(position >= previous, qPrintable(verdict));
        previous = position;
        seen.insert(verdict);
    }
    QCOMPARE(seen.size(), 3); // all three states occur, so the order was tested
}

void TestQueryCommand::badOptionsExitTwo() {
    const QList<QStringList> cases = {
        {QStringLiteral("--percentile"), QStringLiteral("75")},
        {QStringLiteral("--max-ttft"), QStringLiteral("-1")},
        {QStringLiteral("--min-interactivity"), QStringLiteral("fast")},
        {QStringLiteral("--utilization"), QStringLiteral("1.5")},
        {QStringLiteral("--format"), QStringLiteral("xml")},
        {QStringLiteral("--isl"), QStringLiteral("0")},
        {QStringLiteral("--cost-basis"), QStringLiteral("no-such-basis")},
    };
    for (const QStringList& option : cases) {
        const RunResult run = query(QStringList{QStringLiteral("--db"), db_} + option);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(option.front()), qPrintable(run.err));
    }
}

// The vLLM 0.6 run at 16 req/s (dstackai, 8× H100, Llama 3.1 405B FP8) imported by the CLI and
// queried under TTFT ≤ 2 s at $2/GPU-hour: attainment counted from the file's arrays here (a
// request is good when it has no error, produced a token and met the TTFT), cost per good
// token = cost per token / attainment.
void TestQueryCommand::requestRateRunAnswersWithGoodTokenCost() {
    const QString file = QStringLiteral(TOKENOMICS_REAL_WORLD_DIR
                                        "/dstackai__benchmarks__nvidia-vllm-16.0qps-Llama-3.1-"
                                        "405B-FP8-20241109-150547.json");
    const QString db = folder_.filePath(QStringLiteral("rate.sqlite"));
    const RunResult imported = runTokenomics(
        {QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--hardware"),
         QStringLiteral("H100"), QStringLiteral("--engine"), QStringLiteral("vllm"),
         QStringLiteral("--precision"), QStringLiteral("fp8"), QStringLiteral("--gpus"),
         QStringLiteral("8"), QStringLiteral("--isl"), QStringLiteral("215"),
         QStringLiteral("--osl"), QStringLiteral("121"), file},
        home_);
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    const RunResult run =
        query({QStringLiteral("--db"), db, QStringLiteral("--max-ttft"), QStringLiteral("2"),
               QStringLiteral("--usd-per-gpu-hour"), QStringLiteral("2"),
               QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray series = parseJson(run).value(QStringLiteral("series")).toArray();
    QCOMPARE(series.size(), 1);
    const QJsonObject result = series.at(0).toObject();

    QFile source(file);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QJsonObject fields = QJsonDocument::fromJson(source.readAll()).object();
    const QJsonArray ttfts = fields.value(QStringLiteral("ttfts")).toArray();
    const QJsonArray outputs = fields.value(QStringLiteral("output_lens")).toArray();
    const QJsonArray errors = fields.value(QStringLiteral("errors")).toArray();
    int good = 0;
    for (qsizetype i = 0; i < ttfts.size(); ++i)
        good += errors.at(i).toString().isEmpty() && outputs.at(i).toInt() > 0 &&
                        ttfts.at(i).toDouble() <= 2.0
                    ? 1
                    : 0;
    const double attainment = good / double(ttfts.size());
    const double tput = fields.value(QStringLiteral("total_token_throughput")).toDouble() / 8;
    const double cost = 2.0 * 1e6 / (tput * 3600);
    // The catalog keeps figures to float precision (7 significant digits).
    const auto close = [&result](const char* field, double expected) {
        return std::abs(result.value(QLatin1String(field)).toDouble() - expected) <=
               1e-6 * std::abs(expected);
    };
    QVERIFY(close("tput_per_gpu", tput));
    QVERIFY(close("cost_per_m_total", cost));
    QVERIFY(close("slo_attainment", attainment));
    QVERIFY(close("cost_per_m_good_total", cost / attainment));
    QCOMPARE(result.value(QStringLiteral("sla_verdict")).toString(), QStringLiteral("meets"));
    QVERIFY(result.value(QStringLiteral("unknown_because")).isNull());
    QVERIFY(attainment < 0.63); // 379 of the 1000 requests produced no token
    // Its load is the file's request rate, as PRODUCT.md §2 writes it.
    QCOMPARE(
        result.value(QStringLiteral("load")).toString(),
        QStringLiteral("rate %1/s").arg(fields.value(QStringLiteral("request_rate")).toDouble()));
}

// plan on the default catalog, against its formulas (PRODUCT.md §4) applied here to what
// query reports for the same filters, SLA and cost: bills to the cent, the same order.
void TestQueryCommand::planAgreesWithQueryOnTheDefaultCatalog() {
    const QStringList scenario = {QStringLiteral("--model"),
                                  QStringLiteral("DeepSeek-R1-0528"),
                                  QStringLiteral("--isl"),
                                  QStringLiteral("1024"),
                                  QStringLiteral("--osl"),
                                  QStringLiteral("1024"),
                                  QStringLiteral("--min-interactivity"),
                                  QStringLiteral("30"),
                                  QStringLiteral("--format"),
                                  QStringLiteral("json")};
    const RunResult asked = query(scenario);
    QVERIFY2(asked.exitCode == 0, qPrintable(asked.err));
    const double rps = 10;
    const double peak = 1.5;
    const RunResult planned =
        runTokenomics(QStringList{QStringLiteral("plan"), QStringLiteral("--requests-per-second"),
                                  QStringLiteral("10"), QStringLiteral("--peak-to-average"),
                                  QStringLiteral("1.5")} +
                          scenario,
                      home_);
    QVERIFY2(planned.exitCode == 0, qPrintable(planned.err));
    const QJsonObject answer = parseJson(asked);
    const QJsonObject plan = parseJson(planned);
    const double tokens = 1024 + 1024;
    // The cheapest offer meeting the SLA, and each offer's monthly bill.
    const QJsonArray offers = plan.value(QStringLiteral("offers")).toArray();
    QCOMPARE(offers.size(), answer.value(QStringLiteral("offers")).toArray().size());
    double cheapestPerRequest = -1;
    for (const QJsonValue& value : answer.value(QStringLiteral("offers")).toArray()) {
        const QJsonObject offer = value.toObject();
        const double perRequest =
            730 * 3600 *
            (1024 * offer.value(QStringLiteral("input_usd_per_m")).toDouble() +
             1024 * offer.value(QStringLiteral("output_usd_per_m")).toDouble()) /
            1e6;
        const bool meets = offer.value(QStringLiteral("feasible")).toBool() &&
                           offer.value(QStringLiteral("speed_known")).toBool();
        if (meets && (cheapestPerRequest < 0 || perRequest < cheapestPerRequest))
            cheapestPerRequest = perRequest;
        bool found = false;
        for (const QJsonValue& other : offers) {
            const QJsonObject billed = other.toObject();
            if (billed.value(QStringLiteral("provider")) != offer.value(QStringLiteral("provider")))
                continue;
            found = true;
            QVERIFY(std::abs(billed.value(QStringLiteral("usd_per_month")).toDouble() -
                             rps * perRequest) < 0.005);
        }
        QVERIFY(found);
    }
    QVERIFY(cheapestPerRequest > 0);

    std::vector<std::pair<double, QString>> expectedOrder;
    int billed = 0;
    for (const QJsonValue& value : answer.value(QStringLiteral("series")).toArray()) {
        const QJsonObject series = value.toObject();
        if (!series.value(QStringLiteral("feasible")).toBool() ||
            series.value(QStringLiteral("usd_per_gpu_hour")).isNull())
            continue;
        const double gpus = series.value(QStringLiteral("gpus")).toDouble();
        const double usd = series.value(QStringLiteral("usd_per_gpu_hour")).toDouble();
        const double perInstance =
            series.value(QStringLiteral("tput_per_gpu")).toDouble() * gpus / tokens;
        const double instances = std::ceil(rps * peak / perInstance);
        const double month = instances * gpus * usd * 730;
        const double breakEven = gpus * usd * 730 / cheapestPerRequest;
        QJsonObject row;
        for (const QJsonValue& candidate : plan.value(QStringLiteral("series")).toArray()) {
            if (candidate.toObject().value(QStringLiteral("series")) ==
                series.value(QStringLiteral("series")))
                row = candidate.toObject();
        }
        QVERIFY2(!row.isEmpty(), qPrintable(series.value(QStringLiteral("series")).toString()));
        QCOMPARE(row.value(QStringLiteral("instances")).toDouble(), instances);
        QCOMPARE(row.value(QStringLiteral("gpus_needed")).toDouble(), instances * gpus);
        QVERIFY(std::abs(row.value(QStringLiteral("usd_per_month")).toDouble() - month) < 0.005);
        QVERIFY(near(row.value(QStringLiteral("average_utilization")).toDouble(),
                     rps / (instances * perInstance)));
        QVERIFY(near(row.value(QStringLiteral("effective_cost_per_m_total")).toDouble(),
                     month / (rps * tokens * 730 * 3600 / 1e6)));
        if (breakEven <= perInstance / peak)
            QVERIFY(near(row.value(QStringLiteral("break_even_requests_per_second")).toDouble(),
                         breakEven));
        else
            QVERIFY(row.value(QStringLiteral("break_even_requests_per_second")).isNull());
        expectedOrder.emplace_back(month, series.value(QStringLiteral("series")).toString());
        ++billed;
    }
    QVERIFY(billed >= 3);
    // The tornado: six inputs, each moved ±20 % by default.
    const QJsonArray tornado = plan.value(QStringLiteral("sensitivity")).toArray();
    QCOMPARE(tornado.size(), 6);
    for (const QJsonValue& value : tornado) {
        QCOMPARE(value.toObject().value(QStringLiteral("percent")).toDouble(), 20.0);
        QVERIFY(!value.toObject().value(QStringLiteral("low_winner")).toString().isEmpty());
    }
    std::stable_sort(expectedOrder.begin(), expectedOrder.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    const QJsonArray rows = plan.value(QStringLiteral("series")).toArray();
    for (int i = 0; i < billed; ++i)
        QCOMPARE(rows.at(i).toObject().value(QStringLiteral("usd_per_month")).toDouble(),
                 expectedOrder[static_cast<std::size_t>(i)].first);
}

void TestQueryCommand::planRefusesBadDemand() {
    const QList<QStringList> cases = {
        {}, // no demand
        {QStringLiteral("--requests-per-second"), QStringLiteral("0")},
        {QStringLiteral("--requests-per-second"), QStringLiteral("5"),
         QStringLiteral("--peak-to-average"), QStringLiteral("0.5")},
        {QStringLiteral("--requests-per-second"), QStringLiteral("lots")},
        // The default catalog spans several scenarios: which requests to plan must be said.
        {QStringLiteral("--requests-per-second"), QStringLiteral("5")},
    };
    for (const QStringList& options : cases) {
        const RunResult run = runTokenomics(QStringList{QStringLiteral("plan")} + options, home_);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("tokenomics plan: ")) &&
                     run.err.contains(QStringLiteral("--")),
                 qPrintable(run.err));
    }
}

// --cost-basis owned: B200's $/GPU-hour from its purchase price in the seed and the panel's
// figures through §2's TCO, computed here from the seed file and the options given.
void TestQueryCommand::ownedBasisPricesFromThePurchaseFigures() {
    QFile seed(QStringLiteral(TOKENOMICS_SEED_SOURCE_DIR "/purchase_prices.csv"));
    QVERIFY(seed.open(QIODevice::ReadOnly | QIODevice::Text));
    double purchase = 0;
    double kw = 0;
    for (const QString& line : QString::fromUtf8(seed.readAll()).split(u'\n')) {
        const QStringList fields = line.split(u',');
        if (fields.size() > 3 && fields[0] == QStringLiteral("B200")) {
            purchase = fields[1].toDouble();
            kw = fields[3].toDouble();
        }
    }
    QVERIFY(purchase > 0 && kw > 0);
    const RunResult run =
        query({QStringLiteral("--hardware"), QStringLiteral("b200"), QStringLiteral("--cost-basis"),
               QStringLiteral("owned"), QStringLiteral("--years"), QStringLiteral("5"),
               QStringLiteral("--cost-of-capital"), QStringLiteral("0.08"), QStringLiteral("--pue"),
               QStringLiteral("1.2"), QStringLiteral("--usd-per-kwh"), QStringLiteral("0.12"),
               QStringLiteral("--availability"), QStringLiteral("0.95"),
               QStringLiteral("--opex-usd-per-year"), QStringLiteral("500"),
               QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const double growth = std::pow(1.08, 5);
    const double crf = 0.08 * growth / (growth - 1);
    const double expected = (purchase * crf + 500) / (8760 * 0.95) + kw * 1.2 * 0.12;
    const QJsonObject root = parseJson(run);
    QCOMPARE(root.value(QStringLiteral("cost")).toObject().value(QStringLiteral("pue")).toDouble(),
             1.2);
    const QJsonArray series = root.value(QStringLiteral("series")).toArray();
    QVERIFY(!series.isEmpty());
    for (const QJsonValue& value : series) {
        const QJsonObject one = value.toObject();
        QCOMPARE(one.value(QStringLiteral("hardware")).toString(), QStringLiteral("B200"));
        QVERIFY(qAbs(one.value(QStringLiteral("usd_per_gpu_hour")).toDouble() - expected) <
                1e-9 * expected);
    }
    // A price set for the hardware replaces the catalog's.
    const RunResult own =
        query({QStringLiteral("--hardware"), QStringLiteral("B200"), QStringLiteral("--cost-basis"),
               QStringLiteral("owned"), QStringLiteral("--purchase-usd-per-gpu"),
               QStringLiteral("b200=20000"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(own.exitCode == 0, qPrintable(own.err));
    const double defaultCrf = 0.1 * std::pow(1.1, 4) / (std::pow(1.1, 4) - 1);
    const QJsonObject first =
        parseJson(own).value(QStringLiteral("series")).toArray().first().toObject();
    QVERIFY(qAbs(first.value(QStringLiteral("usd_per_gpu_hour")).toDouble() -
                 (20000 * defaultCrf / 8760 + kw * 1.58 * 0.0806)) < 1e-9);
    // Ownership figures need the owned basis, and each is range-checked by name.
    const QList<QStringList> refused = {
        {QStringLiteral("--pue"), QStringLiteral("1.2")},
        {QStringLiteral("--cost-basis"), QStringLiteral("owned"), QStringLiteral("--availability"),
         QStringLiteral("1.5")},
        {QStringLiteral("--cost-basis"), QStringLiteral("owned"), QStringLiteral("--pue"),
         QStringLiteral("0.9")},
        {QStringLiteral("--cost-basis"), QStringLiteral("owned"),
         QStringLiteral("--purchase-usd-per-gpu"), QStringLiteral("=5")},
    };
    for (const QStringList& options : refused) {
        const RunResult bad = query(options);
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("--")), qPrintable(bad.err));
    }
}

void TestQueryCommand::helpWorks() {
    const RunResult run = query({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    for (const char* option : {"--min-interactivity", "--max-ttft", "--cost-basis",
                               "--list-cost-bases", "--format", "--percentile"})
        QVERIFY2(run.out.contains(QString::fromLatin1(option)), option);
}

QTEST_GUILESS_MAIN(TestQueryCommand)
#include "test_query_command.moc"
