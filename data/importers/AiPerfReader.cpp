// AIPerf (profile_export_aiperf.json, profile_export.jsonl) and GenAI-Perf (*_genai_perf.json).
// Both write one block per metric: {"unit": "ms", "avg": ..., "p50": ..., "p90": ..., "p99": ...};
// inter_token_latency is (e2e - ttft) / (output - 1) per request, i.e. TPOT. AIPerf describes
// its run under input_config.endpoint.model_names, input_config.loadgen.concurrency and
// input_config.input.prompt.{input,output}_tokens.mean (0.10+, schema 1.3: models.items[].name,
// phases[profiling].concurrency or .rate, datasets[].prompts.{isl,osl}); GenAI-Perf under
// input_config.model,
// concurrency, synthetic_input_tokens_mean and output_tokens_mean (numbers may be strings and
// latencies nanoseconds in its older releases). The JSONL holds one record per request:
// metadata (benchmark_phase, request_start_ns, request_end_ns), metrics {name: {value, unit}}
// and error (null on success).
#include "FormatReaders.h"
#include "ResultImporter.h"

#include <QJsonArray>
#include <QJsonParseError>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace tokenomics::data::importers {
namespace {

QJsonValue valueAt(const QJsonObject& root, std::initializer_list<const char*> path) {
    QJsonValue value = root;
    for (const char* key : path) {
        if (!value.isObject())
            return {};
        value = value.toObject().value(QLatin1String(key));
    }
    return value;
}

std::optional<double> secondsPerUnit(const QString& unit) {
    if (unit.isEmpty() || unit == u"ms")
        return 1e-3;
    if (unit == u"ns")
        return 1e-9;
    if (unit == u"us")
        return 1e-6;
    if (unit == u"s" || unit == u"sec" || unit == u"seconds")
        return 1.0;
    return std::nullopt;
}

/// A metric block's statistics; latencies are converted to seconds through its unit.
bool readBlock(JsonFields& metrics, const QString& name, bool isLatency, ByStatistic& out,
               std::optional<double>* average = nullptr) {
    std::optional<JsonFields> block;
    if (!metrics.child(name, block))
        return false;
    if (!block)
        return true;
    double scale = 1.0;
    if (isLatency) {
        std::optional<std::string> unit;
        if (!block->text(QStringLiteral("unit"), unit))
            return false;
        const auto perUnit = secondsPerUnit(QString::fromStdString(unit.value_or("")));
        if (!perUnit)
            return block->failAt(
                QStringLiteral("unit"),
                QStringLiteral("unknown time unit \"%1\"").arg(QString::fromStdString(*unit)));
        scale = *perUnit;
    }
    const NumberRule rule = isLatency ? NumberRule::NonNegative : NumberRule::Positive;
    if (!block->number(QStringLiteral("p50"), rule, out.p50) ||
        !block->number(QStringLiteral("p90"), rule, out.p90) ||
        !block->number(QStringLiteral("p99"), rule, out.p99))
        return false;
    if (average && !block->number(QStringLiteral("avg"), rule, *average))
        return false;
    for (std::optional<double>* value : {&out.p50, &out.p90, &out.p99}) {
        if (*value)
            **value *= scale;
    }
    if (average && *average)
        **average *= scale;
    return true;
}

std::optional<double> averageOf(JsonFields& metrics, const QString& name, bool& ok) {
    ByStatistic ignored;
    std::optional<double> average;
    ok = readBlock(metrics, name, false, ignored, &average);
    return average;
}

std::optional<std::string> firstModel(const QJsonValue& value) {
    if (value.isString())
        return value.toString().toStdString();
    if (value.isArray() && !value.toArray().isEmpty() && value.toArray().at(0).isString())
        return value.toArray().at(0).toString().toStdString();
    return std::nullopt;
}

std::optional<int> wholeNumber(const QJsonValue& value) {
    const double number = value.isString() ? value.toString().toDouble() : value.toDouble(-1);
    if (!std::isfinite(number) || number <= 0 || number != std::floor(number) || number > 1e9)
        return std::nullopt;
    return static_cast<int>(number);
}

/// A token length of AIPerf's v2 config: a number, {"value": N} or {"mean": N, "stddev": s}.
std::optional<int> lengthOf(const QJsonValue& value) {
    if (!value.isObject())
        return wholeNumber(value);
    const QJsonObject object = value.toObject();
    return wholeNumber(object.contains(QStringLiteral("value"))
                           ? object.value(QStringLiteral("value"))
                           : object.value(QStringLiteral("mean")));
}

/// The profiling phase of AIPerf 0.10+'s input_config.phases (warm-up phases are excluded).
QJsonObject profilingPhase(const QJsonObject& config) {
    QJsonObject found;
    for (const QJsonValue& phase : config.value(QStringLiteral("phases")).toArray()) {
        const QJsonObject object = phase.toObject();
        if (object.value(QStringLiteral("exclude_from_results")).toBool())
            continue;
        if (found.isEmpty() || object.value(QStringLiteral("name")).toString() == u"profiling")
            found = object;
    }
    return found;
}

/// AIPerf 0.10+ (schema 1.3) describes its run in the v2 config: model names under
/// models.items, the load in the profiling phase (concurrency, or the rate of a poisson or
/// constant phase) and synthetic lengths under datasets[].prompts.
void readV2Config(const QJsonObject& config, IdentityFields& identity, QJsonValue& concurrency,
                  double& requestRate) {
    if (!identity.model) {
        const QJsonArray items = valueAt(config, {"models", "items"}).toArray();
        if (!items.isEmpty())
            identity.model = firstModel(items.at(0).toObject().value(QStringLiteral("name")));
    }
    const QJsonObject phase = profilingPhase(config);
    const auto unset = [&concurrency] { return concurrency.isUndefined() || concurrency.isNull(); };
    if (unset() && phase.contains(QStringLiteral("concurrency")))
        concurrency = phase.value(QStringLiteral("concurrency"));
    const double rate = phase.value(QStringLiteral("rate")).toDouble(0);
    if (unset() && std::isfinite(rate) && rate > 0)
        requestRate = rate;
    for (const QJsonValue& dataset : config.value(QStringLiteral("datasets")).toArray()) {
        const QJsonObject prompts = dataset.toObject().value(QStringLiteral("prompts")).toObject();
        if (!identity.isl)
            identity.isl = lengthOf(prompts.value(QStringLiteral("isl")));
        if (!identity.osl)
            identity.osl = lengthOf(prompts.value(QStringLiteral("osl")));
    }
}

/// The mean of a metric block ({"avg": ...}) rounded to whole tokens, when it is one.
std::optional<int> meanTokens(const QJsonObject& metrics, const char* name) {
    const double mean =
        metrics.value(QLatin1String(name)).toObject().value(QStringLiteral("avg")).toDouble(-1);
    if (!std::isfinite(mean) || mean < 1 || mean > maxWholeCount)
        return std::nullopt;
    return static_cast<int>(std::lround(mean));
}

} // namespace

