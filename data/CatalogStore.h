#pragma once
/// A catalog file: opens (or creates) it, migrates its schema, loads it into core types,
/// and writes imports in one transaction. Each instance owns one named Qt SQL connection.

#include "CatalogTypes.h"
#include "ImportTypes.h"

#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace tokenomics {
class RankingEngine;
}

namespace tokenomics::data {

class CatalogWriter;

/// Why a catalog could not be opened or written; `message` names the file and the reason.
struct CatalogError {
    QString message;
    /// For a failed write: the cause alone ("the disk is full (…)"), without path or outcome.
    QString cause;
};

/// What a RankingEngine does not keep about a point: its recipe label, note and provenance.
struct PointDetails {
    std::string config;
    std::string note;
    Provenance provenance;
};

class CatalogStore {
public:
    ~CatalogStore();
    CatalogStore(CatalogStore&&) noexcept;
    CatalogStore& operator=(CatalogStore&&) noexcept;

    /// Opens FILE; a file that does not exist is created with the current schema (empty).
    /// A newer `user_version`, a file that is not SQLite or a broken one is refused untouched.
    static std::optional<CatalogStore> open(const QString& path, CatalogError* error);
    /// Opens the user's default catalog, laying the bundled seed out on first start.
    static std::optional<CatalogStore> openDefault(CatalogError* error);

    [[nodiscard]] QString path() const;
    /// Why this catalog is only read ("the catalog is read-only (no write permission)"), or
    /// empty when it can be written.
    [[nodiscard]] QString whyReadOnly() const;

    /// Everything in the catalog as plain values (points with their samples' summaries).
    [[nodiscard]] std::optional<Catalog> load(CatalogError* error) const;
    /// Streams series and points straight into an engine (the fast path for large catalogs).
    bool loadInto(RankingEngine& engine, CatalogError* error) const;
    /// As loadInto, and fills `details[series][point]` (engine insertion order) for labels.
    bool loadInto(RankingEngine& engine, CatalogError* error,
                  std::vector<std::vector<PointDetails>>* details) const;

    /// Runs reads(handle, reason) on the catalog's SQLite handle in one read transaction, so
    /// that several reads (a ranking's figures, then its shown points' details) see one state.
    bool readInTransaction(const std::function<bool(sqlite3*, QString*)>& reads,
                           CatalogError* error) const;

    /// The cost bases alone (for listing them without loading every point).
    [[nodiscard]] std::optional<std::vector<CostBasis>> loadCostBases(CatalogError* error) const;

    /// Saves (or replaces) a named view: the dashboard's settings as a JSON text.
    bool saveView(const QString& name, const QString& settingsJson, CatalogError* error);
    /// Every saved view as {name, settings JSON}, by name.
    [[nodiscard]] std::optional<std::vector<std::pair<QString, QString>>>
    loadViews(CatalogError* error) const;
    bool removeView(const QString& name, CatalogError* error);

    /// The catalog's name for an accelerator name or alias ("h100" → "H100 SXM"), matched
    /// without regard to case; the name itself when the catalog does not know it.
    [[nodiscard]] std::string canonicalHardware(const std::string& name) const;
    /// The catalog's name for a model name or alias; the name itself when unknown.
    [[nodiscard]] std::string canonicalModel(const std::string& name) const;

    /// Writes every series of the batch in one transaction: all or nothing.
    bool import(const ImportBatch& batch, CatalogError* error);
    /// Runs write(writer, reason) in one write transaction: committed when it returns true,
    /// rolled back otherwise (nothing written), so an import can write rows as it reads them.
    bool writeInTransaction(const std::function<bool(CatalogWriter&, QString*)>& write,
                            CatalogError* error);

private:
    /// The transaction of every write: success only once the data is in the file itself
    /// (see commitDurably); otherwise "PATH: failure: reason" in error.
    bool writeDurably(const QString& failure,
                      const std::function<bool(CatalogWriter&, QString*)>& write,
                      CatalogError* error);

    struct Impl;
    explicit CatalogStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace tokenomics::data
