// Canonical CSV import: the example file, the seed files, RFC 4180 cases and every bad-input class.
#include "ImportTestSupport.h"

#include <QTest>

using namespace tokenomics;
using namespace tokenomics::data;
using namespace importer_test;

namespace {

const QByteArray kHeader = "model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                           "interactivity_p50\n";

struct Outcome {
    std::optional<ImportBatch> batch;
    ImportError error;
};

Outcome parseCsv(const QByteArray& text, const ImportDefaults& defaults = {}) {
    static QTemporaryDir dir;
    static int counter = 0;
    const QString path = writeFile(dir, QStringLiteral("case%1.csv").arg(++counter), text);
    Outcome outcome;
    outcome.batch = parseResultFiles({path}, ImportFormat::Auto, defaults, &outcome.error);
    return outcome;
}

} // namespace

class TestCsvImport : public QObject {
    Q_OBJECT

private slots:
    void exampleFile() {
        ImportError error;
        const auto batch = parse({examplePath(QStringLiteral("canonical_points.csv"))}, error);
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(batch->series.size(), std::size_t(2));
        const Series& llama = batch->series[0];
        QCOMPARE(llama.key.model, std::string("Llama 3.3 70B"));
        QCOMPARE(llama.key.hardware, std::string("H100 SXM")); // "h100" canonicalised
        QCOMPARE(llama.key.specDecoding, std::string("none")); // empty cell
        QCOMPARE(llama.key.run, std::string("v0.10"));
        QCOMPARE(llama.points.size(), std::size_t(2));
        const OperatingPoint& first = llama.points[0];
        // output = 3200 × osl / (isl + osl) = 3200 × 1024 / 2048 = 1600, marked derived.
        QCOMPARE(*first.figures.outputTputPerGpu, 1600.0);
        QVERIFY(first.figures.tputDerived);
        // tpot 25 ms → 40 tok/s/user; tpot p99 50 ms → 20.
        QCOMPARE(*first.figures.interactivity.p50, 40.0);
        QCOMPARE(*first.figures.interactivity.p99, 20.0);
        QVERIFY(!first.figures.inputTputPerGpu);
        QCOMPARE(first.note, std::string("peak, measured twice"));
        QCOMPARE(first.provenance.source, std::string("lab \"A\" notebook"));
        QCOMPARE(first.config, std::string("TP8"));
        const OperatingPoint& second = llama.points[1];
        // tput = 2400 × 2048 / 1024 = 4800.
        QCOMPARE(*second.figures.tputPerGpu, 4800.0);
        QCOMPARE(second.note, std::string("note with a\nline break"));
        QVERIFY(second.provenance.uncertain);
        const OperatingPoint& disaggregated = batch->series[1].points[0];
        QVERIFY(disaggregated.figures.disaggregated);
        QCOMPARE(disaggregated.figures.gpus, 12); // 4 prefill + 8 decode
        // 5000 tok/s/GPU × 12 GPUs = 60000 tok/s; output share 1024/9216 → 6666.7 tok/s over 8
        // decode GPUs = 833.33.
        QVERIFY(qFuzzyCompare(*disaggregated.figures.outputTputPerGpu, 5000.0 * 12 / 9 / 8));
    }

