#include "CatalogPaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <cerrno>
#include <climits>
#include <csignal>
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

// Removes what killed imports left beside catalogPath: `NAME.importing-PID` (and its -wal,
// -shm, -journal) whose process no longer exists. A staging file of a live process is that
// import's own, so it stays; so does anything named otherwise.
void removeStaleStagings(const QString& catalogPath) {
    const QFileInfo target(catalogPath);
    const QString prefix = target.fileName() + QStringLiteral(".importing-");
    static const QRegularExpression kPidAndSuffix(
        QStringLiteral("^([0-9]{1,10})(-wal|-shm|-journal)?$"));
    const QDir folder = target.absoluteDir();
    for (const QString& name : folder.entryList(QDir::Files | QDir::Hidden)) {
        if (!name.startsWith(prefix))
            continue;
        const QRegularExpressionMatch match = kPidAndSuffix.match(name.mid(prefix.size()));
        if (!match.hasMatch())
            continue;
        const qint64 pid = match.captured(1).toLongLong();
        if (pid <= 0 || pid > INT_MAX)
            continue;
        // EPERM means the process exists (another user's): only ESRCH proves it is gone.
        if (::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH)
            QFile::remove(folder.filePath(name));
    }
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
