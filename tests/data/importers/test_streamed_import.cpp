// The streamed import: CSV read block by block, points written inside one transaction as they
// are read, and everything rolled back when any row of any file is bad.
#include "CatalogImport.h"
#include "CatalogStore.h"
#include "CatalogTestSupport.h"
#include "CatalogWriter.h"
#include "CsvRecordReader.h"
#include "ImportTestSupport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QProcess>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <cstring>

using namespace tokenomics;
using namespace tokenomics::data;
using namespace tokenomics::testing;
using namespace importer_test;

namespace {

const QByteArray kHeader = "model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                           "interactivity_p50\n";

/// rows points: 100 series ("engine-0" ...) of rows / 100 concurrencies 1, 2, ...
QByteArray manyRows(int rows, const QByteArray& model = "Bulk") {
    QByteArray text = kHeader;
    for (int row = 0; row < rows; ++row)
        text += model + ",B200,engine-" + QByteArray::number(row % 100) + ",fp8,1024,1024," +
                QByteArray::number(row / 100 + 1) + "," + QByteArray::number(100 + row) + ",50\n";
    return text;
}

/// Every record of a reader as "line:field|field|...", then "problem:..." when it stopped early.
QStringList recordsOf(tokenomics::data::importers::CsvRecordReader& reader) {
    QStringList records;
    std::vector<std::string_view> fields;
    while (reader.next(fields)) {
        QStringList cells;
        for (std::string_view field : fields)
            cells << QString::fromUtf8(field.data(), qsizetype(field.size()));
        records << QStringLiteral("%1:%2").arg(reader.recordLine()).arg(cells.join(u'|'));
    }
    if (!reader.problem().isEmpty())
        records << QStringLiteral("problem:") + reader.problem();
    return records;
}

} // namespace

class TestStreamedImport : public QObject {
    Q_OBJECT

private slots:
    void init();
    void blocksOfAnySizeReadTheSameRecords_data();
    void blocksOfAnySizeReadTheSameRecords();
    void lastRowBadLeavesTheCatalogAsItWas();
    void badLastRowOfTheSecondFileUndoesTheFirst();
    void duplicateAcrossFilesNamesBothPlaces();
    void pointAlreadyInTheCatalogNamesTheLine();
    void newCatalogIsOnlyCreatedBySuccess();
    void jsonFormatsStreamAsTheyParse();
    void stagingLeftByADeadImportIsRemoved();
    void endlessRecordIsRefusedInBoundedMemory();
    void longRecordFromAPipeTakesAFewPasses();

private:
    QString file(const QString& name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_catalog;
};

void TestStreamedImport::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_catalog = file(QStringLiteral("catalog.sqlite"));
    const QString base = writeFile(*m_dir, QStringLiteral("base.csv"), manyRows(300, "Base"));
    const CatalogImportOutcome outcome =
        importIntoCatalog(m_catalog, {base}, ImportFormat::Auto, {});
    QVERIFY2(outcome.ok, qPrintable(outcome.catalogError));
    QCOMPARE(outcome.points, qint64(300));
    QCOMPARE(outcome.series, qint64(100));
}

void TestStreamedImport::blocksOfAnySizeReadTheSameRecords_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");
    // Expected records written out by hand from RFC 4180.
    QTest::newRow("quotes, line breaks, CRLF, lone CR, blank lines, no final newline")
        << QByteArray("\xEF\xBB\xBF"
                      "a,b\r\n\"x,\"\"y\"\"\",\"line\nbreak\"\n\n\"\"\"\",z\rlast,\"\"")
        << QStringList{QStringLiteral("1:a|b"), QStringLiteral("2:x,\"y\"|line\nbreak"),
                       QStringLiteral("5:\"|z"), QStringLiteral("5:last|")};
    QTest::newRow("quote never closed")
        << QByteArray("a,b\n\"open,\nstill open")
        << QStringList{QStringLiteral("1:a|b"),
                       QStringLiteral("problem:quoted field opened on line 2 is never closed")};
    QTest::newRow("text after a closing quote")
        << QByteArray("\"a\"b,c\n")
        << QStringList{QStringLiteral("problem:unexpected character after a closing quote")};
}

