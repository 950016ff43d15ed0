#pragma once
/// Writes core values into an open catalog with reused prepared statements. The caller owns
/// the transaction; every method returns false with a message naming the row and the reason.

#include "CatalogTypes.h"

#include <QString>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

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

    /// The canonical accelerator name for a name or alias (case-insensitive); else the name.
    std::string canonicalHardware(const std::string& name);
    /// The canonical model name for a name or alias (case-insensitive); else the name.
    std::string canonicalModel(const std::string& name);

    [[nodiscard]] std::int64_t pointsWritten() const { return pointsWritten_; }

private:
    std::optional<std::int64_t> seriesId(const SeriesKey& key, QString* error);
    bool insertPoint(std::int64_t seriesId, const SeriesKey& key, const OperatingPoint& point,
                     QString* error);
    QString constraintMessage(const QString& what) const;

    sqlite3* database_;
    std::unique_ptr<SqlStatement> findSeries_;
    std::unique_ptr<SqlStatement> addSeries_;
    std::unique_ptr<SqlStatement> addPoint_;
    std::unique_ptr<SqlStatement> addSamples_;
    std::unique_ptr<SqlStatement> findHardware_;
    std::unique_ptr<SqlStatement> findModel_;
    std::map<std::tuple<std::string, std::string, std::string, std::string, std::string,
                        std::int32_t, std::int32_t, std::string>,
             std::int64_t>
        knownSeries_;
    std::int64_t pointsWritten_ = 0;
};

} // namespace tokenomics::data
