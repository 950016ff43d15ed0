#include "CatalogFileCheck.h"

#include "CatalogSchema.h"
#include "SqlStatement.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <algorithm>
#include <sqlite3.h>

namespace tokenomics::data {

namespace {

constexpr int sqliteHeaderBytes = 100;
constexpr int userVersionOffset = 60; // big-endian 32-bit (sqlite.org/fileformat.html)

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

// Runs PRAGMA quick_check through a read-only handle. With no -wal file beside it the file
// is opened `immutable`, so SQLite creates no -wal or -shm file even for a WAL-mode catalog.
// A catalog another program is writing is busy, not damaged: *busy tells them apart.
QString integrityProblem(const QString& path, int version, bool* busy, QString* schemaProblem) {
    const bool hasWal = QFileInfo::exists(path + QStringLiteral("-wal"));
    QUrl uri = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    uri.setQuery(hasWal ? QStringLiteral("mode=ro") : QStringLiteral("mode=ro&immutable=1"));
    sqlite3* database = nullptr;
    const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    int rc = sqlite3_open_v2(uri.toString(QUrl::FullyEncoded).toUtf8().constData(), &database,
                             flags, nullptr);
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
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
            const QString line = QString::fromUtf8(text ? text : "");
            if (line != QStringLiteral("ok"))
                problem += (problem.isEmpty() ? QString() : QStringLiteral("; ")) + line;
        }
        if (rc != SQLITE_DONE && problem.isEmpty()) {
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

    bool busy = false;
    QString schemaProblem;
    const QString problem = integrityProblem(path, check.userVersion, &busy, &schemaProblem);
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

} // namespace tokenomics::data
