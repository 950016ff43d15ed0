// `tokenomics query` prints, for each series, the recipe and provenance of the point it chose,
// although every other point of the series has its own: under SLAs at p50 and p90, with
// series filters (a few series read by id, most by one scan) and with a series whose points
// were imported in two runs, so that another series' points lie between its own in the file.
// Each expected point is picked by hand from the figures below.
#include "AppTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace tokenomics::testing;

namespace {

// Every point has its own recipe, note, source, date and uncertainty flag.
const QByteArray firstImport =
    "model,hardware,engine,precision,isl,osl,concurrency,gpus,config,tput_per_gpu,"
    "interactivity_p50,interactivity_p90,ttft_p50,ttft_p90,note,source,date,uncertain\n"
    "M,B200,vllm,fp8,1024,1024,4,8,TP8,1000,100,80,0.1,0.2,a4,lab-a4,2026-01-04,0\n"
    "M,B200,vllm,fp8,1024,1024,16,8,TP8,4000,50,30,0.5,0.8,a16,lab-a16,2026-01-16,1\n"
    "M,H100 SXM,vllm,fp8,1024,1024,4,4,TP4,2000,60,40,0.2,0.3,b4,lab-b4,2026-02-04,0\n"
    "M,H100 SXM,vllm,fp8,1024,1024,16,4,EP4,3000,30,20,0.9,1.5,b16,lab-b16,2026-02-16,0\n"
    "M,MI355X,sglang,fp8,1024,1024,64,8,TP8,20000,10,5,0.3,0.4,c64,lab-c64,2026-03-28,0\n"
    "M,B300,trt,fp4,1024,1024,8,8,TP8,5000,70,60,0.2,0.3,d8,lab-d8,2026-04-08,0\n"
    "M,B300,trt,fp4,1024,1024,32,8,TP8,8000,35,25,0.6,0.9,d32,lab-d32,2026-04-30,0\n"
    "M,X100,dynamo,fp4,1024,1024,8,72,NVL72,6000,65,55,0.3,0.4,e8,lab-e8,2026-05-08,0\n";

// A second run of B200 measurements lands after every other series' rows.
const QByteArray secondImport =
    "model,hardware,engine,precision,isl,osl,concurrency,gpus,config,tput_per_gpu,"
    "interactivity_p50,interactivity_p90,ttft_p50,ttft_p90,note,source,date,uncertain\n"
    "M,B200,vllm,fp8,1024,1024,64,16,TP16,9000,20,15,3.0,4.0,a64,lab-a64,2026-01-28,0\n";

QJsonObject parseJson(const RunResult& run) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << error.errorString() << run.out.left(500);
    return document.object();
}

// The expected shown point of one series: null strings for a series without one.
struct Shown {
    QString hardware;
    QString config;
    QString source;
    QString date;
    bool uncertain = false;
    double gpus = 0;
};

} // namespace

class TestQueryDetails : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void measuredAndInterpolatedPointsAtP50();
    void percentileChoosesItsOwnPoint();
    void maxThroughputWithoutSla();
    void filterKeepingOneSeries();
    void filterKeepingMostSeries();
    void tableShowsTheChosenPoint();

private:
    RunResult query(const QStringList& arguments) const {
        return runTokenomics(
            QStringList{QStringLiteral("query"), QStringLiteral("--db"), db_} + arguments, home_);
    }
    // Runs the query as JSON and compares each series' shown point, in rank order.
    void expectShown(const QStringList& arguments, const std::vector<Shown>& expected) const;

    QTemporaryDir folder_;
    QString home_;
    QString db_;
};

