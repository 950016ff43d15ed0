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

/// Looks at `path` without writing anything next to or into it.
CatalogFileCheck checkCatalogFile(const QString& path, int newestKnownVersion);

} // namespace tokenomics::data
