#include "DurableCommit.h"

#include "SqlStatement.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tokenomics::data {

namespace {

std::int64_t pragmaValue(sqlite3* database, const char* sql) {
    SqlStatement statement(database, sql);
    return statement.step() == SQLITE_ROW ? statement.columnInt64(0) : -1;
}

QString systemReason(int error) {
    if (error == ENOSPC || error == EFBIG || error == EDQUOT)
        return QStringLiteral("the disk is full (%1)")
            .arg(QString::fromLocal8Bit(std::strerror(error)));
    return QString::fromLocal8Bit(std::strerror(error));
}

// Grows the file to the size it has after the transaction, so copying the WAL into it at the
// checkpoint needs no more space. 0 or the errno.
int reserveFileSpace(sqlite3* database) {
    const std::int64_t pages = pragmaValue(database, "PRAGMA page_count");
    const std::int64_t pageSize = pragmaValue(database, "PRAGMA page_size");
    const char* file = sqlite3_db_filename(database, "main");
    if (pages < 0 || pageSize <= 0 || !file || !*file)
        return 0; // nothing known to reserve; the checkpoint still reports its own failure
    const int fd = ::open(file, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    struct stat status {};
    int result = ::fstat(fd, &status) == 0 ? 0 : errno;
    const off_t needed = static_cast<off_t>(pages * pageSize);
    if (result == 0 && needed > status.st_size) {
        result = ::posix_fallocate(fd, status.st_size, needed - status.st_size);
        if (result != 0 && ::ftruncate(fd, status.st_size) != 0) {
            // The old size could not be restored: the tail beyond SQLite's pages is zeros,
            // which SQLite ignores.
        }
    }
    ::close(fd);
    return result;
}

} // namespace

bool lastErrorIsFullDisk(sqlite3* database) {
    if (!database)
        return false;
    const int system = sqlite3_system_errno(database);
    return (sqlite3_errcode(database) & 0xff) == SQLITE_FULL || system == ENOSPC ||
           system == EFBIG || system == EDQUOT;
}

QString explainedFullDisk(sqlite3* database, const QString& reason) {
    if (lastErrorIsFullDisk(database))
        return QStringLiteral("the disk is full (%1)").arg(reason);
    return reason;
}

CommitOutcome commitDurably(sqlite3* database, QString* reason) {
    QString message;
    if (const int error = reserveFileSpace(database); error != 0) {
        executeSql(database, "ROLLBACK", nullptr);
        *reason = systemReason(error);
        return CommitOutcome::RolledBack;
    }
    if (!executeSql(database, "COMMIT", &message)) {
        *reason = explainedFullDisk(database, message);
        executeSql(database, "ROLLBACK", nullptr);
        return CommitOutcome::RolledBack;
    }
    // A reader holding an old snapshot only delays the copy (SQLite finishes it later); an
    // error such as a full disk leaves the commit in the WAL, which SQLite keeps.
    if (!executeSql(database, "PRAGMA wal_checkpoint(TRUNCATE)", &message) &&
        (sqlite3_errcode(database) & 0xff) != SQLITE_BUSY) {
        *reason = explainedFullDisk(database, message);
        return CommitOutcome::KeptInWal;
    }
    return CommitOutcome::Committed;
}

} // namespace tokenomics::data
