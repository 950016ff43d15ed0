// Hostile import input against a real catalog file: each bad file is an error naming the file,
// the line or JSON path, the field and the reason, and the catalog stays byte-identical.
// The import runs as `tokenomics import` does it: parse every file, then write in one
// transaction, so an input the parsers let through would reach the catalog and change its hash.
#include "CatalogStore.h"
#include "CatalogTestSupport.h"
#include "ResultImporter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace tokenomics;
using namespace tokenomics::data;
using namespace tokenomics::testing;

namespace {

const QByteArray header = "model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                          "interactivity_p50\n";
const QByteArray row = "Llama 3.3 70B,B200,vllm,fp8,1024,1024,";

// A vLLM result whose identity comes from the options (as `--hardware h100 ...` would give).
QByteArray vllmResult(const QByteArray& extra) {
    return "{\"model_id\":\"m\",\"max_concurrency\":4,\"duration\":2.0,\"completed\":3,"
           "\"output_throughput\":7.5,\"total_token_throughput\":1507.5,"
           "\"median_tpot_ms\":25.0" +
           extra + "}";
}

ImportDefaults identity() {
    ImportDefaults defaults;
    defaults.hardware = "h100";
    defaults.engine = "vllm";
    defaults.precision = "fp8";
    defaults.gpus = 4;
    defaults.isl = 1000;
    defaults.osl = 128;
    return defaults;
}

struct Outcome {
    bool imported = false;
    ImportError importError; // set when a file was refused
    QString catalogError;    // set when the catalog refused the batch
};

/// What `tokenomics import --db catalog FILES` does, through the library.
Outcome importFiles(const QStringList& files, const QString& catalog, ImportFormat format,
                    const ImportDefaults& defaults) {
    Outcome outcome;
    const auto batch = parseResultFiles(files, format, defaults, &outcome.importError);
    if (!batch)
        return outcome;
    CatalogError error;
    auto store = CatalogStore::open(catalog, &error);
    if (store && store->import(*batch, &error)) {
        outcome.imported = true;
        return outcome;
    }
    outcome.catalogError = error.message;
    return outcome;
}

} // namespace

class TestHostileImport : public QObject {
    Q_OBJECT

private slots:
    void init();
    void refusedWithPlaceAndReason_data();
    void refusedWithPlaceAndReason();
    void pointAlreadyInTheCatalogIsRefused();
    void quotesAndSqlInNamesAreStoredVerbatim();

private:
    QString write(const QString& name, const QByteArray& bytes) const;
    std::unique_ptr<QTemporaryDir> folder_;
    QString catalog_;
};

