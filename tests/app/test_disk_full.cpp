// A full disk while importing: on a real small filesystem (a tmpfs, when this test may mount
// one) and under a file-size limit (RLIMIT_FSIZE, which any user can set), an import that does
// not fit says "the disk is full" naming the catalog, exits non-zero, and leaves what was
// there before: no file for a new catalog, the old catalog byte-identical (SHA-256) for an
// existing one. An import that fits on the same filesystem succeeds.
#include "AppTestSupport.h"
#include "CatalogTestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace tokenomics::testing;

namespace {

// Rows of distinct series and loads, about 70 bytes each.
QByteArray resultsCsv(int rows, const QString& model, int models) {
    QByteArray csv = "model,hardware,gpus,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                     "interactivity_p50,ttft_p50,run,source,date\n";
    for (int i = 0; i < rows; ++i)
        csv += QStringLiteral("%8%1,gpu%2,8,vllm,fp8,1024,1024,%3,%4,%5,0.%6,r%7,bench,2025-09\n")
                   .arg(i % models)
                   .arg(i % 40)
                   .arg(i % 512 + 1)
                   .arg(1000 + i % 5000)
                   .arg(10 + i % 200)
                   .arg(i % 9 + 1)
                   .arg(i / 1000)
                   .arg(model)
                   .toUtf8();
    return csv;
}

QStringList folderEntries(const QString& folder) {
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                                  QDir::Name);
}

// tokenomics with the file-size limit `limit` bytes (0: none); SIGXFSZ ignored, so a write past
// the limit fails with EFBIG as it does for a full disk.
RunResult runLimited(const QStringList& arguments, const QString& dataHome, rlim_t limit) {
    QProcess process;
    process.setProcessEnvironment(environmentWithHome(dataHome));
    if (limit > 0) {
        process.setChildProcessModifier([limit] {
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit fileSize{limit, limit};
            if (setrlimit(RLIMIT_FSIZE, &fileSize) != 0)
                _exit(126);
        });
    }
    return runIn(process, arguments, 120000);
}

qint64 seriesCount(const QString& catalog, const QString& home) {
    const RunResult run = runTokenomics(
        {QStringLiteral("query"), QStringLiteral("--db"), catalog, QStringLiteral("--format"),
         QStringLiteral("json"), QStringLiteral("--min-interactivity"), QStringLiteral("1")},
        home);
    if (run.exitCode != 0)
        return -1;
    return QJsonDocument::fromJson(run.out.toUtf8()).object().value("series").toArray().size();
}

} // namespace

class TestDiskFull : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(home_.isValid() && inputs_.isValid());
        small_ = inputs_.filePath(QStringLiteral("small.csv"));
        large_ = inputs_.filePath(QStringLiteral("large.csv"));
        QVERIFY(writeTextFile(small_, resultsCsv(200, QStringLiteral("Small"), 1)));
        QVERIFY(writeTextFile(large_, resultsCsv(60000, QStringLiteral("Large"), 25)));
        huge_ = inputs_.filePath(QStringLiteral("huge.csv"));
        QVERIFY(writeTextFile(huge_, resultsCsv(300000, QStringLiteral("Huge"), 25)));
    }

    void fullDiskLosesNothing_data() {
        QTest::addColumn<int>("tmpfsMegabytes"); // 0: a 2 MB file-size limit instead
        QTest::addColumn<bool>("existing");
        QTest::addColumn<bool>("huge"); // 300,000 rows, which fit in the WAL but not twice
        QTest::newRow("new catalog, 3 MB tmpfs") << 3 << false << false;
        QTest::newRow("existing catalog, 3 MB tmpfs") << 3 << true << false;
        QTest::newRow("new catalog, 40 MB tmpfs, 300,000 rows") << 40 << false << true;
        QTest::newRow("existing catalog, 40 MB tmpfs, 300,000 rows") << 40 << true << true;
        QTest::newRow("new catalog, 2 MB file-size limit") << 0 << false << false;
        QTest::newRow("existing catalog, 2 MB file-size limit") << 0 << true << false;
    }
    void fullDiskLosesNothing() {
        QFETCH(int, tmpfsMegabytes);
        QFETCH(bool, existing);
        QFETCH(bool, huge);
        const bool tmpfs = tmpfsMegabytes > 0;
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        rlim_t limit = 0;
        if (tmpfs) {
            if (geteuid() != 0 ||
                mount("tmpfs", folder.path().toLocal8Bit().constData(), "tmpfs", 0,
                      QByteArray("size=" + QByteArray::number(tmpfsMegabytes) + "m").constData()) !=
                    0)
                QSKIP("mounting a tmpfs needs root; the file-size limit rows cover the rest");
        } else {
            limit = 2 * 1024 * 1024;
        }
        const auto unmount = qScopeGuard([&] {
            if (tmpfs)
                umount(folder.path().toLocal8Bit().constData());
        });
        const QString catalog = folder.filePath(QStringLiteral("team.sqlite"));
        QByteArray before;
        if (existing) {
            const RunResult first =
                runLimited({QStringLiteral("import"), QStringLiteral("--db"), catalog, small_},
                           home_.path(), limit);
            QVERIFY2(first.exitCode == 0, qPrintable(first.err));
            before = fileHash(catalog);
        }
        const QStringList entriesBefore = folderEntries(folder.path());

        const RunResult run = runLimited(
            {QStringLiteral("import"), QStringLiteral("--db"), catalog, huge ? huge_ : large_},
            home_.path(), limit);
        QVERIFY2(run.exitCode > 0, qPrintable(run.out + run.err));
        QVERIFY2(run.err.contains(QStringLiteral("the disk is full")), qPrintable(run.err));
        QVERIFY2(run.err.contains(catalog), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("nothing was imported")), qPrintable(run.err));
        QVERIFY(!run.out.contains(QStringLiteral("Imported")));

        QCOMPARE(folderEntries(folder.path()), entriesBefore);
        if (existing) {
            QCOMPARE(fileHash(catalog), before);
            // The 40 series of the first import (one per GPU) are all still there.
            QCOMPARE(seriesCount(catalog, home_.path()), qint64(40));
        }

        // What fits still imports into the same place.
        if (!existing) {
            const RunResult fits =
                runLimited({QStringLiteral("import"), QStringLiteral("--db"), catalog, small_},
                           home_.path(), limit);
            QVERIFY2(fits.exitCode == 0, qPrintable(fits.err));
            QCOMPARE(seriesCount(catalog, home_.path()), qint64(40));
        }
    }

private:
    QTemporaryDir home_;
    QTemporaryDir inputs_;
    QString small_;
    QString large_;
    QString huge_;
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "test_disk_full.moc"
