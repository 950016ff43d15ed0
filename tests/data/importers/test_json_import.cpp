// JSON result import: InferenceX, vLLM, AIPerf and GenAI-Perf examples and their errors.
#include "ImportTestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace tokenomics;
using namespace tokenomics::data;
using namespace importer_test;

class TestJsonImport : public QObject {
    Q_OBJECT

private slots:
    void inferenceXSingleNode() {
        ImportError error;
        const auto batch =
            parse({examplePath(QStringLiteral("agg_dsr1_1k1k_fp8_sglang_tp8_conc64.json"))}, error);
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(batch->series.size(), std::size_t(1));
        const Series& series = batch->series[0];
        QCOMPARE(series.key.model, std::string("DeepSeek-R1-0528")); // infmax_model_prefix dsr1
        QCOMPARE(series.key.hardware, std::string("H200 SXM"));      // runner "h200-nv"
        QCOMPARE(series.key.engine, std::string("sglang"));
        QCOMPARE(series.key.specDecoding, std::string("none"));
        QCOMPARE(series.key.isl, 1024);
        const OperatingPoint& point = series.points[0];
        QCOMPARE(point.figures.gpus, 8); // tp
        QCOMPARE(point.config, std::string("TP8"));
        QCOMPARE(point.figures.concurrency, 64.0);
        QCOMPARE(*point.figures.tputPerGpu, 2000.0);
        QCOMPARE(*point.figures.inputTputPerGpu, 1000.0);
        QVERIFY(!point.figures.tputDerived);
        QCOMPARE(*point.figures.interactivity.p50, 40.0); // 1000 / 25 ms
        QCOMPARE(*point.figures.interactivity.p99, 25.0); // 1000 / 40 ms, the slow tail
        QCOMPARE(*point.figures.ttftSeconds.p99, 0.9);
        QCOMPARE(*point.figures.e2elSeconds.p50, 25.825);
        QCOMPARE(*point.figures.powerWatts, 700.0); // mean_power_w 5600 W over 8 GPUs
    }

    void inferenceXDisaggregatedList() {
        ImportError error;
        const auto batch =
            parse({examplePath(QStringLiteral("agg_dsr1_8k1k_fp4_dynamo-trt_disagg.json"))}, error);
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(batch->series.size(), std::size_t(1));
        const Series& series = batch->series[0];
        QCOMPARE(series.key.hardware, std::string("GB200 (NVL72)")); // "gb200-nv_0"
        QCOMPARE(series.key.engine, std::string("dynamo-trt"));      // "dynamo-trtllm"
        QCOMPARE(series.key.specDecoding, std::string("mtp"));
        QCOMPARE(series.points.size(), std::size_t(2));
        const PointFigures& figures = series.points[1].figures;
        QVERIFY(figures.disaggregated);
        QCOMPARE(figures.gpus, 12);
        QCOMPARE(figures.prefillGpus, 4);
        QCOMPARE(figures.decodeGpus, 8);
        QCOMPARE(series.points[1].config, std::string("4P+8D"));
        QCOMPARE(figures.concurrency, 512.0);
        QCOMPARE(*figures.outputTputPerGpu, 4125.0);
    }

