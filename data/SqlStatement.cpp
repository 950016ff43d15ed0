#include "SqlStatement.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>
#include <sqlite3.h>

namespace tokenomics::data {

SqlStatement::SqlStatement(sqlite3* database, const char* sql)
    : database_(database) {
    if (sqlite3_prepare_v2(database, sql, -1, &statement_, nullptr) != SQLITE_OK) {
        sqlite3_finalize(statement_);
        statement_ = nullptr;
    }
}

SqlStatement::~SqlStatement() {
    sqlite3_finalize(statement_);
}

QString SqlStatement::errorMessage() const {
    return QString::fromUtf8(sqlite3_errmsg(database_));
}

void SqlStatement::bindNull(int index) {
    sqlite3_bind_null(statement_, index);
}

void SqlStatement::bind(int index, double value) {
    sqlite3_bind_double(statement_, index, value);
}

void SqlStatement::bind(int index, std::optional<double> value) {
    if (value)
        sqlite3_bind_double(statement_, index, *value);
    else
        sqlite3_bind_null(statement_, index);
}

void SqlStatement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_, index, value);
}

void SqlStatement::bind(int index, const std::string& text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
}

void SqlStatement::bindBlob(int index, const void* data, int bytes) {
    sqlite3_bind_blob(statement_, index, data, bytes, SQLITE_TRANSIENT);
}

int SqlStatement::step() {
    return statement_ ? sqlite3_step(statement_) : SQLITE_MISUSE;
}

void SqlStatement::reset() {
    if (!statement_)
        return; // failed to prepare: step() reports SQLITE_MISUSE, nothing to clear
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

bool SqlStatement::isNull(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

double SqlStatement::columnDouble(int column) const {
    return sqlite3_column_double(statement_, column);
}

std::optional<double> SqlStatement::columnOptionalDouble(int column) const {
    if (isNull(column))
        return std::nullopt;
    return sqlite3_column_double(statement_, column);
}

std::int64_t SqlStatement::columnInt64(int column) const {
    return sqlite3_column_int64(statement_, column);
}

std::optional<std::int32_t> SqlStatement::columnOptionalInt(int column) const {
    if (isNull(column))
        return std::nullopt;
    return sqlite3_column_int(statement_, column);
}

std::string SqlStatement::columnText(int column) const {
    const auto* text = sqlite3_column_text(statement_, column);
    if (!text)
        return {};
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

const void* SqlStatement::columnBlob(int column) const {
    return sqlite3_column_blob(statement_, column);
}

int SqlStatement::columnBytes(int column) const {
    return sqlite3_column_bytes(statement_, column);
}

bool executeSql(sqlite3* database, const char* sql, QString* error) {
    char* message = nullptr;
    const int rc = sqlite3_exec(database, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return true;
    if (error)
        *error = QString::fromUtf8(message ? message : sqlite3_errstr(rc));
    sqlite3_free(message);
    return false;
}

void hardenConnection(sqlite3* database) {
    sqlite3_db_config(database, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(database, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(database, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(database, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
}

sqlite3* rawHandle(const QSqlDatabase& database) {
    const QVariant handle = database.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3* const*>(handle.constData());
    return nullptr;
}

void closeConnection(const QString& name) {
    if (name.isEmpty())
        return;
    {
        QSqlDatabase database = QSqlDatabase::database(name, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace tokenomics::data
