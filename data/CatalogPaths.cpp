#include "CatalogPaths.h"

#include <QDir>
#include <QStandardPaths>

namespace tokenomics::data {

QString defaultCatalogPath() {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(folder).filePath(QStringLiteral("catalog.sqlite"));
}

} // namespace tokenomics::data