void TestQueryDetails::initTestCase() {
    home_ = folder_.filePath(QStringLiteral("home"));
    db_ = folder_.filePath(QStringLiteral("details.sqlite"));
    int index = 0;
    for (const QByteArray& csv : {firstImport, secondImport}) {
        const QString path = folder_.filePath(QStringLiteral("run%1.csv").arg(index++));
        QVERIFY(writeTextFile(path, csv));
        const RunResult run =
            runTokenomics({QStringLiteral("import"), QStringLiteral("--db"), db_, path}, home_);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
}

void TestQueryDetails::expectShown(const QStringList& arguments,
                                   const std::vector<Shown>& expected) const {
    const RunResult run =
        query(arguments + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray series = parseJson(run).value(QStringLiteral("series")).toArray();
    QCOMPARE(series.size(), static_cast<qsizetype>(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const QJsonObject row = series[static_cast<qsizetype>(i)].toObject();
        const Shown& want = expected[i];
        const QByteArray where = QStringLiteral("rank %1 (%2)")
                                     .arg(i)
                                     .arg(row.value(QStringLiteral("series")).toString())
                                     .toUtf8();
        QVERIFY2(row.value(QStringLiteral("hardware")).toString() == want.hardware, where);
        if (want.config.isNull()) { // infeasible: no point, so no recipe or provenance
            for (const char* field : {"config", "source", "date", "uncertain", "gpus"})
                QVERIFY2(row.value(QLatin1String(field)).isNull(), where + " " + field);
            continue;
        }
        QVERIFY2(row.value(QStringLiteral("config")).toString() == want.config, where);
        QVERIFY2(row.value(QStringLiteral("source")).toString() == want.source, where);
        QVERIFY2(row.value(QStringLiteral("date")).toString() == want.date, where);
        QVERIFY2(row.value(QStringLiteral("uncertain")).toBool() == want.uncertain, where);
        QVERIFY2(row.value(QStringLiteral("gpus")).toDouble() == want.gpus, where);
    }
}

void TestQueryDetails::measuredAndInterpolatedPointsAtP50() {
    // ≥ 50 tok/s/user, TTFT ≤ 1 s, $2/GPU-hour for all, so cheapest = most tok/s/GPU:
    // - B300: knots (35, 8000), (70, 5000); 50 lies between: interpolated, about 6700,
    //   shown by the knot below 50 tok/s/user, the 32-concurrency point.
    // - B200: (100, 1000), (50, 4000); the 64-concurrency point is slower than 50 (and its
    //   TTFT 3 s is over 1): 50 is the 16-concurrency knot itself, 4000 tok/s/GPU.
    // - H100: (60, 2000), (30, 3000): interpolated at 50 → 2333; the knot below: EP4.
    // - X100: one point at 65 tok/s/user ≥ 50: the frontier's only knot, 6000 — but 50
    //   lies below it, and below the first knot the best is that knot (6000 > 4000).
    // - MI355X: 10 tok/s/user at most: infeasible, last.
    // Order by throughput: B300 6700 > X100 6000 > B200 4000 > H100 2333 > MI355X.
    expectShown({QStringLiteral("--min-interactivity"), QStringLiteral("50"),
                 QStringLiteral("--max-ttft"), QStringLiteral("1"),
                 QStringLiteral("--usd-per-gpu-hour"), QStringLiteral("2")},
                {{"B300", "TP8", "lab-d32", "2026-04-30", false, 8},
                 {"X100", "NVL72", "lab-e8", "2026-05-08", false, 72},
                 {"B200", "TP8", "lab-a16", "2026-01-16", true, 8},
                 {"H100 SXM", "EP4", "lab-b16", "2026-02-16", false, 4},
                 {"MI355X", {}, {}, {}, false, 0}});
}

void TestQueryDetails::percentileChoosesItsOwnPoint() {
    // At p90, ≥ 30 tok/s/user with TTFT p90 ≤ 1 s:
    // - B300: (25, 8000), (60, 5000): 30 between → interpolated, knot below: 32-concurrency.
    // - X100: (55, 6000): the only knot, above 30 → that point.
    // - B200: (80, 1000), (30, 4000) (TTFT p90 4 s drops the 64-concurrency point): 30 is
    //   the 16-concurrency knot. At p50 the same threshold would interpolate towards it.
    // - H100: (40, 2000); its 16-concurrency point has TTFT p90 1.5 s > 1: the 4-concurrency
    //   point, 2000.
    // - MI355X: 5 tok/s/user: infeasible.
    // B300 ≈ 7571 > X100 6000 > B200 4000 > H100 2000 > MI355X.
    expectShown({QStringLiteral("--min-interactivity"), QStringLiteral("30"),
                 QStringLiteral("--max-ttft"), QStringLiteral("1"), QStringLiteral("--percentile"),
                 QStringLiteral("90"), QStringLiteral("--usd-per-gpu-hour"), QStringLiteral("2")},
                {{"B300", "TP8", "lab-d32", "2026-04-30", false, 8},
                 {"X100", "NVL72", "lab-e8", "2026-05-08", false, 72},
                 {"B200", "TP8", "lab-a16", "2026-01-16", true, 8},
                 {"H100 SXM", "TP4", "lab-b4", "2026-02-04", false, 4},
                 {"MI355X", {}, {}, {}, false, 0}});
}

void TestQueryDetails::maxThroughputWithoutSla() {
    // No thresholds: each series' highest tok/s/GPU. B200's is the point of the second import
    // (9000, TP16 on 16 GPUs), stored after every other series' points.
    expectShown({QStringLiteral("--usd-per-gpu-hour"), QStringLiteral("2")},
                {{"MI355X", "TP8", "lab-c64", "2026-03-28", false, 8},
                 {"B200", "TP16", "lab-a64", "2026-01-28", false, 16},
                 {"B300", "TP8", "lab-d32", "2026-04-30", false, 8},
                 {"X100", "NVL72", "lab-e8", "2026-05-08", false, 72},
                 {"H100 SXM", "EP4", "lab-b16", "2026-02-16", false, 4}});
}

void TestQueryDetails::filterKeepingOneSeries() {
    // "h100 sxm" is the catalog's "H100 SXM" but for case: one series of five is read.
    expectShown({QStringLiteral("--hardware"), QStringLiteral("h100 sxm"),
                 QStringLiteral("--usd-per-gpu-hour"), QStringLiteral("2")},
                {{"H100 SXM", "EP4", "lab-b16", "2026-02-16", false, 4}});
    // B200 alone, both imports' points: at ≥ 50 tok/s/user (no TTFT limit) the knots are
    // (100, 1000), (50, 4000), (20, 9000): 50 is the 16-concurrency knot.
    expectShown({QStringLiteral("--hardware"), QStringLiteral("B200"),
                 QStringLiteral("--min-interactivity"), QStringLiteral("50"),
                 QStringLiteral("--usd-per-gpu-hour"), QStringLiteral("2")},
                {{"B200", "TP8", "lab-a16", "2026-01-16", true, 8}});
}

void TestQueryDetails::filterKeepingMostSeries() {
    // fp8 keeps B200, H100 and MI355X (3 of 5), read by one scan that skips the others.
    // ≥ 20 tok/s/user, no TTFT limit: B200 reaches 9000 at exactly 20; H100's fastest point
    // (30, 3000) is above 20 → 3000; MI355X (10) is infeasible.
    expectShown({QStringLiteral("--precision"), QStringLiteral("fp8"),
                 QStringLiteral("--min-interactivity"), QStringLiteral("20"),
                 QStringLiteral("--usd-per-gpu-hour"), QStringLiteral("2")},
                {{"B200", "TP16", "lab-a64", "2026-01-28", false, 16},
                 {"H100 SXM", "EP4", "lab-b16", "2026-02-16", false, 4},
                 {"MI355X", {}, {}, {}, false, 0}});
}

void TestQueryDetails::tableShowsTheChosenPoint() {
    const RunResult run = query({QStringLiteral("--hardware"), QStringLiteral("B200"),
                                 QStringLiteral("--usd-per-gpu-hour"), QStringLiteral("2")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // The max-throughput point's date and source, and no other point's.
    QVERIFY2(run.out.contains(QStringLiteral("2026-01-28")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("lab-a64")), qPrintable(run.out));
    for (const char* other : {"lab-a4", "lab-a16", "2026-01-04", "2026-01-16"})
        QVERIFY2(!run.out.contains(QLatin1String(other)), other);
}

QTEST_GUILESS_MAIN(TestQueryDetails)
#include "test_query_details.moc"
