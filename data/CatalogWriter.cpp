#include "CatalogWriter.h"

#include "DurableCommit.h"

#include "CatalogNames.h"
#include "SampleBlob.h"
#include "SqlStatement.h"

#include <functional>
#include <sqlite3.h>

namespace tokenomics::data {

namespace {

const char* const insertPointSql =
    "INSERT INTO points (series_id, gpus, disaggregated, prefill_gpus, decode_gpus, concurrency,"
    " tput_per_gpu, output_tput_per_gpu, input_tput_per_gpu, tput_derived,"
    " interactivity_p50, interactivity_p90, interactivity_p99, ttft_p50_s, ttft_p90_s, ttft_p99_s,"
    " e2el_p50_s, e2el_p90_s, e2el_p99_s, latency_is_limit, power_w, config, note, source, as_of,"
    " uncertain, request_rate) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

// "CHECK constraint failed: tput_per_gpu_positive" → "field 'tput_per_gpu' must be > 0".
QString readableConstraint(const QString& sqliteMessage) {
    static const QString checkPrefix = QStringLiteral("CHECK constraint failed: ");
    if (!sqliteMessage.startsWith(checkPrefix))
        return sqliteMessage;
    const QString name = sqliteMessage.mid(checkPrefix.size());
    const std::pair<const char*, const char*> rules[] = {
        {"_positive", "must be > 0"},     {"_not_negative", "must be ≥ 0"},
        {"_flag", "must be 0 or 1"},      {"_fraction", "must be in (0, 1]"},
        {"_at_least_one", "must be ≥ 1"}, {"_not_empty", "must not be empty"},
    };
    for (const auto& [suffix, rule] : rules) {
        const QString ending = QString::fromLatin1(suffix);
        if (name.endsWith(ending))
            return QStringLiteral("field '%1' %2")
                .arg(name.chopped(ending.size()), QString::fromUtf8(rule));
    }
    if (name == QStringLiteral("throughput_given"))
        return QStringLiteral("needs tput_per_gpu or output_tput_per_gpu");
    if (name == QStringLiteral("cost_given"))
        return QStringLiteral("needs usd_per_gpu_hour or ownership inputs");
    return sqliteMessage;
}

void bindProvenance(SqlStatement& statement, int first, const Provenance& provenance) {
    statement.bind(first, provenance.source);
    statement.bind(first + 1, provenance.date);
    statement.bind(first + 2, provenance.uncertain);
}

void bindOptionalInt(SqlStatement& statement, int index, const std::optional<std::int32_t>& value) {
    if (value)
        statement.bind(index, static_cast<std::int64_t>(*value));
    else
        statement.bindNull(index);
}

QString number(double value) {
    return QString::number(value, 'g', 10);
}

} // namespace

CatalogWriter::CatalogWriter(sqlite3* database)
    : database_(database) {}

CatalogWriter::~CatalogWriter() = default;

QString CatalogWriter::constraintMessage(const QString& what) const {
    return QStringLiteral("%1: %2").arg(
        what, readableConstraint(QString::fromUtf8(sqlite3_errmsg(database_))));
}

bool CatalogWriter::diskFull() const {
    return lastErrorIsFullDisk(database_);
}

bool CatalogWriter::stepOrExplain(SqlStatement& statement, const std::function<QString()>& what,
                                  QString* error) const {
    if (statement.step() == SQLITE_DONE)
        return true;
    *error = constraintMessage(what());
    return false;
}

bool CatalogWriter::insertAliases(const char* sql, std::int64_t ownerId,
                                  const std::vector<std::string>& aliases, const QString& owner,
                                  QString* error) {
    SqlStatement alias(database_, sql);
    for (const std::string& name : aliases) {
        alias.reset();
        alias.bind(1, name);
        alias.bind(2, ownerId);
        const auto what = [&] {
            return owner + QStringLiteral(" alias '%1'").arg(QString::fromStdString(name));
        };
        if (!stepOrExplain(alias, what, error))
            return false;
    }
    return true;
}

bool CatalogWriter::insertAccelerator(const Accelerator& accelerator, QString* error) {
    SqlStatement statement(database_,
                           "INSERT INTO accelerators (name, vendor, memory_gb, memory_bw_tbps,"
                           " bf16_tflops, fp8_tflops, fp4_tflops, tdp_w, scaleup_domain,"
                           " scaleup_bw_gbps_bidir, form_factor, source, as_of, uncertain)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    statement.bind(1, accelerator.name);
    statement.bind(2, accelerator.vendor);
    statement.bind(3, accelerator.memoryGb);
    statement.bind(4, accelerator.memoryBwTbps);
    statement.bind(5, accelerator.bf16Tflops);
    statement.bind(6, accelerator.fp8Tflops);
    statement.bind(7, accelerator.fp4Tflops);
    statement.bind(8, accelerator.tdpWatts);
    bindOptionalInt(statement, 9, accelerator.scaleupDomain);
    statement.bind(10, accelerator.scaleupBwGbpsBidir);
    statement.bind(11, accelerator.formFactor);
    bindProvenance(statement, 12, accelerator.provenance);
    const QString what =
        QStringLiteral("accelerator '%1'").arg(QString::fromStdString(accelerator.name));
    return stepOrExplain(
               statement, [&] { return what; }, error) &&
           insertAliases("INSERT INTO accelerator_aliases (alias, accelerator_id) VALUES (?, ?)",
                         sqlite3_last_insert_rowid(database_), accelerator.aliases, what, error);
}

bool CatalogWriter::insertModel(const ModelInfo& model, QString* error) {
    SqlStatement statement(database_,
                           "INSERT INTO models (name, total_params_b, active_params_b, layers,"
                           " hidden_size, attention_heads, kv_heads, head_dim, kv_lora_rank,"
                           " moe_experts, moe_active_experts, context_length, source, as_of,"
                           " uncertain) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    statement.bind(1, model.name);
    statement.bind(2, model.totalParamsB);
    statement.bind(3, model.activeParamsB);
    const std::optional<std::int32_t>* integers[] = {
        &model.layers,     &model.hiddenSize,       &model.attentionHeads,
        &model.kvHeads,    &model.headDim,          &model.kvLoraRank,
        &model.moeExperts, &model.moeActiveExperts, &model.contextLength};
    int index = 4;
    for (const auto* value : integers)
        bindOptionalInt(statement, index++, *value);
    bindProvenance(statement, 13, model.provenance);
    const QString what = QStringLiteral("model '%1'").arg(QString::fromStdString(model.name));
    return stepOrExplain(
               statement, [&] { return what; }, error) &&
           insertAliases("INSERT INTO model_aliases (alias, model_id) VALUES (?, ?)",
                         sqlite3_last_insert_rowid(database_), model.aliases, what, error);
}

bool CatalogWriter::insertCostBasis(const CostBasis& basis, QString* error) {
    SqlStatement statement(
        database_, "INSERT INTO cost_bases (hardware, key, name, usd_per_gpu_hour, capex_usd,"
                   " life_years, cost_of_capital, opex_usd_per_year, availability,"
                   " ownership_all_in_kw, pue, usd_per_kwh, all_in_kw_per_gpu, source, as_of,"
                   " uncertain) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    statement.bind(1, basis.hardware);
    statement.bind(2, basis.key);
    statement.bind(3, basis.name);
    statement.bind(4, basis.usdPerGpuHour);
    if (basis.ownership) {
        const OwnershipInputs& inputs = *basis.ownership;
        int index = 5;
        for (const double value :
             {inputs.capexUsd, inputs.lifeYears, inputs.costOfCapital, inputs.opexUsdPerYear,
              inputs.availability, inputs.allInKw, inputs.pue, inputs.usdPerKwh})
            statement.bind(index++, value);
    }
    statement.bind(13, basis.allInKwPerGpu);
    bindProvenance(statement, 14, basis.provenance);
    const auto what = [&] {
        return QStringLiteral("cost basis '%1' of %2")
            .arg(QString::fromStdString(basis.name), QString::fromStdString(basis.hardware));
    };
    return stepOrExplain(statement, what, error);
}

bool CatalogWriter::insertFacilityFigure(const FacilityFigure& figure, QString* error) {
    SqlStatement statement(database_,
                           "INSERT INTO facility_figures (item, value, value_number, unit, source,"
                           " as_of, uncertain) VALUES (?,?,?,?,?,?,?)");
    statement.bind(1, figure.item);
    statement.bind(2, figure.value);
    statement.bind(3, figure.valueNumber);
    statement.bind(4, figure.unit);
    bindProvenance(statement, 5, figure.provenance);
    const auto what = [&] {
        return QStringLiteral("facility figure '%1'").arg(QString::fromStdString(figure.item));
    };
    return stepOrExplain(statement, what, error);
}

bool CatalogWriter::insertOffer(const ProviderOffer& offer, QString* error) {
    SqlStatement statement(database_,
                           "INSERT INTO provider_offers (model, provider, input_usd_per_m,"
                           " output_usd_per_m, output_tok_s, ttft_s, source, as_of, uncertain)"
                           " VALUES (?,?,?,?,?,?,?,?,?)");
    statement.bind(1, offer.model);
    statement.bind(2, offer.provider);
    statement.bind(3, offer.inputUsdPerM);
    statement.bind(4, offer.outputUsdPerM);
    statement.bind(5, offer.outputTokensPerSecond);
    statement.bind(6, offer.ttftSeconds);
    bindProvenance(statement, 7, offer.provenance);
    const auto what = [&] {
        return QStringLiteral("offer of %1 for '%2'")
            .arg(QString::fromStdString(offer.provider), QString::fromStdString(offer.model));
    };
    return stepOrExplain(statement, what, error);
}

bool CatalogWriter::insertQualityScore(const QualityScore& score, QString* error) {
    SqlStatement statement(database_,
                           "INSERT INTO quality_scores (model, precision, checkpoint, benchmark,"
                           " score, baseline_precision, baseline_score, source, as_of, uncertain)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?)");
    statement.bind(1, score.model);
    statement.bind(2, score.precision);
    statement.bind(3, score.checkpoint);
    statement.bind(4, score.benchmark);
    statement.bind(5, score.score);
    statement.bind(6, score.baselinePrecision);
    statement.bind(7, score.baselineScore);
    bindProvenance(statement, 8, score.provenance);
    const auto what = [&] {
        return QStringLiteral("quality score of '%1' %2 on %3")
            .arg(QString::fromStdString(score.model), QString::fromStdString(score.precision),
                 QString::fromStdString(score.benchmark));
    };
    return stepOrExplain(statement, what, error);
}

std::optional<std::int64_t> CatalogWriter::seriesId(const SeriesKey& key, QString* error) {
    const auto identity = std::make_tuple(key.model, key.hardware, key.engine, key.precision,
                                          key.specDecoding, key.isl, key.osl, key.run);
    if (const auto known = knownSeries_.find(identity); known != knownSeries_.end())
        return known->second;
    if (!findSeries_) {
        findSeries_ = std::make_unique<SqlStatement>(
            database_, "SELECT id FROM series WHERE model = ? AND hardware = ? AND engine = ? AND"
                       " precision = ? AND spec_decoding = ? AND isl = ? AND osl = ? AND run = ?");
        addSeries_ = std::make_unique<SqlStatement>(
            database_, "INSERT INTO series (model, hardware, engine, precision, spec_decoding,"
                       " isl, osl, run) VALUES (?,?,?,?,?,?,?,?)");
    }
    for (SqlStatement* statement : {findSeries_.get(), addSeries_.get()}) {
        statement->reset();
        statement->bind(1, key.model);
        statement->bind(2, key.hardware);
        statement->bind(3, key.engine);
        statement->bind(4, key.precision);
        statement->bind(5, key.specDecoding);
        statement->bind(6, key.isl);
        statement->bind(7, key.osl);
        statement->bind(8, key.run);
    }
    std::int64_t id = 0;
    if (findSeries_->step() == SQLITE_ROW) {
        id = findSeries_->columnInt64(0);
    } else if (addSeries_->step() == SQLITE_DONE) {
        id = sqlite3_last_insert_rowid(database_);
    } else {
        *error = constraintMessage(
            QStringLiteral("series '%1'").arg(QString::fromStdString(seriesLabel(key))));
        return std::nullopt;
    }
    knownSeries_.emplace(identity, id);
    return id;
}

bool CatalogWriter::insertSeries(const SeriesKey& key, const std::vector<OperatingPoint>& points,
                                 QString* error) {
    const std::optional<std::int64_t> id = seriesId(key, error);
    if (!id)
        return false;
    for (const OperatingPoint& point : points) {
        if (writePoint(*id, key, point, error) != PointWrite::Written)
            return false;
    }
    return true;
}

QString CatalogWriter::describePoint(const SeriesKey& key, const OperatingPoint& point) {
    const PointFigures& figures = point.figures;
    const QString split = figures.disaggregated ? QStringLiteral(" (%1 prefill + %2 decode)")
                                                      .arg(figures.prefillGpus)
                                                      .arg(figures.decodeGpus)
                                                : QString();
    return QStringLiteral("point of series '%1' at %2, config '%3', %4 GPUs%5")
        .arg(QString::fromStdString(seriesLabel(key)), QString::fromStdString(loadText(figures)),
             QString::fromStdString(point.config), QString::number(figures.gpus), split);
}

CatalogWriter::PointWrite CatalogWriter::writePoint(std::int64_t seriesId, const SeriesKey& key,
                                                    const OperatingPoint& point, QString* error) {
    if (!addPoint_)
        addPoint_ = std::make_unique<SqlStatement>(database_, insertPointSql);
    SqlStatement& statement = *addPoint_;
    const PointFigures& figures = point.figures;
    // Every parameter is bound below, so the statement is only reset, not cleared.
    sqlite3_stmt* raw = statement.handle();
    sqlite3_reset(raw);
    statement.bind(1, seriesId);
    statement.bind(2, figures.gpus);
    statement.bind(3, figures.disaggregated);
    statement.bind(4, figures.prefillGpus);
    statement.bind(5, figures.decodeGpus);
    statement.bind(6, figures.concurrency);
    statement.bind(7, figures.tputPerGpu);
    statement.bind(8, figures.outputTputPerGpu);
    statement.bind(9, figures.inputTputPerGpu);
    statement.bind(10, figures.tputDerived);
    int index = 11;
    for (const ByStatistic* figure :
         {&figures.interactivity, &figures.ttftSeconds, &figures.e2elSeconds}) {
        statement.bind(index++, figure->p50);
        statement.bind(index++, figure->p90);
        statement.bind(index++, figure->p99);
    }
    statement.bind(20, figures.latencyIsLimit);
    statement.bind(21, figures.powerWatts);
    // The point outlives the step: its text is bound without a copy (and rebound before the
    // next step; SQLite reads bound values only while stepping).
    int textIndex = 22;
    for (const std::string* text :
         {&point.config, &point.note, &point.provenance.source, &point.provenance.date})
        sqlite3_bind_text(raw, textIndex++, text->data(), static_cast<int>(text->size()),
                          SQLITE_STATIC);
    statement.bind(26, point.provenance.uncertain);
    statement.bind(27, figures.requestRate);

    if (statement.step() != SQLITE_DONE) {
        const bool duplicate = sqlite3_extended_errcode(database_) == SQLITE_CONSTRAINT_UNIQUE;
        *error = duplicate ? QStringLiteral("duplicate point: %1 is already in the catalog or "
                                            "twice in this import")
                                 .arg(describePoint(key, point))
                           : constraintMessage(describePoint(key, point));
        return duplicate ? PointWrite::Duplicate : PointWrite::Refused;
    }
    ++pointsWritten_;
    lastPointId_ = sqlite3_last_insert_rowid(database_);
    if (!point.samples)
        return PointWrite::Written;

    if (!addSamples_)
        addSamples_ = std::make_unique<SqlStatement>(
            database_, "INSERT INTO point_samples (point_id, duration_s, request_count, requests)"
                       " VALUES (?,?,?,?)");
    const QByteArray blob = packRequestSamples(point.samples->requests);
    addSamples_->reset();
    addSamples_->bind(1, lastPointId_);
    addSamples_->bind(2, point.samples->durationSeconds);
    addSamples_->bind(3, static_cast<std::int64_t>(point.samples->requests.size()));
    addSamples_->bindBlob(4, blob.constData(), static_cast<int>(blob.size()));
    const auto what = [&] {
        return QStringLiteral("samples of the point of series '%1' at concurrency %2")
            .arg(QString::fromStdString(seriesLabel(key)), number(figures.concurrency));
    };
    return stepOrExplain(*addSamples_, what, error) ? PointWrite::Written : PointWrite::Refused;
}

std::optional<std::int64_t> CatalogWriter::pointIdLike(std::int64_t seriesId,
                                                       const OperatingPoint& point) {
    if (!findPoint_)
        findPoint_ = std::make_unique<SqlStatement>(
            database_, "SELECT id FROM points WHERE series_id = ? AND concurrency = ? AND"
                       " config = ? AND gpus = ? AND prefill_gpus = ? AND decode_gpus = ? AND"
                       " request_rate = ?");
    SqlStatement& statement = *findPoint_;
    statement.reset();
    statement.bind(1, seriesId);
    statement.bind(2, point.figures.concurrency);
    statement.bind(3, point.config);
    statement.bind(4, point.figures.gpus);
    statement.bind(5, point.figures.prefillGpus);
    statement.bind(6, point.figures.decodeGpus);
    statement.bind(7, point.figures.requestRate);
    if (statement.step() != SQLITE_ROW)
        return std::nullopt;
    return statement.columnInt64(0);
}

SeriesKey CatalogWriter::canonicalKey(const SeriesKey& key) {
    // Tools spell hardware and models their own way; the catalog's aliases map them to its
    // names, so imported series find their cost bases and model figures.
    SeriesKey canonical = key;
    canonical.hardware = canonicalHardware(key.hardware);
    canonical.model = canonicalModel(key.model);
    return canonical;
}

std::string CatalogWriter::canonicalHardware(const std::string& name) {
    if (!findHardware_)
        findHardware_ = std::make_unique<SqlStatement>(
            database_, "SELECT name FROM accelerators WHERE name = ?1 UNION ALL"
                       " SELECT a.name FROM accelerator_aliases l JOIN accelerators a"
                       " ON a.id = l.accelerator_id WHERE l.alias = ?1 LIMIT 1");
    findHardware_->reset();
    findHardware_->bind(1, name);
    return findHardware_->step() == SQLITE_ROW ? findHardware_->columnText(0) : name;
}

std::string CatalogWriter::canonicalModel(const std::string& name) {
    if (!findModel_)
        findModel_ = std::make_unique<SqlStatement>(
            database_, "SELECT name FROM models WHERE name = ?1 UNION ALL"
                       " SELECT m.name FROM model_aliases l JOIN models m"
                       " ON m.id = l.model_id WHERE l.alias = ?1 LIMIT 1");
    findModel_->reset();
    findModel_->bind(1, name);
    return findModel_->step() == SQLITE_ROW ? findModel_->columnText(0) : name;
}

} // namespace tokenomics::data
