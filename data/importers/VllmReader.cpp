// `vllm bench serve --save-result` JSON (vllm/benchmarks/serve.py): statistics in milliseconds
// (`median_ttft_ms`, `p99_tpot_ms`, ... for --percentile-metrics, default ttft,tpot,itl, at
// --metric-percentiles, default 99), token rates for the whole server, `max_concurrency` from
// the command line. --save-detailed keeps the per-request arrays input_lens, output_lens, ttfts,
// itls (seconds) and errors. --metadata KEY=VALUE pairs land at the top level, so a run may
// record its own hardware, engine, precision, gpus, isl and osl there.
#include "CsvRecordReader.h"
#include "FormatReaders.h"
#include "ResultImporter.h"

#include <QJsonObject>

#include <algorithm>
#include <array>
#include <cmath>

namespace tokenomics::data::importers {
namespace {

constexpr double kMillisecondsPerSecond = 1000.0;

bool readStatistic(JsonFields& fields, const QString& metric, NumberRule rule, ByStatistic& out) {
    std::array<std::optional<double>*, 3> targets{&out.p50, &out.p90, &out.p99};
    const std::array<QString, 3> names{QStringLiteral("median_%1_ms").arg(metric),
                                       QStringLiteral("p90_%1_ms").arg(metric),
                                       QStringLiteral("p99_%1_ms").arg(metric)};
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (!fields.number(names[i], rule, *targets[i]))
            return false;
        if (*targets[i])
            **targets[i] /= kMillisecondsPerSecond;
    }
    return true;
}

bool arrayAt(JsonFields& fields, const QString& key, qsizetype expectedSize, QJsonArray& out) {
    const QJsonValue value = fields.object().value(key);
    if (!value.isArray())
        return fields.failAt(key, QStringLiteral("expected an array"));
    out = value.toArray();
    if (expectedSize >= 0 && out.size() != expectedSize)
        return fields.failAt(
            key,
            QStringLiteral("has %1 entries, input_lens has %2").arg(out.size()).arg(expectedSize));
    return true;
}

bool sampleNumber(const QJsonValue& value, const QString& path, const QString& field,
                  const QString& file, ImportError* error, double& out) {
    if (!value.isDouble())
        return fail(error, file, path, field, QStringLiteral("expected a number"));
    out = value.toDouble();
    if (const QString problem = numberProblem(out, NumberRule::NonNegative); !problem.isEmpty())
        return fail(error, file, path, field, problem);
    return true;
}

bool readSamples(JsonFields& fields, const QString& file, ImportError* error, SampleSet& samples) {
    QJsonArray inputLens;
    QJsonArray outputLens;
    QJsonArray ttfts;
    QJsonArray itls;
    QJsonArray errors;
    if (!arrayAt(fields, QStringLiteral("input_lens"), -1, inputLens))
        return false;
    const qsizetype size = inputLens.size();
    if (!arrayAt(fields, QStringLiteral("output_lens"), size, outputLens) ||
        !arrayAt(fields, QStringLiteral("ttfts"), size, ttfts) ||
        !arrayAt(fields, QStringLiteral("itls"), size, itls) ||
        !arrayAt(fields, QStringLiteral("errors"), size, errors))
        return false;
    QJsonArray latencies;
    const bool hasLatencies = fields.object().value(QStringLiteral("latencies")).isArray();
    if (hasLatencies && !arrayAt(fields, QStringLiteral("latencies"), size, latencies))
        return false;
    samples.requests.reserve(static_cast<std::size_t>(size));
    for (qsizetype i = 0; i < size; ++i) {
        auto at = [&](const char* array) {
            return QStringLiteral("$.%1[%2]").arg(QString::fromLatin1(array)).arg(i);
        };
        RequestSample request;
        double inputTokens = 0;
        double outputTokens = 0;
        if (!sampleNumber(inputLens.at(i), at("input_lens"), QStringLiteral("input_lens"), file,
                          error, inputTokens) ||
            !sampleNumber(outputLens.at(i), at("output_lens"), QStringLiteral("output_lens"), file,
                          error, outputTokens) ||
            !sampleNumber(ttfts.at(i), at("ttfts"), QStringLiteral("ttfts"), file, error,
                          request.ttftSeconds))
            return false;
        if (const QString problem = tokenCountProblem(inputTokens); !problem.isEmpty())
            return fail(error, file, at("input_lens"), QStringLiteral("input_lens"), problem);
        if (const QString problem = tokenCountProblem(outputTokens); !problem.isEmpty())
            return fail(error, file, at("output_lens"), QStringLiteral("output_lens"), problem);
        request.inputTokens = static_cast<std::int32_t>(inputTokens);
        request.outputTokens = static_cast<std::int32_t>(outputTokens);
        const QJsonValue failure = errors.at(i);
        if (!failure.isString() && !failure.isNull())
            return fail(error, file, at("errors"), QStringLiteral("errors"),
                        QStringLiteral("expected a string"));
        request.success = failure.toString().isEmpty();
        if (!itls.at(i).isArray())
            return fail(error, file, at("itls"), QStringLiteral("itls"),
                        QStringLiteral("expected an array of gaps"));
        double decodeSeconds = 0;
        const QJsonArray gaps = itls.at(i).toArray();
        for (qsizetype k = 0; k < gaps.size(); ++k) {
            double gap = 0;
            if (!sampleNumber(gaps.at(k), QStringLiteral("%1[%2]").arg(at("itls")).arg(k),
                              QStringLiteral("itls"), file, error, gap))
                return false;
            decodeSeconds += gap;
        }
        // The client's own wall-clock latency when kept; otherwise first token plus every gap.
        request.e2elSeconds = request.ttftSeconds + decodeSeconds;
        if (hasLatencies &&
            !sampleNumber(latencies.at(i), at("latencies"), QStringLiteral("latencies"), file,
                          error, request.e2elSeconds))
            return false;
        if (request.outputTokens > 1)
            request.tpotSeconds =
                (request.e2elSeconds - request.ttftSeconds) / (request.outputTokens - 1);
        samples.requests.push_back(request);
    }
    return true;
}

void appendNote(std::string& note, const std::string& more) {
    note += (note.empty() ? "" : "; ") + more;
}

// The load of the run (PRODUCT.md §2): --max-concurrency when given, else a finite
// --request-rate; "inf" without a concurrency limit sends every prompt at once, so the
// concurrency is the number of prompts.
bool readLoad(JsonFields& fields, double prompts, PointFigures& figures, std::string& note) {
    std::optional<double> concurrency;
    if (!fields.number(QStringLiteral("max_concurrency"), NumberRule::Positive, concurrency))
        return false;
    const QJsonValue rate = fields.object().value(QStringLiteral("request_rate"));
    const bool infinite = rate.isUndefined() || rate.isNull() ||
                          (rate.isString() && rate.toString().toLower() == u"inf");
    if (!infinite) {
        std::optional<double> requestsPerSecond;
        if (!fields.number(QStringLiteral("request_rate"), NumberRule::Positive, requestsPerSecond))
            return false;
        figures.requestRate = requestsPerSecond.value_or(0);
    }
    if (concurrency) {
        figures.concurrency = *concurrency;
    } else if (infinite) {
        figures.concurrency = prompts;
        appendNote(note, QStringLiteral("request rate inf without --max-concurrency: all %1 "
                                        "prompts sent at once")
                             .arg(prompts)
                             .toStdString());
    }
    return true;
}

} // namespace

