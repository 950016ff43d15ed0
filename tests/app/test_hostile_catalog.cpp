// Files that are not catalogs, given to `--db`: every verb refuses them with a message naming
// the file and the reason, exits non-zero, and leaves the file byte-identical (SHA-256) with
// nothing created beside it. The dashboard shows the same refusal in a dialog. A read-only
// catalog is a legitimate thing to query: `query` reads it, `import` refuses it, neither writes.
#include "AppTestSupport.h"
#include "CatalogTestSupport.h"
#include "Commands.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <grp.h>
#include <map>
#include <unistd.h>

using namespace tokenomics::testing;

namespace {

const QByteArray goodCsv =
    "model,hardware,engine,precision,isl,osl,concurrency,gpus,tput_per_gpu,interactivity_p50\n"
    "Llama 3.3 70B,B200,vllm,fp8,1024,1024,4,8,1000,100\n"
    "Llama 3.3 70B,B200,vllm,fp8,1024,1024,16,8,4000,50\n";

constexpr uid_t nobodyId = 65534;

/// Names of everything in a folder, to see that nothing was created beside a refused file.
QStringList folderEntries(const QString& folder) {
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                                  QDir::Name);
}

/// SHA-256 of a file, or of a folder's listing when the path is a folder.
QByteArray contentHash(const QString& path) {
    if (QFileInfo(path).isDir())
        return folderEntries(path).join(u'/').toUtf8();
    return fileHash(path);
}

/// Runs tokenomics as the unprivileged user `nobody` (when this test runs as root, which file
/// permissions do not stop) so a read-only file really cannot be written.
RunResult runAsNobody(const QStringList& arguments, const QString& dataHome) {
    QProcess process;
    process.setProcessEnvironment(environmentWithHome(dataHome));
    if (geteuid() == 0) {
        process.setChildProcessModifier([] {
            if (setgroups(0, nullptr) != 0 || setgid(nobodyId) != 0 || setuid(nobodyId) != 0)
                _exit(126);
        });
    }
    return runIn(process, arguments);
}

QString nobodyHome() {
    return QDir::tempPath() + QStringLiteral("/tokenomics-nobody-home");
}

/// `query --db PATH --format csv` as `nobody` (exit code 126: it could not become nobody).
RunResult queryAsNobody(const QString& path) {
    return runAsNobody({QStringLiteral("query"), QStringLiteral("--db"), path,
                        QStringLiteral("--format"), QStringLiteral("csv")},
                       nobodyHome());
}

} // namespace

class TestHostileCatalog : public QObject {
    Q_OBJECT

private slots:
    void init();
    void refusedByEveryVerb_data();
    void refusedByEveryVerb();
    void dashboardShowsADialog_data();
    void dashboardShowsADialog();
    void readOnlyCatalogIsQueriedNotWritten_data();
    void readOnlyCatalogIsQueriedNotWritten();
    void oddIdsAreReadNotTrusted_data();
    void oddIdsAreReadNotTrusted();
    void hotJournalOfACrashedWriterIsNotRead();
    void leftoverJournalOfAWritableCatalogIsRolledBack();
    void walInAReadOnlyFolderIsExplained();

private:
    QString file(const QString& name) const { return folder_->filePath(name); }
    /// Makes the hostile file of a data row; returns its path and the reason expected.
    QString makeHostile(const QString& kind);
    /// A real catalog with two points, closed (its WAL folded into the file).
    QString makeCatalog(const QString& name);
    /// Makes the folder "shared" (and the test's folder) enterable but not writable, and
    /// `files` in it read-only, so that `nobody` can read them and write nothing.
    void makeSharedReadOnly(const QStringList& files);
    std::unique_ptr<QTemporaryDir> folder_;
};

void TestHostileCatalog::init() {
    folder_ = std::make_unique<QTemporaryDir>();
    QVERIFY(folder_->isValid());
    QVERIFY(writeTextFile(file(QStringLiteral("good.csv")), goodCsv));
}

QString TestHostileCatalog::makeCatalog(const QString& name) {
    const QString path = file(name);
    const RunResult run = runTokenomics(
        {QStringLiteral("import"), QStringLiteral("--db"), path, file(QStringLiteral("good.csv"))},
        file(QStringLiteral("home")));
    if (run.exitCode != 0 || QFile::exists(path + QStringLiteral("-wal")))
        return {};
    return path;
}

