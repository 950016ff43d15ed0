#include "CatalogReader.h"

#include "CatalogRows.h"
#include "RankingEngine.h"
#include "SampleBlob.h"
#include "SqlStatement.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace tokenomics::data {

namespace {

// Figures of a point in the column order both readers use; the provenance columns follow.
const char* const pointColumns =
    "p.series_id, p.gpus, p.disaggregated, p.prefill_gpus, p.decode_gpus, p.concurrency,"
    " p.tput_per_gpu, p.output_tput_per_gpu, p.input_tput_per_gpu, p.tput_derived,"
    " p.interactivity_p50, p.interactivity_p90, p.interactivity_p99,"
    " p.ttft_p50_s, p.ttft_p90_s, p.ttft_p99_s, p.e2el_p50_s, p.e2el_p90_s, p.e2el_p99_s,"
    " p.latency_is_limit, p.power_w, p.request_rate";
constexpr int firstDetailColumn = 22;

void readFigures(sqlite3_stmt* statement, PointFigures& figures) {
    figures.gpus = sqlite3_column_int(statement, 1);
    figures.disaggregated = sqlite3_column_int(statement, 2) != 0;
    figures.prefillGpus = sqlite3_column_int(statement, 3);
    figures.decodeGpus = sqlite3_column_int(statement, 4);
    figures.concurrency = sqlite3_column_double(statement, 5);
    figures.tputPerGpu = optionalDouble(statement, 6);
    figures.outputTputPerGpu = optionalDouble(statement, 7);
    figures.inputTputPerGpu = optionalDouble(statement, 8);
    figures.tputDerived = sqlite3_column_int(statement, 9) != 0;
    figures.interactivity = {optionalDouble(statement, 10), optionalDouble(statement, 11),
                             optionalDouble(statement, 12)};
    figures.ttftSeconds = {optionalDouble(statement, 13), optionalDouble(statement, 14),
                           optionalDouble(statement, 15)};
    figures.e2elSeconds = {optionalDouble(statement, 16), optionalDouble(statement, 17),
                           optionalDouble(statement, 18)};
    figures.latencyIsLimit = sqlite3_column_int(statement, 19) != 0;
    figures.powerWatts = optionalDouble(statement, 20);
    figures.requestRate = sqlite3_column_double(statement, 21);
}

Provenance readProvenance(const SqlStatement& statement, int first) {
    return Provenance{statement.columnText(first), statement.columnText(first + 1),
                      statement.columnInt64(first + 2) != 0};
}

std::string pointQuery(bool withDetails, bool withSamples) {
    std::string sql = "SELECT ";
    sql += pointColumns;
    if (withDetails)
        sql += ", p.id, p.config, p.note, p.source, p.as_of, p.uncertain";
    if (withSamples)
        sql += ", s.duration_s, s.requests";
    sql += " FROM points p";
    if (withSamples)
        sql += " LEFT JOIN point_samples s ON s.point_id = p.id";
    // Rowid order: a plain table scan, and each series' points stay in insertion order.
    sql += " ORDER BY p.id";
    return sql;
}

template <typename Fn>
bool scanRows(SqlStatement& statement, const char* what, QString* error, Fn&& onRow) {
    int rc = 0;
    while ((rc = statement.step()) == SQLITE_ROW) {
        if (!onRow())
            return false;
    }
    if (rc != SQLITE_DONE) {
        *error = QStringLiteral("reading %1: %2")
                     .arg(QString::fromLatin1(what), statement.errorMessage());
        return false;
    }
    return true;
}

} // namespace

