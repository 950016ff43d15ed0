// Result files other people committed (tests/data/real-world, with SOURCES.md): each imports by
// its content, or is refused with a message that says why, and the imported figures match the
// file's own fields, read here independently of the importer.
#include "Goodput.h"
#include "ImportTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <algorithm>
#include <cmath>

using namespace tokenomics;
using namespace tokenomics::data;
using namespace importer_test;

namespace {

QString realWorld(const QString& name) {
    return QStringLiteral(REAL_WORLD_DIR "/") + name;
}

QJsonObject fileObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

ImportDefaults identity(int gpus) {
    ImportDefaults defaults;
    defaults.hardware = "H100 SXM";
    defaults.engine = "vllm";
    defaults.precision = "fp8";
    defaults.gpus = gpus;
    defaults.isl = 1024;
    defaults.osl = 1024;
    return defaults;
}

// The one point a single-run file imports as (auto-detected format).
std::optional<OperatingPoint> onlyPoint(const QString& path, int gpus, ImportError& error) {
    const std::optional<ImportBatch> batch =
        parse({path}, error, ImportFormat::Auto, identity(gpus));
    if (!batch || pointCount(*batch) != 1)
        return std::nullopt;
    return batch->series.front().points.front();
}

// The summary figures every vLLM result states: total tokens/s over the GPUs,
// 1000 / median TPOT ms, median TTFT in seconds.
void compareWithSummary(const OperatingPoint& point, const QJsonObject& file, int gpus) {
    const PointFigures& figures = point.figures;
    QVERIFY(figures.tputPerGpu);
    QCOMPARE(*figures.tputPerGpu, file.value("total_token_throughput").toDouble() / gpus);
    QVERIFY(figures.interactivity.p50);
    QCOMPARE(*figures.interactivity.p50, 1000.0 / file.value("median_tpot_ms").toDouble());
    QVERIFY(figures.ttftSeconds.p50);
    QCOMPARE(*figures.ttftSeconds.p50, file.value("median_ttft_ms").toDouble() / 1000.0);
}

} // namespace

class TestRealWorldFiles : public QObject {
    Q_OBJECT
private slots:
    // vLLM 0.6.3 benchmark_serving.py at --request-rate 16 (dstackai, 8× H100, Llama 3.1 405B):
    // no max_concurrency and no burstiness key, yet recognised by content; the rate is its load.
    // 379 of its 1000 requests produced no token (TTFT recorded as 0, no error text): they are
    // not good requests, so attainment counts them against the run.
    void vllm06RequestRateRunWithEmptyRequests() {
        const QString path = realWorld(
            "dstackai__benchmarks__nvidia-vllm-16.0qps-Llama-3.1-405B-FP8-20241109-150547.json");
        QCOMPARE(detectFormat(path,
                              [&] {
                                  QFile file(path);
                                  return file.open(QIODevice::ReadOnly) ? file.read(65536)
                                                                        : QByteArray();
                              }()),
                 ImportFormat::Vllm);
        ImportError error;
        const std::optional<OperatingPoint> point = onlyPoint(path, 8, error);
        QVERIFY2(point, qPrintable(error.reason));
        const QJsonObject file = fileObject(path);
        compareWithSummary(*point, file, 8);
        QCOMPARE(point->figures.requestRate, 16.0);
        QCOMPARE(point->figures.concurrency, 0.0);
        QCOMPARE(loadText(point->figures), std::string("rate 16/s"));

        QVERIFY(point->samples);
        const QJsonArray ttfts = file.value("ttfts").toArray();
        const QJsonArray outputs = file.value("output_lens").toArray();
        const QJsonArray errors = file.value("errors").toArray();
        QCOMPARE(point->samples->requests.size(), std::size_t(ttfts.size()));
        Sla sla;
        sla.maxTtftSeconds = 2.0;
        int good = 0;
        int empty = 0;
        for (qsizetype i = 0; i < ttfts.size(); ++i) {
            const bool served = errors.at(i).toString().isEmpty() && outputs.at(i).toInt() > 0;
            empty += outputs.at(i).toInt() == 0 ? 1 : 0;
            good += served && ttfts.at(i).toDouble() <= 2.0 ? 1 : 0;
        }
        QCOMPARE(empty, 379);
        const std::optional<double> attainment = sloAttainment(*point->samples, sla);
        QVERIFY(attainment);
        QCOMPARE(*attainment, good / double(ttfts.size()));
        QVERIFY(*attainment < 0.63); // at most the 621 requests that produced tokens
    }

