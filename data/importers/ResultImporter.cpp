// Orchestration: format detection, reading every file, grouping points into series, duplicates.
#include "ResultImporter.h"

#include "FormatReaders.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>

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
    if (has("aiperf_version"))
        return ImportFormat::AiPerf;
    // Before vLLM's keys: AIPerf 0.10+ writes total_token_throughput too, as a metric block.
    if (has("time_to_first_token") || has("records") || has("request_latency")) {
        const QJsonObject config = object.value(QStringLiteral("input_config")).toObject();
        const bool genAiPerf = config.contains(QStringLiteral("synthetic_input_tokens_mean")) ||
                               config.contains(QStringLiteral("perf_analyzer")) ||
                               config.contains(QStringLiteral("model"));
        return genAiPerf ? ImportFormat::GenAiPerf : ImportFormat::AiPerf;
    }
    if (has("max_concurrency") || has("median_ttft_ms") || has("total_token_throughput"))
        return ImportFormat::Vllm;
    return ImportFormat::Auto;
}

} // namespace importers

ImportFormat detectFormat(const QString& path, const QByteArray& head) {
    const QString name = QFileInfo(path).fileName().toLower();
    if (name.endsWith(u".csv"))
        return ImportFormat::Csv;
    if (name.endsWith(u".jsonl")) {
        const QByteArray text = importers::withoutByteOrderMark(head);
        return importers::isBenchServingLine(text.left(text.indexOf('\n'))) ? ImportFormat::Vllm
                                                                            : ImportFormat::AiPerf;
    }
    if (name.endsWith(u"genai_perf.json"))
        return ImportFormat::GenAiPerf;
    if (name.contains(u"aiperf") && name.endsWith(u".json"))
        return ImportFormat::AiPerf;
    if (name.startsWith(u"agg_") && name.endsWith(u".json"))
        return ImportFormat::InferenceX;
    const QByteArray text = importers::withoutByteOrderMark(head).trimmed();
    if (text.startsWith('{') || text.startsWith('[')) {
        // Keys that only one tool writes, in the first bytes (vLLM's per-request arrays come
        // after its run description, so its signature is near the top).
        if (text.contains("\"hw\"") && text.contains("\"conc\""))
            return ImportFormat::InferenceX;
        if (text.contains("\"aiperf_version\""))
            return ImportFormat::AiPerf;
        // vLLM 0.6 wrote neither max_concurrency nor burstiness, but named its model_id and
        // request_rate near the top.
        if (text.contains("\"max_concurrency\"") || text.contains("\"burstiness\"") ||
            (text.contains("\"model_id\"") && text.contains("\"request_rate\"")))
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

/// True when the first byte that is not white space opens a JSON object or array.
bool looksLikeJson(const QByteArray& withMark) {
    for (const char c : importers::withoutByteOrderMark(withMark)) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return c == '{' || c == '[';
    }
    return false;
}

/// What the options say about the run beyond its identity (resolveIdentity took that): its
/// load level, and prefill/decode GPUs, which make it disaggregated. Readers count every rate
/// per all GPUs; a disaggregated point counts output per decode GPU and input per prefill GPU.
void applyRunOptions(const ImportDefaults& defaults, ParsedPoint& point) {
    PointFigures& figures = point.point.figures;
    if (defaults.load) {
        figures.concurrency = defaults.load->concurrency;
        figures.requestRate = defaults.load->requestRate;
    }
    if (!defaults.prefillGpus || !defaults.decodeGpus)
        return;
    if (!figures.disaggregated && figures.gpus > 0) {
        const double all = figures.gpus;
        if (figures.outputTputPerGpu)
            *figures.outputTputPerGpu *= all / *defaults.decodeGpus;
        if (figures.inputTputPerGpu)
            *figures.inputTputPerGpu *= all / *defaults.prefillGpus;
    }
    figures.disaggregated = true;
    figures.prefillGpus = *defaults.prefillGpus;
    figures.decodeGpus = *defaults.decodeGpus;
    if (!defaults.config)
        point.point.config =
            std::to_string(figures.prefillGpus) + "P+" + std::to_string(figures.decodeGpus) + "D";
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

namespace importers {

bool readResultFiles(const QStringList& paths, ImportFormat format, const ImportDefaults& defaults,
                     SeriesCollector& collector, ImportError* error,
                     const std::function<bool(qint64, qint64)>& progress) {
    ImportError localError;
    ImportError* sink = error ? error : &localError;
    qint64 bytesTotal = 0;
    for (const QString& path : paths)
        bytesTotal += QFileInfo(path).size();
    qint64 bytesBefore = 0;
    std::vector<ParsedPoint> points; // JSON results, collected after the per-request files join

    std::vector<std::pair<QString, QByteArray>> recordFiles; // JSONL, once every aggregate is read
    for (const QString& path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(sink, path, {}, {},
                        QStringLiteral("cannot open: %1").arg(file.errorString()));
        const QByteArray head = file.peek(65536);
        const ImportFormat detected = detectFormat(path, head);
        const ImportFormat chosen = format == ImportFormat::Auto ? detected : format;
        if (chosen == ImportFormat::Auto)
            return fail(sink, path, {}, {},
                        QStringLiteral("cannot tell the format: pass --format"));
        // JSON given as CSV or the other way round: say so rather than report its first byte.
        const bool textIsJson = looksLikeJson(head);
        if ((chosen == ImportFormat::Csv) == textIsJson)
            return fail(sink, path, {}, {},
                        QStringLiteral("format mismatch: expected %1, the file is %2")
                            .arg(formatTitle(chosen),
                                 textIsJson ? QStringLiteral("JSON") : QStringLiteral("not JSON")));
        bool ok = true;
        const QByteArray firstLine = head.left(head.indexOf('\n'));
        if (chosen == ImportFormat::Csv && isBenchServingCsvHeader(firstLine)) {
            ok = readBenchServingCsv(path, file.readAll(), defaults, points, sink);
        } else if (chosen == ImportFormat::Csv) {
            // Read block by block: a CSV of any size passes through a fixed amount of memory.
            const auto within = [&](qint64 done) {
                return !progress || progress(bytesBefore + done, bytesTotal);
            };
            ok = readCanonicalCsv(path, file, defaults, collector, sink, within);
        } else if (chosen == ImportFormat::Vllm && path.endsWith(u".jsonl", Qt::CaseInsensitive)) {
            ok = readBenchServingLines(path, file.readAll(), defaults, points, sink);
        } else if (chosen == ImportFormat::AiPerf &&
                   path.endsWith(u".jsonl", Qt::CaseInsensitive)) {
            recordFiles.emplace_back(path, file.readAll());
        } else {
            const QByteArray bytes = file.readAll();
            const auto document = parseJson(bytes, path, sink);
            if (!document)
                return false;
            const ImportFormat looksLike = jsonFormatOf(*document);
            if (looksLike != ImportFormat::Auto && looksLike != chosen)
                return fail(sink, path, {}, {},
                            QStringLiteral("format mismatch: expected %1, the file looks like %2")
                                .arg(formatTitle(chosen), formatTitle(looksLike)));
            if (chosen == ImportFormat::InferenceX)
                ok = readInferenceX(path, *document, defaults, points, sink);
            else if (chosen == ImportFormat::Vllm)
                ok = readVllmResult(path, *document, defaults, points, sink);
            else
                ok = readProfileExport(path, *document, chosen == ImportFormat::GenAiPerf, defaults,
                                       points, sink);
        }
        if (!ok)
            return false;
        bytesBefore += file.size();
        if (progress && !progress(bytesBefore, bytesTotal))
            return fail(sink, path, {}, {}, QStringLiteral("cancelled"));
    }
    for (const auto& [path, bytes] : recordFiles) {
        if (!attachAiPerfSamples(path, bytes, defaults, points, sink))
            return false;
    }
    for (ParsedPoint& point : points) {
        applyRunOptions(defaults, point);
        const std::size_t series = collector.seriesFor(point.key);
        PointOrigin origin{collector.fileIndex(point.file), 0, point.location};
        if (!collector.addPoint(series, std::move(point.point), std::move(origin), sink))
            return false;
    }
    return true;
}

} // namespace importers

std::optional<ImportBatch> parseResultFiles(const QStringList& paths, ImportFormat format,
                                            const ImportDefaults& defaults, ImportError* error,
                                            const std::function<bool(qint64, qint64)>& progress) {
    importers::SeriesCollector collector;
    if (!importers::readResultFiles(paths, format, defaults, collector, error, progress))
        return std::nullopt;
    return collector.take();
}

} // namespace tokenomics::data