bool readVllmResult(const QString& file, const QJsonDocument& document,
                    const ImportDefaults& defaults, std::vector<ParsedPoint>& out,
                    ImportError* error, const QString& location) {
    if (!document.isObject())
        return fail(error, file, location, {}, QStringLiteral("expected one vLLM result object"));
    JsonFields fields(document.object(), file, location, error);
    ParsedPoint point;
    point.file = file;
    point.location = location;
    IdentityFields identity;
    if (!fields.text(QStringLiteral("model_id"), identity.model) ||
        !fields.text(QStringLiteral("hardware"), identity.hardware) ||
        !fields.text(QStringLiteral("engine"), identity.engine) ||
        !fields.text(QStringLiteral("precision"), identity.precision) ||
        !fields.count(QStringLiteral("gpus"), identity.gpus) ||
        !fields.count(QStringLiteral("isl"), identity.isl) ||
        !fields.count(QStringLiteral("osl"), identity.osl))
        return false;
    // bench_serving's --backend names the serving engine ("vllm", "sglang", "trt-llm"),
    // unless it is only the API spoken ("openai", "openai-chat").
    const QString backend = fields.object().value(QStringLiteral("backend")).toString();
    if (!identity.engine && !backend.isEmpty() && !backend.startsWith(u"openai"))
        identity.engine = backend.toStdString();
    // SGLang names its dataset: the random one asked for fixed lengths (the scenario); any
    // other (ShareGPT) has lengths of its own, whose measured means are the scenario.
    const QString dataset = fields.object().value(QStringLiteral("dataset_name")).toString();
    std::string lengthsNote;
    if (dataset == u"random") {
        if ((!identity.isl && !fields.count(QStringLiteral("random_input_len"), identity.isl)) ||
            (!identity.osl && !fields.count(QStringLiteral("random_output_len"), identity.osl)))
            return false;
    } else if (!dataset.isEmpty() && !defaults.isl && !defaults.osl && !identity.isl &&
               !identity.osl) {
        const double runs = fields.object().value(QStringLiteral("completed")).toDouble();
        const double input = fields.object().value(QStringLiteral("total_input_tokens")).toDouble();
        const double output =
            fields.object().value(QStringLiteral("total_output_tokens")).toDouble();
        if (runs > 0 && input > 0 && output > 0) {
            identity.isl = static_cast<int>(std::lround(input / runs));
            identity.osl = static_cast<int>(std::lround(output / runs));
            lengthsNote = "ISL/OSL: measured means of the " + dataset.toStdString() + " dataset";
        }
    }
    // Whether the run measured anything is settled before asking for what the file lacks.
    double durationSeconds = 0;
    std::optional<double> completed;
    std::optional<double> totalTokensPerSecond;
    std::optional<double> outputTokensPerSecond;
    if (!fields.requiredNumber(QStringLiteral("duration"), NumberRule::Positive, durationSeconds) ||
        !fields.number(QStringLiteral("completed"), NumberRule::NonNegative, completed))
        return false;
    if (!completed)
        return fields.failAt(QStringLiteral("completed"), QStringLiteral("required field missing"));
    // completed + failed is the number of prompts sent; more is a file that contradicts itself.
    std::optional<double> prompts;
    std::optional<double> failed;
    if (!fields.number(QStringLiteral("num_prompts"), NumberRule::Positive, prompts) ||
        !fields.number(QStringLiteral("failed"), NumberRule::NonNegative, failed))
        return false;
    if (prompts && *completed + failed.value_or(0) > *prompts)
        return fields.failAt(QStringLiteral("failed"),
                             QStringLiteral("%1 completed and %2 failed requests are more than "
                                            "the %3 prompts sent (num_prompts): the file "
                                            "contradicts itself")
                                 .arg(*completed)
                                 .arg(failed.value_or(0))
                                 .arg(*prompts));
    if (*completed == 0)
        return fields.failAt(QStringLiteral("completed"),
                             QStringLiteral("no request completed (%1 failed): the run measured "
                                            "no throughput or latency, so it is not an operating "
                                            "point; fix the server and run it again")
                                 .arg(failed.value_or(0)));
    int gpus = 0;
    if (!resolveIdentity(identity, defaults, file, point.location, error, point.key, gpus))
        return false;

    point.point.note = lengthsNote;
    PointFigures& figures = point.point.figures;
    figures.gpus = gpus;
    std::optional<double> inputTokens;
    std::optional<double> outputTokens;
    if (!readLoad(fields, prompts.value_or(*completed + failed.value_or(0)), figures,
                  point.point.note) ||
        !fields.number(QStringLiteral("total_token_throughput"), NumberRule::Positive,
                       totalTokensPerSecond) ||
        !fields.number(QStringLiteral("output_throughput"), NumberRule::Positive,
                       outputTokensPerSecond) ||
        !fields.number(QStringLiteral("total_input_tokens"), NumberRule::NonNegative,
                       inputTokens) ||
        !fields.number(QStringLiteral("total_output_tokens"), NumberRule::NonNegative,
                       outputTokens))
        return false;
    // Older SGLang and vLLM 0.5 state no total rate: the measured token counts over the run.
    if (!totalTokensPerSecond && inputTokens && outputTokens && *inputTokens + *outputTokens > 0)
        totalTokensPerSecond = (*inputTokens + *outputTokens) / durationSeconds;
    if (totalTokensPerSecond)
        figures.tputPerGpu = *totalTokensPerSecond / gpus;
    if (outputTokensPerSecond)
        figures.outputTputPerGpu = *outputTokensPerSecond / gpus;
    if (totalTokensPerSecond && outputTokensPerSecond &&
        *totalTokensPerSecond > *outputTokensPerSecond)
        figures.inputTputPerGpu = (*totalTokensPerSecond - *outputTokensPerSecond) / gpus;

    ByStatistic tpotSeconds;
    if (!readStatistic(fields, QStringLiteral("ttft"), NumberRule::NonNegative,
                       figures.ttftSeconds) ||
        !readStatistic(fields, QStringLiteral("tpot"), NumberRule::Positive, tpotSeconds) ||
        !readStatistic(fields, QStringLiteral("e2el"), NumberRule::NonNegative,
                       figures.e2elSeconds))
        return false;
    if (!tpotSeconds.p50 && !fields.has(QStringLiteral("ttfts"))) {
        // SGLang before 2025 wrote no TPOT, only the inter-token latency: its median is the
        // same gap between tokens a user sees.
        if (!readStatistic(fields, QStringLiteral("itl"), NumberRule::Positive, tpotSeconds))
            return false;
        if (tpotSeconds.p50)
            appendNote(point.point.note,
                       "interactivity from the inter-token latency (no TPOT in the file)");
    }
    interactivityFromTpot(figures.interactivity, tpotSeconds);

    // Per-request arrays are optional (InferenceX's fork keeps the lengths without the
    // latencies): samples come only with their latencies.
    if (fields.has(QStringLiteral("ttfts"))) {
        SampleSet samples;
        samples.durationSeconds = durationSeconds;
        if (!readSamples(fields, file, error, samples))
            return false;
        figuresFromSamples(samples, gpus, figures);
        point.point.samples = std::move(samples);
    }
    if (!figures.tputPerGpu)
        return fields.failAt(QStringLiteral("total_token_throughput"),
                             QStringLiteral("required field missing"));
    if (!figures.outputTputPerGpu)
        return fields.failAt(QStringLiteral("output_throughput"),
                             QStringLiteral("required field missing"));
    if (!figures.interactivity.p50)
        return fields.failAt(QStringLiteral("median_tpot_ms"),
                             QStringLiteral("required field missing (keep tpot in "
                                            "--percentile-metrics)"));
    point.point.config = defaults.config.value_or(std::string());
    std::optional<std::string> date;
    if (!fields.text(QStringLiteral("date"), date))
        return false;
    // vLLM stamps "20250912-101500"; the catalog keeps dates as "2025-09-12".
    if (date && date->size() >= 8 &&
        std::all_of(date->begin(), date->begin() + 8, [](char c) { return c >= '0' && c <= '9'; }))
        point.point.provenance.date =
            date->substr(0, 4) + '-' + date->substr(4, 2) + '-' + date->substr(6, 2);
    else
        point.point.provenance.date = date.value_or(std::string());
    const bool sglang = fields.object().value(QStringLiteral("backend")).toString() == u"sglang";
    point.point.provenance.source = (sglang ? "sglang bench_serving " : "vllm bench serve ") +
                                    file.section(u'/', -1).toStdString();
    out.push_back(std::move(point));
    return true;
}

