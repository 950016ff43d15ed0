// The default catalog holds every row of the bundled seed, with keys, aliases and MLPerf
// points as documented in data/DefaultCatalog.cpp.
#include "CatalogPaths.h"
#include "CatalogStore.h"
#include "CatalogTestSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace tokenomics;
using namespace tokenomics::data;
using namespace tokenomics::testing;

class TestDefaultCatalog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void holdsEverySeedRow();
    void costBasesHaveShortKeysAndResolvedSources();
    void mlperfRowsBecomeLimitPoints();
    void aliasesMapToolNames();
    void secondStartReusesTheCatalog();

private:
    QString seed(const char* name) const;
    QTemporaryDir home_;
    QString path_;
};

QString TestDefaultCatalog::seed(const char* name) const {
    return QDir(QStringLiteral(TOKENOMICS_SEED_SOURCE_DIR)).filePath(QString::fromLatin1(name));
}

void TestDefaultCatalog::initTestCase() {
    QVERIFY(home_.isValid());
    qputenv("XDG_DATA_HOME", home_.path().toUtf8());
    path_ = defaultCatalogPath();
    QVERIFY(path_.startsWith(home_.path()));
    QVERIFY(!QFileInfo::exists(path_));
    CatalogError error;
    auto store = CatalogStore::openDefault(&error);
    QVERIFY2(store, qPrintable(error.message));
    QCOMPARE(store->path(), path_);
}

void TestDefaultCatalog::holdsEverySeedRow() {
    const auto count = [this](const char* sql) {
        return int(sqliteNumber(path_, sql).value_or(-1));
    };
    QCOMPARE(count("SELECT count(*) FROM accelerators"), csvRecordCount(seed("accelerators.csv")));
    QCOMPARE(count("SELECT count(*) FROM cost_bases"),
             csvRecordCount(seed("cost_bases.csv")) + csvRecordCount(seed("purchase_prices.csv")));
    QCOMPARE(count("SELECT count(*) FROM facility_figures"), csvRecordCount(seed("facility.csv")));
    QCOMPARE(count("SELECT count(*) FROM models"), csvRecordCount(seed("models.csv")));
    QCOMPARE(count("SELECT count(*) FROM provider_offers"),
             csvRecordCount(seed("provider_offers.csv")));
    QCOMPARE(count("SELECT count(*) FROM quality_scores"),
             csvRecordCount(seed("quality_scores.csv")));
    const int points = csvRecordCount(seed("operating_points.csv")) +
                       csvRecordCount(seed("more_curves.csv")) +
                       csvRecordCount(seed("mlperf_points.csv"));
    QCOMPARE(count("SELECT count(*) FROM points"), points);
    QCOMPARE(count("SELECT count(*) FROM points WHERE latency_is_limit = 1"),
             csvRecordCount(seed("mlperf_points.csv")));
    // Every figure row keeps a source.
    QCOMPARE(count("SELECT count(*) FROM points WHERE source = ''"), 0);
    QCOMPARE(count("SELECT count(*) FROM cost_bases WHERE source = ''"), 0);
    // SOURCES.md: 284 points in 53 curves in more_curves.csv.
    QCOMPARE(csvRecordCount(seed("more_curves.csv")), 284);

    CatalogError error;
    auto store = CatalogStore::open(path_, &error);
    QVERIFY(store);
    const auto catalog = store->load(&error);
    QVERIFY2(catalog, qPrintable(error.message));
    std::size_t loadedPoints = 0;
    for (const Series& series : catalog->series)
        loadedPoints += series.points.size();
    QCOMPARE(int(loadedPoints), points);
    QCOMPARE(int(catalog->offers.size()), csvRecordCount(seed("provider_offers.csv")));
}

void TestDefaultCatalog::costBasesHaveShortKeysAndResolvedSources() {
    const auto text = [this](const char* sql) {
        return sqliteText(path_, sql).value_or(QString());
    };
    const auto number = [this](const char* sql) { return sqliteNumber(path_, sql).value_or(-1); };
    // cost_bases.csv: B200,owner-hyperscaler (4-yr life),1.95,2.17
    QCOMPARE(number("SELECT usd_per_gpu_hour FROM cost_bases WHERE hardware = 'B200' AND "
                    "key = 'hyperscaler'"),
             1.95);
    QCOMPARE(number("SELECT all_in_kw_per_gpu FROM cost_bases WHERE hardware = 'B200' AND "
                    "key = 'hyperscaler'"),
             2.17);
    QCOMPARE(text("SELECT name FROM cost_bases WHERE hardware = 'B200' AND key = 'hyperscaler'"),
             QStringLiteral("owner-hyperscaler (4-yr life)"));
    QCOMPARE(number("SELECT usd_per_gpu_hour FROM cost_bases WHERE hardware = 'H100 SXM' AND "
                    "key = 'ondemand-nebius'"),
             3.85);
    QCOMPARE(number("SELECT usd_per_gpu_hour FROM cost_bases WHERE hardware = 'MI355X' AND "
                    "key = 'rental'"),
             2.10);
    // "same" in the seed stands for the source of the row above it.
    const QString first = text("SELECT source FROM cost_bases WHERE hardware = 'H100 SXM' AND "
                               "key = 'hyperscaler'");
    QVERIFY(first.startsWith(QStringLiteral("SemiAnalysisAI/InferenceX-app")));
    QCOMPARE(text("SELECT source FROM cost_bases WHERE hardware = 'H100 SXM' AND key = 'neocloud'"),
             first);
    QCOMPARE(text("SELECT source FROM cost_bases WHERE hardware = 'B300' AND key = 'rental'"),
             first + QStringLiteral(" (placeholder = 1.2x B200)"));
    QCOMPARE(number("SELECT uncertain FROM cost_bases WHERE hardware = 'B300' AND key = 'rental'"),
             1.0);
}

