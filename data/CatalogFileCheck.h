#pragma once
/// Checks an existing catalog file before anything writes to it: SQLite header, schema
/// version and integrity, read without creating journal or WAL files.

#include <QString>

namespace tokenomics::data {

/// What the check found about a file.
enum class CatalogFileState {
    Missing, // no file: it will be created
    Empty,   // zero bytes: treated as a new catalog (schema version 0)
    Usable,  // SQLite, a version this program knows, intact
    Refused, // not SQLite, newer schema, or broken: must be left untouched
};

struct CatalogFileCheck {
    CatalogFileState state = CatalogFileState::Missing;
    int userVersion = 0;
    QString reason; // why it was refused
};

/// Looks at `path` without writing anything next to or into it, with one exception: the
/// unfinished write of a crashed program (a hot -journal) in a catalog that can be written is
/// rolled back first, as SQLite itself would, so that the check sees the committed catalog.
CatalogFileCheck checkCatalogFile(const QString& path, int newestKnownVersion);

/// Why `path` cannot be written now, in words that follow "cannot import: ", or empty when it
/// can. SQLite writes beside the file too (its -wal and -shm), so the folder and the free space
/// count as much as the file's own permission.
QString whyNotWritable(const QString& path);

/// An SQLite URI that reads `path` without creating anything beside it: `immutable` unless a
/// -wal file may hold pages not yet in the file (a writer at work, or one that crashed).
QString readOnlyUri(const QString& path);

} // namespace tokenomics::data