void TestStreamedImport::blocksOfAnySizeReadTheSameRecords() {
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    tokenomics::data::importers::CsvRecordReader whole(bytes.constData(),
                                                       std::size_t(bytes.size()));
    QCOMPARE(recordsOf(whole), expected);
    // Every block size up to past the input puts a block edge at every byte.
    for (std::size_t block = 1; block <= std::size_t(bytes.size()) + 1; ++block) {
        QBuffer device(&bytes);
        QVERIFY(device.open(QIODevice::ReadOnly));
        tokenomics::data::importers::CsvRecordReader blocks(device, block);
        QVERIFY2(recordsOf(blocks) == expected, qPrintable(QStringLiteral("block %1").arg(block)));
    }
}

void TestStreamedImport::lastRowBadLeavesTheCatalogAsItWas() {
    // 40,000 rows (about 1.8 MB, more than one read block); the last has a zero throughput.
    constexpr int rows = 40000;
    QByteArray text = manyRows(rows - 1);
    text += "Bulk,B200,engine-99,fp8,1024,1024,9999,0,50\n";
    const QString path = writeFile(*m_dir, QStringLiteral("many.csv"), text);
    const QByteArray before = fileHash(m_catalog);

    // Through the store, to see the rows go into the transaction before the last one fails.
    auto store = CatalogStore::open(m_catalog, nullptr);
    QVERIFY(store);
    ImportError inputError;
    std::int64_t writtenBeforeFailure = -1;
    CatalogError error;
    const bool written = store->writeInTransaction(
        [&](CatalogWriter& writer, QString* reason) {
            const bool ok = writeResultFiles(writer, {path}, ImportFormat::Auto, {}, &inputError,
                                             nullptr, nullptr);
            writtenBeforeFailure = writer.pointsWritten();
            *reason = inputError.message();
            return ok;
        },
        &error);
    store.reset();
    QVERIFY(!written);
    QCOMPARE(writtenBeforeFailure, std::int64_t(rows - 1));
    QCOMPARE(inputError.file, path);
    QCOMPARE(inputError.location, QStringLiteral("line %1").arg(rows + 1)); // header is line 1
    QCOMPARE(inputError.field, QStringLiteral("tput_per_gpu"));
    QCOMPARE(inputError.reason, QStringLiteral("must be > 0"));
    QCOMPARE(fileHash(m_catalog), before);
    QCOMPARE(sqliteNumber(m_catalog, "SELECT count(*) FROM points").value_or(-1), 300.0);
    QCOMPARE(sqliteNumber(m_catalog, "SELECT count(*) FROM series").value_or(-1), 100.0);

    // And the same through importIntoCatalog, as `tokenomics import` runs it.
    const CatalogImportOutcome outcome =
        importIntoCatalog(m_catalog, {path}, ImportFormat::Auto, {});
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.inputError);
    QCOMPARE(outcome.inputError->location, QStringLiteral("line %1").arg(rows + 1));
    QCOMPARE(fileHash(m_catalog), before);
}

void TestStreamedImport::badLastRowOfTheSecondFileUndoesTheFirst() {
    const QString good = writeFile(*m_dir, QStringLiteral("good.csv"), manyRows(20000, "Good"));
    QByteArray bad = manyRows(20000, "Bad");
    bad += "Bad,B200,engine-0,fp8,1024,1024,5000,100,fifty\n";
    const QString badPath = writeFile(*m_dir, QStringLiteral("bad.csv"), bad);
    const QByteArray before = fileHash(m_catalog);
    const CatalogImportOutcome outcome =
        importIntoCatalog(m_catalog, {good, badPath}, ImportFormat::Auto, {});
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.inputError);
    QCOMPARE(outcome.inputError->file, badPath);
    QCOMPARE(outcome.inputError->location, QStringLiteral("line 20002"));
    QCOMPARE(outcome.inputError->field, QStringLiteral("interactivity_p50"));
    QCOMPARE(fileHash(m_catalog), before);
    QCOMPARE(
        sqliteNumber(m_catalog, "SELECT count(*) FROM series WHERE model = 'Good'").value_or(-1),
        0.0);
}

