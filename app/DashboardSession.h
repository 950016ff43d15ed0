#pragma once
/// Opens the catalog the dashboard and the report work on: --db FILE or the default catalog.

#include "CatalogTypes.h"

#include <QString>
#include <optional>

namespace tokenomics::app {

/// Loads every figure of the catalog at `path` (the default catalog when empty).
/// Empty with a message naming the file and the reason when it cannot be opened or read.
std::optional<Catalog> loadCatalog(const QString& path, QString* error);

} // namespace tokenomics::app