QString TestHostileCatalog::makeHostile(const QString& kind) {
    const QString path = file(QStringLiteral("hostile/") + kind + QStringLiteral(".sqlite"));
    QDir().mkpath(file(QStringLiteral("hostile")));
    if (kind == u"random") {
        QRandomGenerator random(20261127); // fixed: the same bytes every run
        QByteArray bytes(8192, '\0');
        for (char& byte : bytes)
            byte = static_cast<char>(random.bounded(256));
        return writeTextFile(path, bytes) ? path : QString();
    }
    if (kind == u"empty")
        return writeTextFile(path, QByteArray()) ? path : QString();
    if (kind == u"newer")
        return makeSqliteFile(path, 7) ? path : QString();
    if (kind == u"directory")
        return QDir().mkpath(path) ? path : QString();
    // A real catalog edited by hand: each SQL below breaks the schema a different way.
    static const std::map<QString, const char*> edits = {
        {QStringLiteral("trigger"),
         "CREATE TRIGGER wipe AFTER INSERT ON points BEGIN DELETE FROM cost_bases; END"},
        {QStringLiteral("view"), "CREATE VIEW endless AS WITH RECURSIVE n(i) AS (SELECT 1 UNION "
                                 "ALL SELECT i + 1 FROM n) SELECT i FROM n"},
        {QStringLiteral("dropped-aliases"), "DROP TABLE model_aliases"},
        {QStringLiteral("dropped-accelerators"), "DROP TABLE accelerators"},
        {QStringLiteral("changed-table"), "ALTER TABLE points ADD COLUMN extra TEXT"},
    };
    if (const auto edit = edits.find(kind); edit != edits.end()) {
        const QString whole = makeCatalog(QStringLiteral("whole-%1.sqlite").arg(kind));
        return !whole.isEmpty() && QFile::rename(whole, path) && sqliteExecute(path, edit->second)
                   ? path
                   : QString();
    }
    if (kind == u"version-only")
        return sqliteExecute(path, "PRAGMA user_version = 1; CREATE TABLE t (x); DROP TABLE t")
                   ? path
                   : QString();
    if (kind == u"foreign")
        return sqliteExecute(path, "CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO "
                                   "contacts VALUES ('Ada', '555-0100')")
                   ? path
                   : QString();
    if (kind.startsWith(u"truncated")) {
        // A whole catalog cut short, as a failed copy or a full disk leaves it.
        const QString whole = makeCatalog(QStringLiteral("whole-%1.sqlite").arg(kind));
        QFile source(whole);
        if (whole.isEmpty() || !source.open(QIODevice::ReadOnly))
            return {};
        const QByteArray bytes = source.readAll();
        const qsizetype keep = kind == u"truncated-header" ? 60 : bytes.size() / 2;
        return writeTextFile(path, bytes.left(keep)) ? path : QString();
    }
    return {};
}

void TestHostileCatalog::refusedByEveryVerb_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("random bytes") << "random"
                                  << "not an SQLite database";
    QTest::newRow("zero-length") << "empty"
                                 << "empty";
    QTest::newRow("truncated catalog") << "truncated-half"
                                       << "damaged";
    QTest::newRow("truncated in header") << "truncated-header"
                                         << "not an SQLite database";
    QTest::newRow("newer user_version") << "newer"
                                        << "newer";
    QTest::newRow("a directory") << "directory"
                                 << "not a regular file";
    QTest::newRow("its own trigger") << "trigger"
                                     << "not a Tokenomics catalog: it holds trigger wipe";
    QTest::newRow("its own recursive view") << "view"
                                            << "not a Tokenomics catalog: it holds view endless";
    QTest::newRow("model_aliases dropped") << "dropped-aliases"
                                           << "its table model_aliases is missing";
    QTest::newRow("accelerators dropped") << "dropped-accelerators"
                                          << "its table accelerators is missing";
    QTest::newRow("a table changed") << "changed-table"
                                     << "its table points differs";
    QTest::newRow("user_version 1, no tables") << "version-only"
                                               << "is missing";
    QTest::newRow("another program's database") << "foreign"
                                                << "not a Tokenomics catalog: it holds table "
                                                   "contacts";
}

