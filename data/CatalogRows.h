#pragma once
/// Row readers the catalog's loaders share (internal to data/): SQLite columns as core values.

#include "CatalogTypes.h"
#include "RankingEngine.h"

#include <QString>
#include <cstdint>
#include <optional>
#include <sqlite3.h>
#include <string>
#include <vector>

namespace tokenomics::data {

/// A REAL column, unknown for NULL: the hot path, straight from the statement, no copies.
inline std::optional<double> optionalDouble(sqlite3_stmt* statement, int column) {
    if (sqlite3_column_type(statement, column) == SQLITE_NULL)
        return std::nullopt;
    return sqlite3_column_double(statement, column);
}

/// A TEXT column's bytes; empty for NULL.
std::string columnString(sqlite3_stmt* statement, int column);

/// Whether any point has per-request samples (point scans join them only then).
bool hasSamples(sqlite3* database);

/// The samples of a row: `durationColumn` holds duration_s, the next column the packed
/// requests; unknown for NULL or an unreadable blob.
std::optional<SampleSet> readSamples(sqlite3_stmt* statement, int durationColumn);

/// A series row: its catalog id and key.
struct SeriesRow {
    std::int64_t id = 0;
    SeriesKey key;
};

/// Every series of the catalog, by id.
bool readSeriesKeys(sqlite3* database, std::vector<SeriesRow>* rows, QString* error);

/// What an engine needs besides the points: cost bases, offers, quality scores, series keys.
struct EngineTables {
    std::vector<CostBasis> bases;
    std::vector<ProviderOffer> offers;
    std::vector<QualityScore> scores;
    std::vector<SeriesRow> series;

    /// Hands bases, offers and scores to the engine (the series are added point by point).
    void moveInto(RankingEngine& engine);
};

/// Reads every table of EngineTables; false with `error` set on failure.
bool readEngineTables(sqlite3* database, EngineTables* tables, QString* error);

} // namespace tokenomics::data
