// kill -9 in the middle of a large `tokenomics import`: afterwards the catalog passes
// PRAGMA integrity_check, opens again, and holds either all of the import or none of it.
// The import (~200k rows) is timed once; the kills then land at instants spread over it.
#include "AppTestSupport.h"
#include "CatalogTestSupport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <sqlite3.h>

using namespace tokenomics::testing;

namespace {

constexpr int seriesCount = 200;
constexpr int pointsPerSeries = 1000; // 200,000 rows
constexpr int basePoints = 3;
// The whole test stays inside ctest's 120 s: one timed import plus kills that wait on average
// half of it, as many as fit in the budget, between 3 and 10.
constexpr qint64 budgetMs = 80000;

QByteArray largeCsv() {
    QByteArray text = "model,hardware,engine,precision,isl,osl,concurrency,gpus,tput_per_gpu,"
                      "interactivity_p50,ttft_p50,source\n";
    text.reserve(seriesCount * pointsPerSeries * 64);
    for (int series = 0; series < seriesCount; ++series) {
        const QByteArray prefix =
            "Bulk model,B200,engine-" + QByteArray::number(series) + ",fp8,1024,1024,";
        for (int point = 1; point <= pointsPerSeries; ++point) {
            text += prefix + QByteArray::number(point) + ",8," + QByteArray::number(100 + point) +
                    "," + QByteArray::number(5000.0 / point) + ",0.5,bulk\n";
        }
    }
    return text;
}

/// PRAGMA integrity_check through the C API, with a read-write handle so that a hot WAL or
/// journal left by the killed process is recovered exactly as the next program would.
QString integrityCheck(const QString& path) {
    sqlite3* database = nullptr;
    QString result = QStringLiteral("cannot open");
    if (sqlite3_open_v2(path.toUtf8().constData(), &database, SQLITE_OPEN_READWRITE, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(database, "PRAGMA integrity_check", -1, &statement, nullptr) ==
            SQLITE_OK) {
            result.clear();
            while (sqlite3_step(statement) == SQLITE_ROW)
                result += QString::fromUtf8(
                    reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(database);
    return result;
}

bool copyCatalog(const QString& from, const QString& to) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(to + QLatin1String(suffix));
    return QFile::copy(from, to);
}

} // namespace

class TestKillDuringImport : public QObject {
    Q_OBJECT

private slots:
    void catalogHoldsAllOrNothing();
};

void TestKillDuringImport::catalogHoldsAllOrNothing() {
    QTemporaryDir folder;
    const QString home = folder.filePath(QStringLiteral("home"));
    const QString small = folder.filePath(QStringLiteral("small.csv"));
    const QString large = folder.filePath(QStringLiteral("large.csv"));
    const QString base = folder.filePath(QStringLiteral("base.sqlite"));
    QVERIFY(writeTextFile(small, "model,hardware,engine,precision,isl,osl,concurrency,gpus,"
                                 "tput_per_gpu,interactivity_p50\n"
                                 "Own model,H100 SXM,vllm,fp8,1024,1024,1,8,500,90\n"
                                 "Own model,H100 SXM,vllm,fp8,1024,1024,2,8,900,80\n"
                                 "Own model,H100 SXM,vllm,fp8,1024,1024,4,8,1500,60\n"));
    QVERIFY(writeTextFile(large, largeCsv()));
    QCOMPARE(runTokenomics({QStringLiteral("import"), QStringLiteral("--db"), base, small}, home)
                 .exitCode,
             0);
    QVERIFY(!QFile::exists(base + QStringLiteral("-wal")));
    const double allPoints = basePoints + double(seriesCount) * pointsPerSeries;

    // One whole import, to time it and to see that it holds every row.
    const QString target = folder.filePath(QStringLiteral("target.sqlite"));
    QVERIFY(copyCatalog(base, target));
    const QStringList arguments{QStringLiteral("import"), QStringLiteral("--db"), target, large};
    QElapsedTimer timer;
    timer.start();
    const RunResult whole = runTokenomics(arguments, home);
    const qint64 durationMs = timer.elapsed();
    QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
    QCOMPARE(sqliteNumber(target, "SELECT count(*) FROM points").value_or(-1), allPoints);
    const int instants =
        int(std::clamp<qint64>(2 * (budgetMs / std::max<qint64>(durationMs, 1) - 1), 3, 10));
    qInfo("a whole import of %d rows takes %lld ms; killing at %d instants",
          seriesCount * pointsPerSeries, durationMs, instants);

    int killedWhileWriting = 0;
    int killedWithNothing = 0;
    int killedWithAll = 0;
    for (int instant = 1; instant <= instants; ++instant) {
        QVERIFY(copyCatalog(base, target));
        const int delayMs = int(durationMs * instant / (instants + 1));
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(TOKENOMICS_EXECUTABLE), arguments);
        QVERIFY(process.waitForStarted());
        const bool finishedFirst = process.waitForFinished(delayMs);
        if (!finishedFirst) {
            process.kill(); // SIGKILL: no handler, no cleanup
            QVERIFY(process.waitForFinished(10000));
        }
        // Pages in the -wal: the kill came while the transaction was being written.
        if (!finishedFirst && QFileInfo(target + QStringLiteral("-wal")).size() > 0)
            ++killedWhileWriting;
        const QString integrity = integrityCheck(target);
        QVERIFY2(integrity == QStringLiteral("ok"),
                 qPrintable(QStringLiteral("killed at %1 ms: %2").arg(delayMs).arg(integrity)));
        const double points = sqliteNumber(target, "SELECT count(*) FROM points").value_or(-1);
        QVERIFY2(points == basePoints || points == allPoints,
                 qPrintable(QStringLiteral("killed at %1 ms: %2 points").arg(delayMs).arg(points)));
        // The buyer's own rows are always there.
        QCOMPARE(sqliteNumber(target, "SELECT count(*) FROM points p JOIN series s ON "
                                      "s.id = p.series_id WHERE s.model = 'Own model'")
                     .value_or(-1),
                 double(basePoints));
        // And the next program opens the catalog normally.
        const RunResult query =
            runTokenomics({QStringLiteral("query"), QStringLiteral("--db"), target,
                           QStringLiteral("--format"), QStringLiteral("csv")},
                          home);
        QVERIFY2(query.exitCode == 0, qPrintable(query.err));
        if (!finishedFirst)
            (points == basePoints ? killedWithNothing : killedWithAll) += 1;
    }
    qInfo("kills that left none of the import: %d (%d of them while writing it), all of it "
          "(killed after COMMIT): %d",
          killedWithNothing, killedWhileWriting, killedWithAll);
    // At least one kill must have come while the rows were being written, or the test proved
    // nothing about the transaction.
    QVERIFY(killedWhileWriting > 0);
}

QTEST_GUILESS_MAIN(TestKillDuringImport)
#include "test_kill_during_import.moc"
