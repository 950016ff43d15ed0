#include "CatalogFileCheck.h"

#include "CatalogSchema.h"
#include "SqlStatement.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>
#include <QUrl>
#include <algorithm>
#include <sqlite3.h>

namespace tokenomics::data {

namespace {

constexpr int sqliteHeaderBytes = 100;
constexpr int userVersionOffset = 60;      // big-endian 32-bit (sqlite.org/fileformat.html)
constexpr qint64 spaceToOpen = 128 * 1024; // the -shm index (32 KB) and the first WAL pages
constexpr qsizetype problemsShown = 3;     // of integrity_check's list, which can be long

bool folderWritable(const QString& path) {
    return QFileInfo(QFileInfo(path).absolutePath()).isWritable();
}

// What forbids writing: the file system, the file's permission or its folder's.
QString permissionProblem(const QString& path) {
    const QFileInfo info(path);
    const QStorageInfo storage(info.absolutePath());
    if (storage.isValid() && storage.isReadOnly())
        return QStringLiteral("the catalog is on a read-only file system");
    if (info.exists() && !info.isWritable())
        return QStringLiteral("the catalog is read-only (no write permission)");
    if (!folderWritable(path))
        return QStringLiteral("the catalog's folder is read-only (no write permission), and "
                              "SQLite writes its -wal file beside the catalog");
    return {};
}

qint64 walBytes(const QString& path) {
    return QFileInfo(path + QStringLiteral("-wal")).size(); // 0 when there is none
}

// A rollback journal that a crashed writer left: present, not empty, its header not zeroed
// (a committed journal is deleted, truncated or has its header zeroed).
bool hasHotJournal(const QString& path) {
    QFile journal(path + QStringLiteral("-journal"));
    if (!journal.open(QIODevice::ReadOnly))
        return false;
    static const QByteArray magic("\xd9\xd5\x05\xf9\x20\xa1\x63\xd7", 8);
    return journal.read(8) == magic;
}

// Opening read-write and reading the schema makes SQLite roll the hot journal back: the file
// then holds its last committed state again, as its writer's next open would have left it.
QString rollBackCrashedWrite(const QString& path) {
    sqlite3* database = nullptr;
    int rc = sqlite3_open_v2(path.toUtf8().constData(), &database, SQLITE_OPEN_READWRITE, nullptr);
    if (rc == SQLITE_OK) {
        hardenConnection(database);
        sqlite3_busy_timeout(database, 30000);
        rc =
            sqlite3_exec(database, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    }
    QString problem;
    if (rc != SQLITE_OK)
        problem = QString::fromUtf8(database ? sqlite3_errmsg(database) : sqlite3_errstr(rc));
    sqlite3_close(database);
    if (problem.isEmpty() && hasHotJournal(path))
        problem = QStringLiteral("SQLite left the journal in place");
    return problem;
}

// A crashed writer's journal is rolled back when the catalog can be written; when it cannot,
// reading past it would show data that was never saved. Empty when the file may be read.
QString crashedWriteProblem(const QString& path) {
    if (!hasHotJournal(path))
        return {};
    const QString journal = QDir::toNativeSeparators(path + QStringLiteral("-journal"));
    if (const QString cannot = permissionProblem(path); !cannot.isEmpty())
        return QStringLiteral("%1 holds an unfinished write of a program that stopped mid-way, "
                              "and %2, so it cannot be rolled back; reading now would show "
                              "data that was never saved. Open it once as a user who can "
                              "write it (tokenomics query --db %3) to roll the write back")
            .arg(journal, cannot, QDir::toNativeSeparators(path));
    if (const QString problem = rollBackCrashedWrite(path); !problem.isEmpty())
        return QStringLiteral("%1 holds an unfinished write of a program that stopped mid-way, "
                              "and rolling it back failed: %2")
            .arg(journal, problem);
    return {};
}

// The first lines of integrity_check's findings, and how many more there are.
QString firstProblems(const QStringList& lines) {
    QString shown = lines.first(std::min(lines.size(), problemsShown)).join(QStringLiteral("; "));
    if (lines.size() > problemsShown)
        shown += QStringLiteral("; and %1 more").arg(lines.size() - problemsShown);
    return shown;
}

CatalogFileCheck refused(const QString& reason) {
    CatalogFileCheck check;
    check.state = CatalogFileState::Refused;
    check.reason = reason;
    return check;
}

bool isBusy(sqlite3* database) {
    const int code = database ? sqlite3_errcode(database) & 0xff : SQLITE_OK;
    return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

// "table points" of a schemaObjects line "table points ON points: CREATE ...".
QString objectName(const QString& line) {
    return line.left(line.indexOf(QStringLiteral(" ON ")));
}

// What sets the file's schema apart from the one its version defines, or empty when nothing.
// Compared object by object, SQL text included: a trigger, a view or a changed table of
// another program's making is refused before any of it could run.
QString schemaDifference(sqlite3* database, int version) {
    const QStringList found = schemaObjects(database);
    const QStringList& expected = expectedSchemaObjects(version);
    const QString whose = version == 0
                              ? QStringLiteral("a new Tokenomics catalog has none")
                              : QStringLiteral("schema version %1 does not define it").arg(version);
    for (const QString& line : found) {
        if (expected.contains(line))
            continue;
        const QString name = objectName(line);
        const bool sameName = std::any_of(expected.begin(), expected.end(),
                                          [&](const QString& e) { return objectName(e) == name; });
        return sameName
                   ? QStringLiteral("its %1 differs from schema version %2").arg(name).arg(version)
                   : QStringLiteral("it holds %1, and %2").arg(name, whose);
    }
    for (const QString& line : expected) {
        if (!found.contains(line))
            return QStringLiteral("its %1 is missing").arg(objectName(line));
    }
    return {};
}

// Runs PRAGMA quick_check through a read-only handle that creates nothing beside the file
// (readOnlyUri). A catalog another program is writing is busy, not damaged: *busy tells them
// apart.
QString integrityProblem(const QString& path, int version, bool* busy, QString* schemaProblem) {
    sqlite3* database = nullptr;
    const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    int rc = sqlite3_open_v2(readOnlyUri(path).toUtf8().constData(), &database, flags, nullptr);
    QString problem;
    if (rc != SQLITE_OK) {
        problem = QString::fromUtf8(database ? sqlite3_errmsg(database) : sqlite3_errstr(rc));
        sqlite3_close(database);
        return problem;
    }
    hardenConnection(database);
    sqlite3_busy_timeout(database, 30000); // as long as a writer waits for another
    sqlite3_stmt* statement = nullptr;
    rc = sqlite3_prepare_v2(database, "PRAGMA quick_check", -1, &statement, nullptr);
    if (rc != SQLITE_OK) {
        *busy = isBusy(database);
        problem = QString::fromUtf8(sqlite3_errmsg(database));
    } else {
        QStringList lines;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
            const QString line = QString::fromUtf8(text ? text : "");
            if (line != QStringLiteral("ok"))
                lines += line.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        }
        if (!lines.isEmpty())
            problem = firstProblems(lines);
        else if (rc != SQLITE_DONE) {
            *busy = isBusy(database);
            problem = QString::fromUtf8(sqlite3_errmsg(database));
        }
    }
    sqlite3_finalize(statement);
    if (problem.isEmpty())
        *schemaProblem = schemaDifference(database, version);
    sqlite3_close(database);
    return problem;
}

} // namespace

CatalogFileCheck checkCatalogFile(const QString& path, int newestKnownVersion) {
    CatalogFileCheck check;
    QFileInfo info(path);
    if (!info.exists())
        return check; // Missing
    if (!info.isFile())
        return refused(QStringLiteral("it is not a regular file"));
    if (info.size() == 0) {
        check.state = CatalogFileState::Empty;
        return check;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return refused(QStringLiteral("it cannot be read (%1)").arg(file.errorString()));
    const QByteArray header = file.read(sqliteHeaderBytes);
    file.close();
    static const QByteArray magic("SQLite format 3\0", 16);
    if (header.size() < sqliteHeaderBytes || !header.startsWith(magic))
        return refused(QStringLiteral("it is not an SQLite database"));

    const auto byteAt = [&header](int offset) {
        return static_cast<quint32>(static_cast<unsigned char>(header[offset]));
    };
    const quint32 rawVersion = byteAt(userVersionOffset) << 24 |
                               byteAt(userVersionOffset + 1) << 16 |
                               byteAt(userVersionOffset + 2) << 8 | byteAt(userVersionOffset + 3);
    check.userVersion = static_cast<qint32>(rawVersion);
    if (check.userVersion > newestKnownVersion || check.userVersion < 0)
        return refused(QStringLiteral("its schema version %1 is newer than this program "
                                      "understands (%2); use a newer Tokenomics")
                           .arg(check.userVersion)
                           .arg(newestKnownVersion));

    if (const QString crashed = crashedWriteProblem(path); !crashed.isEmpty())
        return refused(crashed);
    bool busy = false;
    QString schemaProblem;
    const QString problem = integrityProblem(path, check.userVersion, &busy, &schemaProblem);
    if (!problem.isEmpty() && walBytes(path) > 0 && !folderWritable(path))
        return refused(QStringLiteral("%1 holds changes that are not in the catalog file yet, "
                                      "and its folder cannot be written, so SQLite cannot make "
                                      "the -shm index it needs to read them (%2). Copy the "
                                      "catalog together with its -wal file to a folder you can "
                                      "write, and open it there")
                           .arg(QDir::toNativeSeparators(path + QStringLiteral("-wal")), problem));
    if (busy)
        return refused(QStringLiteral("the catalog is busy: another program is writing it (%1); "
                                      "try again when it has finished")
                           .arg(problem));
    if (!problem.isEmpty())
        return refused(QStringLiteral("it is damaged (integrity check: %1)").arg(problem));
    if (!schemaProblem.isEmpty())
        return refused(
            QStringLiteral("damaged or not a Tokenomics catalog: %1").arg(schemaProblem));
    check.state = CatalogFileState::Usable;
    return check;
}

QString whyNotWritable(const QString& path) {
    if (QString problem = permissionProblem(path); !problem.isEmpty())
        return problem;
    const QStorageInfo storage(QFileInfo(path).absolutePath());
    if (storage.isValid() && storage.bytesAvailable() < spaceToOpen)
        return QStringLiteral("the disk holding the catalog is full (%1 KB free)")
            .arg(storage.bytesAvailable() / 1024);
    return {};
}

QString readOnlyUri(const QString& path) {
    // A -wal of zero bytes in a folder no one can write is a leftover: no writer is at work.
    const bool walInUse = QFileInfo::exists(path + QStringLiteral("-wal")) &&
                          (walBytes(path) > 0 || folderWritable(path));
    QUrl uri = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    uri.setQuery(walInUse ? QStringLiteral("mode=ro") : QStringLiteral("mode=ro&immutable=1"));
    return uri.toString(QUrl::FullyEncoded);
}

} // namespace tokenomics::data