    void seedFilesParse_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("series");
        // Counted with Python's csv module: rows, and distinct (model, hardware, engine,
        // precision, spec_decoding, isl, osl, run).
        QTest::newRow("operating_points") << QStringLiteral("operating_points.csv") << 36 << 15;
        QTest::newRow("more_curves") << QStringLiteral("more_curves.csv") << 284 << 42;
    }
    void seedFilesParse() {
        QFETCH(QString, file);
        QFETCH(int, rows);
        QFETCH(int, series);
        ImportError error;
        const auto batch = parse({seedPath(file)}, error);
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(pointCount(*batch), std::size_t(rows));
        QCOMPARE(batch->series.size(), std::size_t(series));
    }

    void bothSeedFilesTogether() {
        ImportError error;
        const auto batch = parse({seedPath(QStringLiteral("operating_points.csv")),
                                  seedPath(QStringLiteral("more_curves.csv"))},
                                 error);
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(pointCount(*batch), std::size_t(36 + 284));
    }

    void rfc4180Quoting() {
        const auto outcome =
            parseCsv("\"concurrency\",model,hardware,engine,precision,isl,osl,tput_per_gpu,"
                     "interactivity_p50,note\r\n"
                     "4,\"Llama, \"\"big\"\"\",B200,vllm,fp8,1024,1024,100,50,\"two\r\nlines, "
                     "\"\"quoted\"\"\"\r\n"
                     "8,x'); DROP TABLE series;--,B200,vllm,fp8,1024,1024,90,40,\"\"\r\n");
        QVERIFY2(outcome.batch, qPrintable(outcome.error.message()));
        QCOMPARE(outcome.batch->series.size(), std::size_t(2));
        QCOMPARE(outcome.batch->series[0].key.model, std::string("Llama, \"big\""));
        QCOMPARE(outcome.batch->series[0].points[0].note, std::string("two\r\nlines, \"quoted\""));
        QCOMPARE(outcome.batch->series[1].key.model, std::string("x'); DROP TABLE series;--"));
        QCOMPARE(outcome.batch->series[1].points[0].figures.concurrency, 8.0);
    }

    void byteOrderMarkAndNoFinalNewline() {
        const auto outcome = parseCsv("\xEF\xBB\xBF" + kHeader + "m,B200,vllm,fp8,1,1,1,10,5");
        QVERIFY2(outcome.batch, qPrintable(outcome.error.message()));
        QCOMPARE(pointCount(*outcome.batch), std::size_t(1));
    }

    void defaultsFillMissingColumns() {
        ImportDefaults defaults;
        defaults.hardware = "mi355x";
        defaults.run = "nightly";
        const auto outcome = parseCsv("model,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                                      "tpot_p50\nm,vllm,fp8,1,1,1,10,0.02\n",
                                      defaults);
        QVERIFY2(outcome.batch, qPrintable(outcome.error.message()));
        QCOMPARE(outcome.batch->series[0].key.hardware, std::string("MI355X"));
        QCOMPARE(outcome.batch->series[0].key.run, std::string("nightly"));
        QCOMPARE(*outcome.batch->series[0].points[0].figures.interactivity.p50, 50.0); // 1/0.02
    }

    void badInput_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        const QByteArray row = "m,B200,vllm,fp8,1024,1024,";
        QTest::newRow("unknown column") << QByteArray("model,hardware,colour\n") << "line 1"
                                        << "colour"
                                        << "unknown column";
        QTest::newRow("missing required column")
            << QByteArray("model,hardware,engine,precision,isl,osl,tput_per_gpu,"
                          "interactivity_p50\n")
            << "line 1"
            << "concurrency"
            << "required column 'concurrency' missing";
        QTest::newRow("no throughput column")
            << QByteArray("model,hardware,engine,precision,isl,osl,concurrency,"
                          "interactivity_p50\n")
            << "line 1"
            << "tput_per_gpu"
            << "is required";
        QTest::newRow("no interactivity column")
            << QByteArray("model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu\n")
            << "line 1"
            << "interactivity_p50"
            << "is required";
        QTest::newRow("duplicate column") << QByteArray("model,model\n") << "line 1"
                                          << "model"
                                          << "appears twice";
        QTest::newRow("NaN") << kHeader + row + "4,nan,50\n"
                             << "line 2"
                             << "tput_per_gpu"
                             << "not a finite number";
        QTest::newRow("infinite") << kHeader + row + "4,100,inf\n"
                                  << "line 2"
                                  << "interactivity_p50"
                                  << "not a finite number";
        QTest::newRow("overflow") << kHeader + row + "4,1e400,50\n"
                                  << "line 2"
                                  << "tput_per_gpu"
                                  << "not a finite number";
        QTest::newRow("negative") << kHeader + row + "4,-3,50\n"
                                  << "line 2"
                                  << "tput_per_gpu"
                                  << "must be > 0";
        QTest::newRow("zero rate") << kHeader + row + "4,100,0\n"
                                   << "line 2"
                                   << "interactivity_p50"
                                   << "must be > 0";
        QTest::newRow("zero concurrency") << kHeader + row + "0,100,50\n"
                                          << "line 2"
                                          << "concurrency"
                                          << "must be > 0";
        QTest::newRow("not a number") << kHeader + row + "4,fast,50\n"
                                      << "line 2"
                                      << "tput_per_gpu"
                                      << "expected a number";
        QTest::newRow("fractional isl") << kHeader + "m,B200,vllm,fp8,10.5,1024,4,100,50\n"
                                        << "line 2"
                                        << "isl"
                                        << "whole number";
        QTest::newRow("empty required value") << kHeader + ",B200,vllm,fp8,1024,1024,4,100,50\n"
                                              << "line 2"
                                              << "model"
                                              << "required value missing";
        QTest::newRow("neither throughput") << kHeader + row + "4,,50\n"
                                            << "line 2"
                                            << "tput_per_gpu"
                                            << "either";
        QTest::newRow("too few fields") << kHeader + row + "4,100\n"
                                        << "line 2"
                                        << ""
                                        << "expected 9 fields, found 8";
        QTest::newRow("unterminated quote") << kHeader + row + "4,100,50\n\"m,B200\n"
                                            << "line 3"
                                            << ""
                                            << "never closed";
        QTest::newRow("text after closing quote")
            << kHeader + "\"m\"x,B200,vllm,fp8,1024,1024,4,100,50\n"
            << "line 2"
            << ""
            << "after a closing quote";
        QTest::newRow("invalid UTF-8 name")
            << kHeader + "m\xC3\x28,B200,vllm,fp8,1024,1024,4,100,50\n"
            << "line 2"
            << "model"
            << "invalid UTF-8";
        QTest::newRow("bad flag")
            << QByteArray("model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                          "interactivity_p50,disaggregated\n") +
                   row + "4,100,50,yes\n"
            << "line 2"
            << "disaggregated"
            << "expected 0, 1, true or false";
        QTest::newRow("line counts quoted line breaks")
            << kHeader + "\"m\nm\",B200,vllm,fp8,1024,1024,4,100,50\n" + row + "8,-1,50\n"
            << "line 4"
            << "tput_per_gpu"
            << "must be > 0";
        QTest::newRow("duplicate point")
            << kHeader + row + "4,100,50\n" + row + "8,90,45\n" + row + "4,99,49\n"
            << "line 4"
            << "concurrency"
            << "duplicate point";
        QTest::newRow("empty file") << QByteArray() << "line 1"
                                    << ""
                                    << "empty file";
    }
    void badInput() {
        QFETCH(QByteArray, text);
        QFETCH(QString, location);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        const auto outcome = parseCsv(text);
        QVERIFY(!outcome.batch);
        QCOMPARE(outcome.error.location, location);
        QCOMPARE(outcome.error.field, field);
        QVERIFY2(outcome.error.reason.contains(reason), qPrintable(outcome.error.reason));
        QVERIFY(outcome.error.file.endsWith(u".csv"));
        QVERIFY(outcome.error.message().contains(location));
    }

    // Another tool's column names: each --map entry says which canonical field a column is,
    // in which unit; "skip" drops a column; an unmapped one names the option to pass.
    void columnMappingReadsAnotherToolsCsv() {
        const QByteArray text = "Model,GPU,Backend,Dtype,ISL,OSL,Concurrency,tok_s_gpu,"
                                "median_tpot_ms,median_ttft_ms,Comment\n"
                                "m,H100,sglang,fp8,1000,1000,16,1500,20,350,first\n"
                                "m,H100,sglang,fp8,1000,1000,64,3000,50,1250,second\n";
        Outcome unmapped = parseCsv(text);
        QVERIFY(!unmapped.batch);
        QCOMPARE(unmapped.error.field, QStringLiteral("Model"));
        QVERIFY2(unmapped.error.reason.contains(u"--map 'Model=FIELD'"),
                 qPrintable(unmapped.error.reason));

        ImportDefaults defaults;
        QString reason;
        for (const char* entry :
             {"Model=model", "GPU=hardware", "Backend=engine", "Dtype=precision", "ISL=isl",
              "OSL=osl", "Concurrency=concurrency", "tok_s_gpu=tput_per_gpu",
              "median_tpot_ms=tpot_p50:ms", "median_ttft_ms=ttft_p50:ms", "Comment=skip"})
            QVERIFY2(parseColumnMapping(QLatin1String(entry), defaults.columnMap, &reason),
                     qPrintable(reason));
        Outcome mapped = parseCsv(text, defaults);
        QVERIFY2(mapped.batch, qPrintable(mapped.error.message()));
        QCOMPARE(mapped.batch->series.size(), std::size_t(1));
        const Series& series = mapped.batch->series.front();
        QCOMPARE(series.key.hardware, std::string("H100 SXM"));
        QCOMPARE(series.key.engine, std::string("sglang"));
        QCOMPARE(series.points.size(), std::size_t(2));
        const PointFigures& second = series.points[1].figures;
        QCOMPARE(second.concurrency, 64.0);
        QCOMPARE(*second.tputPerGpu, 3000.0);
        QCOMPARE(*second.interactivity.p50, 1000.0 / 50); // 1 / (50 ms)
        QCOMPARE(*second.ttftSeconds.p50, 1.25);          // 1250 ms, converted
        QVERIFY(series.points[1].note.empty());           // Comment skipped

        // A bad cell in a mapped column is named by the file's column and its field.
        QByteArray bad = text;
        bad.replace("1250", "slow");
        Outcome badCell = parseCsv(bad, defaults);
        QVERIFY(!badCell.batch);
        QCOMPARE(badCell.error.field, QStringLiteral("median_ttft_ms (as ttft_p50)"));
        QCOMPARE(badCell.error.location, QStringLiteral("line 3"));
    }

    void columnMappingRefusesWhatItCannotRead_data() {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no field") << "GPU"
                                  << "say COLUMN=FIELD";
        QTest::newRow("unknown field") << "GPU=gpu_name"
                                       << "'gpu_name' is not a field";
        QTest::newRow("unit on a count") << "n=concurrency:ms"
                                         << "a unit (s, ms or us) goes with";
        QTest::newRow("unknown unit") << "t=ttft_p50:min"
                                      << "a unit (s, ms or us) goes with";
    }
    void columnMappingRefusesWhatItCannotRead() {
        QFETCH(QString, entry);
        QFETCH(QString, reason);
        ColumnMap map;
        QString why;
        QVERIFY(!parseColumnMapping(entry, map, &why));
        QVERIFY2(why.contains(reason), qPrintable(why));
        QVERIFY(parseColumnMapping(QStringLiteral("GPU=hardware"), map, &why));
        QVERIFY(!parseColumnMapping(QStringLiteral("GPU=model"), map, &why));
        QVERIFY(why.contains(u"mapped twice"));
    }

    // Options stand in for columns a file lacks: the load, spec decoding and disaggregation.
    void runOptionsFillMissingColumns() {
        ImportDefaults defaults;
        QString reason;
        LoadLevel load;
        QVERIFY(parseLoadLevel(QStringLiteral("rate=4"), load, &reason));
        defaults.load = load;
        defaults.specDecoding = "mtp";
        defaults.prefillGpus = 4;
        defaults.decodeGpus = 12;
        Outcome outcome = parseCsv("model,hardware,engine,precision,isl,osl,tput_per_gpu,"
                                   "output_tput_per_gpu,interactivity_p50\n"
                                   "m,B200,trt,fp4,8192,1024,1600,900,50\n",
                                   defaults);
        QVERIFY2(outcome.batch, qPrintable(outcome.error.message()));
        const Series& series = outcome.batch->series.front();
        QCOMPARE(series.key.specDecoding, std::string("mtp"));
        const PointFigures& figures = series.points.front().figures;
        QCOMPARE(figures.requestRate, 4.0);
        QVERIFY(figures.disaggregated);
        QCOMPARE(figures.gpus, 16);
        QCOMPARE(*figures.outputTputPerGpu, 900.0); // the CSV counts per decode GPU already
        // Without the load, the missing column names the option.
        defaults.load.reset();
        outcome = parseCsv("model,hardware,engine,precision,isl,osl,tput_per_gpu,"
                           "interactivity_p50\nm,B200,trt,fp4,8192,1024,1600,50\n",
                           defaults);
        QVERIFY(!outcome.batch);
        QCOMPARE(outcome.error.missingOptions, QStringList{QStringLiteral("load")});
        QVERIFY2(outcome.error.reason.contains(u"pass --load concurrency=N"),
                 qPrintable(outcome.error.reason));
    }

    void sameConcurrencyDifferentConfigurationIsNotDuplicate() {
        const auto outcome =
            parseCsv("model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                     "interactivity_p50,config,gpus\n"
                     "m,B200,vllm,fp8,1024,1024,4,100,50,TP4,4\n"
                     "m,B200,vllm,fp8,1024,1024,4,120,40,TP8,8\n");
        QVERIFY2(outcome.batch, qPrintable(outcome.error.message()));
        QCOMPARE(outcome.batch->series.size(), std::size_t(1));
        QCOMPARE(outcome.batch->series[0].points.size(), std::size_t(2));
    }

    void differentRunsMakeDifferentSeries() {
        const auto outcome =
            parseCsv("model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                     "interactivity_p50,run\n"
                     "m,B200,vllm,fp8,1024,1024,4,100,50,v1\n"
                     "m,B200,vllm,fp8,1024,1024,4,120,55,v2\n");
        QVERIFY2(outcome.batch, qPrintable(outcome.error.message()));
        QCOMPARE(outcome.batch->series.size(), std::size_t(2));
    }

    void cancelStopsWithReason() {
        QTemporaryDir dir;
        QByteArray text = kHeader;
        for (int i = 1; i <= 40000; ++i)
            text += "m,B200,vllm,fp8,1024,1024," + QByteArray::number(i) + ",100,50\n";
        const QString path = writeFile(dir, QStringLiteral("big.csv"), text);
        ImportError error;
        int calls = 0;
        const auto batch =
            parseResultFiles({path}, ImportFormat::Csv, {}, &error, [&](qint64 done, qint64 total) {
                ++calls;
                return done < total / 4;
            });
        QVERIFY(!batch);
        QCOMPARE(error.reason, QStringLiteral("cancelled"));
        QVERIFY(calls >= 1);
    }
};

QTEST_APPLESS_MAIN(TestCsvImport)
#include "test_csv_import.moc"