void TestStreamedImport::duplicateAcrossFilesNamesBothPlaces() {
    const QString first = writeFile(*m_dir, QStringLiteral("first.csv"),
                                    kHeader + "M,B200,vllm,fp8,1024,1024,1,100,50\n"
                                              "M,B200,vllm,fp8,1024,1024,2,200,40\n");
    // Line 3 repeats first.csv line 3 (concurrency 2) with other figures.
    const QString second = writeFile(*m_dir, QStringLiteral("second.csv"),
                                     kHeader + "M,B200,vllm,fp8,1024,1024,4,300,30\n"
                                               "M,B200,vllm,fp8,1024,1024,2,210,41\n");
    const QByteArray before = fileHash(m_catalog);
    const CatalogImportOutcome outcome =
        importIntoCatalog(m_catalog, {first, second}, ImportFormat::Auto, {});
    QVERIFY(outcome.inputError);
    QCOMPARE(outcome.inputError->file, second);
    QCOMPARE(outcome.inputError->location, QStringLiteral("line 3"));
    QCOMPARE(outcome.inputError->field, QStringLiteral("concurrency"));
    QVERIFY2(outcome.inputError->reason.contains(QStringLiteral("duplicate point")) &&
                 outcome.inputError->reason.contains(first + QStringLiteral(" line 3")),
             qPrintable(outcome.inputError->reason));
    QCOMPARE(fileHash(m_catalog), before);
}

void TestStreamedImport::pointAlreadyInTheCatalogNamesTheLine() {
    // Base series engine-7 has concurrencies 1 to 3; line 3 repeats concurrency 2.
    const QString path = writeFile(*m_dir, QStringLiteral("again.csv"),
                                   kHeader + "Base,B200,engine-7,fp8,1024,1024,9,100,50\n"
                                             "Base,B200,engine-7,fp8,1024,1024,2,100,50\n");
    const QByteArray before = fileHash(m_catalog);
    const CatalogImportOutcome outcome =
        importIntoCatalog(m_catalog, {path}, ImportFormat::Auto, {});
    QVERIFY(outcome.inputError);
    QCOMPARE(outcome.inputError->location, QStringLiteral("line 3"));
    QVERIFY2(outcome.inputError->reason.contains(QStringLiteral("already in the catalog")) &&
                 outcome.inputError->reason.contains(QStringLiteral("concurrency 2")),
             qPrintable(outcome.inputError->reason));
    QCOMPARE(fileHash(m_catalog), before);
}

void TestStreamedImport::newCatalogIsOnlyCreatedBySuccess() {
    const QString fresh = file(QStringLiteral("fresh.sqlite"));
    QByteArray bad = manyRows(30000);
    bad += "Bulk,B200,engine-0,fp8,1024,1024,7000,-1,50\n";
    const QString badPath = writeFile(*m_dir, QStringLiteral("bad.csv"), bad);
    QVERIFY(!importIntoCatalog(fresh, {badPath}, ImportFormat::Auto, {}).ok);
    const auto beside = [&] {
        return QDir(m_dir->path()).entryList({QStringLiteral("fresh.sqlite*")}, QDir::Files);
    };
    QVERIFY2(beside().isEmpty(), qPrintable(beside().join(u' ')));

    const QString good = writeFile(*m_dir, QStringLiteral("good.csv"), manyRows(30000));
    const CatalogImportOutcome outcome = importIntoCatalog(fresh, {good}, ImportFormat::Auto, {});
    QVERIFY2(outcome.ok, qPrintable(outcome.catalogError));
    QCOMPARE(outcome.catalogPath, fresh);
    QCOMPARE(beside(), QStringList{QStringLiteral("fresh.sqlite")});
    QCOMPARE(sqliteNumber(fresh, "SELECT count(*) FROM points").value_or(-1), 30000.0);
    // Row 12,345 (0-based): engine-45, concurrency 124, throughput 12,445.
    QCOMPARE(sqliteNumber(fresh, "SELECT p.tput_per_gpu FROM points p JOIN series s ON "
                                 "s.id = p.series_id WHERE s.engine = 'engine-45' AND "
                                 "p.concurrency = 124")
                 .value_or(-1),
             12445.0);
}

