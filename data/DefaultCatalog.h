#pragma once
/// The default catalog: every row of the bundled seed (:/seed/*.csv) written in one transaction.

#include <QString>

struct sqlite3;

namespace tokenomics::data {

/// Writes accelerators (with aliases), cost bases, facility figures, models (with aliases),
/// provider offers, quality scores, operating points, more_curves and MLPerf points into an
/// empty catalog of the current schema. False with a message naming the seed file and line.
bool writeDefaultCatalog(sqlite3* database, QString* error);

} // namespace tokenomics::data
