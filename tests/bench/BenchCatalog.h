#pragma once
/// Synthetic catalogs for the benchmarks (BenchCurves.h), written as canonical CSV (for
/// `tokenomics import`) or built in memory (for the charts).

#include "BenchCurves.h"
#include "CatalogTypes.h"

#include <QString>
#include <cstdint>

namespace tokenomics::bench {

/// Writes the catalog as canonical CSV (PRODUCT.md §4); false with `error` set on failure.
bool writeCanonicalCsv(const QString& path, int seriesCount, std::uint32_t seed, QString* error);

/// The same catalog as plain values, with a $2/GPU-hour `hyperscaler` basis per hardware.
Catalog makeCatalog(int seriesCount, std::uint32_t seed);

} // namespace tokenomics::bench
