// The dashboard's import (CatalogFileSession::importFiles, run by the ui's ImportRunner on a
// worker thread): streamed into the catalog as it parses, yet a cancel at any moment or a bad row
// anywhere leaves the catalog as it was, and the failure names file, line, field and reason.
#include "CatalogFileSession.h"
#include "CatalogTestSupport.h"
#include "importers/CatalogImport.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <memory>

using namespace tokenomics;
using namespace tokenomics::testing;

namespace {

const QByteArray kHeader = "model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                           "interactivity_p50\n";
constexpr int kSeries = 100;
constexpr int kRows = 100000; // 100 series of 1,000 concurrencies each

/// Row r (0-based): series engine-(r % 100), concurrency r / 100 + 1, throughput 100 + r.
QByteArray manyRows(int rows) {
    QByteArray text = kHeader;
    for (int row = 0; row < rows; ++row)
        text += "Bulk,B200,engine-" + QByteArray::number(row % kSeries) + ",fp8,1024,1024," +
                QByteArray::number(row / kSeries + 1) + "," + QByteArray::number(100 + row) +
                ",50\n";
    return text;
}

bool writeBytes(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

double pointsIn(const QString& catalog) {
    return sqliteNumber(catalog, "SELECT count(*) FROM points").value_or(-1);
}

} // namespace

class TestSessionImport : public QObject {
    Q_OBJECT

private slots:
    void init();
    void importsEveryRowAndCountsSeries();
    void cancelWhileWritingRollsBackEverything();
    void cancelAtTheLastChanceImportsNothing();
    void badRowAfterManyWrittenNamesFileLineFieldReason();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_catalog;
    QString m_big;
    std::unique_ptr<app::CatalogFileSession> m_session;
};

void TestSessionImport::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_catalog = m_dir->filePath(QStringLiteral("catalog.sqlite"));
    const QString base = m_dir->filePath(QStringLiteral("base.csv"));
    QVERIFY(writeBytes(base, kHeader + "Own,H100,vllm,fp8,1024,1024,1,500,90\n"
                                       "Own,H100,vllm,fp8,1024,1024,2,900,80\n"));
    QVERIFY(data::importIntoCatalog(m_catalog, {base}, data::ImportFormat::Auto, {}).ok);
    QCOMPARE(pointsIn(m_catalog), 2.0);
    m_big = m_dir->filePath(QStringLiteral("big.csv"));
    QVERIFY(writeBytes(m_big, manyRows(kRows)));
    QString error;
    m_session = app::CatalogFileSession::openFile(m_catalog, &error);
    QVERIFY2(m_session, qPrintable(error));
}

void TestSessionImport::importsEveryRowAndCountsSeries() {
    std::atomic<bool> otherThread = false;
    qint64 lastDone = 0;
    int calls = 0;
    QThread* const caller = QThread::currentThread();
    const ui::ImportOutcome outcome =
        m_session->importFiles(m_catalog, {m_big}, {}, [&](qint64 done, qint64) {
            otherThread = otherThread || QThread::currentThread() != caller;
            lastDone = done;
            ++calls;
            return true;
        });
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.points, qint64(kRows));
    QCOMPARE(outcome.series, qint64(kSeries));
    QCOMPARE(pointsIn(m_catalog), 2.0 + kRows);
    // Row 54,321: engine-21, concurrency 544, throughput 54,421.
    QCOMPARE(sqliteNumber(m_catalog, "SELECT p.tput_per_gpu FROM points p JOIN series s ON "
                                     "s.id = p.series_id WHERE s.engine = 'engine-21' AND "
                                     "p.concurrency = 544")
                 .value_or(-1),
             54421.0);
    // Progress comes from the parsing thread (so the runner shares only atomics with it), and
    // the commit is announced last with (-1, -1).
    QVERIFY(otherThread);
    QVERIFY(calls > 1);
    QCOMPARE(lastDone, qint64(-1));
}

void TestSessionImport::cancelWhileWritingRollsBackEverything() {
    const QByteArray before = fileHash(m_catalog);
    const QString wal = m_catalog + QStringLiteral("-wal");
    const qint64 walBytesBefore = QFileInfo(wal).size();
    qint64 walBytesAtCancel = 0;
    const ui::ImportOutcome outcome =
        m_session->importFiles(m_catalog, {m_big}, {}, [&](qint64 done, qint64 total) {
            if (done < total / 2)
                return true;
            // Rows are already in the open transaction when the cancel comes.
            walBytesAtCancel = QFileInfo(wal).size();
            return false;
        });
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.cancelled);
    QVERIFY2(walBytesAtCancel > walBytesBefore, "the cancel came before any row was written");
    QCOMPARE(pointsIn(m_catalog), 2.0);
    QCOMPARE(fileHash(m_catalog), before);
}

void TestSessionImport::cancelAtTheLastChanceImportsNothing() {
    bool sawCommit = false;
    const ui::ImportOutcome outcome =
        m_session->importFiles(m_catalog, {m_big}, {}, [&](qint64 done, qint64) {
            sawCommit = sawCommit || done < 0;
            return done >= 0;
        });
    QVERIFY(sawCommit);
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.cancelled);
    QCOMPARE(pointsIn(m_catalog), 2.0);
}

void TestSessionImport::badRowAfterManyWrittenNamesFileLineFieldReason() {
    // 90,000 good rows, then a throughput that is not a number on line 90,002 (line 1 is the
    // header), then more good rows.
    QByteArray text = manyRows(90000);
    text += "Bulk,B200,engine-3,fp8,1024,1024,5000,fast,50\n";
    text += manyRows(10).mid(kHeader.size()).replace("1024,1024,", "2048,1024,");
    const QString bad = m_dir->filePath(QStringLiteral("bad.csv"));
    QVERIFY(writeBytes(bad, text));
    const QByteArray before = fileHash(m_catalog);
    const ui::ImportOutcome outcome =
        m_session->importFiles(m_catalog, {bad}, {}, [](qint64, qint64) { return true; });
    QVERIFY(!outcome.ok);
    QVERIFY(!outcome.cancelled);
    QCOMPARE(QFileInfo(outcome.file).fileName(), QStringLiteral("bad.csv"));
    QCOMPARE(outcome.location, QStringLiteral("line 90002"));
    QCOMPARE(outcome.field, QStringLiteral("tput_per_gpu"));
    QVERIFY2(outcome.reason.contains(QStringLiteral("fast")), qPrintable(outcome.reason));
    QCOMPARE(pointsIn(m_catalog), 2.0);
    QCOMPARE(fileHash(m_catalog), before);
}

QTEST_GUILESS_MAIN(TestSessionImport)
#include "test_session_import.moc"
