#pragma once
// Helpers for catalog tests: raw SQLite reads (independent of CatalogStore) and file hashes.

#include <QByteArray>
#include <QString>
#include <optional>

namespace tokenomics::testing {

/// SHA-256 of a file's bytes (empty when it cannot be read).
QByteArray fileHash(const QString& path);

/// Runs a one-value query through the SQLite C API, read-only; nullopt on any error.
std::optional<double> sqliteNumber(const QString& path, const char* sql);
std::optional<QString> sqliteText(const QString& path, const char* sql);

/// Runs SQL on a file through the SQLite C API (foreign keys off, as a hand edit would);
/// false with SQLite's message printed on failure.
bool sqliteExecute(const QString& path, const char* sql);
/// Creates an SQLite file with the given user_version and one unrelated table.
bool makeSqliteFile(const QString& path, int userVersion);

/// Records in an RFC 4180 file minus its header, counted by scanning quotes and line breaks.
int csvRecordCount(const QString& path);

/// Leaves at `copy` what a writer that crashed mid-transaction leaves: `sql` run inside an
/// open transaction of `path` (rollback journal, cache small enough to spill to the file), and
/// the file and its hot -journal copied while the transaction is still open. `path` itself is
/// rolled back.
bool makeCrashedWriterCopy(const QString& path, const QString& copy, const char* sql);
/// Leaves at `copy` a catalog whose last commit is only in its -wal: `sql` committed on `path`
/// in WAL mode with no checkpoint, and the file and -wal (not the -shm) copied.
bool makeUncheckpointedWalCopy(const QString& path, const QString& copy, const char* sql);

} // namespace tokenomics::testing