    // vLLM ~0.8 nightly suite, --request-rate 16 with max_concurrency null (DeepSeek-V2.5 on
    // 16× A100): a rate run, imported with its samples.
    void vllmNullConcurrencyAtAFixedRate() {
        const QString path = realWorld(
            "surajssd__llm-k8s__serving_deepseek-ai-DeepSeek-V2.5_tp8_pp2_sharegpt_qps_16.json");
        ImportError error;
        const std::optional<OperatingPoint> point = onlyPoint(path, 16, error);
        QVERIFY2(point, qPrintable(error.reason));
        compareWithSummary(*point, fileObject(path), 16);
        QCOMPARE(point->figures.requestRate, 16.0);
        QVERIFY(point->samples);
        QCOMPARE(point->samples->requests.size(), std::size_t(200));
    }

    // Request rate "inf" and no concurrency limit: every prompt is sent at once, so the load is
    // a concurrency of num_prompts, and the point's note says how it was read.
    void vllmInfiniteRateIsAllPromptsAtOnce() {
        const QString path = realWorld("surajssd__llm-k8s__serving_meta-llama-Llama-3.3-70B-"
                                       "Instruct_tp8_pp1_sharegpt_qps_inf.json");
        ImportError error;
        const std::optional<OperatingPoint> point = onlyPoint(path, 8, error);
        QVERIFY2(point, qPrintable(error.reason));
        const QJsonObject file = fileObject(path);
        compareWithSummary(*point, file, 8);
        QCOMPARE(point->figures.concurrency, file.value("num_prompts").toDouble());
        QCOMPARE(point->figures.requestRate, 0.0);
        QVERIFY(QString::fromStdString(point->note).contains(u"all 200 prompts sent at once"));
    }

    // vLLM 0.25.1 `bench sweep serve` at --max-concurrency 2 (rate inf): a concurrency run.
    void vllm025ConcurrencyRun() {
        const QString path = realWorld("er0080__vllm-benchmarking__run=0.json");
        ImportError error;
        const std::optional<OperatingPoint> point = onlyPoint(path, 1, error);
        QVERIFY2(point, qPrintable(error.reason));
        compareWithSummary(*point, fileObject(path), 1);
        QCOMPARE(point->figures.concurrency, 2.0);
        QCOMPARE(point->figures.requestRate, 0.0);
    }

    // Every request failed: nothing was measured, and the refusal says so instead of naming a
    // field rule.
    void vllmRunWhereEveryRequestFailedIsRefused() {
        const QString path =
            realWorld("er0080__vllm-benchmarking__bench_serve_all_requests_failed_v0.25.1.json");
        ImportError error;
        QVERIFY(!parse({path}, error, ImportFormat::Auto, identity(1)));
        QCOMPARE(error.field, QStringLiteral("completed"));
        QVERIFY2(error.reason.contains(u"no request completed (8 failed)"),
                 qPrintable(error.reason));
        QVERIFY(error.reason.contains(u"not an operating point"));
    }

    // InferenceX's benchmark_serving fork keeps input_lens/output_lens without ttfts/itls: the
    // arrays are optional and the summary's figures are used.
    void inferenceXForkWithLengthsButNoLatencies() {
        const QString path =
            realWorld("SemiAnalysisAI__InferenceX__atom_mtp_tp4_conc64_isl8192_osl1024.json");
        ImportError error;
        const std::optional<OperatingPoint> point = onlyPoint(path, 4, error);
        QVERIFY2(point, qPrintable(error.reason));
        const QJsonObject file = fileObject(path);
        compareWithSummary(*point, file, 4);
        QCOMPARE(point->figures.concurrency, 64.0);
        QVERIFY(!point->samples);
        QCOMPARE(*point->figures.ttftSeconds.p90, file.value("p90_ttft_ms").toDouble() / 1000.0);
    }

