#pragma once
/// Where catalogs live on this machine.

#include <QString>

namespace tokenomics::data {

/// The user's own copy of the default catalog, laid out on first start (QStandardPaths).
QString defaultCatalogPath();

} // namespace tokenomics::data
