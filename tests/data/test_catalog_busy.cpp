// A writer that finds the catalog locked by another program waits for it (30 s), then gives
// up with a message that says the catalog is busy, having written nothing. Writers that create
// the same new catalog at once all end up writing into one catalog, none replacing another's.
#include "CatalogStore.h"
#include "CatalogTestSupport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>
#include <latch>
#include <sqlite3.h>
#include <thread>

using namespace tokenomics;
using namespace tokenomics::data;
using namespace tokenomics::testing;

class TestCatalogBusy : public QObject {
    Q_OBJECT

private slots:
    void lockedCatalogIsReportedBusy();
    void racingCreatorsShareOneCatalog();
    void openingWaitsForNoWriter();
};

namespace {

Series oneSeries(const std::string& engine) {
    Series series;
    series.key = {"M", "B200", engine, "fp8", "none", 1024, 1024, ""};
    OperatingPoint point;
    point.figures.concurrency = 1;
    point.figures.tputPerGpu = 100;
    point.figures.interactivity.p50 = 50;
    series.points = {point};
    return series;
}

} // namespace

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

    const Series series = oneSeries("vllm");
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

void TestCatalogBusy::racingCreatorsShareOneCatalog() {
    constexpr int writers = 6;
    constexpr int rounds = 15;
    QTemporaryDir folder;
    for (int round = 0; round < rounds; ++round) {
        // Each round starts on a missing file: every writer finds it missing and creates it.
        const QString path = folder.filePath(QStringLiteral("race%1.sqlite").arg(round));
        std::latch start(writers);
        std::vector<QString> failures(writers);
        std::vector<std::thread> threads;
        for (int writer = 0; writer < writers; ++writer) {
            threads.emplace_back([&, writer] {
                start.arrive_and_wait();
                CatalogError error;
                auto store = CatalogStore::open(path, &error);
                if (!store ||
                    !store->import(ImportBatch{{oneSeries("e" + std::to_string(writer))}}, &error))
                    failures[writer] = error.message;
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        for (const QString& failure : failures)
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        // Had one creator replaced the catalog after another wrote to it, a point would be lost.
        QCOMPARE(sqliteNumber(path, "SELECT count(*) FROM points").value_or(-1), double(writers));
    }
    const QStringList beside = QDir(folder.path()).entryList({QStringLiteral("*.creating-*")});
    QVERIFY2(beside.isEmpty(), qPrintable(beside.join(u' ')));
}

void TestCatalogBusy::openingWaitsForNoWriter() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("read.sqlite"));
    CatalogError error;
    {
        auto store = CatalogStore::open(path, &error);
        QVERIFY2(store, qPrintable(error.message));
        QVERIFY2(store->import(ImportBatch{{oneSeries("vllm")}}, &error),
                 qPrintable(error.message));
    }
    // An import in another program holds the write lock; a reader (query, the dashboard) opens
    // the catalog and reads its last committed state without waiting for the 30 s timeout.
    sqlite3* other = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &other), SQLITE_OK);
    QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_exec(other, "DELETE FROM points", nullptr, nullptr, nullptr), SQLITE_OK);
    QElapsedTimer waited;
    waited.start();
    auto reader = CatalogStore::open(path, &error);
    QVERIFY2(reader, qPrintable(error.message));
    QVERIFY2(waited.elapsed() < 20000, "opening waited for the writer's lock");
    const std::optional<Catalog> catalog = reader->load(&error);
    QVERIFY2(catalog, qPrintable(error.message));
    QCOMPARE(catalog->series.size(), std::size_t(1));
    QCOMPARE(catalog->series.front().points.size(), std::size_t(1));
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
}

QTEST_GUILESS_MAIN(TestCatalogBusy)
#include "test_catalog_busy.moc"
