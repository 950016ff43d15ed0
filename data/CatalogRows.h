#pragma once
/// Row readers the catalog's loaders share (internal to data/): SQLite columns as core values.

#include "CatalogTypes.h"
#include "RankingEngine.h"

#include <QString>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sqlite3.h>
#include <string>
#include <unordered_map>
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

/// Maps the series ids a file holds to engine indices. Ids are dense from 1 in practice, and a
/// vector then avoids hashing per point; any other ids (negative, 2^62, 3e8 for a few series)
/// go to a hash map: nothing is ever sized or indexed by a number read from the file.
class SeriesIdIndex {
public:
    static constexpr std::size_t missing = SIZE_MAX;

    explicit SeriesIdIndex(const std::vector<SeriesRow>& rows) {
        bool dense = true;
        for (const SeriesRow& row : rows)
            dense = dense && row.id >= 0 && row.id <= static_cast<std::int64_t>(rows.size());
        if (dense)
            dense_.assign(rows.size() + 1, missing);
        else
            sparse_.reserve(rows.size());
        isDense_ = dense;
    }
    void set(std::int64_t id, std::size_t index) {
        if (isDense_)
            dense_[static_cast<std::size_t>(id)] = index;
        else
            sparse_[id] = index;
    }
    [[nodiscard]] std::size_t find(std::int64_t id) const {
        if (isDense_)
            return id >= 0 && static_cast<std::size_t>(id) < dense_.size()
                       ? dense_[static_cast<std::size_t>(id)]
                       : missing;
        const auto found = sparse_.find(id);
        return found == sparse_.end() ? missing : found->second;
    }

private:
    std::vector<std::size_t> dense_;
    std::unordered_map<std::int64_t, std::size_t> sparse_;
    bool isDense_ = true;
};

/// About how many points the catalog holds, for reserving: max(id) (an index lookup, where
/// count(*) would scan every row), never more than the file's pages could hold.
std::size_t pointCountEstimate(sqlite3* database);

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
