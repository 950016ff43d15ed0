#pragma once
/// The catalog file behind the dashboard's editors: implements core's CatalogEditor with one
/// transaction per edit on its own named connection, and reloads the catalog after an edit.

#include "CatalogEditor.h"
#include "CatalogStore.h"

#include <QString>
#include <memory>

namespace tokenomics::data {

class CatalogEditorStore final : public CatalogEditor {
public:
    ~CatalogEditorStore() override;
    CatalogEditorStore(const CatalogEditorStore&) = delete;
    CatalogEditorStore& operator=(const CatalogEditorStore&) = delete;

    /// Opens (or creates) the catalog at `path` as CatalogStore::open does.
    static std::unique_ptr<CatalogEditorStore> open(const QString& path, CatalogError* error);
    /// Opens the user's default catalog, laying the seed out on first start.
    static std::unique_ptr<CatalogEditorStore> openDefault(CatalogError* error);

    [[nodiscard]] QString path() const;
    /// The store the editor writes through (saved views, imports on this thread).
    [[nodiscard]] CatalogStore& store();

    EditResult upsertAccelerator(const Accelerator& accelerator) override;
    EditResult removeAccelerator(std::int64_t catalogId) override;
    EditResult upsertCostBasis(const CostBasis& basis) override;
    EditResult removeCostBasis(std::int64_t catalogId) override;
    EditResult upsertOffer(const ProviderOffer& offer) override;
    EditResult removeOffer(std::int64_t catalogId) override;
    EditResult upsertModel(const ModelInfo& model) override;
    EditResult removeModel(std::int64_t catalogId) override;
    std::optional<Catalog> reload(std::string* error) override;

private:
    struct Impl;
    static std::unique_ptr<Impl> attach(std::optional<CatalogStore> store, CatalogError* error);
    explicit CatalogEditorStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace tokenomics::data
