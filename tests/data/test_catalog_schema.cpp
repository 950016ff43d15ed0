// Schema creation and migration, refusal of files this program must not touch, constraints.
#include "CatalogNames.h"
#include "CatalogSchema.h"
#include "CatalogStore.h"
#include "CatalogTestSupport.h"
#include "SqlStatement.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QtTest>
#include <sqlite3.h>

using namespace tokenomics;
using namespace tokenomics::data;
using namespace tokenomics::testing;

class TestCatalogSchema : public QObject {
    Q_OBJECT

private slots:
    // A hardened connection runs no trigger and no view of the file, whatever the file holds.
    void hardenedConnectionRunsNoTriggerOrView() {
        sqlite3* database = nullptr;
        QCOMPARE(sqlite3_open(":memory:", &database), SQLITE_OK);
        const auto close = qScopeGuard([&] { sqlite3_close(database); });
        QString error;
        QVERIFY2(data::executeSql(database,
                                  "CREATE TABLE points (id INTEGER PRIMARY KEY);"
                                  "CREATE TABLE offers (id INTEGER PRIMARY KEY);"
                                  "INSERT INTO offers VALUES (1), (2);"
                                  "CREATE TRIGGER wipe AFTER INSERT ON points BEGIN "
                                  "DELETE FROM offers; END;"
                                  "CREATE VIEW endless AS WITH RECURSIVE n(i) AS (SELECT 1 UNION "
                                  "ALL SELECT i + 1 FROM n) SELECT i FROM n;",
                                  &error),
                 qPrintable(error));
        data::hardenConnection(database);
        QVERIFY(data::executeSql(database, "INSERT INTO points VALUES (1)", &error));
        data::SqlStatement offers(database, "SELECT count(*) FROM offers");
        QCOMPARE(offers.step(), SQLITE_ROW);
        QCOMPARE(offers.columnInt64(0), std::int64_t(2)); // the trigger did not fire
        // Refused at once instead of counting for ever.
        QVERIFY(!data::executeSql(database, "SELECT * FROM endless", &error));
    }

    void newFileGetsTheCurrentSchema();
    void emptyFileIsRefusedUntouched();
    void versionZeroSqliteFileIsMigrated();
    void versionOneCatalogGainsRequestRatesKeepingItsPoints();
    void newerVersionIsRefusedAndLeftByteIdentical();
    void nonSqliteFileIsRefusedAndLeftByteIdentical();
    void damagedFileIsRefusedAndLeftByteIdentical();
    void missingFolderIsReported();
    void connectionsAreNamedAndRemoved();
    void checkConstraintNamesTheField();
    void costBasisKeysFollowTheSeedNames();
    void savedViewsPersist();

private:
    QTemporaryDir folder_;
};

void TestCatalogSchema::newFileGetsTheCurrentSchema() {
    const QString path = folder_.filePath(QStringLiteral("new.sqlite"));
    CatalogError error;
    {
        auto store = CatalogStore::open(path, &error);
        QVERIFY2(store, qPrintable(error.message));
    }
    QCOMPARE(sqliteNumber(path, "PRAGMA user_version").value_or(-1), 2.0);
    QCOMPARE(currentSchemaVersion(), 2);
    // Every table the catalog promises exists (read through the C API, not the store).
    for (const char* table :
         {"accelerators", "accelerator_aliases", "cost_bases", "facility_figures", "models",
          "model_aliases", "series", "points", "point_samples", "provider_offers", "quality_scores",
          "saved_views"}) {
        const QByteArray sql =
            QByteArray("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '") +
            table + "'";
        QCOMPARE(sqliteNumber(path, sql.constData()).value_or(0), 1.0);
    }
    // WAL is recorded in the file header: bytes 18 and 19 are 2 for WAL (sqlite.org/fileformat).
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray header = file.read(20);
    QCOMPARE(int(header[18]), 2);
    QCOMPARE(int(header[19]), 2);
}

