#pragma once
/// Where catalogs live on this machine, and moving catalog files into place.

#include <QString>

namespace tokenomics::data {

/// The user's own copy of the default catalog, laid out on first start (QStandardPaths).
QString defaultCatalogPath();

/// Removes a catalog file and the -wal, -shm and -journal files SQLite keeps beside it.
void removeCatalogFiles(const QString& path);

/// Removes what killed imports left beside catalogPath: `NAME.importing-PID` (and its -wal,
/// -shm, -journal) whose process no longer exists. Another live import's staging file stays.
void removeStaleStagings(const QString& catalogPath);

enum class Placement { Placed, TargetExists, Failed };

/// Moves `from` to `to` only if `to` does not exist, atomically. QFile::rename is no use here:
/// when the target appears between its own check and the rename, it falls back to copying over
/// the target, so another program would see the catalog empty or replaced mid-copy.
Placement placeWithoutReplacing(const QString& from, const QString& to);

} // namespace tokenomics::data
