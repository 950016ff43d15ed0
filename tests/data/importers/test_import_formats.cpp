// Format names, detection and mismatches, progress reporting and canonical names.
#include "ImportTestSupport.h"

#include <QTest>

using namespace tokenomics;
using namespace tokenomics::data;
using namespace importer_test;

class TestImportFormats : public QObject {
    Q_OBJECT

private slots:
    void progressCoversEveryByte() {
        const QStringList paths{examplePath(QStringLiteral("vllm_llama70b_c4_detailed.json")),
                                examplePath(QStringLiteral("vllm_llama70b_c8.json"))};
        const qint64 total = QFileInfo(paths[0]).size() + QFileInfo(paths[1]).size();
        std::vector<std::pair<qint64, qint64>> calls;
        ImportError error;
        const auto batch = parseResultFiles(paths, ImportFormat::Auto, vllmDefaults(), &error,
                                            [&](qint64 done, qint64 all) {
                                                calls.emplace_back(done, all);
                                                return true;
                                            });
        QVERIFY2(batch, qPrintable(error.message()));
        QCOMPARE(calls.size(), std::size_t(2)); // one report per file
        QCOMPARE(calls[0].first, QFileInfo(paths[0]).size());
        QCOMPARE(calls[1].first, total);
        QCOMPARE(calls[1].second, total);
    }

    void formatMismatchWhenForced() {
        ImportError error;
        QVERIFY(!parse({examplePath(QStringLiteral("agg_dsr1_1k1k_fp8_sglang_tp8_conc64.json"))},
                       error, ImportFormat::Vllm, vllmDefaults()));
        QVERIFY(error.reason.contains(u"format mismatch"));
        QVERIFY(error.reason.contains(u"InferenceX"));
    }

    void csvAndJsonMismatch() {
        ImportError error;
        QVERIFY(!parse({examplePath(QStringLiteral("canonical_points.csv"))}, error,
                       ImportFormat::InferenceX));
        QVERIFY2(error.reason.contains(u"format mismatch"), qPrintable(error.reason));
        QVERIFY(!parse({examplePath(QStringLiteral("vllm_llama70b_c8.json"))}, error,
                       ImportFormat::Csv));
        QVERIFY2(error.reason.contains(u"the file is JSON"), qPrintable(error.reason));
    }

    void detectFormatFromNameAndContent_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << "x.csv" << QByteArray() << int(ImportFormat::Csv);
        QTest::newRow("agg") << "agg_run.json" << QByteArray("{}") << int(ImportFormat::InferenceX);
        QTest::newRow("jsonl") << "profile_export.jsonl" << QByteArray()
                               << int(ImportFormat::AiPerf);
        QTest::newRow("aiperf") << "profile_export_aiperf.json" << QByteArray()
                                << int(ImportFormat::AiPerf);
        QTest::newRow("genai") << "m_genai_perf.json" << QByteArray()
                               << int(ImportFormat::GenAiPerf);
        QTest::newRow("vllm by content")
            << "result.json" << QByteArray(R"({"date": "x", "burstiness": 1.0})")
            << int(ImportFormat::Vllm);
        QTest::newRow("inferencex by content")
            << "r.json" << QByteArray(R"({"hw": "h100", "conc": 4})")
            << int(ImportFormat::InferenceX);
        QTest::newRow("csv by content")
            << "points.txt" << QByteArray("model,hardware,concurrency\n") << int(ImportFormat::Csv);
        QTest::newRow("unknown") << "notes.txt" << QByteArray("hello") << int(ImportFormat::Auto);
    }
    void detectFormatFromNameAndContent() {
        QFETCH(QString, path);
        QFETCH(QByteArray, head);
        QFETCH(int, format);
        QCOMPARE(int(detectFormat(path, head)), format);
    }

    void formatNames() {
        bool ok = false;
        QCOMPARE(formatFromName(QStringLiteral("genai-perf"), &ok), ImportFormat::GenAiPerf);
        QVERIFY(ok);
        QCOMPARE(formatFromName(QStringLiteral("inferencex"), &ok), ImportFormat::InferenceX);
        QVERIFY(ok);
        formatFromName(QStringLiteral("excel"), &ok);
        QVERIFY(!ok);
    }

    void canonicalNames() {
        QCOMPARE(canonicalHardwareName("h100"), std::string("H100 SXM"));
        QCOMPARE(canonicalHardwareName("gb200"), std::string("GB200 (NVL72)"));
        QCOMPARE(canonicalHardwareName("mi355x-amds"), std::string("MI355X"));
        QCOMPARE(canonicalHardwareName("cluster:b300-nv"), std::string("B300"));
        QCOMPARE(canonicalHardwareName("b200"), std::string("B200"));
        QCOMPARE(canonicalHardwareName("RTX 4090"), std::string("RTX 4090"));
        QCOMPARE(canonicalModelName("dsr1"), std::string("DeepSeek-R1-0528"));
        QCOMPARE(canonicalModelName("llama3.3-70b"), std::string("Llama 3.3 70B"));
        QCOMPARE(canonicalModelName("meta-llama/Llama-3.3-70B-Instruct"),
                 std::string("Llama 3.3 70B"));
        QCOMPARE(canonicalModelName("gptoss"), std::string("gpt-oss-120b"));
        QCOMPARE(canonicalModelName("openai/gpt-oss-120b"), std::string("gpt-oss-120b"));
        QCOMPARE(canonicalModelName("nvidia/DeepSeek-R1-0528-FP4-V2"),
                 std::string("DeepSeek-R1-0528"));
        QCOMPARE(canonicalModelName("deepseek-ai/DeepSeek-R1"), std::string("DeepSeek-R1"));
        QCOMPARE(canonicalModelName("my-private-model"), std::string("my-private-model"));
        // Hugging Face cache paths, as vLLM records a model served from a local copy.
        QCOMPARE(canonicalModelName("/models/models--openai--gpt-oss-120b/snapshots/"
                                    "b5c939de8f754692c1647ca79fbf85e8c1e70f8a/"),
                 std::string("gpt-oss-120b"));
        QCOMPARE(canonicalModelName("/root/.cache/huggingface/hub/models--meta-llama--Llama-3.3-"
                                    "70B-Instruct/snapshots/6f6073b4"),
                 std::string("Llama 3.3 70B"));
        QCOMPARE(canonicalModelName("/data/models--acme--private-7b/snapshots/abc/"),
                 std::string("acme/private-7b"));
    }

    void catalogNamesMapToThemselves() {
        // Every name in the seed catalogs is already canonical.
        for (const char* file : {"accelerators.csv", "models.csv"}) {
            QFile csv(seedPath(QString::fromLatin1(file)));
            QVERIFY(csv.open(QIODevice::ReadOnly));
            csv.readLine(); // header
            while (!csv.atEnd()) {
                const std::string name = csv.readLine().split(',').first().toStdString();
                const std::string canonical = QByteArray(file) == "models.csv"
                                                  ? canonicalModelName(name)
                                                  : canonicalHardwareName(name);
                QCOMPARE(canonical, name);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestImportFormats)
#include "test_import_formats.moc"