    void inferenceXWrongTypeNamesPath() {
        QTemporaryDir dir;
        const QString path = writeFile(
            dir, QStringLiteral("agg_bad.json"),
            R"([{"hw":"b200","conc":4,"model":"m","framework":"vllm","precision":"fp8","isl":1,
                 "osl":1,"tp":1,"tput_per_gpu":10,"median_intvty":5},
                {"hw":"b200","conc":8,"model":"m","framework":"vllm","precision":"fp8","isl":1,
                 "osl":1,"tp":1,"tput_per_gpu":10,"median_intvty":5,"median_ttft":"soon"}])");
        ImportError error;
        QVERIFY(!parse({path}, error));
        QCOMPARE(error.location, QStringLiteral("$[1].median_ttft"));
        QCOMPARE(error.field, QStringLiteral("median_ttft"));
        QVERIFY(error.reason.contains(u"expected a number"));
    }

    void inferenceXNumericStringsAndChecks_data() {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        QTest::newRow("NaN string") << QByteArray(R"("p99_ttft":"NaN")") << "p99_ttft"
                                    << "not a finite number";
        QTest::newRow("negative") << QByteArray(R"("median_e2el":-1)") << "median_e2el"
                                  << "must be ≥ 0";
        QTest::newRow("zero rate")
            << QByteArray(R"("output_tput_per_gpu":0)") << "output_tput_per_gpu"
            << "must be > 0";
        QTest::newRow("wrong type") << QByteArray(R"("disagg":[1])") << "disagg"
                                    << "expected true or false";
    }
    void inferenceXNumericStringsAndChecks() {
        QFETCH(QByteArray, extra);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString path = writeFile(
            dir, QStringLiteral("agg_x.json"),
            R"({"hw":"b200","conc":4,"model":"m","framework":"vllm","precision":"fp8","isl":1,
                "osl":1,"tp":1,"tput_per_gpu":"10","median_intvty":5,)" +
                extra + "}");
        ImportError error;
        QVERIFY(!parse({path}, error));
        QCOMPARE(error.field, field);
        QCOMPARE(error.location, QStringLiteral("$.") + field);
        QVERIFY2(error.reason.contains(reason), qPrintable(error.reason));
    }

    void vllmDetailedAndSummaryFormOneSeries() {
        ImportError error;
        const auto batch = parse({examplePath(QStringLiteral("vllm_llama70b_c4_detailed.json")),
                                  examplePath(QStringLiteral("vllm_llama70b_c8.json"))},
                                 error, ImportFormat::Auto, vllmDefaults());
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(batch->series.size(), std::size_t(1));
        const Series& series = batch->series[0];
        QCOMPARE(series.key.model, std::string("Llama 3.3 70B"));
        QCOMPARE(series.key.hardware, std::string("H100 SXM"));
        QCOMPARE(series.points.size(), std::size_t(2));
        const OperatingPoint& detailed = series.points[0];
        QCOMPARE(detailed.figures.concurrency, 4.0);
        // total_token_throughput 1507.5 on 4 GPUs = 376.875; output 7.5 / 4 = 1.875;
        // input (1507.5 - 7.5) / 4 = 375.
        QCOMPARE(*detailed.figures.tputPerGpu, 376.875);
        QCOMPARE(*detailed.figures.outputTputPerGpu, 1.875);
        QCOMPARE(*detailed.figures.inputTputPerGpu, 375.0);
        QCOMPARE(*detailed.figures.interactivity.p50, 40.0); // median tpot 25 ms
        QVERIFY(qFuzzyCompare(*detailed.figures.interactivity.p99, 1000.0 / 29.9));
        QCOMPARE(*detailed.figures.ttftSeconds.p90, 0.38);
        QCOMPARE(*detailed.figures.e2elSeconds.p99, 0.4984);
        QVERIFY(detailed.samples);
        const SampleSet& samples = *detailed.samples;
        QCOMPARE(samples.durationSeconds, 2.0);
        QCOMPARE(samples.requests.size(), std::size_t(4));
        // Request 2: ttft 0.3 + 4 gaps of 0.03 = e2el 0.42; tpot = 0.12 / (5 - 1) = 0.03.
        QVERIFY(qFuzzyCompare(samples.requests[1].e2elSeconds, 0.42));
        QVERIFY(qFuzzyCompare(samples.requests[1].tpotSeconds, 0.03));
        QCOMPARE(samples.requests[1].inputTokens, 1000);
        QCOMPARE(samples.requests[1].outputTokens, 5);
        QVERIFY(samples.requests[1].success);
        QVERIFY(!samples.requests[3].success);                         // non-empty error
        QCOMPARE(detailed.provenance.date, std::string("2025-09-12")); // "20250912-101500"
        const OperatingPoint& summary = series.points[1];
        QVERIFY(!summary.samples);
        QCOMPARE(*summary.figures.tputPerGpu, 564.0);        // 2256 / 4
        QCOMPARE(*summary.figures.interactivity.p50, 31.25); // 1000 / 32 ms
    }

    void vllmEightGpus() {
        QTemporaryDir dir;
        const QString path = writeFile(
            dir, QStringLiteral("run.json"),
            R"({"model_id":"openai/gpt-oss-120b","max_concurrency":32,"duration":60,"completed":900,
                "total_token_throughput":12000,"output_throughput":4000,"median_tpot_ms":25,
                "latencies":[1.5],"input_lens":[100],"output_lens":[11],"ttfts":[0.5],
                "itls":[[0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1]],"errors":[""]})");
        ImportDefaults defaults = vllmDefaults();
        defaults.gpus = 8;
        ImportError error;
        const auto batch = parse({path}, error, ImportFormat::Vllm, defaults);
        QVERIFY2(batch, qPrintable(error.message()));
        const OperatingPoint& point = batch->series[0].points[0];
        QCOMPARE(batch->series[0].key.model, std::string("gpt-oss-120b"));
        QCOMPARE(*point.figures.tputPerGpu, 1500.0);      // 12000 / 8
        QCOMPARE(*point.figures.inputTputPerGpu, 1000.0); // (12000 - 4000) / 8
        // The recorded latency wins over ttft + gaps; tpot = (1.5 - 0.5) / (11 - 1) = 0.1.
        QCOMPARE(point.samples->requests[0].e2elSeconds, 1.5);
        QVERIFY(qFuzzyCompare(point.samples->requests[0].tpotSeconds, 0.1));
    }

    void vllmIdentityFromMetadata() {
        // `vllm bench serve --metadata hardware=b200 engine=sglang ...` stores strings at the top.
        QTemporaryDir dir;
        const QString path = writeFile(
            dir, QStringLiteral("run.json"),
            R"({"model_id":"Qwen/Qwen3-8B","hardware":"b200","engine":"sglang","precision":"fp8",
                "gpus":"2","isl":"1024","osl":"512","max_concurrency":8,"duration":10,
                "completed":40,"total_token_throughput":6000,"output_throughput":2000,
                "median_tpot_ms":20})");
        ImportError error;
        const auto batch = parse({path}, error);
        QVERIFY2(batch, qPrintable(error.message()));
        const Series& series = batch->series[0];
        QCOMPARE(series.key.model, std::string("Qwen3-8B"));
        QCOMPARE(series.key.hardware, std::string("B200"));
        QCOMPARE(series.key.osl, 512);
        QCOMPARE(*series.points[0].figures.tputPerGpu, 3000.0); // 6000 / 2
        // A command-line option overrides what the run recorded.
        ImportDefaults defaults;
        defaults.gpus = 4;
        const auto overridden = parse({path}, error, ImportFormat::Vllm, defaults);
        QVERIFY2(overridden, qPrintable(error.message()));
        QCOMPARE(*overridden->series[0].points[0].figures.tputPerGpu, 1500.0); // 6000 / 4
    }

    void vllmIdentityErrors_data() {
        QTest::addColumn<QString>("drop");
        QTest::addColumn<QString>("reason");
        QTest::newRow("hardware") << "hardware"
                                  << "hardware unknown: pass --hardware";
        QTest::newRow("gpus") << "gpus"
                              << "gpus unknown: pass --gpus";
        QTest::newRow("isl") << "isl"
                             << "isl unknown: pass --isl";
        QTest::newRow("engine and precision") << "engine"
                                              << "precision unknown: pass --precision";
    }
    void vllmIdentityErrors() {
        QFETCH(QString, drop);
        QFETCH(QString, reason);
        ImportDefaults defaults = vllmDefaults();
        if (drop == u"hardware")
            defaults.hardware.reset();
        if (drop == u"gpus")
            defaults.gpus.reset();
        if (drop == u"isl")
            defaults.isl.reset();
        if (drop == u"engine") { // the file's backend ("vllm") names the engine
            defaults.engine.reset();
            defaults.precision.reset();
        }
        ImportError error;
        QVERIFY(!parse({examplePath(QStringLiteral("vllm_llama70b_c8.json"))}, error,
                       ImportFormat::Vllm, defaults));
        QCOMPARE(error.field, drop == u"engine" ? QStringLiteral("precision") : drop);
        QCOMPARE(error.reason, reason);
    }

    void vllmSampleArraysMustAgree() {
        QTemporaryDir dir;
        const QString path =
            writeFile(dir, QStringLiteral("run.json"),
                      R"({"model_id":"m","max_concurrency":2,"duration":1,"completed":2,
                "total_token_throughput":10,"output_throughput":5,"median_tpot_ms":10,
                "input_lens":[1,2],"output_lens":[3,4],"ttfts":[0.1,-0.2],"itls":[[],[]],
                "errors":["",""]})");
        ImportError error;
        QVERIFY(!parse({path}, error, ImportFormat::Vllm, vllmDefaults()));
        QCOMPARE(error.location, QStringLiteral("$.ttfts[1]"));
        QVERIFY(error.reason.contains(u"must be ≥ 0"));
    }

    // Without a concurrency limit or a finite rate every prompt is sent at once: the load is
    // a concurrency of the prompts sent (completed + failed when num_prompts is absent).
    void vllmWithoutConcurrencyOrRateSendsEveryPrompt() {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("run.json"),
                                       R"({"model_id":"m","max_concurrency":null,"duration":1,
                                           "completed":2,"failed":1,"total_token_throughput":10,
                                           "output_throughput":5,"median_tpot_ms":10})");
        ImportError error;
        const auto batch = parse({path}, error, ImportFormat::Vllm, vllmDefaults());
        QVERIFY2(batch, qPrintable(error.reason));
        QCOMPARE(batch->series.front().points.front().figures.concurrency, 3.0);
    }

    void aiPerfAggregateWithRecords() {
        ImportDefaults defaults;
        defaults.hardware = "B200";
        defaults.engine = "vllm";
        defaults.precision = "bf16";
        defaults.gpus = 2;
        ImportError error;
        const auto batch = parse({examplePath(QStringLiteral("aiperf/profile_export_aiperf.json")),
                                  examplePath(QStringLiteral("aiperf/profile_export.jsonl"))},
                                 error, ImportFormat::Auto, defaults);
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(batch->series.size(), std::size_t(1));
        const Series& series = batch->series[0];
        QCOMPARE(series.key.model, std::string("Qwen3-32B"));
        QCOMPARE(series.key.isl, 512);
        QCOMPARE(series.key.osl, 128);
        const OperatingPoint& point = series.points[0];
        QCOMPARE(point.figures.concurrency, 16.0);
        QCOMPARE(*point.figures.interactivity.p50, 50.0);  // ITL p50 20 ms
        QCOMPARE(*point.figures.interactivity.p99, 31.25); // ITL p99 32 ms
        QCOMPARE(*point.figures.ttftSeconds.p50, 0.15);
        // 64000 input tokens / 20 s = 3200 tok/s, + 800 output = 4000 tok/s over 2 GPUs.
        QCOMPARE(*point.figures.tputPerGpu, 2000.0);
        QCOMPARE(*point.figures.outputTputPerGpu, 400.0);
        QVERIFY(point.samples);
        QCOMPARE(point.samples->requests.size(), std::size_t(3)); // the warm-up record is dropped
        QCOMPARE(point.samples->durationSeconds, 20.0);           // benchmark_duration
        // (2690 - 150) ms / 127 gaps = 20 ms.
        QVERIFY(qFuzzyCompare(point.samples->requests[0].tpotSeconds, 0.02));
        QVERIFY(!point.samples->requests[2].success);
        QCOMPARE(point.samples->requests[2].inputTokens, 512); // error_isl
        QCOMPARE(point.provenance.date, std::string("2025-10-17"));
    }

    void aiPerfRecordsAloneReadTheirAggregate() {
        ImportDefaults defaults;
        defaults.hardware = "B200";
        defaults.engine = "vllm";
        defaults.precision = "bf16";
        defaults.gpus = 2;
        ImportError error;
        const auto batch = parse({examplePath(QStringLiteral("aiperf/profile_export.jsonl"))},
                                 error, ImportFormat::AiPerf, defaults);
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(batch->series[0].points[0].figures.concurrency, 16.0);
        QVERIFY(batch->series[0].points[0].samples);
    }

    void genAiPerfDerivesTotalThroughput() {
        ImportDefaults defaults;
        defaults.hardware = "H100";
        defaults.engine = "trt";
        defaults.precision = "fp8";
        defaults.gpus = 1;
        ImportError error;
        const auto batch =
            parse({examplePath(QStringLiteral("llama8b_concurrency32_genai_perf.json"))}, error,
                  ImportFormat::Auto, defaults);
        QVERIFY2(batch, qPrintable(error.message()));
        const Series& series = batch->series[0];
        QCOMPARE(series.key.model, std::string("Llama 3.1 8B"));
        QCOMPARE(series.key.isl, 200);
        QCOMPARE(series.key.osl, 100);
        const PointFigures& figures = series.points[0].figures;
        QCOMPARE(figures.concurrency, 32.0);
        QCOMPARE(*figures.interactivity.p50, 80.0); // ITL 12.5 ms
        // Total from what was processed: 2400 output tok/s + 24 req/s × 200 measured input
        // tokens = 7200, measured (not derived from the requested lengths).
        QCOMPARE(*figures.tputPerGpu, 7200.0);
        QVERIFY(!figures.tputDerived);

        // Measured input shorter than requested (150 vs 200): the total follows the measurement.
        QFile original(examplePath(QStringLiteral("llama8b_concurrency32_genai_perf.json")));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(original.readAll()).object();
        QJsonObject input = root.value("input_sequence_length").toObject();
        input.insert("avg", 150.0);
        root.insert("input_sequence_length", input);
        QTemporaryDir dir;
        const QString shorter =
            writeFile(dir, QStringLiteral("short_genai_perf.json"), QJsonDocument(root).toJson());
        const auto measured = parse({shorter}, error, ImportFormat::Auto, defaults);
        QVERIFY2(measured, qPrintable(error.message()));
        QCOMPARE(*measured->series[0].points[0].figures.tputPerGpu, 2400.0 + 24.0 * 150);
        QCOMPARE(measured->series[0].key.isl, 200); // the scenario is still the one asked for
    }

    void genAiPerfOlderStringsAndNanoseconds() {
        QTemporaryDir dir;
        const QString path =
            writeFile(dir, QStringLiteral("profile_export_genai_perf.json"),
                      R"({"time_to_first_token":{"unit":"ns","avg":"20757771.2","p50":"20901523.0",
                                       "p99":"29047316.52"},
                "inter_token_latency":{"unit":"ns","avg":"3860101.1","p50":"4000000.0"},
                "output_token_throughput":{"unit":"tokens per sec","avg":"217.1"},
                "input_config":{"model":"gpt2_vllm","synthetic_input_tokens_mean":550,
                                "output_tokens_mean":-1,"concurrency":1}})");
        ImportDefaults defaults;
        defaults.hardware = "H100";
        defaults.engine = "vllm";
        defaults.precision = "bf16";
        defaults.gpus = 1;
        defaults.osl = 18;
        ImportError error;
        const auto batch = parse({path}, error, ImportFormat::Auto, defaults);
        QVERIFY2(batch, qPrintable(error.message()));
        const PointFigures& figures = batch->series[0].points[0].figures;
        QCOMPARE(*figures.interactivity.p50, 250.0); // 4 ms
        QVERIFY(qFuzzyCompare(*figures.ttftSeconds.p50, 0.0209015230));
        QCOMPARE(batch->series[0].key.isl, 550);
    }

    void malformedJsonGivesLineAndColumn() {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("agg_broken.json"),
                                       "{\n  \"hw\": \"b200\",\n  \"conc\": NaN\n}");
        ImportError error;
        QVERIFY(!parse({path}, error));
        QVERIFY2(error.location.startsWith(u"line 3, column"), qPrintable(error.location));
        QVERIFY(error.reason.startsWith(u"malformed JSON"));
    }

    void invalidUtf8InJsonIsRejected() {
        QTemporaryDir dir;
        const QString path =
            writeFile(dir, QStringLiteral("agg_utf.json"), "{\"hw\": \"b2\xC3\x28\", \"conc\": 4}");
        ImportError error;
        QVERIFY(!parse({path}, error));
        QVERIFY(error.location.startsWith(u"line 1, column"));
        QVERIFY2(error.reason.contains(u"UTF8", Qt::CaseInsensitive), qPrintable(error.reason));
    }

    void aiPerfRecordsWithoutAggregateAreRejected() {
        QTemporaryDir dir;
        QFile records(examplePath(QStringLiteral("aiperf/profile_export.jsonl")));
        QVERIFY(records.open(QIODevice::ReadOnly));
        const QString path =
            writeFile(dir, QStringLiteral("run/profile_export.jsonl"), records.readAll());
        ImportDefaults defaults = vllmDefaults();
        ImportError error;
        QVERIFY(!parse({path}, error, ImportFormat::Auto, defaults));
        QCOMPARE(error.field, QStringLiteral("concurrency"));
        QVERIFY(error.reason.contains(u"profile_export_aiperf.json"));
    }

    void malformedRecordLineIsNamed() {
        QTemporaryDir dir;
        const QString path = writeFile(
            dir, QStringLiteral("profile_export.jsonl"),
            R"({"metadata": {"benchmark_phase": "profiling"}, "metrics": {}, "error": null}
{"metadata": {"benchmark_phase": "profiling"}, "metrics": {"time_to_first_token": )");
        ImportError error;
        QVERIFY(!parse({path}, error, ImportFormat::AiPerf, vllmDefaults()));
        QVERIFY2(error.location.startsWith(u"line 2, column"), qPrintable(error.location));
    }

    void agenticInferenceXIsRejected() {
        QTemporaryDir dir;
        const QString path =
            writeFile(dir, QStringLiteral("agg_agentic.json"),
                      R"({"hw":"h100","conc":4,"model":"m","framework":"sglang","precision":"fp4",
                "scenario_type":"agentic-coding","tp":8})");
        ImportError error;
        QVERIFY(!parse({path}, error));
        QCOMPARE(error.field, QStringLiteral("scenario_type"));
    }

    void namesWithQuotesStayVerbatim() {
        QTemporaryDir dir;
        const QString path = writeFile(
            dir, QStringLiteral("agg_q.json"),
            "{\"hw\":\"Robert'); DROP TABLE series;--\",\"conc\":4,\"model\":\"say \\\"hi\\\"\","
            R"(
                "framework":"vllm","precision":"fp8","isl":1,"osl":1,"tp":1,
                "tput_per_gpu":10,"median_intvty":5})");
        ImportError error;
        const auto batch = parse({path}, error);
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(batch->series[0].key.hardware, std::string("Robert'); DROP TABLE series;--"));
        QCOMPARE(batch->series[0].key.model, std::string("say \"hi\""));
    }

    void duplicatePointsAcrossFiles() {
        ImportError error;
        const QString file = examplePath(QStringLiteral("vllm_llama70b_c8.json"));
        QVERIFY(!parse({file, file}, error, ImportFormat::Auto, vllmDefaults()));
        QVERIFY(error.reason.contains(u"duplicate point"));
        QCOMPARE(error.location, QStringLiteral("$"));
    }
};

QTEST_APPLESS_MAIN(TestJsonImport)
#include "test_json_import.moc"
