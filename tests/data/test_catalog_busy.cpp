// A writer that finds the catalog locked by another program waits for it (30 s), then gives
// up with a message that says the catalog is busy, having written nothing.
#include "CatalogStore.h"
#include "CatalogTestSupport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>
#include <sqlite3.h>

using namespace tokenomics;
using namespace tokenomics::data;
using namespace tokenomics::testing;

class TestCatalogBusy : public QObject {
    Q_OBJECT

private slots:
    void lockedCatalogIsReportedBusy();
};

void TestCatalogBusy::lockedCatalogIsReportedBusy() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("busy.sqlite"));
    CatalogError error;
    auto store = CatalogStore::open(path, &error);
    QVERIFY2(store, qPrintable(error.message));

    // Another program holds the write lock for longer than the store waits.
    sqlite3* other = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &other), SQLITE_OK);
    QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);

    Series series;
    series.key = {"M", "B200", "vllm", "fp8", "none", 1024, 1024, ""};
    OperatingPoint point;
    point.figures.concurrency = 1;
    point.figures.tputPerGpu = 100;
    point.figures.interactivity.p50 = 50;
    series.points = {point};
    QElapsedTimer waited;
    waited.start();
    QVERIFY(!store->import(ImportBatch{{series}}, &error));
    QVERIFY2(waited.elapsed() >= 25000, "gave up without waiting for the other program");
    QVERIFY2(error.message.contains(path), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("busy")), qPrintable(error.message));

    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    // Once the other program is done, the same import goes through.
    QVERIFY2(store->import(ImportBatch{{series}}, &error), qPrintable(error.message));
    store.reset();
    QCOMPARE(sqliteNumber(path, "SELECT count(*) FROM points").value_or(-1), 1.0);
}

QTEST_GUILESS_MAIN(TestCatalogBusy)
#include "test_catalog_busy.moc"