void TestStreamedImport::jsonFormatsStreamAsTheyParse() {
    const QStringList files{
        examplePath(QStringLiteral("agg_dsr1_1k1k_fp8_sglang_tp8_conc64.json")),
        examplePath(QStringLiteral("agg_dsr1_8k1k_fp4_dynamo-trt_disagg.json"))};
    ImportError error;
    const auto batch = parse(files, error);
    QVERIFY2(batch, qPrintable(error.message()));
    const QString fresh = file(QStringLiteral("json.sqlite"));
    const CatalogImportOutcome outcome = importIntoCatalog(fresh, files, ImportFormat::Auto, {});
    QVERIFY2(outcome.ok,
             qPrintable(outcome.inputError ? outcome.inputError->message() : outcome.catalogError));
    QCOMPARE(outcome.points, qint64(pointCount(*batch)));
    QCOMPARE(sqliteNumber(fresh, "SELECT count(*) FROM points").value_or(-1),
             double(pointCount(*batch)));
    QCOMPARE(sqliteNumber(fresh, "SELECT count(*) FROM series").value_or(-1),
             double(batch->series.size()));
}

void TestStreamedImport::stagingLeftByADeadImportIsRemoved() {
    // A process that has exited (and been reaped): its PID names no process now.
    QProcess finished;
    finished.start(QStringLiteral("true"), {});
    QVERIFY(finished.waitForStarted());
    const qint64 deadPid = finished.processId();
    QVERIFY(finished.waitForFinished());
    QVERIFY(::kill(pid_t(deadPid), 0) == -1 && errno == ESRCH);
    // A process that runs through the import.
    QProcess running;
    running.start(QStringLiteral("sleep"), {QStringLiteral("60")});
    QVERIFY(running.waitForStarted());
    const qint64 livePid = running.processId();
    const qint64 ownPid = QCoreApplication::applicationPid();

    const QString good = writeFile(*m_dir, QStringLiteral("good.csv"), manyRows(200));
    const auto leave = [&](const QString& name) {
        writeFile(*m_dir, name, "left by a killed import");
        return file(name);
    };
    const auto staging = [](const QString& catalog, qint64 pid, const char* suffix = "") {
        return QStringLiteral("%1.importing-%2%3").arg(catalog).arg(pid).arg(suffix);
    };
    // Into an existing catalog: only the dead PID's staging file and its -wal go.
    const QString dead = leave(staging(QStringLiteral("catalog.sqlite"), deadPid));
    const QString deadWal = leave(staging(QStringLiteral("catalog.sqlite"), deadPid, "-wal"));
    const QStringList kept{leave(staging(QStringLiteral("catalog.sqlite"), livePid)),
                           leave(staging(QStringLiteral("catalog.sqlite"), ownPid)),
                           leave(staging(QStringLiteral("catalog.sqlite"), deadPid, ".bak")),
                           leave(staging(QStringLiteral("other.sqlite"), deadPid)),
                           leave(QStringLiteral("catalog.sqlite.importing-x%1").arg(deadPid))};
    CatalogImportOutcome outcome = importIntoCatalog(m_catalog, {good}, ImportFormat::Auto, {});
    QVERIFY2(outcome.ok, qPrintable(outcome.catalogError));
    QVERIFY(!QFile::exists(dead));
    QVERIFY(!QFile::exists(deadWal));
    for (const QString& path : kept)
        QVERIFY2(QFile::exists(path), qPrintable(path));

    // Into a new catalog: the dead staging file goes, the new catalog is placed.
    const QString fresh = file(QStringLiteral("fresh.sqlite"));
    const QString deadFresh = leave(staging(QStringLiteral("fresh.sqlite"), deadPid));
    const QString liveFresh = leave(staging(QStringLiteral("fresh.sqlite"), livePid));
    outcome = importIntoCatalog(fresh, {good}, ImportFormat::Auto, {});
    QVERIFY2(outcome.ok, qPrintable(outcome.catalogError));
    QVERIFY(!QFile::exists(deadFresh));
    QVERIFY(QFile::exists(liveFresh));
    QCOMPARE(sqliteNumber(fresh, "SELECT count(*) FROM points").value_or(-1), 200.0);

    // Opening a catalog (query, report, the dashboard) clears a dead import's leftovers too,
    // not only the next import; a live import's staging file stays.
    const QString deadAgain = leave(staging(QStringLiteral("catalog.sqlite"), deadPid));
    const QString liveAgain = leave(staging(QStringLiteral("catalog.sqlite"), livePid, "-wal"));
    {
        CatalogError error;
        QVERIFY2(CatalogStore::open(m_catalog, &error), qPrintable(error.message));
    }
    QVERIFY(!QFile::exists(deadAgain));
    QVERIFY(QFile::exists(liveAgain));
    running.kill();
    running.waitForFinished();
}

