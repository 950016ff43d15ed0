#pragma once
/// Editing the catalog's reference figures (hardware, cost bases, offers, models): the interface
/// the dashboard's editors call; data/ implements it on the catalog file. No Qt here.

#include "CatalogTypes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace tokenomics {

/// What an edit did: the row's catalog id after it (rows are rewritten, so the id may change),
/// or a message naming the field and the reason.
struct EditResult {
    bool ok = false;
    std::int64_t catalogId = 0;
    std::string error;

    static EditResult success(std::int64_t id) { return {true, id, {}}; }
    static EditResult failure(std::string message) { return {false, 0, std::move(message)}; }
};

/// Writes one row per call, each in its own transaction: all of the edit or none of it.
/// An upsert with catalogId 0 adds a row; otherwise it replaces the row with that id.
class CatalogEditor {
public:
    virtual ~CatalogEditor() = default;

    virtual EditResult upsertAccelerator(const Accelerator& accelerator) = 0;
    virtual EditResult removeAccelerator(std::int64_t catalogId) = 0;
    virtual EditResult upsertCostBasis(const CostBasis& basis) = 0;
    virtual EditResult removeCostBasis(std::int64_t catalogId) = 0;
    virtual EditResult upsertOffer(const ProviderOffer& offer) = 0;
    virtual EditResult removeOffer(std::int64_t catalogId) = 0;
    virtual EditResult upsertModel(const ModelInfo& model) = 0;
    virtual EditResult removeModel(std::int64_t catalogId) = 0;

    /// The whole catalog as it now is; empty with *error filled when it cannot be read.
    virtual std::optional<Catalog> reload(std::string* error) = 0;
};

} // namespace tokenomics
