#include "CatalogPaths.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace tokenomics::data {

QString defaultCatalogPath() {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(folder).filePath(QStringLiteral("catalog.sqlite"));
}

void removeCatalogFiles(const QString& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

Placement placeWithoutReplacing(const QString& from, const QString& to) {
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    if (::renameat2(AT_FDCWD, source.constData(), AT_FDCWD, target.constData(), RENAME_NOREPLACE) ==
        0)
        return Placement::Placed;
    if (errno != EINVAL && errno != ENOSYS)
        return errno == EEXIST ? Placement::TargetExists : Placement::Failed;
    // A file system without RENAME_NOREPLACE: link(2) refuses an existing target just as well.
    if (::link(source.constData(), target.constData()) != 0)
        return errno == EEXIST ? Placement::TargetExists : Placement::Failed;
    ::unlink(source.constData());
    return Placement::Placed;
}

} // namespace tokenomics::data
