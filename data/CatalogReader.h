#pragma once
/// Reads an open catalog into core values, or streams its points into a RankingEngine.

#include "CatalogStore.h"
#include "CatalogTypes.h"

#include <QString>
#include <vector>

struct sqlite3;

namespace tokenomics {
class RankingEngine;
}

namespace tokenomics::data {

bool readCatalog(sqlite3* database, Catalog* catalog, QString* error);

/// `details`, when given, receives per series the config label and provenance of each point.
bool readIntoEngine(sqlite3* database, RankingEngine& engine,
                    std::vector<std::vector<PointDetails>>* details, QString* error);

bool readCostBases(sqlite3* database, std::vector<CostBasis>* bases, QString* error);
bool readOffers(sqlite3* database, std::vector<ProviderOffer>* offers, QString* error);
bool readQualityScores(sqlite3* database, std::vector<QualityScore>* scores, QString* error);

} // namespace tokenomics::data
