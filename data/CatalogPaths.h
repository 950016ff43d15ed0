#pragma once
/// Where catalogs live on this machine, and moving catalog files into place.

#include <QString>

namespace tokenomics::data {

/// The user's own copy of the default catalog, laid out on first start (QStandardPaths).
QString defaultCatalogPath();

/// Removes a catalog file and the -wal, -shm and -journal files SQLite keeps beside it.
void removeCatalogFiles(const QString& path);

enum class Placement { Placed, TargetExists, Failed };

/// Moves `from` to `to` only if `to` does not exist, atomically. QFile::rename is no use here:
/// when the target appears between its own check and the rename, it falls back to copying over
/// the target, so another program would see the catalog empty or replaced mid-copy.
Placement placeWithoutReplacing(const QString& from, const QString& to);

} // namespace tokenomics::data
