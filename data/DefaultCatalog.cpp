#include "DefaultCatalog.h"

#include "CatalogNames.h"
#include "CatalogWriter.h"
#include "CostModel.h"
#include "SeedTable.h"
#include "SqlStatement.h"
#include "importers/ResultImporter.h"

#include <QFile>
#include <QTemporaryDir>
#include <functional>
#include <map>

namespace tokenomics::data {

namespace {

using RowReader = std::function<bool(const SeedTable&, int row, QString* reason)>;

QByteArray readSeed(const QString& name, QString* error) {
    QFile file(QStringLiteral(":/seed/%1").arg(name));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("seed file %1 is missing from the program").arg(name);
        return {};
    }
    return file.readAll();
}

// The seed abbreviates a repeated source as "same", "same blog" or "same (detail)": each row
// gets the source it stands for, with the detail kept, so every figure names its source alone.
class SourceResolver {
public:
    std::string resolve(const QString& published) {
        const QString text = published.trimmed();
        if (!text.startsWith(QStringLiteral("same")) || previous_.isEmpty() ||
            (text.size() > 4 && text[4].isLetterOrNumber())) {
            previous_ = text;
            return text.toStdString();
        }
        QString detail = text.mid(4).trimmed();
        if (detail.startsWith(QStringLiteral("blog")) ||
            detail.startsWith(QStringLiteral("source")))
            detail = detail.section(u' ', 1).trimmed();
        return (detail.isEmpty() ? previous_ : previous_ + u' ' + detail).toStdString();
    }

private:
    QString previous_;
};

bool eachRow(const QString& name, const RowReader& reader, QString* error) {
    const QByteArray bytes = readSeed(name, error);
    if (bytes.isEmpty())
        return false;
    std::optional<SeedTable> table = SeedTable::parse(name, bytes, error);
    if (!table)
        return false;
    for (int row = 0; row < table->rowCount(); ++row) {
        QString reason;
        if (!reader(*table, row, &reason)) {
            *error = QStringLiteral("seed %1: line %2: %3")
                         .arg(name)
                         .arg(table->lineOf(row))
                         .arg(reason);
            return false;
        }
    }
    return true;
}

// Reads named numeric columns, stopping at the first that is not a number.
struct NumberFields {
    const SeedTable& table;
    int row;
    QString* reason;
    bool ok = true;