std::string columnString(sqlite3_stmt* statement, int column) {
    const auto* bytes = sqlite3_column_text(statement, column);
    if (!bytes)
        return {};
    return std::string(reinterpret_cast<const char*>(bytes),
                       static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
}

bool hasSamples(sqlite3* database) {
    SqlStatement statement(database, "SELECT EXISTS (SELECT 1 FROM point_samples)");
    return statement.step() == SQLITE_ROW && statement.columnInt64(0) != 0;
}

std::optional<SampleSet> readSamples(sqlite3_stmt* statement, int durationColumn) {
    if (sqlite3_column_type(statement, durationColumn) == SQLITE_NULL)
        return std::nullopt;
    const void* blob = sqlite3_column_blob(statement, durationColumn + 1);
    const int bytes = sqlite3_column_bytes(statement, durationColumn + 1);
    auto requests = unpackRequestSamples(blob, bytes);
    if (!requests)
        return std::nullopt;
    return SampleSet{std::move(*requests), sqlite3_column_double(statement, durationColumn)};
}

std::size_t pointCountEstimate(sqlite3* database) {
    std::int64_t maxId = 0;
    std::int64_t pages = 0;
    std::int64_t pageSize = 0;
    SqlStatement count(database, "SELECT coalesce(max(id), 0) FROM points");
    if (count.step() == SQLITE_ROW)
        maxId = count.columnInt64(0);
    SqlStatement pageCount(database, "PRAGMA page_count");
    if (pageCount.step() == SQLITE_ROW)
        pages = pageCount.columnInt64(0);
    SqlStatement size(database, "PRAGMA page_size");
    if (size.step() == SQLITE_ROW)
        pageSize = size.columnInt64(0);
    // A point row takes well over 16 bytes of a page.
    constexpr std::int64_t minimumRowBytes = 16;
    const std::int64_t fits = pages * pageSize / minimumRowBytes;
    return static_cast<std::size_t>(std::clamp<std::int64_t>(maxId, 0, fits));
}

bool readSeriesKeys(sqlite3* database, std::vector<SeriesRow>* rows, QString* error) {
    SqlStatement statement(database, "SELECT id, model, hardware, engine, precision,"
                                     " spec_decoding, isl, osl, run FROM series ORDER BY id");
    int rc = 0;
    while ((rc = statement.step()) == SQLITE_ROW) {
        SeriesRow row;
        row.id = statement.columnInt64(0);
        row.key.model = statement.columnText(1);
        row.key.hardware = statement.columnText(2);
        row.key.engine = statement.columnText(3);
        row.key.precision = statement.columnText(4);
        row.key.specDecoding = statement.columnText(5);
        row.key.isl = static_cast<std::int32_t>(statement.columnInt64(6));
        row.key.osl = static_cast<std::int32_t>(statement.columnInt64(7));
        row.key.run = statement.columnText(8);
        rows->push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
        *error = QStringLiteral("reading series: %1").arg(statement.errorMessage());
        return false;
    }
    return true;
}

bool readCostBases(sqlite3* database, std::vector<CostBasis>* bases, QString* error) {
    SqlStatement statement(
        database, "SELECT id, hardware, key, name, usd_per_gpu_hour, capex_usd, life_years,"
                  " cost_of_capital, opex_usd_per_year, availability, ownership_all_in_kw,"
                  " pue, usd_per_kwh, all_in_kw_per_gpu, source, as_of, uncertain"
                  " FROM cost_bases ORDER BY id");
    return scanRows(statement, "cost bases", error, [&] {
        CostBasis basis;
        basis.catalogId = statement.columnInt64(0);
        basis.hardware = statement.columnText(1);
        basis.key = statement.columnText(2);
        basis.name = statement.columnText(3);
        basis.usdPerGpuHour = statement.columnOptionalDouble(4);
        if (!statement.isNull(5)) {
            OwnershipInputs inputs;
            inputs.capexUsd = statement.columnDouble(5);
            inputs.lifeYears = statement.columnOptionalDouble(6).value_or(inputs.lifeYears);
            inputs.costOfCapital = statement.columnOptionalDouble(7).value_or(inputs.costOfCapital);
            inputs.opexUsdPerYear = statement.columnOptionalDouble(8).value_or(0);
            inputs.availability = statement.columnOptionalDouble(9).value_or(1.0);
            inputs.allInKw = statement.columnOptionalDouble(10).value_or(0);
            inputs.pue = statement.columnOptionalDouble(11).value_or(1.0);
            inputs.usdPerKwh = statement.columnOptionalDouble(12).value_or(0);
            basis.ownership = inputs;
        }
        basis.allInKwPerGpu = statement.columnOptionalDouble(13);
        basis.provenance = readProvenance(statement, 14);
        bases->push_back(std::move(basis));
        return true;
    });
}

bool readOffers(sqlite3* database, std::vector<ProviderOffer>* offers, QString* error) {
    SqlStatement statement(database,
                           "SELECT id, model, provider, input_usd_per_m, output_usd_per_m,"
                           " output_tok_s, ttft_s, source, as_of, uncertain"
                           " FROM provider_offers ORDER BY id");
    return scanRows(statement, "provider offers", error, [&] {
        ProviderOffer offer;
        offer.catalogId = statement.columnInt64(0);
        offer.model = statement.columnText(1);
        offer.provider = statement.columnText(2);
        offer.inputUsdPerM = statement.columnDouble(3);
        offer.outputUsdPerM = statement.columnDouble(4);
        offer.outputTokensPerSecond = statement.columnOptionalDouble(5);
        offer.ttftSeconds = statement.columnOptionalDouble(6);
        offer.provenance = readProvenance(statement, 7);
        offers->push_back(std::move(offer));
        return true;
    });
}

bool readQualityScores(sqlite3* database, std::vector<QualityScore>* scores, QString* error) {
    SqlStatement statement(database, "SELECT id, model, precision, checkpoint, benchmark, score,"
                                     " baseline_precision, baseline_score, source, as_of, uncertain"
                                     " FROM quality_scores ORDER BY id");
    return scanRows(statement, "quality scores", error, [&] {
        QualityScore score;
        score.catalogId = statement.columnInt64(0);
        score.model = statement.columnText(1);
        score.precision = statement.columnText(2);
        score.checkpoint = statement.columnText(3);
        score.benchmark = statement.columnText(4);
        score.score = statement.columnDouble(5);
        score.baselinePrecision = statement.columnText(6);
        score.baselineScore = statement.columnDouble(7);
        score.provenance = readProvenance(statement, 8);
        scores->push_back(std::move(score));
        return true;
    });
}

namespace {

bool readAccelerators(sqlite3* database, std::vector<Accelerator>* accelerators, QString* error) {
    SqlStatement statement(database,
                           "SELECT id, name, vendor, memory_gb, memory_bw_tbps, bf16_tflops,"
                           " fp8_tflops, fp4_tflops, tdp_w, scaleup_domain, scaleup_bw_gbps_bidir,"
                           " form_factor, source, as_of, uncertain FROM accelerators ORDER BY id");
    SqlStatement aliases(database, "SELECT alias FROM accelerator_aliases WHERE accelerator_id = ?"
                                   " ORDER BY rowid");
    return scanRows(statement, "accelerators", error, [&] {
        Accelerator accelerator;
        accelerator.catalogId = statement.columnInt64(0);
        accelerator.name = statement.columnText(1);
        accelerator.vendor = statement.columnText(2);
        accelerator.memoryGb = statement.columnOptionalDouble(3);
        accelerator.memoryBwTbps = statement.columnOptionalDouble(4);
        accelerator.bf16Tflops = statement.columnOptionalDouble(5);
        accelerator.fp8Tflops = statement.columnOptionalDouble(6);
        accelerator.fp4Tflops = statement.columnOptionalDouble(7);
        accelerator.tdpWatts = statement.columnOptionalDouble(8);
        accelerator.scaleupDomain = statement.columnOptionalInt(9);
        accelerator.scaleupBwGbpsBidir = statement.columnOptionalDouble(10);
        accelerator.formFactor = statement.columnText(11);
        accelerator.provenance = readProvenance(statement, 12);
        aliases.reset();
        aliases.bind(1, accelerator.catalogId);
        while (aliases.step() == SQLITE_ROW)
            accelerator.aliases.push_back(aliases.columnText(0));
        accelerators->push_back(std::move(accelerator));
        return true;
    });
}

bool readModels(sqlite3* database, std::vector<ModelInfo>* models, QString* error) {
    SqlStatement statement(database,
                           "SELECT id, name, total_params_b, active_params_b, layers, hidden_size,"
                           " attention_heads, kv_heads, head_dim, kv_lora_rank, moe_experts,"
                           " moe_active_experts, context_length, source, as_of, uncertain"
                           " FROM models ORDER BY id");
    SqlStatement aliases(database, "SELECT alias FROM model_aliases WHERE model_id = ?"
                                   " ORDER BY rowid");
    return scanRows(statement, "models", error, [&] {
        ModelInfo model;
        model.catalogId = statement.columnInt64(0);
        model.name = statement.columnText(1);
        model.totalParamsB = statement.columnOptionalDouble(2);
        model.activeParamsB = statement.columnOptionalDouble(3);
        std::optional<std::int32_t>* integers[] = {
            &model.layers,     &model.hiddenSize,       &model.attentionHeads,
            &model.kvHeads,    &model.headDim,          &model.kvLoraRank,
            &model.moeExperts, &model.moeActiveExperts, &model.contextLength};
        int column = 4;
        for (auto* value : integers)
            *value = statement.columnOptionalInt(column++);
        model.provenance = readProvenance(statement, 13);
        aliases.reset();
        aliases.bind(1, model.catalogId);
        while (aliases.step() == SQLITE_ROW)
            model.aliases.push_back(aliases.columnText(0));
        models->push_back(std::move(model));
        return true;
    });
}

} // namespace

bool readCatalog(sqlite3* database, Catalog* catalog, QString* error) {
    if (!readAccelerators(database, &catalog->accelerators, error) ||
        !readCostBases(database, &catalog->costBases, error) ||
        !readModels(database, &catalog->models, error) ||
        !readQualityScores(database, &catalog->qualityScores, error) ||
        !readOffers(database, &catalog->offers, error))
        return false;

    std::vector<SeriesRow> rows;
    if (!readSeriesKeys(database, &rows, error))
        return false;
    std::unordered_map<std::int64_t, std::size_t> indexOfId;
    catalog->series.reserve(rows.size());
    for (SeriesRow& row : rows) {
        indexOfId.emplace(row.id, catalog->series.size());
        catalog->series.push_back(Series{row.id, std::move(row.key), {}});
    }
    const bool withSamples = hasSamples(database);
    const std::string sql = pointQuery(true, withSamples);
    SqlStatement statement(database, sql.c_str());
    return scanRows(statement, "points", error, [&] {
        const auto found = indexOfId.find(statement.columnInt64(0));
        if (found == indexOfId.end()) {
            *error = QStringLiteral("reading points: a point refers to a missing series");
            return false;
        }
        OperatingPoint point;
        readFigures(statement.handle(), point.figures);
        point.catalogId = statement.columnInt64(firstDetailColumn);
        point.config = statement.columnText(firstDetailColumn + 1);
        point.note = statement.columnText(firstDetailColumn + 2);
        point.provenance = readProvenance(statement, firstDetailColumn + 3);
        if (withSamples)
            point.samples = readSamples(statement.handle(), firstDetailColumn + 6);
        catalog->series[found->second].points.push_back(std::move(point));
        return true;
    });
}

bool readEngineTables(sqlite3* database, EngineTables* tables, QString* error) {
    return readCostBases(database, &tables->bases, error) &&
           readOffers(database, &tables->offers, error) &&
           readQualityScores(database, &tables->scores, error) &&
           readSeriesKeys(database, &tables->series, error);
}

void EngineTables::moveInto(RankingEngine& engine) {
    engine.setCostBases(std::move(bases));
    engine.setOffers(std::move(offers));
    engine.setQualityScores(std::move(scores));
}

bool readIntoEngine(sqlite3* database, RankingEngine& engine,
                    std::vector<std::vector<PointDetails>>* details, QString* error) {
    EngineTables tables;
    if (!readEngineTables(database, &tables, error))
        return false;
    const std::vector<SeriesRow>& rows = tables.series;

    engine.reserve(rows.size(), pointCountEstimate(database));
    SeriesIdIndex indexOfId(rows);
    for (const SeriesRow& row : rows)
        indexOfId.set(row.id, engine.addSeries(row.key));
    if (details) {
        details->clear();
        details->resize(engine.seriesCount());
    }

    const bool withSamples = hasSamples(database);
    const bool withDetails = details != nullptr;
    const std::string sql = pointQuery(withDetails, withSamples);
    SqlStatement statement(database, sql.c_str());
    sqlite3_stmt* raw = statement.handle();
    const int samplesColumn = withDetails ? firstDetailColumn + 6 : firstDetailColumn;
    PointFigures figures;
    int rc = 0;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        const auto seriesId = sqlite3_column_int64(raw, 0);
        const std::size_t series = indexOfId.find(seriesId);
        if (series == SeriesIdIndex::missing) {
            *error = QStringLiteral("reading points: a point refers to a missing series");
            return false;
        }
        readFigures(raw, figures);
        if (withSamples) {
            const std::optional<SampleSet> samples = readSamples(raw, samplesColumn);
            engine.addPoint(series, figures, samples ? &*samples : nullptr);
        } else {
            engine.addPoint(series, figures);
        }
        if (withDetails)
            (*details)[series].push_back(PointDetails{
                columnString(raw, firstDetailColumn + 1), columnString(raw, firstDetailColumn + 2),
                Provenance{columnString(raw, firstDetailColumn + 3),
                           columnString(raw, firstDetailColumn + 4),
                           sqlite3_column_int(raw, firstDetailColumn + 5) != 0}});
    }
    if (rc != SQLITE_DONE) {
        *error = QStringLiteral("reading points: %1").arg(statement.errorMessage());
        return false;
    }
    tables.moveInto(engine);
    return true;
}

} // namespace tokenomics::data
