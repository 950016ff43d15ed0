// `tokenomics import`: parses result files and writes them into a catalog in one transaction.
#include "CatalogStore.h"
#include "Commands.h"
#include "ImportTypes.h"
#include "importers/ResultImporter.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <set>
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
    if (!ok || number <= 0) {
        *error = QStringLiteral("--%1: must be a whole number greater than 0 (got '%2')")
                     .arg(name, parser.value(name));
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

// One series may arrive in pieces (from several files); count each key once.
qint64 distinctSeries(const data::ImportBatch& batch) {
    std::set<std::string> keys;
    for (const Series& series : batch.series) {
        const SeriesKey& key = series.key;
        const char separator = '\x1f';
        keys.insert(key.model + separator + key.hardware + separator + key.engine + separator +
                    key.precision + separator + key.specDecoding + separator +
                    std::to_string(key.isl) + separator + std::to_string(key.osl) + separator +
                    key.run);
    }
    return static_cast<qint64>(keys.size());
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
    QString error;
    if (!readCount(parser, QStringLiteral("gpus"), &defaults.gpus, &error) ||
        !readCount(parser, QStringLiteral("isl"), &defaults.isl, &error) ||
        !readCount(parser, QStringLiteral("osl"), &defaults.osl, &error))
        return usageError(error);
    for (const auto* name :
         {&defaults.model, &defaults.hardware, &defaults.engine, &defaults.precision}) {
        if (*name && (*name)->empty())
            return usageError(QStringLiteral("an identity option was given an empty value"));
    }

    // Parse everything before touching the catalog: a bad file leaves no trace at all.
    data::ImportError importError;
    const std::optional<data::ImportBatch> batch =
        data::parseResultFiles(files, format, defaults, &importError);
    if (!batch) {
        QTextStream(stderr) << "tokenomics import: " << importError.message() << "\n"
                            << "Nothing was imported.\n";
        return exitFailed;
    }

    data::CatalogError catalogError;
    const QString databasePath = parser.value(QStringLiteral("db"));
    std::optional<data::CatalogStore> store =
        databasePath.isEmpty() ? data::CatalogStore::openDefault(&catalogError)
                               : data::CatalogStore::open(databasePath, &catalogError);
    if (!store) {
        QTextStream(stderr) << "tokenomics import: " << catalogError.message << "\n";
        return exitFailed;
    }
    if (!store->import(*batch, &catalogError)) {
        QTextStream(stderr) << "tokenomics import: " << catalogError.message << "\n";
        return exitFailed;
    }

    qint64 points = 0;
    for (const Series& series : batch->series)
        points += static_cast<qint64>(series.points.size());
    const auto plural = [](qint64 count, const char* one, const char* many) {
        return QStringLiteral("%1 %2").arg(count).arg(QString::fromLatin1(count == 1 ? one : many));
    };
    QTextStream(stdout) << "Imported " << plural(points, "point", "points") << " in "
                        << plural(distinctSeries(*batch), "series", "series") << " from "
                        << plural(files.size(), "file", "files") << " into " << store->path()
                        << "\n";
    return 0;
}

} // namespace tokenomics::app