    std::optional<double> operator()(const char* column) {
        bool parsed = true;
        const QString name = QString::fromLatin1(column);
        std::optional<double> value = table.number(row, name, &parsed);
        if (!parsed && ok) {
            ok = false;
            *reason =
                QStringLiteral("field '%1': '%2' is not a number").arg(name, table.text(row, name));
        }
        return value;
    }
    std::optional<std::int32_t> integer(const char* column) {
        const std::optional<double> value = (*this)(column);
        if (!value)
            return std::nullopt;
        return static_cast<std::int32_t>(*value);
    }
};

std::string field(const SeedTable& table, int row, const char* column) {
    return table.text(row, QString::fromLatin1(column)).toStdString();
}

bool flag(const SeedTable& table, int row, const char* column) {
    return table.text(row, QString::fromLatin1(column)) == QStringLiteral("1");
}

std::vector<std::string>
aliasesOf(const std::vector<std::pair<std::string, std::vector<std::string>>>& table,
          const std::string& name) {
    for (const auto& [canonical, aliases] : table) {
        if (canonical == name)
            return aliases;
    }
    return {};
}

bool writeAccelerators(CatalogWriter& writer, QString* error) {
    return eachRow(
        QStringLiteral("accelerators.csv"),
        [&](const SeedTable& t, int row, QString* reason) {
            NumberFields number{t, row, reason};
            Accelerator accelerator;
            accelerator.name = field(t, row, "name");
            accelerator.vendor = field(t, row, "vendor");
            accelerator.memoryGb = number("memory_gb");
            accelerator.memoryBwTbps = number("memory_bw_tbps");
            accelerator.bf16Tflops = number("bf16_tflops");
            accelerator.fp8Tflops = number("fp8_tflops");
            accelerator.fp4Tflops = number("fp4_tflops");
            accelerator.tdpWatts = number("tdp_w");
            accelerator.scaleupDomain = number.integer("scaleup_domain");
            accelerator.scaleupBwGbpsBidir = number("scaleup_bw_gbps_bidir");
            accelerator.formFactor = field(t, row, "form_factor");
            accelerator.aliases = aliasesOf(builtInAcceleratorAliases(), accelerator.name);
            accelerator.provenance = {field(t, row, "source"), field(t, row, "as_of"),
                                      flag(t, row, "uncertain")};
            return number.ok && writer.insertAccelerator(accelerator, reason);
        },
        error);
}

bool writeCostBases(CatalogWriter& writer, QString* error) {
    SourceResolver sources;
    return eachRow(
        QStringLiteral("cost_bases.csv"),
        [&](const SeedTable& t, int row, QString* reason) {
            NumberFields number{t, row, reason};
            CostBasis basis;
            basis.hardware = field(t, row, "accelerator");
            basis.name = field(t, row, "basis");
            basis.key = costBasisKey(basis.name);
            basis.usdPerGpuHour = number("usd_per_gpu_hour");
            basis.allInKwPerGpu = number("all_in_kw_per_gpu");
            basis.provenance = {sources.resolve(t.text(row, QStringLiteral("source"))),
                                field(t, row, "as_of"), flag(t, row, "uncertain")};
            return number.ok && writer.insertCostBasis(basis, reason);
        },
        error);
}

/// Each purchase price per GPU becomes that hardware's "owned" basis: ownership inputs with
/// the panel's default life, cost of capital, PUE and $/kWh (OwnershipSettings).
bool writePurchasePrices(CatalogWriter& writer, QString* error) {
    return eachRow(
        QStringLiteral("purchase_prices.csv"),
        [&](const SeedTable& t, int row, QString* reason) {
            NumberFields number{t, row, reason};
            CostBasis basis;
            basis.hardware = field(t, row, "accelerator");
            basis.key = ownedCostBasisKey;
            basis.name = "owned (purchase price " + field(t, row, "usd_per_gpu") + " USD/GPU)";
            // The panel's defaults, the figures `owned` prices with until they are changed.
            basis.ownership = ownershipFor(OwnershipSettings{}, basis.hardware,
                                           number("usd_per_gpu"), number("all_in_kw_per_gpu"));
            if (number.ok && !basis.ownership) {
                *reason = QStringLiteral("needs a purchase price and an all-in kW per GPU");
                return false;
            }
            basis.allInKwPerGpu = number("all_in_kw_per_gpu");
            basis.provenance = {field(t, row, "source") + "; " + field(t, row, "derived_from"),
                                field(t, row, "as_of"), flag(t, row, "uncertain")};
            return number.ok && writer.insertCostBasis(basis, reason);
        },
        error);
}

bool writeFacility(CatalogWriter& writer, QString* error) {
    return eachRow(
        QStringLiteral("facility.csv"),
        [&](const SeedTable& t, int row, QString* reason) {
            FacilityFigure figure;
            figure.item = field(t, row, "item");
            figure.value = field(t, row, "value");
            bool numeric = true;
            figure.valueNumber =
                t.number(row, QStringLiteral("value"), &numeric); // "<20%" stays text
            figure.unit = field(t, row, "unit");
            figure.provenance = {field(t, row, "source"), field(t, row, "as_of"),
                                 flag(t, row, "uncertain")};
            return writer.insertFacilityFigure(figure, reason);
        },
        error);
}

bool writeModels(CatalogWriter& writer, QString* error) {
    return eachRow(
        QStringLiteral("models.csv"),
        [&](const SeedTable& t, int row, QString* reason) {
            NumberFields number{t, row, reason};
            ModelInfo model;
            model.name = field(t, row, "model");
            model.totalParamsB = number("total_params_b");
            model.activeParamsB = number("active_params_b");
            model.layers = number.integer("layers");
            model.hiddenSize = number.integer("hidden_size");
            model.attentionHeads = number.integer("attention_heads");
            model.kvHeads = number.integer("kv_heads");
            model.headDim = number.integer("head_dim");
            model.kvLoraRank = number.integer("kv_lora_rank");
            model.moeExperts = number.integer("moe_experts");
            model.moeActiveExperts = number.integer("moe_active_experts");
            model.contextLength = number.integer("context_length");
            model.aliases = aliasesOf(builtInModelAliases(), model.name);
            // models.csv has no uncertain column; its sources say "second-hand" where they are.
            const QString source = t.text(row, QStringLiteral("source"));
            model.provenance = {
                source.toStdString(), field(t, row, "as_of"),
                source.contains(QStringLiteral("second-hand"), Qt::CaseInsensitive)};
            return number.ok && writer.insertModel(model, reason);
        },
        error);
}

bool writeOffers(CatalogWriter& writer, QString* error) {
    SourceResolver sources;
    return eachRow(
        QStringLiteral("provider_offers.csv"),
        [&](const SeedTable& t, int row, QString* reason) {
            NumberFields number{t, row, reason};
            ProviderOffer offer;
            offer.model = field(t, row, "model");
            offer.provider = field(t, row, "provider");
            const std::optional<double> input = number("input_usd_per_m");
            const std::optional<double> output = number("output_usd_per_m");
            if (number.ok && (!input || !output)) {
                *reason = QStringLiteral("an offer needs input_usd_per_m and output_usd_per_m");
                return false;
            }
            offer.inputUsdPerM = input.value_or(0);
            offer.outputUsdPerM = output.value_or(0);
            offer.outputTokensPerSecond = number("output_tok_s");
            offer.ttftSeconds = number("ttft_s");
            offer.provenance = {sources.resolve(t.text(row, QStringLiteral("source"))),
                                field(t, row, "as_of"), flag(t, row, "uncertain")};
            return number.ok && writer.insertOffer(offer, reason);
        },
        error);
}

bool writeQualityScores(CatalogWriter& writer, QString* error) {
    SourceResolver sources;
    return eachRow(
        QStringLiteral("quality_scores.csv"),
        [&](const SeedTable& t, int row, QString* reason) {
            NumberFields number{t, row, reason};
            QualityScore score;
            score.model = field(t, row, "model");
            score.precision = field(t, row, "precision");
            score.checkpoint = field(t, row, "checkpoint");
            score.benchmark = field(t, row, "benchmark");
            score.score = number("score").value_or(0);
            score.baselinePrecision = field(t, row, "baseline_precision");
            score.baselineScore = number("baseline_score").value_or(0);
            score.provenance = {sources.resolve(t.text(row, QStringLiteral("source"))),
                                field(t, row, "date"), flag(t, row, "uncertain")};
            return number.ok && writer.insertQualityScore(score, reason);
        },
        error);
}

// RFC 4180 field: quoted when it holds a comma, quote or line break.
QString csvField(const QString& text) {
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') &&
        !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

// Writes a canonical-CSV seed file into `folder` with its "same" sources spelled out, so the
// result importer reads the very rows of the seed, each naming its own source.
bool stageCanonicalCsv(const QString& name, const QString& folder, QString* stagedPath,
                       QString* error) {
    const QByteArray bytes = readSeed(name, error);
    if (bytes.isEmpty())
        return false;
    const int headerEnd = static_cast<int>(bytes.indexOf('\n'));
    const QStringList header = QString::fromUtf8(bytes.left(headerEnd)).trimmed().split(u',');
    std::optional<SeedTable> table = SeedTable::parse(name, bytes, error);
    if (!table)
        return false;
    QString text = header.join(u',') + u'\n';
    SourceResolver sources;
    for (int row = 0; row < table->rowCount(); ++row) {
        QStringList fields;
        for (const QString& column : header) {
            fields.append(column == QStringLiteral("source")
                              ? QString::fromStdString(sources.resolve(table->text(row, column)))
                              : table->text(row, column));
        }
        for (QString& value : fields)
            value = csvField(value);
        text += fields.join(u',') + u'\n';
    }
    *stagedPath = folder + u'/' + name;
    QFile staged(*stagedPath);
    if (!staged.open(QIODevice::WriteOnly) || staged.write(text.toUtf8()) < 0) {
        *error = QStringLiteral("cannot stage seed %1: %2").arg(name, staged.errorString());
        return false;
    }
    return true;
}

bool writeCanonicalPoints(CatalogWriter& writer, const QString& name, QString* error) {
    QTemporaryDir folder;
    QString staged;
    if (!folder.isValid()) {
        *error = QStringLiteral("cannot create a temporary folder for seed %1").arg(name);
        return false;
    }
    if (!stageCanonicalCsv(name, folder.path(), &staged, error))
        return false;
    ImportError importError;
    const std::optional<ImportBatch> batch =
        parseResultFiles({staged}, ImportFormat::Csv, ImportDefaults{}, &importError);
    if (!batch) {
        importError.file = QStringLiteral("seed %1").arg(name);
        *error = importError.message();
        return false;
    }
    for (const Series& series : batch->series) {
        if (!writer.insertSeries(series.key, series.points, error)) {
            *error = QStringLiteral("seed %1: %2").arg(name, *error);
            return false;
        }
    }
    return true;
}

// MLPerf names its benchmarks, not the models' catalog names.
std::string mlperfModel(const std::string& benchmark) {
    static const std::map<std::string, std::string> models = {
        {"llama2-70b-99", "Llama 2 70B"},
        {"llama2-70b-99.9", "Llama 2 70B"},
        {"deepseek-r1", "DeepSeek-R1"},
        {"gpt-oss-120b", "gpt-oss-120b"},
    };
    const auto found = models.find(benchmark);
    return found == models.end() ? benchmark : found->second;
}

// MLPerf rows become points with latency_is_limit = 1. One series per model, accelerator,
// engine, precision and run "MLPerf v<version> <submitter>"; the scenario is the point's
// config. Server and Interactive: ttft (p50, p90, p99) = the scenario's p99 TTFT limit and
// interactivity = 1000 / TPOT limit (ms): MLPerf only promises p99 ≤ limit, and p50 ≤ p99,
// so every statistic is bounded by the limit ("≤"). Offline has no latency limit: the point
// is kept (with its throughput) but has no interactivity, so it is never on a frontier.
// MLPerf counts generated tokens only: output_tput_per_gpu = system tok/s / GPUs; with no
// ISL/OSL the total is unknown (tput_per_gpu null) and the series ranks on its output cost.
bool writeMlperfPoints(CatalogWriter& writer, QString* error) {
    SourceResolver sources;
    std::map<std::string, std::size_t> seriesIndex;
    std::vector<Series> series;
    const bool read = eachRow(
        QStringLiteral("mlperf_points.csv"),
        [&](const SeedTable& t, int row, QString* reason) {
            NumberFields number{t, row, reason};
            const std::optional<double> systemTokensPerSecond = number("system_tok_s");
            const std::optional<std::int32_t> gpus = number.integer("num_gpus");
            const std::optional<double> ttftLimit = number("ttft_limit_s");
            const std::optional<double> tpotLimitMs = number("tpot_limit_ms");
            if (!number.ok)
                return false;
            if (!systemTokensPerSecond || !gpus || *gpus <= 0) {
                *reason = QStringLiteral("an MLPerf row needs system_tok_s and num_gpus > 0");
                return false;
            }
            const std::string version = field(t, row, "version");
            const std::string benchmark = field(t, row, "model");
            const std::string scenario = field(t, row, "scenario");
            SeriesKey key;
            key.model = mlperfModel(benchmark);
            key.hardware = writer.canonicalHardware(field(t, row, "accelerator"));
            key.engine = field(t, row, "engine");
            if (key.engine.empty())
                key.engine = "unknown";
            key.precision = field(t, row, "precision");
            key.run = "MLPerf v" + version + ' ' + field(t, row, "submitter");
            const std::string identity = key.model + '\n' + key.hardware + '\n' + key.engine +
                                         '\n' + key.precision + '\n' + key.run;
            auto [found, added] = seriesIndex.emplace(identity, series.size());
            if (added)
                series.push_back(Series{0, key, {}});

            OperatingPoint point;
            PointFigures& figures = point.figures;
            figures.gpus = *gpus;
            // Generated tokens only, and no ISL/OSL to derive a total from: the total is
            // unknown, and the series ranks on its output cost (PRODUCT.md §2).
            figures.outputTputPerGpu = *systemTokensPerSecond / *gpus;
            figures.latencyIsLimit = true;
            if (ttftLimit)
                figures.ttftSeconds = {ttftLimit, ttftLimit, ttftLimit};
            if (tpotLimitMs && *tpotLimitMs > 0) {
                const double interactivity = 1000.0 / *tpotLimitMs;
                figures.interactivity = {interactivity, interactivity, interactivity};
            }
            point.config = scenario;
            point.note =
                QStringLiteral("MLPerf Inference v%1 %2 %3: %4 tok/s (generated tokens) on "
                               "%5 GPUs")
                    .arg(QString::fromStdString(version), QString::fromStdString(benchmark),
                         QString::fromStdString(scenario))
                    .arg(*systemTokensPerSecond, 0, 'g', 10)
                    .arg(*gpus)
                    .toStdString();
            point.note += ttftLimit || tpotLimitMs
                              ? "; latencies are the scenario's p99 limits"
                              : "; Offline: no latency limit, so no interactivity";
            point.provenance = {sources.resolve(t.text(row, QStringLiteral("source"))),
                                field(t, row, "as_of"), flag(t, row, "uncertain")};
            series[found->second].points.push_back(std::move(point));
            return true;
        },
        error);
    if (!read)
        return false;
    for (const Series& one : series) {
        if (!writer.insertSeries(one.key, one.points, error)) {
            *error = QStringLiteral("seed mlperf_points.csv: %1").arg(*error);
            return false;
        }
    }
    return true;
}

} // namespace

bool writeDefaultCatalog(sqlite3* database, QString* error) {
    if (!executeSql(database, "BEGIN IMMEDIATE", error))
        return false;
    CatalogWriter writer(database);
    const bool written =
        writeAccelerators(writer, error) && writeCostBases(writer, error) &&
        writePurchasePrices(writer, error) && writeFacility(writer, error) &&
        writeModels(writer, error) && writeOffers(writer, error) &&
        writeQualityScores(writer, error) &&
        writeCanonicalPoints(writer, QStringLiteral("operating_points.csv"), error) &&
        writeCanonicalPoints(writer, QStringLiteral("more_curves.csv"), error) &&
        writeMlperfPoints(writer, error);
    if (written && executeSql(database, "COMMIT", error))
        return true;
    executeSql(database, "ROLLBACK", nullptr);
    return false;
}

} // namespace tokenomics::data