QString TestHostileImport::write(const QString& name, const QByteArray& bytes) const {
    const QString path = folder_->filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestHostileImport::init() {
    // The buyer's catalog: one series of two points, closed so its bytes are all in the file.
    folder_ = std::make_unique<QTemporaryDir>();
    catalog_ = folder_->filePath(QStringLiteral("prices.sqlite"));
    const QString own =
        write(QStringLiteral("own.csv"), header + row + "1,500,90\n" + row + "2,900,80\n");
    const Outcome setup = importFiles({own}, catalog_, ImportFormat::Auto, {});
    QVERIFY2(setup.imported, qPrintable(setup.importError.message() + setup.catalogError));
    QVERIFY(!QFile::exists(catalog_ + QStringLiteral("-wal")));
    QCOMPARE(sqliteNumber(catalog_, "SELECT count(*) FROM points").value_or(-1), 2.0);
}

void TestHostileImport::refusedWithPlaceAndReason_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");
    const int automatic = int(ImportFormat::Auto);
    const int vllm = int(ImportFormat::Vllm);

    // Canonical CSV: the line and the column.
    QTest::newRow("csv wrong type") << "a.csv" << header + row + "4,fast,50\n"
                                    << automatic << "line 2"
                                    << "tput_per_gpu"
                                    << "expected a number";
    QTest::newRow("csv NaN") << "a.csv" << header + row + "4,NaN,50\n"
                             << automatic << "line 2"
                             << "tput_per_gpu"
                             << "not a finite number";
    QTest::newRow("csv Inf") << "a.csv" << header + row + "4,100,-inf\n"
                             << automatic << "line 2"
                             << "interactivity_p50"
                             << "not a finite number";
    QTest::newRow("csv negative rate") << "a.csv" << header + row + "4,-1e-9,50\n"
                                       << automatic << "line 2"
                                       << "tput_per_gpu"
                                       << "must be > 0";
    QTest::newRow("csv zero rate") << "a.csv" << header + row + "4,100,0\n"
                                   << automatic << "line 2"
                                   << "interactivity_p50"
                                   << "must be > 0";
    QTest::newRow("csv unknown column")
        << "a.csv"
        << "model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
           "interactivity_p50,discount\n" +
               row + "4,100,50,0.5\n"
        << automatic << "line 1"
        << "discount"
        << "unknown column";
    QTest::newRow("csv missing required column")
        << "a.csv"
        << QByteArray("model,hardware,precision,isl,osl,concurrency,tput_per_gpu,"
                      "interactivity_p50\nm,B200,fp8,1024,1024,4,100,50\n")
        << automatic << "line 1"
        << "engine"
        << "required column 'engine' missing";
    QTest::newRow("csv duplicate point")
        << "a.csv" << header + row + "4,100,50\n" + row + "4,200,40\n"
        << automatic << "line 3"
        << "concurrency"
        << "duplicate point";
    QTest::newRow("csv huge number") << "a.csv" << header + row + "4,1e999,50\n"
                                     << automatic << "line 2"
                                     << "tput_per_gpu"
                                     << "not a finite number";
    QTest::newRow("csv huge count")
        << "a.csv" << header + QByteArray(row).replace("1024,1024", "1e12,1024") + "4,100,50\n"
        << automatic << "line 2"
        << "isl"
        << "whole number";
    // Each number is finite; what is computed from them is not.
    QTest::newRow("csv derived throughput overflows")
        << "a.csv"
        << QByteArray("model,hardware,engine,precision,isl,osl,concurrency,output_tput_per_gpu,"
                      "interactivity_p50\nm,B200,vllm,fp8,1000000000,1,4,1e308,50\n")
        << automatic << "line 2"
        << "tput_per_gpu"
        << "not a finite number";
    QTest::newRow("csv interactivity from tiny tpot overflows")
        << "a.csv"
        << QByteArray("model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,tpot_p50\n"
                      "m,B200,vllm,fp8,1024,1024,4,100,1e-320\n")
        << automatic << "line 2"
        << "interactivity_p50"
        << "not a finite number";
    QTest::newRow("csv invalid UTF-8 name") << "a.csv"
                                            << header + "Llama\xff\xfe,B200,vllm,fp8,"
                                                        "1024,1024,4,100,50\n"
                                            << automatic << "line 2"
                                            << "model"
                                            << "invalid UTF-8";
    QTest::newRow("csv unterminated quote") << "a.csv" << header + row + "4,100,50\n\"m,B200\n"
                                            << automatic << "line 3"
                                            << ""
                                            << "never closed";

    // JSON: the path of the value.
    QTest::newRow("json malformed")
        << "r.json" << QByteArray("{\"max_concurrency\": 4,\n \"x\": }") << vllm << "line 2, column"
        << ""
        << "malformed JSON";
    QTest::newRow("json of another tool")
        << "agg_r.json"
        << QByteArray(R"({"hw":"h100","conc":4,"model":"m","framework":"vllm","precision":"fp8",)"
                      R"("isl":1,"osl":1,"tp":1,"tput_per_gpu":10,"median_intvty":5})")
        << vllm << ""
        << ""
        << "format mismatch: expected vLLM bench serve JSON, the file looks "
           "like InferenceX result JSON";
    QTest::newRow("json of no known tool")
        << "package.json" << QByteArray(R"({"name":"x","version":"1.0.0"})") << automatic << ""
        << ""
        << "cannot tell the format";
    QTest::newRow("json more failures than prompts")
        << "r.json" << vllmResult(R"(,"num_prompts":4,"failed":5)") << vllm << "$.failed"
        << "failed"
        << "3 completed and 5 failed requests are more than the 4 prompts sent";
    // Qt keeps one value of a repeated key and says nothing: the file is ambiguous, refuse it.
    QTest::newRow("json duplicate key")
        << "r.json" << vllmResult(R"(,"median_tpot_ms":2.5)") << vllm << "$.median_tpot_ms"
        << "median_tpot_ms"
        << "the key appears twice in one object (again at line 1, column 144)";
    QTest::newRow("json duplicate key spelled with an escape")
        << "r.json" << vllmResult(R"(,"median_tpot\u005fms":2.5)") << vllm << "$.median_tpot_ms"
        << "median_tpot_ms"
        << "appears twice";
    QTest::newRow("json duplicate key in a nested object")
        << "r.json"
        << vllmResult(R"(,"input_lens":[10],"output_lens":[5],"ttfts":[0.2],)"
                      R"("itls":[[0.02]],"errors":[""],"x":[{"a":1},{"b":[1,{"c":2}],"b":3}])")
        << vllm << "$.x[1].b"
        << "b"
        << "appears twice";
    QTest::newRow("json same key in sibling objects is fine, a repeat is not")
        << "r.json" << vllmResult(R"(,"m":{"k":1},"n":{"k":2,"s":"k","k":3})") << vllm << "$.n.k"
        << "k"
        << "appears twice";
    QTest::newRow("json wrong type")
        << "r.json" << vllmResult("").replace("\"duration\":2.0", "\"duration\":\"long\"") << vllm
        << "$.duration"
        << "duration"
        << "expected a number";
    QTest::newRow("json NaN string")
        << "r.json" << vllmResult(R"(,"median_ttft_ms":"NaN")") << vllm << "$.median_ttft_ms"
        << "median_ttft_ms"
        << "not a finite number";
    // Qt's parser refuses a number past the largest double; as a string it is not a number.
    QTest::newRow("json huge number")
        << "r.json" << vllmResult(R"(,"median_ttft_ms":-1e999)") << vllm << "line 1, column"
        << ""
        << "illegal number";
    QTest::newRow("json huge number string")
        << "r.json" << vllmResult(R"(,"median_ttft_ms":"1e999")") << vllm << "$.median_ttft_ms"
        << "median_ttft_ms"
        << "expected a number";
    QTest::newRow("json negative latency")
        << "r.json" << vllmResult(R"(,"p99_e2el_ms":-5)") << vllm << "$.p99_e2el_ms"
        << "p99_e2el_ms"
        << "must be ≥ 0";
    QTest::newRow("json zero rate")
        << "r.json" << vllmResult("").replace("\"median_tpot_ms\":25.0", "\"median_tpot_ms\":0")
        << vllm << "$.median_tpot_ms"
        << "median_tpot_ms"
        << "must be > 0";
    QTest::newRow("json huge token count")
        << "r.json"
        << vllmResult(R"(,"input_lens":[1e300],"output_lens":[5],"ttfts":[0.2],)"
                      R"("itls":[[0.02,0.02,0.02,0.02]],"errors":[""])")
        << vllm << "$.input_lens[0]"
        << "input_lens"
        << "whole number of tokens";
    QTest::newRow("json gaps sum past the largest double")
        << "r.json"
        << vllmResult(R"(,"input_lens":[10],"output_lens":[5],"ttfts":[0.2],)"
                      R"("itls":[[1e308,1e308,1e308,1e308]],"errors":[""])")
        << vllm << "$"
        << "e2el_p50"
        << "not a finite number";
    QTest::newRow("json invalid UTF-8")
        << "r.json" << vllmResult(",\"label\":\"\xc3\x28\"") << vllm << "line 1, column"
        << ""
        << "malformed JSON";
}

