// Imports: every figure survives the round trip, series are matched by key, and an import
// is all or nothing.
#include "CatalogStore.h"
#include "CatalogTestSupport.h"
#include "RankingEngine.h"
#include "importers/ResultImporter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace tokenomics;
using namespace tokenomics::data;
using namespace tokenomics::testing;

namespace {

OperatingPoint fullPoint(double concurrency) {
    OperatingPoint point;
    PointFigures& f = point.figures;
    f.gpus = 12;
    f.disaggregated = true;
    f.prefillGpus = 4;
    f.decodeGpus = 8;
    f.concurrency = concurrency;
    f.tputPerGpu = 1234.5 + concurrency;
    f.outputTputPerGpu = 234.25;
    f.inputTputPerGpu = 3000.125;
    f.tputDerived = true;
    f.interactivity = {55.5, 44.25, 33.125};
    f.ttftSeconds = {0.25, 0.5, 0.0}; // zero latency is allowed
    f.e2elSeconds = {10.5, 12.75, 20.0};
    f.latencyIsLimit = true;
    f.powerWatts = 1100;
    point.config = "4P+8D";
    point.note = "note, with \"quotes\"";
    point.provenance = {"bench run 7", "2026-04-02", true};
    SampleSet samples;
    samples.durationSeconds = 60;
    samples.requests = {{0.2, 0.02, 2.2, 1000, 101, true}, {0.4, 0.03, 3.4, 900, 101, false}};
    point.samples = samples;
    return point;
}

Series seriesOf(const std::string& hardware, std::vector<OperatingPoint> points,
                const std::string& run = "") {
    Series series;
    series.key = {"Llama 3.3 70B", hardware, "vllm", "fp8", "none", 8192, 1024, run};
    series.points = std::move(points);
    return series;
}

void compareFigures(const PointFigures& a, const PointFigures& b) {
    QCOMPARE(a.gpus, b.gpus);
    QCOMPARE(a.disaggregated, b.disaggregated);
    QCOMPARE(a.prefillGpus, b.prefillGpus);
    QCOMPARE(a.decodeGpus, b.decodeGpus);
    QCOMPARE(a.concurrency, b.concurrency);
    QCOMPARE(a.tputPerGpu, b.tputPerGpu);
    QCOMPARE(a.outputTputPerGpu, b.outputTputPerGpu);
    QCOMPARE(a.inputTputPerGpu, b.inputTputPerGpu);
    QCOMPARE(a.tputDerived, b.tputDerived);
    for (const Statistic s : {Statistic::P50, Statistic::P90, Statistic::P99}) {
        QCOMPARE(a.interactivity.at(s), b.interactivity.at(s));
        QCOMPARE(a.ttftSeconds.at(s), b.ttftSeconds.at(s));
        QCOMPARE(a.e2elSeconds.at(s), b.e2elSeconds.at(s));
    }
    QCOMPARE(a.latencyIsLimit, b.latencyIsLimit);
    QCOMPARE(a.powerWatts, b.powerWatts);
}

} // namespace

class TestCatalogImport : public QObject {
    Q_OBJECT

private slots:
    void everyFigureSurvivesTheRoundTrip();
    void unknownFiguresStayUnknown();
    void existingSeriesGetNewPoints();
    void duplicatePointRefusesTheWholeImport();
    void canonicalCsvRoundTrip();

private:
    QString freshPath(const char* name) { return folder_.filePath(QString::fromLatin1(name)); }
    QTemporaryDir folder_;
};

void TestCatalogImport::everyFigureSurvivesTheRoundTrip() {
    CatalogError error;
    auto store = CatalogStore::open(freshPath("roundtrip.sqlite"), &error);
    QVERIFY(store);
    const ImportBatch batch{
        {seriesOf("B200", {fullPoint(4), fullPoint(8)}), seriesOf("B200", {fullPoint(4)}, "v2")}};
    QVERIFY2(store->import(batch, &error), qPrintable(error.message));

    const auto catalog = store->load(&error);
    QVERIFY2(catalog, qPrintable(error.message));
    QCOMPARE(catalog->series.size(), std::size_t(2));
    for (std::size_t s = 0; s < 2; ++s) {
        const Series& loaded = catalog->series[s];
        QVERIFY(loaded.key == batch.series[s].key);
        QCOMPARE(loaded.points.size(), batch.series[s].points.size());
        for (std::size_t p = 0; p < loaded.points.size(); ++p) {
            const OperatingPoint& expected = batch.series[s].points[p];
            const OperatingPoint& got = loaded.points[p];
            compareFigures(got.figures, expected.figures);
            QCOMPARE(got.config, expected.config);
            QCOMPARE(got.note, expected.note);
            QCOMPARE(got.provenance.source, expected.provenance.source);
            QCOMPARE(got.provenance.date, expected.provenance.date);
            QCOMPARE(got.provenance.uncertain, expected.provenance.uncertain);
            QVERIFY(got.samples);
            QCOMPARE(got.samples->durationSeconds, 60.0);
            QCOMPARE(got.samples->requests.size(), std::size_t(2));
            QCOMPARE(got.samples->requests[1].ttftSeconds, 0.4);
            QCOMPARE(got.samples->requests[1].tpotSeconds, 0.03);
            QCOMPARE(got.samples->requests[1].e2elSeconds, 3.4);
            QCOMPARE(got.samples->requests[1].inputTokens, 900);
            QCOMPARE(got.samples->requests[1].outputTokens, 101);
            QCOMPARE(got.samples->requests[1].success, false);
        }
    }

    // The streaming path gives the engine the same figures in the same order.
    RankingEngine engine;
    std::vector<std::vector<PointDetails>> details;
    QVERIFY2(store->loadInto(engine, &error, &details), qPrintable(error.message));
    QCOMPARE(engine.seriesCount(), std::size_t(2));
    QCOMPARE(engine.pointCount(0), std::size_t(2));
    compareFigures(engine.pointFigures(0, 1), batch.series[0].points[1].figures);
    QCOMPARE(details[0][1].config, std::string("4P+8D"));
    QCOMPARE(details[1][0].provenance.source, std::string("bench run 7"));
}