void TestHostileCatalog::refusedByEveryVerb() {
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    const QString path = makeHostile(kind);
    QVERIFY(!path.isEmpty());
    const QByteArray before = contentHash(path);
    const QStringList besideBefore = folderEntries(file(QStringLiteral("hostile")));
    const QList<QStringList> verbs = {
        {QStringLiteral("query"), QStringLiteral("--db"), path},
        {QStringLiteral("query"), QStringLiteral("--db"), path, QStringLiteral("--format"),
         QStringLiteral("json")},
        {QStringLiteral("import"), QStringLiteral("--db"), path, file(QStringLiteral("good.csv"))},
        {QStringLiteral("report"), QStringLiteral("--db"), path, QStringLiteral("--out"),
         file(QStringLiteral("report.svg"))},
    };
    for (const QStringList& arguments : verbs) {
        const RunResult run = runTokenomics(arguments, file(QStringLiteral("home")));
        const QByteArray what = arguments.join(u' ').toUtf8();
        QVERIFY2(run.exitCode > 0, what + " exited " + QByteArray::number(run.exitCode));
        QVERIFY2(run.err.contains(path), what + ": " + run.err.toUtf8());
        QVERIFY2(run.err.contains(reason), what + ": " + run.err.toUtf8());
        QCOMPARE(contentHash(path), before);
        QCOMPARE(folderEntries(file(QStringLiteral("hostile"))), besideBefore);
    }
    QVERIFY(!QFile::exists(file(QStringLiteral("report.svg"))));
}

void TestHostileCatalog::dashboardShowsADialog_data() {
    refusedByEveryVerb_data();
}

void TestHostileCatalog::dashboardShowsADialog() {
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    const QString path = makeHostile(kind);
    QVERIFY(!path.isEmpty());
    const QByteArray before = contentHash(path);
    // The dialog is modal: read it and close it from inside its event loop. Should the
    // dashboard open instead, close every window after a while so the test fails, not hangs.
    QString dialogText;
    QTimer poll;
    poll.setInterval(50);
    connect(&poll, &QTimer::timeout, this, [&dialogText] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            dialogText = box->text();
            box->done(QMessageBox::Ok);
        }
    });
    QTimer::singleShot(15000, qApp, [] { QApplication::closeAllWindows(); });
    poll.start();
    const int exitCode = tokenomics::app::runDashboard({QStringLiteral("--db"), path});
    poll.stop();
    QCOMPARE(exitCode, 1);
    QVERIFY2(dialogText.contains(path), qPrintable(dialogText));
    QVERIFY2(dialogText.contains(reason), qPrintable(dialogText));
    QCOMPARE(contentHash(path), before);
}

// A writer crashed mid-transaction and left a hot -journal. A catalog that can be written is
// rolled back by SQLite on open; one that cannot must not be read past the journal (the file
// holds pages that were never committed): refused, saying how to recover it, nothing changed.
void TestHostileCatalog::hotJournalOfACrashedWriterIsNotRead() {
    QVERIFY(QDir().mkpath(file(QStringLiteral("shared"))));
    const QString good = makeCatalog(QStringLiteral("good.sqlite"));
    QVERIFY(!good.isEmpty());
    const QString path = file(QStringLiteral("shared/crashed.sqlite"));
    const QString journal = path + QStringLiteral("-journal");
    QVERIFY(makeCrashedWriterCopy(good, path, "DELETE FROM points"));
    makeSharedReadOnly({path, journal});
    const QByteArray before = fileHash(path);
    const QByteArray journalBefore = fileHash(journal);

    const RunResult query = queryAsNobody(path);
    QVERIFY2(query.exitCode != 126, "could not become the user nobody");
    QVERIFY2(query.exitCode > 0, qPrintable(query.out + query.err));
    QVERIFY2(query.err.contains(path), qPrintable(query.err));
    QVERIFY2(query.err.contains(QStringLiteral("unfinished write")), qPrintable(query.err));
    QVERIFY2(query.err.contains(QStringLiteral("write permission")), qPrintable(query.err));
    QCOMPARE(fileHash(path), before);
    QCOMPARE(fileHash(journal), journalBefore);

    // Given write permission, SQLite rolls the crashed write back: the points are all there.
    QVERIFY(
        QFile::setPermissions(file(QStringLiteral("shared")), QFile::permissions(folder_->path())));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    const RunResult recovered =
        runTokenomics({QStringLiteral("query"), QStringLiteral("--db"), path,
                       QStringLiteral("--format"), QStringLiteral("csv")},
                      file(QStringLiteral("home")));
    QVERIFY2(recovered.exitCode == 0, qPrintable(recovered.err));
    QVERIFY2(recovered.out.contains(QStringLiteral("B200")), qPrintable(recovered.out));
}

