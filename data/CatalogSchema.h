#pragma once
/// The catalog's SQL schema as ordered migrations, tracked by `PRAGMA user_version`.

#include <QStringList>
#include <vector>

struct sqlite3;

namespace tokenomics::data {

/// One schema version: the SQL statements that bring version N-1 to N.
struct SchemaMigration {
    int version = 0;
    QStringList statements;
};

/// Every migration, oldest first; the last one's version is the current schema.
const std::vector<SchemaMigration>& schemaMigrations();

/// The schema version this program writes and understands.
int currentSchemaVersion();

/// Every object a database's schema holds, as "type name ON table: sql" lines in name order;
/// SQLite's own tables (sqlite_sequence, sqlite_stat1), which it creates as it pleases, left out.
QStringList schemaObjects(sqlite3* database);

/// schemaObjects of a catalog at `version`, built from the migrations in memory; empty for
/// version 0 (and for a version this program does not know).
const QStringList& expectedSchemaObjects(int version);

/// Brings an open database up to the current schema inside one transaction.
/// False with `error` set when a statement fails (the database is left as it was).
bool migrateSchema(sqlite3* database, QString* error);

} // namespace tokenomics::data