void TestCatalogSchema::emptyFileIsRefusedUntouched() {
    // Zero bytes may be a catalog that lost its content (a failed copy, a full disk): giving
    // it an empty schema would hide the loss, so it is refused like any other non-catalog.
    const QString path = folder_.filePath(QStringLiteral("empty.sqlite"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    CatalogError error;
    QVERIFY(!CatalogStore::open(path, &error));
    QVERIFY2(error.message.contains(path), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("empty (0 bytes)")), qPrintable(error.message));
    QCOMPARE(QFileInfo(path).size(), 0);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
}

// A catalog written before request-rate runs (schema 1) opens as schema 2: its points keep
// their figures, take request rate 0 (a concurrency run), and a rate run of the same
// configuration can then sit beside them.
void TestCatalogSchema::versionOneCatalogGainsRequestRatesKeepingItsPoints() {
    const QString path = folder_.filePath(QStringLiteral("v1.sqlite"));
    {
        sqlite3* database = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &database), SQLITE_OK);
        const auto close = qScopeGuard([&] { sqlite3_close(database); });
        QString error;
        QVERIFY(schemaMigrations().front().version == 1);
        for (const QString& statement : schemaMigrations().front().statements)
            QVERIFY2(executeSql(database, statement.toUtf8().constData(), &error),
                     qPrintable(error));
        QVERIFY(executeSql(database,
                           "INSERT INTO series (id, model, hardware, engine, precision, isl, osl) "
                           "VALUES (1, 'M', 'H100', 'vllm', 'fp8', 1024, 1024);"
                           "INSERT INTO points (series_id, gpus, concurrency, tput_per_gpu, "
                           "interactivity_p50) VALUES (1, 8, 64, 1234.5, 42);"
                           "PRAGMA user_version = 1;",
                           &error));
    }
    CatalogError error;
    auto store = CatalogStore::open(path, &error);
    QVERIFY2(store, qPrintable(error.message));
    QCOMPARE(sqliteNumber(path, "PRAGMA user_version").value_or(-1), 2.0);
    std::optional<Catalog> catalog = store->load(&error);
    QVERIFY2(catalog, qPrintable(error.message));
    QCOMPARE(catalog->series.size(), std::size_t(1));
    const PointFigures& figures = catalog->series[0].points.at(0).figures;
    QCOMPARE(figures.concurrency, 64.0);
    QCOMPARE(figures.requestRate, 0.0);
    QCOMPARE(*figures.tputPerGpu, 1234.5);
    QCOMPARE(loadText(figures), std::string("concurrency 64"));
    QString sqlError;
    sqlite3* database = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &database), SQLITE_OK);
    const auto close = qScopeGuard([&] { sqlite3_close(database); });
    QVERIFY2(executeSql(database,
                        "INSERT INTO points (series_id, gpus, concurrency, request_rate, "
                        "tput_per_gpu, interactivity_p50) VALUES (1, 8, 64, 16, 999, 30)",
                        &sqlError),
             qPrintable(sqlError));
    QVERIFY(!executeSql(database,
                        "INSERT INTO points (series_id, gpus, concurrency, request_rate, "
                        "tput_per_gpu, interactivity_p50) VALUES (1, 8, 64, 16, 998, 31)",
                        &sqlError)); // the same load twice is still a duplicate
}

