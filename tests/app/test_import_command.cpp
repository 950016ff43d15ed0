// `tokenomics import`: into a fresh file, all or nothing, errors that name file and line.
#include "AppTestSupport.h"
#include "CatalogTestSupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tokenomics::testing;

namespace {

// Two series (B200 and H100 SXM), five points.
const QByteArray goodCsv =
    "model,hardware,engine,precision,isl,osl,concurrency,gpus,tput_per_gpu,interactivity_p50,"
    "ttft_p50,source\n"
    "Llama 3.3 70B,B200,vllm,fp8,1024,1024,4,8,1000,100,0.1,lab\n"
    "Llama 3.3 70B,B200,vllm,fp8,1024,1024,16,8,4000,50,0.5,lab\n"
    "Llama 3.3 70B,B200,vllm,fp8,1024,1024,64,8,9000,20,3.0,lab\n"
    "Llama 3.3 70B,h100,vllm,fp8,1024,1024,4,8,2000,60,0.2,lab\n"
    "Llama 3.3 70B,h100,vllm,fp8,1024,1024,16,8,3000,30,0.9,lab\n";

// Line 3 has a negative throughput.
const QByteArray badCsv = "model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                          "interactivity_p50\n"
                          "M,MI355X,sglang,fp8,1024,1024,1,100,50\n"
                          "M,MI355X,sglang,fp8,1024,1024,2,-3,40\n";

} // namespace

class TestImportCommand : public QObject {
    Q_OBJECT

private slots:
    void init();
    void importsIntoAFreshFile();
    void secondFileBadImportsNothing();
    void duplicatePointIsRefused();
    void manyRowsFailingOnTheLastLeaveTheCatalogAsItWas();
    void badOptionsExitTwo();
    void helpWorks();
    void mappedCsvImportsAndLacksAreNamedAtOnce();
    void newerCatalogIsRefusedUntouched();

private:
    QString file(const char* name) const { return folder_->filePath(QString::fromLatin1(name)); }
    std::unique_ptr<QTemporaryDir> folder_;
};

void TestImportCommand::init() {
    folder_ = std::make_unique<QTemporaryDir>();
    QVERIFY(writeTextFile(file("good.csv"), goodCsv));
    QVERIFY(writeTextFile(file("bad.csv"), badCsv));
}

void TestImportCommand::importsIntoAFreshFile() {
    const QString db = file("fresh.sqlite");
    const RunResult run = runTokenomics(
        {QStringLiteral("import"), QStringLiteral("--db"), db, file("good.csv")}, file("home"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("5 points in 2 series from 1 file")),
             qPrintable(run.out));
    QCOMPARE(sqliteNumber(db, "SELECT count(*) FROM points").value_or(-1), 5.0);
    QCOMPARE(sqliteNumber(db, "SELECT count(*) FROM series").value_or(-1), 2.0);
    // A fresh --db file holds only what was imported: no seed rows.
    QCOMPARE(sqliteNumber(db, "SELECT count(*) FROM accelerators").value_or(-1), 0.0);
}

void TestImportCommand::secondFileBadImportsNothing() {
    const QString db = file("catalog.sqlite");
    QCOMPARE(runTokenomics({QStringLiteral("import"), QStringLiteral("--db"), db, file("good.csv")},
                           file("home"))
                 .exitCode,
             0);
    QVERIFY(writeTextFile(file("good2.csv"),
                          QByteArray(goodCsv).replace("lab", "lab2").replace("vllm", "sglang")));
    const RunResult run = runTokenomics(
        {QStringLiteral("import"), QStringLiteral("--db"), db, file("good2.csv"), file("bad.csv")},
        file("home"));
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains(QStringLiteral("bad.csv")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("line 3")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("tput_per_gpu")), qPrintable(run.err));
    // Nothing from good2.csv either.
    QCOMPARE(sqliteNumber(db, "SELECT count(*) FROM points").value_or(-1), 5.0);
    QCOMPARE(sqliteNumber(db, "SELECT count(*) FROM series WHERE engine = 'sglang'").value_or(-1),
             0.0);

    // A fresh file is not even created when the import fails.
    const QString fresh = file("never.sqlite");
    QVERIFY(
        runTokenomics({QStringLiteral("import"), QStringLiteral("--db"), fresh, file("bad.csv")},
                      file("home"))
            .exitCode != 0);
    QVERIFY(!QFile::exists(fresh));
}

void TestImportCommand::duplicatePointIsRefused() {
    const QString db = file("dup.sqlite");
    const QStringList arguments{QStringLiteral("import"), QStringLiteral("--db"), db,
                                file("good.csv")};
    QCOMPARE(runTokenomics(arguments, file("home")).exitCode, 0);
    const RunResult again = runTokenomics(arguments, file("home"));
    QVERIFY(again.exitCode != 0);
    QVERIFY2(again.err.contains(QStringLiteral("duplicate point")), qPrintable(again.err));
    QCOMPARE(sqliteNumber(db, "SELECT count(*) FROM points").value_or(-1), 5.0);
}