void TestDefaultCatalog::mlperfRowsBecomeLimitPoints() {
    const auto number = [this](const char* sql) { return sqliteNumber(path_, sql).value_or(-1); };
    // mlperf_points.csv: 6.0,llama2-70b-99,Server,GB200 (NVL72),72,NVIDIA,fp4,trt,810104,2.0,200
    const char* server = "FROM points p JOIN series s ON s.id = p.series_id WHERE s.run = "
                         "'MLPerf v6.0 NVIDIA' AND s.hardware = 'GB200 (NVL72)' AND s.model = "
                         "'Llama 2 70B' AND p.config = 'Server'";
    const auto figure = [&](const char* column) {
        return number((QByteArray("SELECT ") + column + ' ' + server).constData());
    };
    // Generated tokens only, and no ISL/OSL: output throughput, the total unknown.
    QCOMPARE(figure("p.output_tput_per_gpu"), 810104.0 / 72.0);
    QCOMPARE(figure("p.tput_per_gpu IS NULL"), 1.0);
    QCOMPARE(figure("p.gpus"), 72.0);
    QCOMPARE(figure("p.interactivity_p50"), 1000.0 / 200.0);
    QCOMPARE(figure("p.interactivity_p99"), 1000.0 / 200.0);
    QCOMPARE(figure("p.ttft_p50_s"), 2.0);
    QCOMPARE(figure("p.latency_is_limit"), 1.0);
    // Offline rows have no latency limit: kept, with no interactivity (never on a frontier).
    QCOMPARE(number("SELECT count(*) FROM points WHERE config = 'Offline' AND "
                    "interactivity_p50 IS NULL AND ttft_p50_s IS NULL"),
             11.0); // grep -c ",Offline," mlperf_points.csv
    // An engine the row does not name is "unknown", not empty.
    QCOMPARE(number("SELECT count(*) FROM series WHERE run = 'MLPerf v6.0 AMD' AND "
                    "engine = 'unknown'"),
             2.0);
}

void TestDefaultCatalog::aliasesMapToolNames() {
    CatalogError error;
    auto store = CatalogStore::open(path_, &error);
    QVERIFY(store);
    QCOMPARE(store->canonicalHardware("h100"), std::string("H100 SXM"));
    QCOMPARE(store->canonicalHardware("GB200"), std::string("GB200 (NVL72)"));
    QCOMPARE(store->canonicalHardware("mi355x"), std::string("MI355X"));
    QCOMPARE(store->canonicalHardware("b300"), std::string("B300"));
    QCOMPARE(store->canonicalHardware("Unknown GPU 9"), std::string("Unknown GPU 9"));
    QCOMPARE(store->canonicalModel("meta-llama/Llama-3.3-70B-Instruct"),
             std::string("Llama 3.3 70B"));
    QCOMPARE(store->canonicalModel("llama 3.3 70b"), std::string("Llama 3.3 70B"));

    // Imported series take the catalog's names, so they find its cost bases.
    Series series;
    series.key = {
        "meta-llama/Llama-3.3-70B-Instruct", "h200", "vllm", "fp8", "none", 1024, 1024, "my run"};
    OperatingPoint point;
    point.figures.concurrency = 1;
    point.figures.tputPerGpu = 100;
    point.figures.interactivity.p50 = 40;
    series.points = {point};
    QVERIFY2(store->import(ImportBatch{{series}}, &error), qPrintable(error.message));
    QCOMPARE(sqliteNumber(path_, "SELECT count(*) FROM series WHERE run = 'my run' AND "
                                 "hardware = 'H200 SXM' AND model = 'Llama 3.3 70B'")
                 .value_or(-1),
             1.0);
}

void TestDefaultCatalog::secondStartReusesTheCatalog() {
    const double seriesBefore = sqliteNumber(path_, "SELECT count(*) FROM series").value_or(-1);
    CatalogError error;
    auto store = CatalogStore::openDefault(&error);
    QVERIFY(store);
    // The series imported by aliasesMapToolNames is still there: nothing was rebuilt.
    QCOMPARE(sqliteNumber(path_, "SELECT count(*) FROM series").value_or(-2), seriesBefore);
    QCOMPARE(sqliteNumber(path_, "SELECT count(*) FROM series WHERE run = 'my run'").value_or(0),
             1.0);
    const QStringList leftovers =
        QFileInfo(path_).dir().entryList({QStringLiteral("*.building-*")}, QDir::Files);
    QVERIFY(leftovers.isEmpty());
}

QTEST_GUILESS_MAIN(TestDefaultCatalog)
#include "test_default_catalog.moc"