void TestCatalogSchema::versionZeroSqliteFileIsMigrated() {
    // Another program's database (user_version 0, a table of its own) is not a catalog to
    // fill: refused, byte-identical, no WAL switched on.
    const QString foreign = folder_.filePath(QStringLiteral("v0.sqlite"));
    QVERIFY(makeSqliteFile(foreign, 0));
    const QByteArray before = fileHash(foreign);
    CatalogError error;
    QVERIFY(!CatalogStore::open(foreign, &error));
    QVERIFY2(error.message.contains(QStringLiteral("not a Tokenomics catalog")) &&
                 error.message.contains(QStringLiteral("future_things")),
             qPrintable(error.message));
    QCOMPARE(fileHash(foreign), before);
    QVERIFY(!QFile::exists(foreign + QStringLiteral("-wal")));

    // An SQLite file with nothing in it yet is a new catalog: it gets the schema.
    const QString blank = folder_.filePath(QStringLiteral("blank.sqlite"));
    {
        sqlite3* database = nullptr;
        QCOMPARE(sqlite3_open(blank.toUtf8().constData(), &database), SQLITE_OK);
        QCOMPARE(sqlite3_exec(database, "CREATE TABLE scratch (x); DROP TABLE scratch", nullptr,
                              nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(database);
    }
    QVERIFY(QFileInfo(blank).size() > 0);
    {
        auto store = CatalogStore::open(blank, &error);
        QVERIFY2(store, qPrintable(error.message));
    }
    QCOMPARE(sqliteNumber(blank, "PRAGMA user_version").value_or(-1), 2.0);
    QCOMPARE(sqliteNumber(blank, "SELECT count(*) FROM points").value_or(-1), 0.0);
}

void TestCatalogSchema::newerVersionIsRefusedAndLeftByteIdentical() {
    const QString path = folder_.filePath(QStringLiteral("future.sqlite"));
    QVERIFY(makeSqliteFile(path, 99));
    const QByteArray before = fileHash(path);
    QVERIFY(!before.isEmpty());
    CatalogError error;
    QVERIFY(!CatalogStore::open(path, &error));
    QVERIFY2(error.message.contains(path), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("99")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("newer")), qPrintable(error.message));
    QCOMPARE(fileHash(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
}

void TestCatalogSchema::nonSqliteFileIsRefusedAndLeftByteIdentical() {
    const QString path = folder_.filePath(QStringLiteral("notes.sqlite"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("model,hardware\nLlama,H100\n");
    file.close();
    const QByteArray before = fileHash(path);
    CatalogError error;
    QVERIFY(!CatalogStore::open(path, &error));
    QVERIFY2(error.message.contains(QStringLiteral("not an SQLite database")),
             qPrintable(error.message));
    QVERIFY(error.message.contains(path));
    QCOMPARE(fileHash(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

void TestCatalogSchema::damagedFileIsRefusedAndLeftByteIdentical() {
    const QString path = folder_.filePath(QStringLiteral("damaged.sqlite"));
    QVERIFY(makeSqliteFile(path, 1));
    // Page 2 holds the future_things table's b-tree: overwrite its page header with junk.
    const int pageSize = int(sqliteNumber(path, "PRAGMA page_size").value_or(4096));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(pageSize));
    file.write(QByteArray(64, '\x7f'));
    file.close();
    const QByteArray before = fileHash(path);
    CatalogError error;
    QVERIFY(!CatalogStore::open(path, &error));
    QVERIFY2(error.message.contains(QStringLiteral("damaged")), qPrintable(error.message));
    QCOMPARE(fileHash(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
}

void TestCatalogSchema::missingFolderIsReported() {
    const QString path = folder_.filePath(QStringLiteral("no/such/folder/c.sqlite"));
    CatalogError error;
    QVERIFY(!CatalogStore::open(path, &error));
    QVERIFY2(error.message.contains(QStringLiteral("does not exist")), qPrintable(error.message));
}

void TestCatalogSchema::connectionsAreNamedAndRemoved() {
    const QString path = folder_.filePath(QStringLiteral("shared.sqlite"));
    CatalogError error;
    {
        auto first = CatalogStore::open(path, &error);
        auto second = CatalogStore::open(path, &error);
        QVERIFY(first && second);
        const QStringList names = QSqlDatabase::connectionNames();
        QCOMPARE(names.size(), 2);
        QVERIFY(names[0] != names[1]);
        QVERIFY(!names.contains(QLatin1String(QSqlDatabase::defaultConnection)));
        // A moved store keeps its one connection.
        CatalogStore moved = std::move(*first);
        QCOMPARE(QSqlDatabase::connectionNames().size(), 2);
    }
    QVERIFY(QSqlDatabase::connectionNames().isEmpty());
}

void TestCatalogSchema::checkConstraintNamesTheField() {
    const QString path = folder_.filePath(QStringLiteral("checks.sqlite"));
    CatalogError error;
    auto store = CatalogStore::open(path, &error);
    QVERIFY(store);
    Series series;
    series.key = {"M", "B200", "vllm", "fp8", "none", 1024, 1024, ""};
    OperatingPoint good;
    good.figures.concurrency = 1;
    good.figures.tputPerGpu = 100;
    good.figures.interactivity.p50 = 50;
    OperatingPoint bad = good;
    bad.figures.concurrency = 2;
    bad.figures.tputPerGpu = -5; // throughput must be positive
    series.points = {good, bad};
    QVERIFY(!store->import(ImportBatch{{series}}, &error));
    QVERIFY2(error.message.contains(QStringLiteral("tput_per_gpu")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("> 0")), qPrintable(error.message));
    // All or nothing: the good point before it is not there either, nor its series.
    const auto catalog = store->load(&error);
    QVERIFY(catalog);
    QVERIFY(catalog->series.empty());

    OperatingPoint badUtil = good;
    badUtil.figures.ttftSeconds.p50 = -0.1; // latency may be 0, never negative
    series.points = {badUtil};
    QVERIFY(!store->import(ImportBatch{{series}}, &error));
    QVERIFY2(error.message.contains(QStringLiteral("ttft_p50")), qPrintable(error.message));
}

void TestCatalogSchema::costBasisKeysFollowTheSeedNames() {
    QCOMPARE(costBasisKey("owner-hyperscaler (4-yr life)"), std::string("hyperscaler"));
    QCOMPARE(costBasisKey("owner-neocloud (4-yr life)"), std::string("neocloud"));
    QCOMPARE(costBasisKey("rental 3-yr (25% upfront)"), std::string("rental"));
    QCOMPARE(costBasisKey("on-demand Nebius"), std::string("ondemand-nebius"));
    QCOMPARE(costBasisKey("on-demand AWS p5.48xlarge"), std::string("ondemand-aws-p5-48xlarge"));
    QCOMPARE(costBasisKey("My Own  Price!"), std::string("my-own-price"));
}

void TestCatalogSchema::savedViewsPersist() {
    const QString path = folder_.filePath(QStringLiteral("views.sqlite"));
    CatalogError error;
    {
        auto store = CatalogStore::open(path, &error);
        QVERIFY(store);
        QVERIFY(
            store->saveView(QStringLiteral("b: buyer"), QStringLiteral("{\"ttft\": 2}"), &error));
        QVERIFY(store->saveView(QStringLiteral("a: cheap"), QStringLiteral("{}"), &error));
        QVERIFY(
            store->saveView(QStringLiteral("b: buyer"), QStringLiteral("{\"ttft\": 3}"), &error));
    }
    auto store = CatalogStore::open(path, &error);
    QVERIFY(store);
    auto views = store->loadViews(&error);
    QVERIFY(views);
    QCOMPARE(views->size(), std::size_t(2));
    QCOMPARE(views->at(0).first, QStringLiteral("a: cheap"));
    QCOMPARE(views->at(1).second, QStringLiteral("{\"ttft\": 3}")); // replaced, not duplicated
    QVERIFY(store->removeView(QStringLiteral("a: cheap"), &error));
    QCOMPARE(store->loadViews(&error)->size(), std::size_t(1));
}

QTEST_GUILESS_MAIN(TestCatalogSchema)
#include "test_catalog_schema.moc"
