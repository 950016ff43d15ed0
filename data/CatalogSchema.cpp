#include "CatalogSchema.h"

#include <sqlite3.h>

namespace tokenomics::data {

namespace {

// Version 1. Units are in column names; every figure row keeps source, as_of and uncertain.
// Named CHECK constraints make SQLite's failure message name the column ("CHECK constraint
// failed: tput_per_gpu_positive"), so an import error can say which field was wrong.
const QStringList version1 = {
    QStringLiteral(R"sql(
CREATE TABLE accelerators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CONSTRAINT name_not_empty CHECK (name <> ''),
    vendor TEXT NOT NULL DEFAULT '',
    memory_gb REAL CONSTRAINT memory_gb_positive CHECK (memory_gb > 0),
    memory_bw_tbps REAL CONSTRAINT memory_bw_tbps_positive CHECK (memory_bw_tbps > 0),
    bf16_tflops REAL CONSTRAINT bf16_tflops_positive CHECK (bf16_tflops > 0),
    fp8_tflops REAL CONSTRAINT fp8_tflops_positive CHECK (fp8_tflops > 0),
    fp4_tflops REAL CONSTRAINT fp4_tflops_positive CHECK (fp4_tflops > 0),
    tdp_w REAL CONSTRAINT tdp_w_positive CHECK (tdp_w > 0),
    scaleup_domain INTEGER CONSTRAINT scaleup_domain_positive CHECK (scaleup_domain > 0),
    scaleup_bw_gbps_bidir REAL
        CONSTRAINT scaleup_bw_gbps_bidir_positive CHECK (scaleup_bw_gbps_bidir > 0),
    form_factor TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    as_of TEXT NOT NULL DEFAULT '',
    uncertain INTEGER NOT NULL DEFAULT 0 CONSTRAINT uncertain_flag CHECK (uncertain IN (0, 1))
))sql"),
    QStringLiteral(R"sql(
CREATE TABLE accelerator_aliases (
    alias TEXT PRIMARY KEY COLLATE NOCASE CONSTRAINT alias_not_empty CHECK (alias <> ''),
    accelerator_id INTEGER NOT NULL REFERENCES accelerators(id) ON DELETE CASCADE
))sql"),
    QStringLiteral(R"sql(
CREATE TABLE cost_bases (
    id INTEGER PRIMARY KEY,
    hardware TEXT NOT NULL CONSTRAINT hardware_not_empty CHECK (hardware <> ''),
    key TEXT NOT NULL CONSTRAINT key_not_empty CHECK (key <> ''),
    name TEXT NOT NULL,
    usd_per_gpu_hour REAL CONSTRAINT usd_per_gpu_hour_not_negative CHECK (usd_per_gpu_hour >= 0),
    capex_usd REAL CONSTRAINT capex_usd_not_negative CHECK (capex_usd >= 0),
    life_years REAL CONSTRAINT life_years_positive CHECK (life_years > 0),
    cost_of_capital REAL CONSTRAINT cost_of_capital_not_negative CHECK (cost_of_capital >= 0),
    opex_usd_per_year REAL CONSTRAINT opex_usd_per_year_not_negative CHECK (opex_usd_per_year >= 0),
    availability REAL CONSTRAINT availability_fraction CHECK (availability > 0 AND availability <= 1),
    ownership_all_in_kw REAL CONSTRAINT ownership_all_in_kw_not_negative CHECK (ownership_all_in_kw >= 0),
    pue REAL CONSTRAINT pue_at_least_one CHECK (pue >= 1),
    usd_per_kwh REAL CONSTRAINT usd_per_kwh_not_negative CHECK (usd_per_kwh >= 0),
    all_in_kw_per_gpu REAL CONSTRAINT all_in_kw_per_gpu_positive CHECK (all_in_kw_per_gpu > 0),
    source TEXT NOT NULL DEFAULT '',
    as_of TEXT NOT NULL DEFAULT '',
    uncertain INTEGER NOT NULL DEFAULT 0 CONSTRAINT uncertain_flag CHECK (uncertain IN (0, 1)),
    CONSTRAINT cost_given CHECK (usd_per_gpu_hour IS NOT NULL OR capex_usd IS NOT NULL),
    UNIQUE (hardware, key)
))sql"),
    QStringLiteral(R"sql(
CREATE TABLE facility_figures (
    id INTEGER PRIMARY KEY,
    item TEXT NOT NULL CONSTRAINT item_not_empty CHECK (item <> ''),
    value TEXT NOT NULL,
    value_number REAL,
    unit TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    as_of TEXT NOT NULL DEFAULT '',
    uncertain INTEGER NOT NULL DEFAULT 0 CONSTRAINT uncertain_flag CHECK (uncertain IN (0, 1))
))sql"),
    QStringLiteral(R"sql(
CREATE TABLE models (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CONSTRAINT name_not_empty CHECK (name <> ''),
    total_params_b REAL CONSTRAINT total_params_b_positive CHECK (total_params_b > 0),
    active_params_b REAL CONSTRAINT active_params_b_positive CHECK (active_params_b > 0),
    layers INTEGER CONSTRAINT layers_positive CHECK (layers > 0),
    hidden_size INTEGER CONSTRAINT hidden_size_positive CHECK (hidden_size > 0),
    attention_heads INTEGER CONSTRAINT attention_heads_positive CHECK (attention_heads > 0),
    kv_heads INTEGER CONSTRAINT kv_heads_positive CHECK (kv_heads > 0),
    head_dim INTEGER CONSTRAINT head_dim_positive CHECK (head_dim > 0),
    kv_lora_rank INTEGER CONSTRAINT kv_lora_rank_positive CHECK (kv_lora_rank > 0),
    moe_experts INTEGER CONSTRAINT moe_experts_positive CHECK (moe_experts > 0),
    moe_active_experts INTEGER CONSTRAINT moe_active_experts_positive CHECK (moe_active_experts > 0),
    context_length INTEGER CONSTRAINT context_length_positive CHECK (context_length > 0),
    source TEXT NOT NULL DEFAULT '',
    as_of TEXT NOT NULL DEFAULT '',
    uncertain INTEGER NOT NULL DEFAULT 0 CONSTRAINT uncertain_flag CHECK (uncertain IN (0, 1))
))sql"),
    QStringLiteral(R"sql(
CREATE TABLE model_aliases (
    alias TEXT PRIMARY KEY COLLATE NOCASE CONSTRAINT alias_not_empty CHECK (alias <> ''),
    model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE
))sql"),
    QStringLiteral(R"sql(
CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    model TEXT NOT NULL CONSTRAINT model_not_empty CHECK (model <> ''),
    hardware TEXT NOT NULL CONSTRAINT hardware_not_empty CHECK (hardware <> ''),
    engine TEXT NOT NULL DEFAULT '',
    precision TEXT NOT NULL DEFAULT '',
    spec_decoding TEXT NOT NULL DEFAULT 'none',
    isl INTEGER NOT NULL CONSTRAINT isl_not_negative CHECK (isl >= 0),
    osl INTEGER NOT NULL CONSTRAINT osl_not_negative CHECK (osl >= 0),
    run TEXT NOT NULL DEFAULT '',
    UNIQUE (model, hardware, engine, precision, spec_decoding, isl, osl, run)
))sql"),
    // One row per operating point; p50/p90/p99 of each latency figure. interactivity is
    // tokens/s per user, latencies in seconds, throughput in tokens/s per GPU.
    QStringLiteral(R"sql(
CREATE TABLE points (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    gpus INTEGER NOT NULL DEFAULT 0 CONSTRAINT gpus_not_negative CHECK (gpus >= 0),
    disaggregated INTEGER NOT NULL DEFAULT 0 CONSTRAINT disaggregated_flag CHECK (disaggregated IN (0, 1)),
    prefill_gpus INTEGER NOT NULL DEFAULT 0 CONSTRAINT prefill_gpus_not_negative CHECK (prefill_gpus >= 0),
    decode_gpus INTEGER NOT NULL DEFAULT 0 CONSTRAINT decode_gpus_not_negative CHECK (decode_gpus >= 0),
    concurrency REAL NOT NULL DEFAULT 0 CONSTRAINT concurrency_not_negative CHECK (concurrency >= 0),
    tput_per_gpu REAL CONSTRAINT tput_per_gpu_positive CHECK (tput_per_gpu > 0),
    output_tput_per_gpu REAL CONSTRAINT output_tput_per_gpu_positive CHECK (output_tput_per_gpu > 0),
    input_tput_per_gpu REAL CONSTRAINT input_tput_per_gpu_positive CHECK (input_tput_per_gpu > 0),
    tput_derived INTEGER NOT NULL DEFAULT 0 CONSTRAINT tput_derived_flag CHECK (tput_derived IN (0, 1)),
    interactivity_p50 REAL CONSTRAINT interactivity_p50_positive CHECK (interactivity_p50 > 0),
    interactivity_p90 REAL CONSTRAINT interactivity_p90_positive CHECK (interactivity_p90 > 0),
    interactivity_p99 REAL CONSTRAINT interactivity_p99_positive CHECK (interactivity_p99 > 0),
    ttft_p50_s REAL CONSTRAINT ttft_p50_not_negative CHECK (ttft_p50_s >= 0),
    ttft_p90_s REAL CONSTRAINT ttft_p90_not_negative CHECK (ttft_p90_s >= 0),
    ttft_p99_s REAL CONSTRAINT ttft_p99_not_negative CHECK (ttft_p99_s >= 0),
    e2el_p50_s REAL CONSTRAINT e2el_p50_not_negative CHECK (e2el_p50_s >= 0),
    e2el_p90_s REAL CONSTRAINT e2el_p90_not_negative CHECK (e2el_p90_s >= 0),
    e2el_p99_s REAL CONSTRAINT e2el_p99_not_negative CHECK (e2el_p99_s >= 0),
    latency_is_limit INTEGER NOT NULL DEFAULT 0
        CONSTRAINT latency_is_limit_flag CHECK (latency_is_limit IN (0, 1)),
    power_w REAL CONSTRAINT power_w_positive CHECK (power_w > 0),
    config TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    as_of TEXT NOT NULL DEFAULT '',
    uncertain INTEGER NOT NULL DEFAULT 0 CONSTRAINT uncertain_flag CHECK (uncertain IN (0, 1)),
    CONSTRAINT throughput_given CHECK (tput_per_gpu IS NOT NULL OR output_tput_per_gpu IS NOT NULL)
))sql"),
    // A point is identified by its series, concurrency and configuration: the config label
    // and the GPU split (a curve label can span recipes with different prefill/decode GPUs).
    QStringLiteral("CREATE UNIQUE INDEX points_identity ON points (series_id, concurrency, "
                   "config, gpus, prefill_gpus, decode_gpus)"),
    // Per-request samples of a point, packed (see SampleBlob.h): one row per point.
    QStringLiteral(R"sql(
CREATE TABLE point_samples (
    point_id INTEGER PRIMARY KEY REFERENCES points(id) ON DELETE CASCADE,
    duration_s REAL NOT NULL CONSTRAINT duration_s_positive CHECK (duration_s > 0),
    request_count INTEGER NOT NULL CONSTRAINT request_count_not_negative CHECK (request_count >= 0),
    requests BLOB NOT NULL
))sql"),
    QStringLiteral(R"sql(
CREATE TABLE provider_offers (
    id INTEGER PRIMARY KEY,
    model TEXT NOT NULL CONSTRAINT model_not_empty CHECK (model <> ''),
    provider TEXT NOT NULL CONSTRAINT provider_not_empty CHECK (provider <> ''),
    input_usd_per_m REAL NOT NULL CONSTRAINT input_usd_per_m_not_negative CHECK (input_usd_per_m >= 0),
    output_usd_per_m REAL NOT NULL CONSTRAINT output_usd_per_m_not_negative CHECK (output_usd_per_m >= 0),
    output_tok_s REAL CONSTRAINT output_tok_s_positive CHECK (output_tok_s > 0),
    ttft_s REAL CONSTRAINT ttft_s_not_negative CHECK (ttft_s >= 0),
    source TEXT NOT NULL DEFAULT '',
    as_of TEXT NOT NULL DEFAULT '',
    uncertain INTEGER NOT NULL DEFAULT 0 CONSTRAINT uncertain_flag CHECK (uncertain IN (0, 1))
))sql"),
    QStringLiteral(R"sql(
CREATE TABLE quality_scores (
    id INTEGER PRIMARY KEY,
    model TEXT NOT NULL CONSTRAINT model_not_empty CHECK (model <> ''),
    precision TEXT NOT NULL,
    checkpoint TEXT NOT NULL DEFAULT '',
    benchmark TEXT NOT NULL CONSTRAINT benchmark_not_empty CHECK (benchmark <> ''),
    score REAL NOT NULL,
    baseline_precision TEXT NOT NULL DEFAULT '',
    baseline_score REAL NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    as_of TEXT NOT NULL DEFAULT '',
    uncertain INTEGER NOT NULL DEFAULT 0 CONSTRAINT uncertain_flag CHECK (uncertain IN (0, 1))
))sql"),
    QStringLiteral(R"sql(
CREATE TABLE saved_views (
    name TEXT PRIMARY KEY CONSTRAINT name_not_empty CHECK (name <> ''),
    settings_json TEXT NOT NULL
))sql"),
};