void TestHostileCatalog::makeSharedReadOnly(const QStringList& files) {
    const QFile::Permissions readOnly = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
    for (const QString& name : files)
        QVERIFY(QFile::setPermissions(name, readOnly));
    const QFile::Permissions readAndEnter = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup |
                                            QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(file(QStringLiteral("shared")), readAndEnter));
    QVERIFY(QFile::setPermissions(folder_->path(), readAndEnter | QFile::WriteOwner));
}

// A crashed writer's -journal beside a catalog that can be written is rolled back on open
// (SQLite's own recovery), not taken for damage: the uncommitted table it left is gone and
// every point is read.
void TestHostileCatalog::leftoverJournalOfAWritableCatalogIsRolledBack() {
    const QString good = makeCatalog(QStringLiteral("good.sqlite"));
    QVERIFY(!good.isEmpty());
    const QString path = file(QStringLiteral("crashed.sqlite"));
    // Enough uncommitted pages to spill into the file: read past the journal, it is damaged.
    QVERIFY(makeCrashedWriterCopy(good, path,
                                  "CREATE TABLE scratch (b BLOB); WITH RECURSIVE n(i) AS (SELECT "
                                  "1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO "
                                  "scratch SELECT randomblob(2000) FROM n"));

    const RunResult query = runTokenomics({QStringLiteral("query"), QStringLiteral("--db"), path,
                                           QStringLiteral("--format"), QStringLiteral("csv")},
                                          file(QStringLiteral("home")));
    QVERIFY2(query.exitCode == 0, qPrintable(query.err));
    QVERIFY2(query.out.contains(QStringLiteral("B200")), qPrintable(query.out));
    QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
    QCOMPARE(sqliteNumber(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'scratch'"),
             std::optional<double>(0));
    QCOMPARE(sqliteNumber(path, "SELECT count(*) FROM points"), std::optional<double>(2));
}

// The last commit of a catalog sits in its -wal, and the folder cannot be written, so SQLite
// cannot build the -shm index it needs to read it. Not "damaged": the message says what is
// wrong, and neither the file nor its -wal is changed.
void TestHostileCatalog::walInAReadOnlyFolderIsExplained() {
    QVERIFY(QDir().mkpath(file(QStringLiteral("shared"))));
    const QString good = makeCatalog(QStringLiteral("good.sqlite"));
    QVERIFY(!good.isEmpty());
    const QString path = file(QStringLiteral("shared/prices.sqlite"));
    const QString wal = path + QStringLiteral("-wal");
    QVERIFY(makeUncheckpointedWalCopy(good, path, "DELETE FROM points WHERE concurrency = 16"));
    QVERIFY(QFileInfo(wal).size() > 0);
    makeSharedReadOnly({path, wal});
    const QByteArray before = fileHash(path);
    const QByteArray walBefore = fileHash(wal);

    const RunResult query = queryAsNobody(path);
    QVERIFY2(query.exitCode != 126, "could not become the user nobody");
    QVERIFY2(query.exitCode > 0, qPrintable(query.out + query.err));
    QVERIFY2(query.err.contains(wal), qPrintable(query.err));
    QVERIFY2(query.err.contains(QStringLiteral("changes that are not in the catalog file")),
             qPrintable(query.err));
    QVERIFY2(!query.err.contains(QStringLiteral("damaged")), qPrintable(query.err));
    QCOMPARE(fileHash(path), before);
    QCOMPARE(fileHash(wal), walBefore);
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
}

void TestHostileCatalog::readOnlyCatalogIsQueriedNotWritten_data() {
    QTest::addColumn<bool>("folderWritable");
    QTest::newRow("read-only file") << true;
    QTest::newRow("read-only file in a read-only folder") << false;
}

void TestHostileCatalog::readOnlyCatalogIsQueriedNotWritten() {
    QFETCH(bool, folderWritable);
    QVERIFY(QDir().mkpath(file(QStringLiteral("shared"))));
    const QString path = makeCatalog(QStringLiteral("shared/prices.sqlite"));
    QVERIFY(!path.isEmpty());
    const QString shared = file(QStringLiteral("shared"));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    const QFile::Permissions readAndEnter = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup |
                                            QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(shared, folderWritable ? readAndEnter | QFile::WriteOwner |
                                                               QFile::WriteGroup | QFile::WriteOther
                                                         : readAndEnter));
    // `nobody` must reach the folder and read the input; the temporary folder is private.
    QVERIFY(QFile::setPermissions(folder_->path(), readAndEnter | QFile::WriteOwner));
    QVERIFY(QFile::setPermissions(file(QStringLiteral("good.csv")),
                                  QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    const QByteArray before = fileHash(path);
    const QStringList besideBefore = folderEntries(shared);

    const RunResult query = queryAsNobody(path);
    QVERIFY2(query.exitCode != 126, "could not become the user nobody");
    QVERIFY2(query.exitCode == 0, qPrintable(query.err));
    QVERIFY2(query.out.contains(QStringLiteral("B200")), qPrintable(query.out));
    QCOMPARE(fileHash(path), before);

    const RunResult import = runAsNobody(
        {QStringLiteral("import"), QStringLiteral("--db"), path, file(QStringLiteral("good.csv"))},
        nobodyHome());
    QCOMPARE(import.exitCode, 1);
    QVERIFY2(import.err.contains(path), qPrintable(import.err));
    QVERIFY2(import.err.contains(QStringLiteral("read-only")), qPrintable(import.err));
    QCOMPARE(fileHash(path), before);
    // Nothing beside it either: no -wal or -shm its owner could not write or remove.
    QCOMPARE(folderEntries(shared), besideBefore);
    QFile::setPermissions(shared, readAndEnter | QFile::WriteOwner);
}

void TestHostileCatalog::oddIdsAreReadNotTrusted_data() {
    QTest::addColumn<QString>("id");
    QTest::newRow("negative") << "-7";
    QTest::newRow("2^62") << "4611686018427387904";
    QTest::newRow("3e8 for one series") << "300000000";
}

// Ids are the file's own business: a series or point id that no vector could be indexed or
// sized by reads like any other, with the same figures.
void TestHostileCatalog::oddIdsAreReadNotTrusted() {
    QFETCH(QString, id);
    const QString path = makeCatalog(QStringLiteral("odd.sqlite"));
    QVERIFY(!path.isEmpty());
    const QByteArray sql = QStringLiteral("UPDATE points SET series_id = %1; UPDATE series SET id "
                                          "= %1; UPDATE points SET id = id + %1 - 10;")
                               .arg(id)
                               .toUtf8();
    QVERIFY(sqliteExecute(path, sql.constData()));
    QCOMPARE(sqliteNumber(path, "SELECT min(id) FROM series").value_or(0), id.toDouble());
    const RunResult run = runTokenomics({QStringLiteral("query"), QStringLiteral("--db"), path,
                                         QStringLiteral("--format"), QStringLiteral("json")},
                                        file(QStringLiteral("home")));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray series = QJsonDocument::fromJson(run.out.toUtf8())
                                  .object()
                                  .value(QStringLiteral("series"))
                                  .toArray();
    QCOMPARE(series.size(), 1);
    // goodCsv's best point: 4000 tok/s/GPU (no SLA given, the highest throughput wins).
    QCOMPARE(series[0].toObject().value(QStringLiteral("tput_per_gpu")).toDouble(), 4000.0);
    QCOMPARE(series[0].toObject().value(QStringLiteral("hardware")).toString(),
             QStringLiteral("B200"));
    // The dashboard's loader (through report) reads it as well.
    const RunResult report =
        runTokenomics({QStringLiteral("report"), QStringLiteral("--db"), path,
                       QStringLiteral("--out"), file(QStringLiteral("odd.svg"))},
                      file(QStringLiteral("home")));
    QVERIFY2(report.exitCode == 0, qPrintable(report.err));
    QVERIFY(QFileInfo(file(QStringLiteral("odd.svg"))).size() > 0);
}

QTEST_MAIN(TestHostileCatalog)
#include "test_hostile_catalog.moc"