void TestCatalogImport::unknownFiguresStayUnknown() {
    CatalogError error;
    auto store = CatalogStore::open(freshPath("unknown.sqlite"), &error);
    QVERIFY(store);
    OperatingPoint sparse;
    sparse.figures.concurrency = 1;
    sparse.figures.outputTputPerGpu = 10; // the only throughput given
    Series series = seriesOf("H100 SXM", {sparse});
    QVERIFY2(store->import(ImportBatch{{series}}, &error), qPrintable(error.message));
    const auto catalog = store->load(&error);
    QVERIFY(catalog);
    const PointFigures& got = catalog->series.at(0).points.at(0).figures;
    QVERIFY(!got.tputPerGpu);
    QVERIFY(!got.interactivity.p50 && !got.ttftSeconds.p99 && !got.e2elSeconds.p90);
    QVERIFY(!got.powerWatts);
    QVERIFY(!catalog->series.at(0).points.at(0).samples);
}

void TestCatalogImport::existingSeriesGetNewPoints() {
    CatalogError error;
    auto store = CatalogStore::open(freshPath("append.sqlite"), &error);
    QVERIFY(store);
    QVERIFY(store->import(ImportBatch{{seriesOf("MI355X", {fullPoint(1)})}}, &error));
    QVERIFY(store->import(ImportBatch{{seriesOf("MI355X", {fullPoint(2), fullPoint(3)})}}, &error));
    const auto catalog = store->load(&error);
    QVERIFY(catalog);
    QCOMPARE(catalog->series.size(), std::size_t(1));
    QCOMPARE(catalog->series[0].points.size(), std::size_t(3));
    QCOMPARE(catalog->series[0].points[2].figures.concurrency, 3.0);
}

void TestCatalogImport::duplicatePointRefusesTheWholeImport() {
    CatalogError error;
    const QString path = freshPath("duplicate.sqlite");
    auto store = CatalogStore::open(path, &error);
    QVERIFY(store);
    QVERIFY(store->import(ImportBatch{{seriesOf("H200 SXM", {fullPoint(1)})}}, &error));
    // A new series first (would be written), then a point already in the catalog.
    const ImportBatch batch{
        {seriesOf("B300", {fullPoint(1), fullPoint(2)}), seriesOf("H200 SXM", {fullPoint(1)})}};
    QVERIFY(!store->import(batch, &error));
    QVERIFY2(error.message.contains(QStringLiteral("duplicate point")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("H200 SXM vllm fp8 8192/1024")),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(path), qPrintable(error.message));
    const auto catalog = store->load(&error);
    QVERIFY(catalog);
    QCOMPARE(catalog->series.size(), std::size_t(1));
    QCOMPARE(catalog->series[0].key.hardware, std::string("H200 SXM"));
    QCOMPARE(catalog->series[0].points.size(), std::size_t(1));
}

void TestCatalogImport::canonicalCsvRoundTrip() {
    const QString csvPath = freshPath("points.csv");
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("model,hardware,engine,precision,isl,osl,concurrency,gpus,tput_per_gpu,"
              "output_tput_per_gpu,interactivity_p50,ttft_p50,ttft_p99,run,config,source,date\n"
              "Qwen3-8B,H100 SXM,vllm,fp8,1024,1024,8,1,4000,2000,90.5,0.12,0.5,r1,TP1,my lab,"
              "2026-05\n"
              "Qwen3-8B,H100 SXM,vllm,fp8,1024,1024,64,1,16000,8000,40.25,0.8,2.5,r1,TP1,my lab,"
              "2026-05\n");
    csv.close();
    ImportError importError;
    const auto batch = parseResultFiles({csvPath}, ImportFormat::Csv, {}, &importError);
    QVERIFY2(batch, qPrintable(importError.message()));
    CatalogError error;
    auto store = CatalogStore::open(freshPath("csv.sqlite"), &error);
    QVERIFY(store);
    QVERIFY2(store->import(*batch, &error), qPrintable(error.message));
    const auto catalog = store->load(&error);
    QVERIFY(catalog);
    QCOMPARE(catalog->series.size(), std::size_t(1));
    const Series& series = catalog->series[0];
    QCOMPARE(series.key.run, std::string("r1"));
    QCOMPARE(series.key.isl, 1024);
    QCOMPARE(series.points.size(), std::size_t(2));
    // The figures as written in the CSV text above.
    const OperatingPoint& second = series.points[1];
    QCOMPARE(second.figures.concurrency, 64.0);
    QCOMPARE(second.figures.tputPerGpu, std::optional<double>(16000));
    QCOMPARE(second.figures.outputTputPerGpu, std::optional<double>(8000));
    QCOMPARE(second.figures.interactivity.p50, std::optional<double>(40.25));
    QCOMPARE(second.figures.ttftSeconds.p50, std::optional<double>(0.8));
    QCOMPARE(second.figures.ttftSeconds.p99, std::optional<double>(2.5));
    QCOMPARE(second.config, std::string("TP1"));
    QCOMPARE(second.provenance.source, std::string("my lab"));
    QCOMPARE(second.provenance.date, std::string("2026-05"));
}

QTEST_GUILESS_MAIN(TestCatalogImport)
#include "test_catalog_import.moc"