void TestImportCommand::manyRowsFailingOnTheLastLeaveTheCatalogAsItWas() {
    const QString db = file("many.sqlite");
    QCOMPARE(runTokenomics({QStringLiteral("import"), QStringLiteral("--db"), db, file("good.csv")},
                           file("home"))
                 .exitCode,
             0);
    // 50,000 good rows (2.5 MB: the import writes them before it reaches the end), then a row
    // with a negative TTFT on line 50,002 (the header is line 1).
    constexpr int rows = 50000;
    QByteArray many = "model,hardware,engine,precision,isl,osl,concurrency,gpus,tput_per_gpu,"
                      "interactivity_p50,ttft_p50\n";
    for (int row = 0; row < rows; ++row)
        many += "Many,B200,engine-" + QByteArray::number(row % 50) + ",fp8,1024,1024," +
                QByteArray::number(row / 50 + 1) + ",8," + QByteArray::number(100 + row) +
                ",40,0.5\n";
    many += "Many,B200,engine-0,fp8,1024,1024,5000,8,100,40,-0.5\n";
    QVERIFY(writeTextFile(file("many.csv"), many));
    const QByteArray before = fileHash(db);
    const RunResult run = runTokenomics(
        {QStringLiteral("import"), QStringLiteral("--db"), db, file("many.csv")}, file("home"));
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains(QStringLiteral("many.csv: line 50002: field 'ttft_p50'")),
             qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("Nothing was imported")), qPrintable(run.err));
    // Byte for byte the catalog of before, with nothing committed waiting in a -wal either.
    QCOMPARE(fileHash(db), before);
    QCOMPARE(QFileInfo(db + QStringLiteral("-wal")).size(), 0);
    QCOMPARE(sqliteNumber(db, "SELECT count(*) FROM points").value_or(-1), 5.0);
    QCOMPARE(sqliteNumber(db, "SELECT count(*) FROM series").value_or(-1), 2.0);
    QCOMPARE(sqliteNumber(db, "SELECT sum(tput_per_gpu) FROM points").value_or(-1),
             1000.0 + 4000 + 9000 + 2000 + 3000);
}

void TestImportCommand::badOptionsExitTwo() {
    const QString db = file("opts.sqlite");
    const QList<QStringList> cases = {
        {QStringLiteral("--gpus"), QStringLiteral("0")},
        {QStringLiteral("--isl"), QStringLiteral("many")},
        {QStringLiteral("--format"), QStringLiteral("parquet")},
        {QStringLiteral("--load"), QStringLiteral("speed=3")},
        {QStringLiteral("--map"), QStringLiteral("GPU")},
        {QStringLiteral("--map"), QStringLiteral("GPU=gpu_name")},
        {QStringLiteral("--prefill-gpus"), QStringLiteral("2")}, // without --decode-gpus
        {QStringLiteral("--decode-gpus"), QStringLiteral("-1")},
    };
    for (const QStringList& option : cases) {
        const RunResult run =
            runTokenomics(QStringList{QStringLiteral("import"), QStringLiteral("--db"), db} +
                              option + QStringList{file("good.csv")},
                          file("home"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(option.front()), qPrintable(run.err));
    }
    QCOMPARE(runTokenomics({QStringLiteral("import"), QStringLiteral("--db"), db}, file("home"))
                 .exitCode,
             2);
    QVERIFY(!QFile::exists(db));
}

void TestImportCommand::helpWorks() {
    const RunResult run =
        runTokenomics({QStringLiteral("import"), QStringLiteral("--help")}, file("home"));
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("--format")));
    QVERIFY(run.out.contains(QStringLiteral("--run")));
    for (const char* option :
         {"--prefill-gpus", "--decode-gpus", "--spec-decoding", "--load", "--map"})
        QVERIFY2(run.out.contains(QLatin1String(option)), option);
}

void TestImportCommand::mappedCsvImportsAndLacksAreNamedAtOnce() {
    const QString csv = file("other-tool.csv");
    QVERIFY(writeTextFile(csv, "Model,GPU,median_tpot_ms,tok_s_gpu,Concurrency\n"
                               "Llama 3.3 70B,B200,20,1500,16\n"));
    const QString db = file("mapped.sqlite");
    const QStringList maps = {QStringLiteral("--map"), QStringLiteral("Model=model"),
                              QStringLiteral("--map"), QStringLiteral("GPU=hardware"),
                              QStringLiteral("--map"), QStringLiteral("median_tpot_ms=tpot_p50:ms"),
                              QStringLiteral("--map"), QStringLiteral("tok_s_gpu=tput_per_gpu"),
                              QStringLiteral("--map"), QStringLiteral("Concurrency=concurrency")};
    // Engine, precision, ISL and OSL are neither columns nor options: one message names them all.
    RunResult run = runTokenomics(
        QStringList{QStringLiteral("import"), QStringLiteral("--db"), db} + maps + QStringList{csv},
        file("home"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("pass --engine, --precision, --isl and --osl")),
             qPrintable(run.err));
    run = runTokenomics(QStringList{QStringLiteral("import"), QStringLiteral("--db"), db} + maps +
                            QStringList{QStringLiteral("--engine"), QStringLiteral("trt"),
                                        QStringLiteral("--precision"), QStringLiteral("fp4"),
                                        QStringLiteral("--isl"), QStringLiteral("1024"),
                                        QStringLiteral("--osl"), QStringLiteral("1024"),
                                        QStringLiteral("--spec-decoding"), QStringLiteral("mtp"),
                                        csv},
                        file("home"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = runTokenomics({QStringLiteral("query"), QStringLiteral("--db"), db,
                         QStringLiteral("--format"), QStringLiteral("json")},
                        file("home"));
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("\"spec_decoding\": \"mtp\"")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("\"interactivity\": 50")), qPrintable(run.out));
}

void TestImportCommand::newerCatalogIsRefusedUntouched() {
    const QString db = file("future.sqlite");
    QVERIFY(makeSqliteFile(db, 7));
    const QByteArray before = fileHash(db);
    const RunResult run = runTokenomics(
        {QStringLiteral("import"), QStringLiteral("--db"), db, file("good.csv")}, file("home"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(db) && run.err.contains(QStringLiteral("newer")),
             qPrintable(run.err));
    QCOMPARE(fileHash(db), before);
    QVERIFY(!QFile::exists(db + QStringLiteral("-wal")));
}

QTEST_GUILESS_MAIN(TestImportCommand)
#include "test_import_command.moc"