    // SGLang bench_serving JSONL from Dec 2024 (8× H200, Llama 3.3 70B): seven request-rate
    // runs, one per line, with no TPOT and no total rate. Each line is a point at its rate;
    // the scenario comes from the random dataset's lengths, throughput from the measured token
    // counts over the run, interactivity from the median inter-token latency.
    void sglangJsonlRequestRateSweep() {
        const QString path =
            realWorld("datacrunch-research__h200-benchmarks__llama_3_3_70b_online_output.jsonl");
        ImportDefaults defaults = identity(8);
        defaults.isl.reset();
        defaults.osl.reset();
        defaults.model = "Llama-3.3-70B";
        defaults.hardware = "H200 SXM";
        defaults.engine = "sglang";
        ImportError error;
        const std::optional<ImportBatch> batch = parse({path}, error, ImportFormat::Auto, defaults);
        QVERIFY2(batch, qPrintable(error.location + u' ' + error.reason));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(pointCount(*batch), std::size_t(lines.size()));
        // Lines 1–5 ran the random 1024/1024 dataset: one series. Lines 6–7 ran ShareGPT, whose
        // lengths are its own: each is filed under its measured mean lengths.
        QCOMPARE(batch->series.size(), std::size_t(3));
        std::vector<const OperatingPoint*> points;
        for (const Series& series : batch->series) {
            const bool random = series.key.isl == 1024 && series.key.osl == 1024;
            QCOMPARE(series.points.size(), std::size_t(random ? 5 : 1));
            for (const OperatingPoint& point : series.points)
                points.push_back(&point);
        }
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QJsonObject run = QJsonDocument::fromJson(lines[i]).object();
            const auto same = [&](const OperatingPoint* point) {
                return point->figures.requestRate == run.value("request_rate").toDouble() &&
                       (point->note.find("sharegpt") != std::string::npos) ==
                           (run.value("dataset_name").toString() == u"sharegpt");
            };
            const auto found = std::find_if(points.begin(), points.end(), same);
            QVERIFY(found != points.end());
            const PointFigures& figures = (*found)->figures;
            QCOMPARE(figures.requestRate, run.value("request_rate").toDouble());
            QCOMPARE(*figures.tputPerGpu, (run.value("total_input_tokens").toDouble() +
                                           run.value("total_output_tokens").toDouble()) /
                                              run.value("duration").toDouble() / 8);
            QCOMPARE(*figures.outputTputPerGpu, run.value("output_throughput").toDouble() / 8);
            QCOMPARE(*figures.interactivity.p50, 1000.0 / run.value("median_itl_ms").toDouble());
            QCOMPARE(*figures.ttftSeconds.p50, run.value("median_ttft_ms").toDouble() / 1000.0);
            QVERIFY((*found)->note.find("inter-token latency") != std::string::npos);
        }
        for (const qsizetype line : {5, 6}) {
            const QJsonObject run = QJsonDocument::fromJson(lines[line]).object();
            const int isl = int(std::lround(run.value("total_input_tokens").toDouble() /
                                            run.value("completed").toDouble()));
            const int osl = int(std::lround(run.value("total_output_tokens").toDouble() /
                                            run.value("completed").toDouble()));
            QVERIFY(std::any_of(batch->series.begin(), batch->series.end(), [&](const Series& s) {
                return s.key.isl == isl && s.key.osl == osl &&
                       s.points.front().figures.requestRate == run.value("request_rate").toDouble();
            }));
        }
    }

    // A CSV compiled from SGLang bench_serving results (dstackai: the tools' keys as columns, a
    // GPU column, a byte-order mark, trailing empty columns): every row is a point, its figures
    // the row's own (tokens over the run's duration, 1000 / median TPOT ms, TTFT ms / 1000).
    void csvCompiledFromBenchServingResults() {
        const QString path = realWorld("dstackai__benchmarks__online_results.csv");
        ImportDefaults defaults;
        defaults.model = "DeepSeek-R1";
        defaults.precision = "fp8";
        defaults.gpus = 8;
        ImportError error;
        const std::optional<ImportBatch> batch = parse({path}, error, ImportFormat::Auto, defaults);
        QVERIFY2(batch, qPrintable(error.location + u' ' + error.reason));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split(u'\n');
        const QStringList header = lines.takeFirst().remove(QChar(0xFEFF)).split(u',');
        QCOMPARE(pointCount(*batch), std::size_t(lines.size()));
        const auto column = [&](const QStringList& row, const char* name) {
            return row.value(int(header.indexOf(QString::fromLatin1(name)))).toDouble();
        };
        for (const QString& line : lines) {
            const QStringList row = line.split(u',');
            const double tput =
                (column(row, "total_input_tokens") + column(row, "total_output_tokens")) /
                column(row, "duration") / 8;
            const OperatingPoint* match = nullptr;
            for (const Series& series : batch->series) {
                for (const OperatingPoint& point : series.points) {
                    if (point.figures.concurrency == column(row, "max_concurrency") &&
                        point.figures.tputPerGpu == tput &&
                        series.key.engine == row.value(1).toStdString())
                        match = &point;
                }
            }
            QVERIFY2(match, qPrintable(line.left(60)));
            QCOMPARE(*match->figures.interactivity.p50, 1000.0 / column(row, "median_tpot_ms"));
            QCOMPARE(*match->figures.ttftSeconds.p50, column(row, "median_ttft_ms") / 1000.0);
        }
    }

    // dstackai's SGLang 1P(TP2)+3D(TP2) run through `vllm bench serve`: the file says nothing
    // of its disaggregation. --prefill-gpus 2 --decode-gpus 6 make it 8 GPUs, with output
    // counted per decode GPU and input per prefill GPU (InferenceX's convention).
    void disaggregatedRunFromTheOptions() {
        const QString path = realWorld("dstackai__benchmarks__1p3d_conc64_in2048_out2048_"
                                       "20250914_014738.json");
        ImportDefaults defaults = identity(8);
        defaults.gpus.reset();
        defaults.isl = 2048; // the file does not say; its name does
        defaults.osl = 2048;
        defaults.prefillGpus = 2;
        defaults.decodeGpus = 6;
        defaults.specDecoding = "eagle3";
        ImportError error;
        const auto batch = parse({path}, error, ImportFormat::Auto, defaults);
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(pointCount(*batch), std::size_t(1));
        const Series& series = batch->series.front();
        QCOMPARE(series.key.specDecoding, std::string("eagle3"));
        const PointFigures& figures = series.points.front().figures;
        const QJsonObject file = fileObject(path);
        const double total = file.value("total_token_throughput").toDouble();
        const double output = file.value("output_throughput").toDouble();
        QVERIFY(figures.disaggregated);
        QCOMPARE(figures.gpus, 8);
        QCOMPARE(figures.prefillGpus, 2);
        QCOMPARE(figures.decodeGpus, 6);
        QCOMPARE(*figures.tputPerGpu, total / 8);
        QCOMPARE(*figures.outputTputPerGpu, output / 6);
        QCOMPARE(*figures.inputTputPerGpu, (total - output) / 2);
        QCOMPARE(series.points.front().config, std::string("2P+6D"));
        QCOMPARE(figures.concurrency, file.value("max_concurrency").toDouble());
        // --gpus that is not prefill + decode is a contradiction, not a guess.
        defaults.gpus = 16;
        QVERIFY(!parse({path}, error, ImportFormat::Auto, defaults));
        QCOMPARE(error.field, QStringLiteral("gpus"));
        QVERIFY2(error.reason.contains(u"--prefill-gpus + --decode-gpus (8)"),
                 qPrintable(error.reason));
    }

    // A file with no identity but its model: one refusal names every option it needs, and
    // says what the file did state, so one retry (or one dialog) can give all of it.
    void everyMissingIdentityIsNamedAtOnce() {
        const QString path = realWorld("er0080__vllm-benchmarking__run=0.json");
        ImportError error;
        QVERIFY(!parse({path}, error, ImportFormat::Auto, ImportDefaults{}));
        const QJsonObject file = fileObject(path);
        QVERIFY(error.missingOptions.contains(u"hardware"));
        QVERIFY(error.missingOptions.contains(u"gpus"));
        QVERIFY(error.missingOptions.contains(u"precision"));
        QVERIFY(!error.missingOptions.contains(u"model"));
        QStringList flags;
        for (const QString& option : error.missingOptions)
            flags << QStringLiteral("--") + option;
        QVERIFY2(error.reason.endsWith(flags.last()), qPrintable(error.reason));
        for (const QString& flag : flags)
            QVERIFY2(error.reason.contains(flag), qPrintable(flag));
        const auto said = std::find_if(error.fileSays.begin(), error.fileSays.end(),
                                       [](const auto& entry) { return entry.first == u"model"; });
        QVERIFY(said != error.fileSays.end());
        QCOMPARE(said->second, file.value("model_id").toString());
        // Given all of it at once, the file imports.
        ImportDefaults defaults;
        defaults.hardware = "A100 40GB";
        defaults.gpus = 1;
        defaults.precision = "bf16";
        for (const QString& option : error.missingOptions) {
            if (option == u"engine")
                defaults.engine = "vllm";
            if (option == u"isl")
                defaults.isl = 128;
            if (option == u"osl")
                defaults.osl = 128;
        }
        QVERIFY2(parse({path}, error, ImportFormat::Auto, defaults), qPrintable(error.message()));
    }

    // --load stands for the load a file does not state, and overrides one it does.
    void loadOptionSetsTheLoadLevel() {
        const QString path = realWorld("er0080__vllm-benchmarking__run=0.json");
        ImportDefaults defaults = identity(1);
        LoadLevel load;
        QString reason;
        QVERIFY(parseLoadLevel(QStringLiteral("rate=2.5"), load, &reason));
        defaults.load = load;
        ImportError error;
        const auto batch = parse({path}, error, ImportFormat::Auto, defaults);
        QVERIFY2(batch, qPrintable(error.message()));
        const PointFigures& figures = batch->series.front().points.front().figures;
        QCOMPARE(figures.requestRate, 2.5);
        QCOMPARE(figures.concurrency, 0.0);
        QVERIFY(parseLoadLevel(QStringLiteral("48"), load, &reason));
        QCOMPARE(load.concurrency, 48.0);
        QVERIFY(!parseLoadLevel(QStringLiteral("speed=3"), load, &reason));
        QVERIFY(reason.contains(u"concurrency=N or rate=R"));
        QVERIFY(!parseLoadLevel(QStringLiteral("rate=inf"), load, &reason));
    }

    // AIPerf 0.10 (schema 1.3): metric blocks at the top level beside a total_token_throughput
    // block (once taken for vLLM's key), the model under input_config.models.items, the load in
    // the profiling phase (concurrency 16; poisson at 1.0 request/s), a file dataset whose
    // measured mean lengths become the scenario.
    void aiperf010ConcurrencyAndRateRuns_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("concurrency");
        QTest::addColumn<double>("rate");
        QTest::newRow("concurrency 16")
            << "anud18__qwen36-vllm-aiperf-benchmark__c16_profile_export_aiperf.json" << 16.0
            << 0.0;
        QTest::newRow("poisson 1.0/s")
            << "anud18__qwen36-vllm-aiperf-benchmark__r1.0_profile_export_aiperf.json" << 0.0
            << 1.0;
    }
    void aiperf010ConcurrencyAndRateRuns() {
        QFETCH(QString, name);
        QFETCH(double, concurrency);
        QFETCH(double, rate);
        const QString path = realWorld(name);
        QFile head(path);
        QVERIFY(head.open(QIODevice::ReadOnly));
        QCOMPARE(detectFormat(QStringLiteral("results.json"), head.read(65536)),
                 ImportFormat::AiPerf);
        ImportDefaults defaults = identity(1);
        defaults.isl.reset();
        defaults.osl.reset();
        defaults.hardware = "RTX 5090";
        ImportError error;
        const auto batch = parse({path}, error, ImportFormat::Auto, defaults);
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(pointCount(*batch), std::size_t(1));
        const QJsonObject file = fileObject(path);
        const auto avg = [&file](const char* block) {
            return file.value(QLatin1String(block)).toObject().value("avg").toDouble();
        };
        const auto at = [&file](const char* block, const char* statistic) {
            return file.value(QLatin1String(block)).toObject().value(statistic).toDouble();
        };
        const Series& series = batch->series.front();
        QCOMPARE(series.key.model, std::string("qwen3.6-nvfp4"));
        QCOMPARE(series.key.isl, static_cast<int>(std::lround(avg("input_sequence_length"))));
        QCOMPARE(series.key.osl, static_cast<int>(std::lround(avg("output_sequence_length"))));
        const OperatingPoint& point = series.points.front();
        QCOMPARE(point.figures.concurrency, concurrency);
        QCOMPARE(point.figures.requestRate, rate);
        QCOMPARE(*point.figures.tputPerGpu, avg("total_token_throughput"));
        QCOMPARE(*point.figures.outputTputPerGpu, avg("output_token_throughput"));
        QCOMPARE(*point.figures.interactivity.p50, 1000.0 / at("inter_token_latency", "p50"));
        QCOMPARE(*point.figures.interactivity.p90, 1000.0 / at("inter_token_latency", "p90"));
        QCOMPARE(*point.figures.ttftSeconds.p99, at("time_to_first_token", "p99") / 1000.0);
        QCOMPARE(*point.figures.e2elSeconds.p50, at("request_latency", "p50") / 1000.0);
        QCOMPARE(point.provenance.date, file.value("start_time").toString().left(10).toStdString());
        QVERIFY(QString::fromStdString(point.note).contains(u"measured mean"));
    }

    // AIPerf 0.11 layout with a synthetic dataset (a file written after the 0.10 ones and the
    // schema documentation): the requested lengths are the scenario.
    void aiperf011SyntheticLengths() {
        const QString path = examplePath(QStringLiteral("aiperf-0.11/profile_export_aiperf.json"));
        ImportDefaults defaults = identity(1);
        defaults.isl.reset();
        defaults.osl.reset();
        ImportError error;
        const auto batch = parse({path}, error, ImportFormat::Auto, defaults);
        QVERIFY2(batch, qPrintable(error.message()));
        const QJsonObject file = fileObject(path);
        const QJsonObject prompts = file.value("input_config")
                                        .toObject()
                                        .value("datasets")
                                        .toArray()
                                        .at(0)
                                        .toObject()
                                        .value("prompts")
                                        .toObject();
        const Series& series = batch->series.front();
        QCOMPARE(series.key.isl, prompts.value("isl").toObject().value("value").toInt());
        QCOMPARE(series.key.osl, prompts.value("osl").toObject().value("value").toInt());
        QCOMPARE(series.points.front().figures.concurrency, 32.0);
    }

    // A byte-order mark before the JSON (as Windows editors save it) changes nothing.
    void byteOrderMarkBeforeJsonIsIgnored() {
        const QString original = realWorld("er0080__vllm-benchmarking__run=0.json");
        QFile in(original);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QTemporaryDir dir;
        const QString path =
            writeFile(dir, QStringLiteral("run.json"), "\xEF\xBB\xBF" + in.readAll());
        ImportError error;
        const std::optional<OperatingPoint> point = onlyPoint(path, 1, error);
        QVERIFY2(point, qPrintable(error.reason));
        compareWithSummary(*point, fileObject(original), 1);
    }
};

QTEST_GUILESS_MAIN(TestRealWorldFiles)
#include "test_real_world_files.moc"
