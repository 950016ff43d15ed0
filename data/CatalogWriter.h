#pragma once
/// Writes core values into an open catalog with reused prepared statements. The caller owns
/// the transaction; every method returns false with a message naming the row and the reason.

#include "CatalogTypes.h"

#include <QString>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

struct sqlite3;

namespace tokenomics::data {

class SqlStatement;

/// A facility-level figure (rack power, PUE, electricity price, purchase price).
struct FacilityFigure {
    std::string item;
    std::string value; // as published: "120", "<20%", "30000-40000"
    std::optional<double> valueNumber;
    std::string unit;
    Provenance provenance;
};

class CatalogWriter {
public:
    explicit CatalogWriter(sqlite3* database);

    /// True when the last write failed because the catalog's disk is full (or the file may
    /// grow no more): the catalog's problem, not the input's.
    [[nodiscard]] bool diskFull() const;
    ~CatalogWriter();
    CatalogWriter(const CatalogWriter&) = delete;
    CatalogWriter& operator=(const CatalogWriter&) = delete;

    bool insertAccelerator(const Accelerator& accelerator, QString* error);
    bool insertModel(const ModelInfo& model, QString* error);
    bool insertCostBasis(const CostBasis& basis, QString* error);
    bool insertFacilityFigure(const FacilityFigure& figure, QString* error);
    bool insertOffer(const ProviderOffer& offer, QString* error);
    bool insertQualityScore(const QualityScore& score, QString* error);
    /// Adds the points to the series with this key, creating it if the catalog lacks it.
    /// A point whose series, concurrency and config are already there is an error.
    bool insertSeries(const SeriesKey& key, const std::vector<OperatingPoint>& points,
                      QString* error);

    /// The catalog id of the series with this key, created when the catalog lacks it.
    std::optional<std::int64_t> seriesId(const SeriesKey& key, QString* error);
    /// Whether a point was written; Duplicate: the series already has a point with its
    /// concurrency and configuration (config label, GPU split).
    enum class PointWrite { Written, Duplicate, Refused };
    /// Writes one point (and its samples) into series seriesId, whose key names it in *error.
    PointWrite writePoint(std::int64_t seriesId, const SeriesKey& key, const OperatingPoint& point,
                          QString* error);
    /// Catalog id of the point writePoint wrote last.
    [[nodiscard]] std::int64_t lastPointId() const { return lastPointId_; }
    /// The id of the series' point with the identity of `point` (concurrency, config, GPU split).
    std::optional<std::int64_t> pointIdLike(std::int64_t seriesId, const OperatingPoint& point);
    /// "point of series '…' at concurrency 4, config 'TP8', 8 GPUs", for messages.
    static QString describePoint(const SeriesKey& key, const OperatingPoint& point);

    /// The key with its hardware and model named as the catalog names them (its aliases).
    SeriesKey canonicalKey(const SeriesKey& key);
    /// The canonical accelerator name for a name or alias (case-insensitive); else the name.
    std::string canonicalHardware(const std::string& name);
    /// The canonical model name for a name or alias (case-insensitive); else the name.
    std::string canonicalModel(const std::string& name);

    [[nodiscard]] std::int64_t pointsWritten() const { return pointsWritten_; }

private:
    QString constraintMessage(const QString& what) const;
    /// Steps an INSERT; on failure fills *error with what() and SQLite's reason, made readable.
    bool stepOrExplain(SqlStatement& statement, const std::function<QString()>& what,
                       QString* error) const;
    bool insertAliases(const char* sql, std::int64_t ownerId,
                       const std::vector<std::string>& aliases, const QString& owner,
                       QString* error);

    sqlite3* database_;
    std::unique_ptr<SqlStatement> findSeries_;
    std::unique_ptr<SqlStatement> addSeries_;
    std::unique_ptr<SqlStatement> addPoint_;
    std::unique_ptr<SqlStatement> addSamples_;
    std::unique_ptr<SqlStatement> findPoint_;
    std::unique_ptr<SqlStatement> findHardware_;
    std::unique_ptr<SqlStatement> findModel_;
    std::map<std::tuple<std::string, std::string, std::string, std::string, std::string,
                        std::int32_t, std::int32_t, std::string>,
             std::int64_t>
        knownSeries_;
    std::int64_t pointsWritten_ = 0;
    std::int64_t lastPointId_ = 0;
};

} // namespace tokenomics::data