void TestHostileImport::refusedWithPlaceAndReason() {
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(int, format);
    QFETCH(QString, location);
    QFETCH(QString, field);
    QFETCH(QString, reason);
    const QString path = write(name, bytes);
    QVERIFY(!path.isEmpty());
    const QByteArray before = fileHash(catalog_);

    // The options a vLLM result needs; a CSV must carry its own identity.
    const ImportDefaults defaults =
        format == int(ImportFormat::Vllm) ? identity() : ImportDefaults{};
    const Outcome outcome = importFiles({path}, catalog_, ImportFormat(format), defaults);
    QVERIFY2(!outcome.imported, "the hostile file was imported");
    const ImportError& error = outcome.importError;
    QVERIFY2(outcome.catalogError.isEmpty(), qPrintable(outcome.catalogError));
    QCOMPARE(error.file, path);
    QVERIFY2(location.isEmpty() ? error.location.isEmpty() : error.location.startsWith(location),
             qPrintable(error.message()));
    QCOMPARE(error.field, field);
    QVERIFY2(error.reason.contains(reason), qPrintable(error.message()));
    // The message a person reads names all of it.
    QVERIFY(error.message().contains(path));
    QVERIFY(error.message().contains(error.reason));

    QCOMPARE(fileHash(catalog_), before);
    // No committed page waits in a -wal either (a read-only reader may leave an empty one).
    QCOMPARE(QFileInfo(catalog_ + QStringLiteral("-wal")).size(), 0);
    QCOMPARE(sqliteNumber(catalog_, "SELECT count(*) FROM points").value_or(-1), 2.0);
}