// Version 2: a load level is a concurrency or a request rate (PRODUCT.md §2); a fixed-rate run
// is its own point beside the concurrency runs of the same configuration.
const QStringList version2 = {
    QStringLiteral("ALTER TABLE points ADD COLUMN request_rate REAL NOT NULL DEFAULT 0 "
                   "CONSTRAINT request_rate_not_negative CHECK (request_rate >= 0)"),
    QStringLiteral("DROP INDEX points_identity"),
    QStringLiteral("CREATE UNIQUE INDEX points_identity ON points (series_id, concurrency, "
                   "request_rate, config, gpus, prefill_gpus, decode_gpus)"),
};

std::vector<SchemaMigration> buildMigrations() {
    return {SchemaMigration{1, version1}, SchemaMigration{2, version2}};
}

bool execute(sqlite3* database, const QString& sql, QString* error) {
    char* message = nullptr;
    const int rc = sqlite3_exec(database, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return true;
    if (error)
        *error = QString::fromUtf8(message ? message : sqlite3_errstr(rc));
    sqlite3_free(message);
    return false;
}

int userVersion(sqlite3* database) {
    sqlite3_stmt* statement = nullptr;
    int version = -1;
    if (sqlite3_prepare_v2(database, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
        version = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    return version;
}

} // namespace

QStringList schemaObjects(sqlite3* database) {
    QStringList objects;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(database,
                           "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
                           "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name, type",
                           -1, &statement, nullptr) != SQLITE_OK) {
        sqlite3_finalize(statement);
        return {QStringLiteral("(the schema cannot be read: %1)")
                    .arg(QString::fromUtf8(sqlite3_errmsg(database)))};
    }
    const auto text = [statement](int column) {
        const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
        return QString::fromUtf8(bytes ? bytes : "");
    };
    while (sqlite3_step(statement) == SQLITE_ROW)
        objects << QStringLiteral("%1 %2 ON %3: %4").arg(text(0), text(1), text(2), text(3));
    sqlite3_finalize(statement);
    return objects;
}

const QStringList& expectedSchemaObjects(int version) {
    static const std::vector<QStringList> byVersion = [] {
        std::vector<QStringList> schemas(static_cast<std::size_t>(currentSchemaVersion()) + 1);
        sqlite3* database = nullptr;
        if (sqlite3_open(":memory:", &database) == SQLITE_OK) {
            for (const SchemaMigration& migration : schemaMigrations()) {
                for (const QString& statement : migration.statements)
                    execute(database, statement, nullptr);
                schemas[static_cast<std::size_t>(migration.version)] = schemaObjects(database);
            }
        }
        sqlite3_close(database);
        return schemas;
    }();
    static const QStringList none;
    if (version <= 0 || static_cast<std::size_t>(version) >= byVersion.size())
        return none;
    return byVersion[static_cast<std::size_t>(version)];
}

const std::vector<SchemaMigration>& schemaMigrations() {
    static const std::vector<SchemaMigration> migrations = buildMigrations();
    return migrations;
}

int currentSchemaVersion() {
    return schemaMigrations().back().version;
}

bool migrateSchema(sqlite3* database, QString* error) {
    // A current catalog needs no write lock: a reader opening it must not wait behind an import.
    if (userVersion(database) == currentSchemaVersion())
        return true;
    // IMMEDIATE takes the write lock first, so two programs opening one new file at once
    // cannot both run the migrations; the version is read again under the lock.
    if (!execute(database, QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    const int from = userVersion(database);
    if (from < 0 || from > currentSchemaVersion()) {
        execute(database, QStringLiteral("ROLLBACK"), nullptr);
        if (error)
            *error = QStringLiteral("schema version %1 is not one this program knows (it knows "
                                    "up to %2)")
                         .arg(from)
                         .arg(currentSchemaVersion());
        return false;
    }
    for (const SchemaMigration& migration : schemaMigrations()) {
        if (migration.version <= from)
            continue;
        for (const QString& statement : migration.statements) {
            QString reason;
            if (!execute(database, statement, &reason)) {
                execute(database, QStringLiteral("ROLLBACK"), nullptr);
                if (error)
                    *error = QStringLiteral("migration to schema version %1 failed: %2")
                                 .arg(migration.version)
                                 .arg(reason);
                return false;
            }
        }
        // PRAGMA takes no bound parameters; the value is a program constant.
        execute(database, QStringLiteral("PRAGMA user_version = %1").arg(migration.version),
                nullptr);
    }
    return execute(database, QStringLiteral("COMMIT"), error);
}

} // namespace tokenomics::data
