#pragma once
/// Loads what one ranking reads (`tokenomics query`): the series the filters keep, only the
/// figures a ranking at the SLA's statistic uses, and afterwards the shown points' details.

#include "CatalogStore.h"
#include "CatalogTypes.h"

#include <QString>
#include <cstdint>
#include <functional>
#include <vector>

struct sqlite3;

namespace tokenomics {
class RankingEngine;
}

namespace tokenomics::data {

/// What one ranking (`tokenomics query`) reads: the series it keeps and, of their points, only
/// the figures a ranking at `statistic` uses (an engine loaded so answers for that statistic
/// alone). Recipe labels and provenance are left for readPointDetails, for the points shown.
struct RankingLoadPlan {
    Statistic statistic = Statistic::P50;
    bool withE2el = false; // only an E2E latency threshold reads E2E latency
    /// Given every series key (catalog order) and every offer, which series to load; every
    /// series when unset or when it returns an empty vector.
    std::function<std::vector<bool>(const std::vector<SeriesKey>&,
                                    const std::vector<ProviderOffer>&)>
        chooseSeries;
};

/// Loads the series `plan` keeps into `engine` (catalog order) with the figures a ranking
/// reads; `pointIds[series][point]` receives each point's catalog id (engine order).
bool readForRanking(sqlite3* database, RankingEngine& engine, const RankingLoadPlan& plan,
                    std::vector<std::vector<std::int64_t>>* pointIds, QString* error);

/// What the output shows of a chosen point beside the ranking's figures.
struct ShownPointDetails {
    PointDetails details;
    std::int32_t gpus = 0;       // 0 = unknown
    bool latencyIsLimit = false; // MLPerf: the latencies are the scenario's limits
    double concurrency = 0;      // the load it was measured at (0: none)
    double requestRate = 0;
};

/// The GPUs, latency-limit flag, load, recipe label, note and provenance of each point id, in the
/// order given.
bool readPointDetails(sqlite3* database, const std::vector<std::int64_t>& pointIds,
                      std::vector<ShownPointDetails>* details, QString* error);

} // namespace tokenomics::data
