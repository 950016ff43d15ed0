#include "CatalogTestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QtGlobal>
#include <sqlite3.h>

namespace tokenomics::testing {

QByteArray fileHash(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

namespace {

template <typename Read>
auto querySingle(const QString& path, const char* sql, Read read) -> decltype(read(nullptr)) {
    sqlite3* database = nullptr;
    decltype(read(nullptr)) result;
    if (sqlite3_open_v2(path.toUtf8().constData(), &database, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(database, sql, -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW &&
            sqlite3_column_type(statement, 0) != SQLITE_NULL)
            result = read(statement);
        sqlite3_finalize(statement);
    }
    sqlite3_close(database);
    return result;
}

} // namespace

std::optional<double> sqliteNumber(const QString& path, const char* sql) {
    return querySingle(path, sql, [](sqlite3_stmt* statement) -> std::optional<double> {
        if (!statement)
            return std::nullopt;
        return sqlite3_column_double(statement, 0);
    });
}

std::optional<QString> sqliteText(const QString& path, const char* sql) {
    return querySingle(path, sql, [](sqlite3_stmt* statement) -> std::optional<QString> {
        if (!statement)
            return std::nullopt;
        return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    });
}

bool sqliteExecute(const QString& path, const char* sql) {
    sqlite3* database = nullptr;
    bool ok = sqlite3_open(path.toUtf8().constData(), &database) == SQLITE_OK;
    char* message = nullptr;
    ok = ok && sqlite3_exec(database, sql, nullptr, nullptr, &message) == SQLITE_OK;
    if (!ok)
        qWarning("sqliteExecute: %s", message ? message : sqlite3_errmsg(database));
    sqlite3_free(message);
    sqlite3_close(database);
    return ok;
}

namespace {

/// Runs `sql` on `path` in journal mode `mode` without finishing it (`setUp` before), copies
/// the file and its `sidecar` (-journal or -wal) to `copy`, then lets the writer go.
bool copyMidWrite(const QString& path, const QString& copy, const char* mode, const char* setUp,
                  const char* sql, const QString& sidecar) {
    if (!sqliteExecute(path, mode))
        return false;
    sqlite3* database = nullptr;
    bool ok = sqlite3_open(path.toUtf8().constData(), &database) == SQLITE_OK &&
              sqlite3_exec(database, setUp, nullptr, nullptr, nullptr) == SQLITE_OK &&
              sqlite3_exec(database, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    QFile::remove(copy);
    QFile::remove(copy + sidecar);
    ok = ok && QFile::exists(path + sidecar) && QFile::copy(path, copy) &&
         QFile::copy(path + sidecar, copy + sidecar);
    sqlite3_exec(database, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(database);
    return ok;
}

} // namespace

bool makeCrashedWriterCopy(const QString& path, const QString& copy, const char* sql) {
    return copyMidWrite(path, copy, "PRAGMA journal_mode = DELETE",
                        "PRAGMA cache_size = 1; BEGIN IMMEDIATE", sql, QStringLiteral("-journal"));
}

bool makeUncheckpointedWalCopy(const QString& path, const QString& copy, const char* sql) {
    return copyMidWrite(path, copy, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0",
                        sql, QStringLiteral("-wal"));
}

bool makeSqliteFile(const QString& path, int userVersion) {
    sqlite3* database = nullptr;
    bool ok = sqlite3_open(path.toUtf8().constData(), &database) == SQLITE_OK;
    const QByteArray sql = QStringLiteral("CREATE TABLE future_things (id INTEGER PRIMARY KEY, "
                                          "what TEXT); INSERT INTO future_things (what) VALUES "
                                          "('from a later version'); PRAGMA user_version = %1;")
                               .arg(userVersion)
                               .toUtf8();
    ok = ok && sqlite3_exec(database, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(database);
    return ok;
}

int csvRecordCount(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray bytes = file.readAll();
    int records = 0;
    bool inQuotes = false;
    bool lineHasContent = false;
    for (const char c : bytes) {
        if (c == '"')
            inQuotes = !inQuotes; // "" inside quotes toggles twice: no net change
        if (c == '\n' && !inQuotes) {
            records += lineHasContent ? 1 : 0;
            lineHasContent = false;
        } else if (c != '\r') {
            lineHasContent = true;
        }
    }
    records += lineHasContent ? 1 : 0;
    return records - 1; // header
}

} // namespace tokenomics::testing
