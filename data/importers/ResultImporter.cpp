// Orchestration: format detection, reading every file, grouping points into series, duplicates.
#include "ResultImporter.h"

#include "FormatReaders.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

namespace tokenomics::data {

// ImportError::message() lives in data/ImportTypes.cpp.

ImportFormat formatFromName(const QString& name, bool* ok) {
    static const std::pair<const char*, ImportFormat> names[] = {
        {"auto", ImportFormat::Auto},
        {"csv", ImportFormat::Csv},
        {"inferencex", ImportFormat::InferenceX},
        {"vllm", ImportFormat::Vllm},
        {"aiperf", ImportFormat::AiPerf},
        {"genai-perf", ImportFormat::GenAiPerf},
    };
    for (const auto& [text, format] : names) {
        if (name == QLatin1String(text)) {
            if (ok)
                *ok = true;
            return format;
        }
    }
    if (ok)
        *ok = false;
    return ImportFormat::Auto;
}

namespace importers {

QString formatTitle(ImportFormat format) {
    switch (format) {
    case ImportFormat::Csv:
        return QStringLiteral("canonical CSV");
    case ImportFormat::InferenceX:
        return QStringLiteral("InferenceX result JSON");
    case ImportFormat::Vllm:
        return QStringLiteral("vLLM bench serve JSON");
    case ImportFormat::AiPerf:
        return QStringLiteral("AIPerf export");
    case ImportFormat::GenAiPerf:
        return QStringLiteral("GenAI-Perf export");
    default:
        return QStringLiteral("unknown");
    }
}

ImportFormat jsonFormatOf(const QJsonDocument& document) {
    QJsonObject object = document.object();
    if (document.isArray()) {
        const QJsonArray items = document.array();
        if (items.isEmpty() || !items.at(0).isObject())
            return ImportFormat::Auto;
        object = items.at(0).toObject();
    }
    auto has = [&](const char* key) { return object.contains(QLatin1String(key)); };
    if (has("hw") && has("conc"))
        return ImportFormat::InferenceX;
    if (has("max_concurrency") || has("median_ttft_ms") || has("total_token_throughput"))
        return ImportFormat::Vllm;
    if (has("time_to_first_token") || has("records") || has("request_latency")) {
        const QJsonObject config = object.value(QStringLiteral("input_config")).toObject();
        const bool genAiPerf = config.contains(QStringLiteral("synthetic_input_tokens_mean")) ||
                               config.contains(QStringLiteral("perf_analyzer")) ||
                               config.contains(QStringLiteral("model"));
        return genAiPerf ? ImportFormat::GenAiPerf : ImportFormat::AiPerf;
    }
    return ImportFormat::Auto;
}

} // namespace importers

ImportFormat detectFormat(const QString& path, const QByteArray& head) {
    const QString name = QFileInfo(path).fileName().toLower();
    if (name.endsWith(u".csv"))
        return ImportFormat::Csv;
    if (name.endsWith(u".jsonl"))
        return ImportFormat::AiPerf;
    if (name.endsWith(u"genai_perf.json"))
        return ImportFormat::GenAiPerf;
    if (name.contains(u"aiperf") && name.endsWith(u".json"))
        return ImportFormat::AiPerf;
    if (name.startsWith(u"agg_") && name.endsWith(u".json"))
        return ImportFormat::InferenceX;
    const QByteArray text = head.trimmed();
    if (text.startsWith('{') || text.startsWith('[')) {
        // Keys that only one tool writes, in the first bytes (vLLM's per-request arrays come
        // after its run description, so its signature is near the top).
        if (text.contains("\"hw\"") && text.contains("\"conc\""))
            return ImportFormat::InferenceX;
        if (text.contains("\"max_concurrency\"") || text.contains("\"burstiness\""))
            return ImportFormat::Vllm;
        if (text.contains("\"synthetic_input_tokens_mean\""))
            return ImportFormat::GenAiPerf;
        if (text.contains("\"time_to_first_token\"") || text.contains("\"metadata\""))
            return ImportFormat::AiPerf;
        return ImportFormat::Auto;
    }
    const qsizetype lineEnd = text.indexOf('\n');
    const QByteArray firstLine = lineEnd < 0 ? text : text.left(lineEnd);
    if (firstLine.contains(',') && firstLine.contains("model") && firstLine.contains("concurrency"))
        return ImportFormat::Csv;
    return ImportFormat::Auto;
}

namespace {

using importers::fail;
using importers::ParsedPoint;

QString locationOf(const ParsedPoint& point) {
    return point.line > 0 ? QStringLiteral("line %1").arg(point.line) : point.location;
}

/// What makes two points of one series the same measurement: concurrency and configuration.
std::string configurationSignature(const OperatingPoint& point) {
    const PointFigures& figures = point.figures;
    std::string signature;
    signature.reserve(point.config.size() + 48);
    char buffer[sizeof(double)];
    std::memcpy(buffer, &figures.concurrency, sizeof(double));
    signature.append(buffer, sizeof(double));
    signature += std::to_string(figures.gpus) + '/' + std::to_string(figures.prefillGpus) + '/' +
                 std::to_string(figures.decodeGpus) + (figures.disaggregated ? 'd' : 'a') + '/';
    signature += point.config;
    return signature;
}

std::string seriesSignature(const SeriesKey& key) {
    std::string signature;
    for (const std::string* part :
         {&key.model, &key.hardware, &key.engine, &key.precision, &key.specDecoding, &key.run}) {
        signature += *part;
        signature += '\x1f';
    }
    signature += std::to_string(key.isl) + '\x1f' + std::to_string(key.osl);
    return signature;
}

/// Groups points into series in first-seen order and rejects a second point with the same
/// concurrency and configuration in one series.
bool groupIntoSeries(std::vector<ParsedPoint>& points, ImportBatch& batch, ImportError* error) {
    std::unordered_map<std::string, std::size_t> seriesIndex;
    std::vector<std::unordered_map<std::string, std::size_t>> seen;
    std::size_t previous = 0;
    const SeriesKey* previousKey = nullptr;
    for (std::size_t i = 0; i < points.size(); ++i) {
        ParsedPoint& parsed = points[i];
        std::size_t index = 0;
        // Rows of one series usually come together; comparing with the last key skips hashing.
        if (previousKey && *previousKey == parsed.key) {
            index = previous;
        } else {
            const auto [found, added] =
                seriesIndex.try_emplace(seriesSignature(parsed.key), batch.series.size());
            index = found->second;
            if (added) {
                batch.series.push_back(Series{0, parsed.key, {}});
                seen.emplace_back();
            }
        }
        const auto [earlier, fresh] =
            seen[index].try_emplace(configurationSignature(parsed.point), i);
        if (!fresh) {
            const ParsedPoint& first = points[earlier->second];
            return fail(
                error, parsed.file, locationOf(parsed), QStringLiteral("concurrency"),
                QStringLiteral("duplicate point: same series, concurrency %1 and "
                               "configuration as %2 %3")
                    .arg(parsed.point.figures.concurrency)
                    .arg(first.file == parsed.file ? QString() : first.file, locationOf(first))
                    .simplified());
        }
        batch.series[index].points.push_back(std::move(parsed.point));
        previous = index;
        previousKey = &batch.series[index].key;
    }
    return true;
}

/// Reads profile_export.jsonl samples into the point of the same AIPerf run, reading the run's
/// profile_export_aiperf.json from disk when it was not imported alongside.
bool attachAiPerfSamples(const QString& file, const QByteArray& bytes,
                         const ImportDefaults& defaults, std::vector<ParsedPoint>& points,
                         ImportError* error) {
    SampleSet samples;
    if (!importers::readAiPerfRecords(file, bytes, samples, error))
        return false;
    const QString directory = QFileInfo(file).absolutePath();
    auto sameRun = [&](const ParsedPoint& point) {
        return point.point.provenance.source.starts_with("AIPerf ") &&
               QFileInfo(point.file).absolutePath() == directory;
    };
    auto found = std::find_if(points.begin(), points.end(), sameRun);
    if (found == points.end()) {
        const QString aggregate =
            QDir(directory).filePath(QStringLiteral("profile_export_aiperf.json"));
        QFile aggregateFile(aggregate);
        if (!aggregateFile.open(QIODevice::ReadOnly))
            return fail(error, file, {}, QStringLiteral("concurrency"),
                        QStringLiteral("concurrency unknown: import the run's "
                                       "profile_export_aiperf.json with it"));
        const QByteArray aggregateBytes = aggregateFile.readAll();
        const auto document = importers::parseJson(aggregateBytes, aggregate, error);
        if (!document ||
            !importers::readProfileExport(aggregate, *document, false, defaults, points, error))
            return false;
        found = points.end() - 1;
    }
    if (found->point.samples)
        return fail(error, file, {}, {},
                    QStringLiteral("a second per-request file for the same run"));
    if (found->runSeconds > 0)
        samples.durationSeconds = found->runSeconds;
    found->point.samples = std::move(samples);
    return true;
}

} // namespace

std::optional<ImportBatch> parseResultFiles(const QStringList& paths, ImportFormat format,
                                            const ImportDefaults& defaults, ImportError* error,
                                            const std::function<bool(qint64, qint64)>& progress) {
    ImportError localError;
    ImportError* sink = error ? error : &localError;
    qint64 bytesTotal = 0;
    for (const QString& path : paths)
        bytesTotal += QFileInfo(path).size();
    qint64 bytesBefore = 0;
    std::vector<ParsedPoint> points;
    std::vector<std::pair<QString, QByteArray>> recordFiles; // JSONL, once every aggregate is read
    for (const QString& path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            fail(sink, path, {}, {}, QStringLiteral("cannot open: %1").arg(file.errorString()));
            return std::nullopt;
        }
        QByteArray bytes = file.readAll();
        const ImportFormat detected = detectFormat(path, bytes.left(65536));
        const ImportFormat chosen = format == ImportFormat::Auto ? detected : format;
        if (chosen == ImportFormat::Auto) {
            fail(sink, path, {}, {}, QStringLiteral("cannot tell the format: pass --format"));
            return std::nullopt;
        }
        bool ok = true;
        if (chosen == ImportFormat::Csv) {
            const auto within = [&](qint64 done) {
                return !progress || progress(bytesBefore + done, bytesTotal);
            };
            ok = importers::readCanonicalCsv(path, bytes, defaults, points, sink, within);
        } else if (chosen == ImportFormat::AiPerf &&
                   path.endsWith(u".jsonl", Qt::CaseInsensitive)) {
            recordFiles.emplace_back(path, std::move(bytes));
        } else {
            const auto document = importers::parseJson(bytes, path, sink);
            if (!document)
                return std::nullopt;
            const ImportFormat looksLike = importers::jsonFormatOf(*document);
            if (looksLike != ImportFormat::Auto && looksLike != chosen) {
                fail(sink, path, {}, {},
                     QStringLiteral("format mismatch: expected %1, the file looks like %2")
                         .arg(importers::formatTitle(chosen), importers::formatTitle(looksLike)));
                return std::nullopt;
            }
            if (chosen == ImportFormat::InferenceX)
                ok = importers::readInferenceX(path, *document, defaults, points, sink);
            else if (chosen == ImportFormat::Vllm)
                ok = importers::readVllmResult(path, *document, defaults, points, sink);
            else
                ok = importers::readProfileExport(
                    path, *document, chosen == ImportFormat::GenAiPerf, defaults, points, sink);
        }
        if (!ok)
            return std::nullopt;
        bytesBefore += file.size();
        if (progress && !progress(bytesBefore, bytesTotal)) {
            fail(sink, path, {}, {}, QStringLiteral("cancelled"));
            return std::nullopt;
        }
    }
    for (const auto& [path, bytes] : recordFiles) {
        if (!attachAiPerfSamples(path, bytes, defaults, points, sink))
            return std::nullopt;
    }
    ImportBatch batch;
    if (!groupIntoSeries(points, batch, sink))
        return std::nullopt;
    return batch;
}

} // namespace tokenomics::data
