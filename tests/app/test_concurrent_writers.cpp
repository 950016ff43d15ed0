// Two `tokenomics import` processes writing one catalog at the same time, with different data:
// each either succeeds (the second waits for the first) or fails saying the catalog is busy,
// and afterwards the catalog holds exactly the points of the imports that succeeded.
#include "AppTestSupport.h"
#include "CatalogTestSupport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace tokenomics::testing;

namespace {

constexpr int pointsPerFile = 20000;
constexpr int rounds = 3;

/// pointsPerFile rows in 20 series of its own engine, so two files never collide.
QByteArray csvFor(const QByteArray& engine) {
    QByteArray text = "model,hardware,engine,precision,isl,osl,concurrency,gpus,tput_per_gpu,"
                      "interactivity_p50\n";
    for (int row = 0; row < pointsPerFile; ++row) {
        text += "Writer model,B200," + engine + ",fp8," + QByteArray::number(1000 + row % 20) +
                ",1024," + QByteArray::number(row / 20 + 1) + ",8," +
                QByteArray::number(100 + row) + ",50\n";
    }
    return text;
}

struct Writer {
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    void start(const QString& db, const QString& csv, const QString& home) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home);
        process->setProcessEnvironment(environment);
        process->start(QStringLiteral(TOKENOMICS_EXECUTABLE),
                       {QStringLiteral("import"), QStringLiteral("--db"), db, csv});
    }
};

} // namespace

class TestConcurrentWriters : public QObject {
    Q_OBJECT

private slots:
    void noWriteIsLost();
};

void TestConcurrentWriters::noWriteIsLost() {
    QTemporaryDir folder;
    const QString home = folder.filePath(QStringLiteral("home"));
    // Round 1 starts on a missing file: both writers race to create it too.
    const QString db = folder.filePath(QStringLiteral("shared.sqlite"));
    double expected = 0;
    int bothSucceeded = 0;
    for (int round = 0; round < rounds; ++round) {
        const QString first = folder.filePath(QStringLiteral("first%1.csv").arg(round));
        const QString second = folder.filePath(QStringLiteral("second%1.csv").arg(round));
        QVERIFY(writeTextFile(first, csvFor("first-" + QByteArray::number(round))));
        QVERIFY(writeTextFile(second, csvFor("second-" + QByteArray::number(round))));
        Writer a;
        Writer b;
        a.start(db, first, home);
        b.start(db, second, home);
        QVERIFY(a.process->waitForFinished(100000));
        QVERIFY(b.process->waitForFinished(100000));
        int succeeded = 0;
        for (Writer* writer : {&a, &b}) {
            QCOMPARE(writer->process->exitStatus(), QProcess::NormalExit);
            const QString err = QString::fromUtf8(writer->process->readAllStandardError());
            if (writer->process->exitCode() == 0) {
                ++succeeded;
                continue;
            }
            QVERIFY2(err.contains(QStringLiteral("busy")), qPrintable(err));
        }
        expected += double(succeeded) * pointsPerFile;
        bothSucceeded += succeeded == 2 ? 1 : 0;
        QCOMPARE(sqliteNumber(db, "SELECT count(*) FROM points").value_or(-1), expected);
    }
    qInfo("rounds in which both writers succeeded: %d of %d", bothSucceeded, rounds);
    QCOMPARE(sqliteNumber(db, "PRAGMA user_version").value_or(-1), 2.0);
    // Nothing half-made is left beside the catalog.
    const QStringList beside =
        QDir(folder.path()).entryList({QStringLiteral("shared.sqlite.*")}, QDir::Files);
    QVERIFY2(beside.isEmpty(), qPrintable(beside.join(u' ')));
}

QTEST_GUILESS_MAIN(TestConcurrentWriters)
#include "test_concurrent_writers.moc"
