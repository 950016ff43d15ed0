// `tokenomics import`: streams result files into a catalog in one transaction.
#include "Commands.h"
#include "ImportTypes.h"
#include "importers/CatalogImport.h"
#include "importers/ResultImporter.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <string>

namespace tokenomics::app {

namespace {

constexpr int exitBadUsage = 2;
constexpr int exitFailed = 1;

int usageError(const QString& message) {
    QTextStream(stderr) << "tokenomics import: " << message << "\n"
                        << "Try 'tokenomics import --help'.\n";
    return exitBadUsage;
}

bool readCount(const QCommandLineParser& parser, const QString& name, std::optional<int>* value,
               QString* error) {
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int number = parser.value(name).trimmed().toInt(&ok);
    if (!ok || number <= 0 || number > maxWholeCount) {
        *error = QStringLiteral("--%1: must be a whole number from 1 to %2 (got '%3')")
                     .arg(name)
                     .arg(maxWholeCount)
                     .arg(parser.value(name));
        return false;
    }
    *value = number;
    return true;
}

std::optional<std::string> text(const QCommandLineParser& parser, const QString& name) {
    if (!parser.isSet(name))
        return std::nullopt;
    return parser.value(name).trimmed().toStdString();
}

} // namespace

int runImport(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Imports benchmark results into a catalog, all files or none.\n"
        "Formats: canonical CSV (docs: PRODUCT.md §4), InferenceX results JSON, vLLM bench serve "
        "JSON, AIPerf and GenAI-Perf exports. Options fill in what a file does not say."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("db"),
         QStringLiteral("Catalog file; created with the schema when missing (default: the "
                        "user's default catalog)."),
         QStringLiteral("FILE")},
        {QStringLiteral("format"),
         QStringLiteral("auto, csv, inferencex, vllm, aiperf or genai-perf (default auto)."),
         QStringLiteral("FORMAT"), QStringLiteral("auto")},
        {QStringLiteral("model"), QStringLiteral("Model of the results."), QStringLiteral("M")},
        {QStringLiteral("hardware"), QStringLiteral("Accelerator of the results."),
         QStringLiteral("H")},
        {QStringLiteral("engine"), QStringLiteral("Inference engine."), QStringLiteral("E")},
        {QStringLiteral("precision"), QStringLiteral("Precision (fp8, fp4, bf16, ...)."),
         QStringLiteral("P")},
        {QStringLiteral("gpus"), QStringLiteral("GPUs serving the results."), QStringLiteral("N")},
        {QStringLiteral("isl"), QStringLiteral("Input sequence length (tokens)."),
         QStringLiteral("N")},
        {QStringLiteral("osl"), QStringLiteral("Output sequence length (tokens)."),
         QStringLiteral("N")},
        {QStringLiteral("run"), QStringLiteral("Run label: a separate series per label."),
         QStringLiteral("LABEL")},
        {QStringLiteral("config"), QStringLiteral("Configuration label (TP2, 4P+16D, ...)."),
         QStringLiteral("LABEL")},
        {QStringLiteral("prefill-gpus"),
         QStringLiteral("Prefill GPUs of a disaggregated run (with --decode-gpus)."),
         QStringLiteral("N")},
        {QStringLiteral("decode-gpus"),
         QStringLiteral("Decode GPUs of a disaggregated run (with --prefill-gpus)."),
         QStringLiteral("N")},
        {QStringLiteral("spec-decoding"),
         QStringLiteral("Speculative decoding of the run (mtp, eagle3, ...; default none)."),
         QStringLiteral("METHOD")},
        {QStringLiteral("load"),
         QStringLiteral("Load level of the run: concurrency=N or rate=R (requests/s)."),
         QStringLiteral("LOAD")},
        {QStringLiteral("map"),
         QStringLiteral("CSV column COLUMN holds canonical FIELD; UNIT (s, ms, us) converts a "
                        "latency; FIELD skip ignores the column. Repeatable."),
         QStringLiteral("COLUMN=FIELD[:UNIT]")},
    });
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Result files."),
                                 QStringLiteral("FILE..."));
    if (!parser.parse(QStringList{QStringLiteral("tokenomics import")} + arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usageError(QStringLiteral("no result files given"));

    bool formatKnown = false;
    const data::ImportFormat format =
        data::formatFromName(parser.value(QStringLiteral("format")).trimmed(), &formatKnown);
    if (!formatKnown)
        return usageError(QStringLiteral("--format: '%1' is not one of auto, csv, inferencex, "
                                         "vllm, aiperf, genai-perf")
                              .arg(parser.value(QStringLiteral("format"))));
    data::ImportDefaults defaults;
    defaults.model = text(parser, QStringLiteral("model"));
    defaults.hardware = text(parser, QStringLiteral("hardware"));
    defaults.engine = text(parser, QStringLiteral("engine"));
    defaults.precision = text(parser, QStringLiteral("precision"));
    defaults.run = text(parser, QStringLiteral("run"));
    defaults.config = text(parser, QStringLiteral("config"));
    if (parser.isSet(QStringLiteral("db")) &&
        parser.value(QStringLiteral("db")).trimmed().isEmpty())
        return usageError(QStringLiteral("--db: needs a file name"));
    QString error;
    if (!readCount(parser, QStringLiteral("gpus"), &defaults.gpus, &error) ||
        !readCount(parser, QStringLiteral("isl"), &defaults.isl, &error) ||
        !readCount(parser, QStringLiteral("osl"), &defaults.osl, &error) ||
        !readCount(parser, QStringLiteral("prefill-gpus"), &defaults.prefillGpus, &error) ||
        !readCount(parser, QStringLiteral("decode-gpus"), &defaults.decodeGpus, &error))
        return usageError(error);
    if (defaults.prefillGpus.has_value() != defaults.decodeGpus.has_value())
        return usageError(QStringLiteral("--prefill-gpus and --decode-gpus go together"));
    defaults.specDecoding = text(parser, QStringLiteral("spec-decoding"));
    if (parser.isSet(QStringLiteral("load"))) {
        data::LoadLevel load;
        if (!data::parseLoadLevel(parser.value(QStringLiteral("load")), load, &error))
            return usageError(QStringLiteral("--load: ") + error);
        defaults.load = load;
    }
    for (const QString& entry : parser.values(QStringLiteral("map"))) {
        if (!data::parseColumnMapping(entry, defaults.columnMap, &error))
            return usageError(QStringLiteral("--map: ") + error);
    }
    for (const auto* name : {&defaults.model, &defaults.hardware, &defaults.engine,
                             &defaults.precision, &defaults.specDecoding}) {
        if (*name && (*name)->empty())
            return usageError(QStringLiteral("an identity option was given an empty value"));
    }

    // Rows are written as they are read, in one transaction over every file: a bad row
    // anywhere rolls the whole import back, and a new catalog file is not even left behind.
    const data::CatalogImportOutcome outcome =
        data::importIntoCatalog(parser.value(QStringLiteral("db")), files, format, defaults);
    if (outcome.inputError) {
        QTextStream(stderr) << "tokenomics import: " << outcome.inputError->message() << "\n"
                            << "Nothing was imported.\n";
        return exitFailed;
    }
    if (!outcome.ok) {
        QTextStream(stderr) << "tokenomics import: " << outcome.catalogError << "\n";
        return exitFailed;
    }

    const auto plural = [](qint64 count, const char* one, const char* many) {
        return QStringLiteral("%1 %2").arg(count).arg(QString::fromLatin1(count == 1 ? one : many));
    };
    QTextStream(stdout) << "Imported " << plural(outcome.points, "point", "points") << " in "
                        << plural(outcome.series, "series", "series") << " from "
                        << plural(files.size(), "file", "files") << " into " << outcome.catalogPath
                        << "\n";
    return 0;
}

} // namespace tokenomics::app
