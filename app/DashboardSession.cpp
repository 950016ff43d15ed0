#include "DashboardSession.h"

#include "CatalogStore.h"

namespace tokenomics::app {

std::optional<Catalog> loadCatalog(const QString& path, QString* error) {
    data::CatalogError catalogError;
    std::optional<data::CatalogStore> store = path.isEmpty()
                                                  ? data::CatalogStore::openDefault(&catalogError)
                                                  : data::CatalogStore::open(path, &catalogError);
    if (!store) {
        *error = catalogError.message;
        return std::nullopt;
    }
    std::optional<Catalog> catalog = store->load(&catalogError);
    if (!catalog)
        *error = catalogError.message;
    return catalog;
}

} // namespace tokenomics::app