// Input with no line break ends at CsvRecordReader::maxRecordBytes, not when memory runs out.
void TestStreamedImport::endlessRecordIsRefusedInBoundedMemory() {
    // A device of endless "x": counts what it handed out.
    class Endless : public QIODevice {
    public:
        qint64 given = 0;
        bool isSequential() const override { return true; }

    protected:
        qint64 readData(char* data, qint64 size) override {
            std::memset(data, 'x', static_cast<std::size_t>(size));
            given += size;
            return size;
        }
        qint64 writeData(const char*, qint64) override { return -1; }
    } endless;
    QVERIFY(endless.open(QIODevice::ReadOnly));
    importers::CsvRecordReader reader(endless);
    std::vector<std::string_view> fields;
    QVERIFY(!reader.next(fields));
    QVERIFY2(reader.problem().contains(QStringLiteral("longer than 16 MiB")),
             qPrintable(reader.problem()));
    QCOMPARE(reader.recordLine(), qint64(1));
    QVERIFY(endless.given <= qint64(importers::CsvRecordReader::maxRecordBytes + (1 << 21)));

    // The same through an import of /dev/zero: refused naming the file, nothing created.
    const QString fresh = file(QStringLiteral("zero.sqlite"));
    const CatalogImportOutcome outcome =
        importIntoCatalog(fresh, {QStringLiteral("/dev/zero")}, ImportFormat::Csv, {});
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.inputError.has_value());
    const QString message = outcome.inputError->message();
    QVERIFY2(message.contains(QStringLiteral("/dev/zero")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("longer than 16 MiB")), qPrintable(message));
    QVERIFY(!QFile::exists(fresh));
}

// A pipe hands out a few KB per read. A record of 8 MiB in a quoted field is read in a few
// passes over its bytes (the part read so far doubles each time), not once per 4 KB block:
// 2,048 passes, 8 GiB of scanning, before.
void TestStreamedImport::longRecordFromAPipeTakesAFewPasses() {
    class Pipe : public QBuffer {
    protected:
        qint64 readData(char* data, qint64 size) override {
            return QBuffer::readData(data, std::min<qint64>(size, 4096));
        }
    };
    const QByteArray cell(8 << 20, 'x');
    QByteArray bytes = "a,b\n\"" + cell + "\",tail\nlast,row\n";
    Pipe pipe;
    pipe.setBuffer(&bytes);
    QVERIFY(pipe.open(QIODevice::ReadOnly));
    importers::CsvRecordReader reader(pipe, 4096);
    std::vector<std::string_view> fields;
    QVERIFY(reader.next(fields));
    QCOMPARE(fields.size(), std::size_t(2));
    QVERIFY(reader.next(fields));
    QCOMPARE(reader.recordLine(), qint64(2));
    QCOMPARE(fields.size(), std::size_t(2));
    QCOMPARE(fields[0].size(), std::size_t(cell.size()));
    QVERIFY(fields[0] == std::string_view(cell.constData(), std::size_t(cell.size())));
    QVERIFY(fields[1] == "tail");
    QVERIFY(reader.next(fields));
    QVERIFY(fields[0] == "last" && fields[1] == "row");
    QVERIFY(!reader.next(fields));
    QVERIFY2(reader.problem().isEmpty(), qPrintable(reader.problem()));
    QVERIFY2(reader.scannedBytes() <= 4 * std::size_t(bytes.size()),
             qPrintable(QStringLiteral("%1 bytes scanned for a %2-byte input")
                            .arg(reader.scannedBytes())
                            .arg(bytes.size())));
}

QTEST_GUILESS_MAIN(TestStreamedImport)
#include "test_streamed_import.moc"