bool readProfileExport(const QString& file, const QJsonDocument& document, bool genAiPerf,
                       const ImportDefaults& defaults, std::vector<ParsedPoint>& out,
                       ImportError* error) {
    if (!document.isObject())
        return fail(error, file, QStringLiteral("$"), {},
                    QStringLiteral("expected one profile export object"));
    const QJsonObject root = document.object();
    // Early AIPerf releases nest the metric blocks under "records".
    const bool nested = root.value(QStringLiteral("records")).isObject();
    JsonFields metrics(nested ? root.value(QStringLiteral("records")).toObject() : root, file,
                       nested ? QStringLiteral("$.records") : QStringLiteral("$"), error);
    const QJsonObject config = root.value(QStringLiteral("input_config")).toObject();

    ParsedPoint point;
    point.file = file;
    point.location = QStringLiteral("$");
    IdentityFields identity;
    QJsonValue concurrency;
    double requestRate = 0;
    if (genAiPerf) {
        identity.model = firstModel(config.value(QStringLiteral("model")));
        if (!identity.model)
            identity.model = firstModel(config.value(QStringLiteral("model_names")));
        identity.isl = wholeNumber(config.value(QStringLiteral("synthetic_input_tokens_mean")));
        identity.osl = wholeNumber(config.value(QStringLiteral("output_tokens_mean")));
        if (!identity.isl)
            identity.isl = wholeNumber(valueAt(config, {"input", "synthetic_tokens", "mean"}));
        if (!identity.osl)
            identity.osl = wholeNumber(valueAt(config, {"input", "output_tokens", "mean"}));
        concurrency = config.value(QStringLiteral("concurrency"));
        if (concurrency.isUndefined())
            concurrency = valueAt(config, {"perf_analyzer", "stimulus", "concurrency"});
    } else {
        identity.model = firstModel(valueAt(config, {"endpoint", "model_names"}));
        identity.isl = wholeNumber(valueAt(config, {"input", "prompt", "input_tokens", "mean"}));
        identity.osl = wholeNumber(valueAt(config, {"input", "prompt", "output_tokens", "mean"}));
        concurrency = valueAt(config, {"loadgen", "concurrency"});
        readV2Config(config, identity, concurrency, requestRate);
    }
    // A dataset of recorded prompts (not synthetic lengths): the run's measured mean lengths
    // are its scenario, as for vLLM's ShareGPT runs, unless the options give one.
    const QJsonObject& measured = nested ? root.value(QStringLiteral("records")).toObject() : root;
    if (!identity.isl && !identity.osl && !defaults.isl && !defaults.osl) {
        identity.isl = meanTokens(measured, "input_sequence_length");
        identity.osl = meanTokens(measured, "output_sequence_length");
        if (identity.isl && identity.osl)
            point.point.note = QStringLiteral("scenario %1/%2: the run's measured mean input and "
                                              "output lengths (no synthetic lengths in the file)")
                                   .arg(*identity.isl)
                                   .arg(*identity.osl)
                                   .toStdString();
    }
    int gpus = 0;
    if (!resolveIdentity(identity, defaults, file, point.location, error, point.key, gpus))
        return false;
    const std::optional<int> users = wholeNumber(concurrency);
    if (!users && requestRate <= 0 && !defaults.load)
        return failMissing(error, file, QStringLiteral("$.input_config"),
                           QStringLiteral("concurrency unknown (only a run at a fixed concurrency "
                                          "or request rate is an operating point)"),
                           {QStringLiteral("concurrency")}, {QStringLiteral("load")});

    PointFigures& figures = point.point.figures;
    figures.gpus = gpus;
    figures.concurrency = users.value_or(0); // or --load, applied after reading
    figures.requestRate = users ? 0 : requestRate;
    ByStatistic tpotSeconds;
    if (!readBlock(metrics, QStringLiteral("time_to_first_token"), true, figures.ttftSeconds) ||
        !readBlock(metrics, QStringLiteral("inter_token_latency"), true, tpotSeconds) ||
        !readBlock(metrics, QStringLiteral("request_latency"), true, figures.e2elSeconds))
        return false;
    interactivityFromTpot(figures.interactivity, tpotSeconds);
    if (!figures.interactivity.p50)
        return metrics.failAt(QStringLiteral("inter_token_latency"),
                              QStringLiteral("p50 missing (was the run streaming?)"));

    bool ok = true;
    const auto outputPerSecond = averageOf(metrics, QStringLiteral("output_token_throughput"), ok);
    const auto totalPerSecond =
        ok ? averageOf(metrics, QStringLiteral("total_token_throughput"), ok) : std::nullopt;
    ByStatistic ignored;
    std::optional<double> durationSeconds;
    if (!ok ||
        !readBlock(metrics, QStringLiteral("benchmark_duration"), true, ignored, &durationSeconds))
        return false;
    std::optional<double> totalInputTokens = averageOf(metrics, QStringLiteral("total_isl"), ok);
    // GenAI-Perf states the measured mean lengths and the request rate, not a total rate.
    const auto requestsPerSecond =
        ok ? averageOf(metrics, QStringLiteral("request_throughput"), ok) : std::nullopt;
    const auto meanInputTokens =
        ok ? averageOf(metrics, QStringLiteral("input_sequence_length"), ok) : std::nullopt;
    if (!ok)
        return false;
    if (!outputPerSecond)
        return metrics.failAt(QStringLiteral("output_token_throughput"),
                              QStringLiteral("required field missing"));
    figures.outputTputPerGpu = *outputPerSecond / gpus;
    if (totalPerSecond) {
        figures.tputPerGpu = *totalPerSecond / gpus;
    } else if (totalInputTokens && durationSeconds && *durationSeconds > 0) {
        figures.tputPerGpu = (*totalInputTokens / *durationSeconds + *outputPerSecond) / gpus;
    } else if (requestsPerSecond && meanInputTokens) {
        // Input actually processed: requests/s × measured mean input length (PRODUCT.md §2),
        // never the lengths the run asked for.
        figures.tputPerGpu = (*outputPerSecond + *requestsPerSecond * *meanInputTokens) / gpus;
    } else {
        figures.tputPerGpu = *figures.outputTputPerGpu *
                             (static_cast<double>(point.key.isl) + point.key.osl) / point.key.osl;
        figures.tputDerived = true;
    }
    if (*figures.tputPerGpu > *figures.outputTputPerGpu && !figures.tputDerived)
        figures.inputTputPerGpu = *figures.tputPerGpu - *figures.outputTputPerGpu;
    point.runSeconds = durationSeconds.value_or(0);
    // AIPerf's ISO start_time ("2025-10-17T20:22:08.939332") dates the run.
    point.point.provenance.date =
        root.value(QStringLiteral("start_time")).toString().left(10).toStdString();
    point.point.config = defaults.config.value_or(std::string());
    point.point.provenance.source =
        (genAiPerf ? "GenAI-Perf " : "AIPerf ") + file.section(u'/', -1).toStdString();
    out.push_back(std::move(point));
    return true;
}