void TestHostileImport::pointAlreadyInTheCatalogIsRefused() {
    // The file is consistent in itself; its second row is already in the catalog.
    const QString path =
        write(QStringLiteral("again.csv"), header + row + "3,1300,70\n" + row + "2,900,80\n");
    const QByteArray before = fileHash(catalog_);
    const Outcome outcome = importFiles({path}, catalog_, ImportFormat::Auto, {});
    QVERIFY(!outcome.imported);
    QVERIFY2(outcome.catalogError.contains(catalog_), qPrintable(outcome.catalogError));
    QVERIFY2(outcome.catalogError.contains(QStringLiteral("duplicate point")),
             qPrintable(outcome.catalogError));
    QVERIFY2(outcome.catalogError.contains(QStringLiteral("concurrency 2")),
             qPrintable(outcome.catalogError));
    QVERIFY2(outcome.catalogError.contains(QStringLiteral("nothing was imported")),
             qPrintable(outcome.catalogError));
    // Not even the new point of line 2.
    QCOMPARE(fileHash(catalog_), before);
    QCOMPARE(sqliteNumber(catalog_, "SELECT count(*) FROM points").value_or(-1), 2.0);
}

void TestHostileImport::quotesAndSqlInNamesAreStoredVerbatim() {
    const QByteArray model = "Robert'); DROP TABLE points;--";
    const QByteArray hardware = "GPU \"quoted\", 100% ' OR '1'='1";
    const QByteArray engine = "eng\\ine; DELETE FROM series";
    // RFC 4180: the hardware name is quoted, its quotes doubled.
    const QString path = write(QStringLiteral("names.csv"),
                               header + model + ",\"GPU \"\"quoted\"\", 100% ' OR '1'='1\"," +
                                   engine + ",fp8,1024,1024,4,100,50\n");
    const Outcome outcome = importFiles({path}, catalog_, ImportFormat::Auto, {});
    QVERIFY2(outcome.imported, qPrintable(outcome.importError.message() + outcome.catalogError));
    // Read back through the C API, not the store: the rows are there, the tables intact.
    QCOMPARE(sqliteNumber(catalog_, "SELECT count(*) FROM points").value_or(-1), 3.0);
    QCOMPARE(sqliteNumber(catalog_, "SELECT count(*) FROM series").value_or(-1), 2.0);
    QCOMPARE(sqliteText(catalog_, "SELECT model FROM series ORDER BY id DESC LIMIT 1")
                 .value_or(QString()),
             QString::fromUtf8(model));
    QCOMPARE(sqliteText(catalog_, "SELECT hardware FROM series ORDER BY id DESC LIMIT 1")
                 .value_or(QString()),
             QString::fromUtf8(hardware));
    QCOMPARE(sqliteText(catalog_, "SELECT engine FROM series ORDER BY id DESC LIMIT 1")
                 .value_or(QString()),
             QString::fromUtf8(engine));
    // And the store hands them back as they were written.
    CatalogError error;
    auto store = CatalogStore::open(catalog_, &error);
    QVERIFY2(store, qPrintable(error.message));
    const auto catalog = store->load(&error);
    QVERIFY2(catalog, qPrintable(error.message));
    const auto found =
        std::find_if(catalog->series.begin(), catalog->series.end(),
                     [&](const Series& series) { return series.key.model == model.toStdString(); });
    QVERIFY(found != catalog->series.end());
    QCOMPARE(found->key.hardware, hardware.toStdString());
    QCOMPARE(found->key.engine, engine.toStdString());
}

QTEST_GUILESS_MAIN(TestHostileImport)
#include "test_hostile_import.moc"
