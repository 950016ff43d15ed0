#pragma once
/// A prepared SQLite statement on a raw handle (the catalog's fast path), freed on scope exit.

#include <QString>
#include <cstdint>
#include <optional>
#include <string>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace tokenomics::data {

class SqlStatement {
public:
    SqlStatement(sqlite3* database, const char* sql);
    ~SqlStatement();
    SqlStatement(const SqlStatement&) = delete;
    SqlStatement& operator=(const SqlStatement&) = delete;

    [[nodiscard]] bool prepared() const { return statement_ != nullptr; }
    /// SQLite's message for the last failure on this connection.
    [[nodiscard]] QString errorMessage() const;

    // Parameters are 1-based, as in SQLite.
    void bindNull(int index);
    void bind(int index, double value);
    void bind(int index, std::optional<double> value);
    void bind(int index, std::int64_t value);
    void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
    void bind(int index, bool value) { bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    void bind(int index, const std::string& text);
    void bindBlob(int index, const void* data, int bytes);

    /// sqlite3_step's result code (SQLITE_ROW, SQLITE_DONE or an error).
    int step();
    /// Ready for the next bindings; clears the previous ones.
    void reset();

    // Columns are 0-based, as in SQLite.
    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] double columnDouble(int column) const;
    [[nodiscard]] std::optional<double> columnOptionalDouble(int column) const;
    [[nodiscard]] std::int64_t columnInt64(int column) const;
    [[nodiscard]] std::optional<std::int32_t> columnOptionalInt(int column) const;
    [[nodiscard]] std::string columnText(int column) const;
    [[nodiscard]] const void* columnBlob(int column) const;
    [[nodiscard]] int columnBytes(int column) const;
    /// For hot loops that read columns straight through the SQLite C API.
    [[nodiscard]] sqlite3_stmt* handle() const { return statement_; }

private:
    sqlite3* database_ = nullptr;
    sqlite3_stmt* statement_ = nullptr;
};

/// Runs SQL without results (BEGIN, COMMIT, PRAGMA); false with SQLite's message.
bool executeSql(sqlite3* database, const char* sql, QString* error);

/// Makes a connection safe for files from anyone: no trigger or view runs, no SQL function a
/// schema names is trusted, and the schema cannot be written around SQLite (defensive mode).
/// The catalog schema defines no trigger or view, so nothing of the program's own is lost.
void hardenConnection(sqlite3* database);

/// The raw SQLite handle under a Qt SQL connection of the QSQLITE driver; null otherwise.
sqlite3* rawHandle(const QSqlDatabase& database);

/// Closes the Qt SQL connection `name` (if any) and removes it from Qt's list.
void closeConnection(const QString& name);

} // namespace tokenomics::data