bool readAiPerfRecords(const QString& file, const QByteArray& bytes, SampleSet& samples,
                       ImportError* error) {
    qint64 firstStartNs = std::numeric_limits<qint64>::max();
    qint64 lastEndNs = 0;
    qsizetype lineStart = 0;
    qint64 lineNumber = 0;
    while (lineStart < bytes.size()) {
        qsizetype lineEnd = bytes.indexOf('\n', lineStart);
        if (lineEnd < 0)
            lineEnd = bytes.size();
        ++lineNumber;
        const QByteArray line = bytes.mid(lineStart, lineEnd - lineStart).trimmed();
        lineStart = lineEnd + 1;
        if (line.isEmpty())
            continue;
        const QString where = QStringLiteral("line %1").arg(lineNumber);
        QJsonParseError parseError;
        const QJsonDocument record = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(error, file,
                        QStringLiteral("%1, column %2").arg(where).arg(parseError.offset + 1), {},
                        QStringLiteral("malformed JSON: %1").arg(parseError.errorString()));
        if (const auto duplicate = firstDuplicateKey(line))
            return fail(error, file, where + QStringLiteral(": ") + duplicate->path, duplicate->key,
                        duplicateKeyReason(
                            QStringLiteral("%1, column %2").arg(where).arg(duplicate->offset + 1)));
        if (!record.isObject())
            return fail(error, file, where, {}, QStringLiteral("expected a record object"));
        const QJsonObject object = record.object();
        const QJsonObject metadata = object.value(QStringLiteral("metadata")).toObject();
        if (metadata.value(QStringLiteral("benchmark_phase")).toString() == u"warmup")
            continue;
        JsonFields metrics(object.value(QStringLiteral("metrics")).toObject(), file,
                           where + QStringLiteral(": $.metrics"), error);
        auto metric = [&](const char* name, bool isLatency, double& value) {
            std::optional<JsonFields> block;
            const QString key = QLatin1String(name);
            if (!metrics.child(key, block))
                return false;
            value = 0;
            if (!block)
                return true;
            std::optional<double> raw;
            std::optional<std::string> unit;
            if (!block->number(QStringLiteral("value"), NumberRule::NonNegative, raw) ||
                !block->text(QStringLiteral("unit"), unit))
                return false;
            double scale = 1.0;
            if (isLatency) {
                const auto perUnit = secondsPerUnit(QString::fromStdString(unit.value_or("")));
                if (!perUnit)
                    return block->failAt(QStringLiteral("unit"),
                                         QStringLiteral("unknown time unit"));
                scale = *perUnit;
            }
            value = raw.value_or(0) * scale;
            return true;
        };
        RequestSample request;
        double inputTokens = 0;
        double outputTokens = 0;
        double errorInputTokens = 0;
        if (!metric("time_to_first_token", true, request.ttftSeconds) ||
            !metric("request_latency", true, request.e2elSeconds) ||
            !metric("input_sequence_length", false, inputTokens) ||
            !metric("output_sequence_length", false, outputTokens) ||
            !metric("error_isl", false, errorInputTokens))
            return false;
        const QJsonValue failure = object.value(QStringLiteral("error"));
        request.success = failure.isNull() || failure.isUndefined();
        for (const auto& [count, name] : {std::pair{inputTokens, "input_sequence_length"},
                                          std::pair{outputTokens, "output_sequence_length"},
                                          std::pair{errorInputTokens, "error_isl"}}) {
            if (const QString problem = tokenCountProblem(count); !problem.isEmpty())
                return metrics.failAt(QLatin1String(name), problem);
        }
        request.inputTokens =
            static_cast<std::int32_t>(request.success ? inputTokens : errorInputTokens);
        request.outputTokens = static_cast<std::int32_t>(outputTokens);
        if (request.outputTokens > 1)
            request.tpotSeconds =
                (request.e2elSeconds - request.ttftSeconds) / (request.outputTokens - 1);
        const QJsonValue start = metadata.value(QStringLiteral("request_start_ns"));
        const QJsonValue end = metadata.value(QStringLiteral("request_end_ns"));
        if (start.isDouble())
            firstStartNs = std::min(firstStartNs, start.toInteger());
        if (end.isDouble())
            lastEndNs = std::max(lastEndNs, end.toInteger());
        samples.requests.push_back(request);
    }
    if (samples.requests.empty())
        return fail(error, file, {}, {}, QStringLiteral("no profiling records"));
    if (lastEndNs > firstStartNs)
        // In doubles: stamps from a hostile file can be far enough apart to overflow qint64.
        samples.durationSeconds =
            (static_cast<double>(lastEndNs) - static_cast<double>(firstStartNs)) * 1e-9;
    return true;
}

} // namespace tokenomics::data::importers