bool isBenchServingLine(const QByteArray& firstLine) {
    return firstLine.contains("\"backend\"") &&
           (firstLine.contains("\"request_rate\"") || firstLine.contains("\"median_ttft_ms\""));
}

bool readBenchServingLines(const QString& file, const QByteArray& bytes,
                           const ImportDefaults& defaults, std::vector<ParsedPoint>& out,
                           ImportError* error) {
    const QList<QByteArray> lines = withoutByteOrderMark(bytes).split('\n');
    const std::size_t before = out.size();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const QString where = QStringLiteral("line %1").arg(i + 1);
        const auto document = parseJson(line, QStringLiteral("%1: %2").arg(file, where), error);
        if (!document ||
            !readVllmResult(file, *document, defaults, out, error, where + QStringLiteral(": $")))
            return false;
    }
    if (out.size() == before)
        return fail(error, file, {}, {}, QStringLiteral("no result line"));
    return true;
}

bool isBenchServingCsvHeader(const QByteArray& firstLine) {
    return firstLine.contains("median_ttft_ms") && firstLine.contains("duration") &&
           firstLine.contains("completed");
}

bool readBenchServingCsv(const QString& file, const QByteArray& bytes,
                         const ImportDefaults& defaults, std::vector<ParsedPoint>& out,
                         ImportError* error) {
    CsvRecordReader reader(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    std::vector<std::string_view> cells;
    if (!reader.next(cells))
        return fail(error, file, QStringLiteral("line 1"), {}, QStringLiteral("no header"));
    // The tools' keys, with the compiler's own names for the machine; empty headers (trailing
    // commas) hold nothing.
    QStringList names;
    for (const std::string_view cell : cells) {
        QString name = QString::fromUtf8(cell.data(), qsizetype(cell.size())).trimmed();
        if (name.compare(u"GPU", Qt::CaseInsensitive) == 0)
            name = QStringLiteral("hardware");
        names << name;
    }
    const std::size_t before = out.size();
    while (reader.next(cells)) {
        QJsonObject row;
        for (std::size_t i = 0; i < cells.size() && i < std::size_t(names.size()); ++i) {
            const QString& name = names[qsizetype(i)];
            const QString text =
                QString::fromUtf8(cells[i].data(), qsizetype(cells[i].size())).trimmed();
            if (name.isEmpty() || text.isEmpty())
                continue;
            bool isNumber = false;
            const double number = text.toDouble(&isNumber);
            row.insert(name, isNumber ? QJsonValue(number) : QJsonValue(text));
        }
        const QString where = QStringLiteral("line %1").arg(reader.recordLine());
        if (!readVllmResult(file, QJsonDocument(row), defaults, out, error,
                            where + QStringLiteral(": $")))
            return false;
        out.back().point.provenance.source =
            "bench_serving results compiled in " + file.section(u'/', -1).toStdString();
    }
    if (!reader.problem().isEmpty())
        return fail(error, file, QStringLiteral("line %1").arg(reader.recordLine()), {},
                    reader.problem());
    if (out.size() == before)
        return fail(error, file, {}, {}, QStringLiteral("no result row"));
    return true;
}

} // namespace tokenomics::data::importers
