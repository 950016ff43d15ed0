#include "CatalogStore.h"

#include "CatalogFileCheck.h"
#include "CatalogPaths.h"
#include "CatalogReader.h"
#include "CatalogSchema.h"
#include "CatalogWriter.h"
#include "DefaultCatalog.h"
#include "SqlStatement.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>
#include <atomic>
#include <sqlite3.h>

namespace tokenomics::data {

namespace {

std::atomic<quint64> connectionCounter{0};

QString uniqueConnectionName() {
    return QStringLiteral("tokenomics.catalog.%1").arg(connectionCounter.fetch_add(1));
}

sqlite3* rawHandle(const QSqlDatabase& database) {
    const QVariant handle = database.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3* const*>(handle.constData());
    return nullptr;
}

void fail(CatalogError* error, const QString& message) {
    if (error)
        error->message = message;
}

QString nativePath(const QString& path) {
    return QDir::toNativeSeparators(path);
}

} // namespace

struct CatalogStore::Impl {
    QString path;
    QString connectionName;
    sqlite3* handle = nullptr;

    ~Impl() {
        handle = nullptr;
        {
            QSqlDatabase database = QSqlDatabase::database(connectionName, false);
            database.close();
        }
        QSqlDatabase::removeDatabase(connectionName);
    }
};

CatalogStore::CatalogStore(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

CatalogStore::~CatalogStore() = default;
CatalogStore::CatalogStore(CatalogStore&&) noexcept = default;
CatalogStore& CatalogStore::operator=(CatalogStore&&) noexcept = default;

std::optional<CatalogStore> CatalogStore::open(const QString& path, CatalogError* error) {
    const CatalogFileCheck check = checkCatalogFile(path, currentSchemaVersion());
    if (check.state == CatalogFileState::Refused) {
        fail(error, QStringLiteral("%1: refused: %2. The file was not changed.")
                        .arg(nativePath(path), check.reason));
        return std::nullopt;
    }
    if (check.state == CatalogFileState::Missing) {
        const QFileInfo info(path);
        if (!info.absoluteDir().exists()) {
            fail(error, QStringLiteral("%1: cannot create the catalog: folder %2 does not exist")
                            .arg(nativePath(path), nativePath(info.absolutePath())));
            return std::nullopt;
        }
    }

    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->connectionName = uniqueConnectionName();
    QSqlDatabase database =
        QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), impl->connectionName);
    database.setDatabaseName(path);
    // A writer waits for another import (a million rows take seconds) rather than failing;
    // WAL readers never wait for writers.
    database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    if (!database.open()) {
        fail(error, QStringLiteral("%1: cannot open: %2")
                        .arg(nativePath(path), database.lastError().text()));
        return std::nullopt;
    }
    impl->handle = rawHandle(database);
    if (!impl->handle) {
        fail(error, QStringLiteral("%1: cannot open: the Qt SQLite driver gave no SQLite handle")
                        .arg(nativePath(path)));
        return std::nullopt;
    }
    QString reason;
    // WAL lets the dashboard read while an import writes; NORMAL is durable at checkpoints.
    if (!executeSql(impl->handle, "PRAGMA foreign_keys = ON", &reason) ||
        !executeSql(impl->handle, "PRAGMA busy_timeout = 30000", &reason) ||
        !executeSql(impl->handle, "PRAGMA journal_mode = WAL", &reason) ||
        !executeSql(impl->handle, "PRAGMA synchronous = NORMAL", &reason) ||
        !migrateSchema(impl->handle, &reason)) {
        fail(error,
             QStringLiteral("%1: cannot prepare the catalog: %2").arg(nativePath(path), reason));
        return std::nullopt;
    }
    return CatalogStore(std::move(impl));
}

std::optional<CatalogStore> CatalogStore::openDefault(CatalogError* error) {
    const QString path = defaultCatalogPath();
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        fail(error, QStringLiteral("%1: cannot create the folder for the default catalog")
                        .arg(nativePath(info.absolutePath())));
        return std::nullopt;
    }
    if (!info.exists()) {
        // Built beside its final place, then renamed: a half-built catalog is never seen,
        // and of two programs starting at once the second rename fails and uses the first.
        const QString building =
            QStringLiteral("%1.building-%2").arg(path).arg(QCoreApplication::applicationPid());
        QFile::remove(building);
        QString reason;
        bool built = false;
        {
            std::optional<CatalogStore> store = open(building, error);
            if (!store)
                return std::nullopt;
            built = writeDefaultCatalog(store->impl_->handle, &reason) &&
                    executeSql(store->impl_->handle, "PRAGMA wal_checkpoint(TRUNCATE)", &reason) &&
                    executeSql(store->impl_->handle, "PRAGMA journal_mode = DELETE", &reason);
        }
        if (!built) {
            QFile::remove(building);
            fail(error, QStringLiteral("%1: cannot build the default catalog: %2")
                            .arg(nativePath(path), reason));
            return std::nullopt;
        }
        if (!QFile::rename(building, path)) {
            QFile::remove(building);
            if (!QFileInfo::exists(path)) {
                fail(error, QStringLiteral("%1: cannot put the default catalog in place")
                                .arg(nativePath(path)));
                return std::nullopt;
            }
        }
    }
    return open(path, error);
}

QString CatalogStore::path() const {
    return impl_->path;
}

std::optional<Catalog> CatalogStore::load(CatalogError* error) const {
    Catalog catalog;
    QString reason;
    if (!readCatalog(impl_->handle, &catalog, &reason)) {
        fail(error, QStringLiteral("%1: %2").arg(nativePath(impl_->path), reason));
        return std::nullopt;
    }
    return catalog;
}

bool CatalogStore::loadInto(RankingEngine& engine, CatalogError* error) const {
    return loadInto(engine, error, nullptr);
}

bool CatalogStore::loadInto(RankingEngine& engine, CatalogError* error,
                            std::vector<std::vector<PointDetails>>* details) const {
    QString reason;
    // One read transaction: a concurrent import cannot show up half-way through the scan.
    executeSql(impl_->handle, "BEGIN", nullptr);
    const bool ok = readIntoEngine(impl_->handle, engine, details, &reason);
    executeSql(impl_->handle, "COMMIT", nullptr);
    if (!ok)
        fail(error, QStringLiteral("%1: %2").arg(nativePath(impl_->path), reason));
    return ok;
}

bool CatalogStore::import(const ImportBatch& batch, CatalogError* error) {
    QString reason;
    if (!executeSql(impl_->handle, "BEGIN IMMEDIATE", &reason)) {
        fail(
            error,
            QStringLiteral("%1: cannot start the import: %2").arg(nativePath(impl_->path), reason));
        return false;
    }
    CatalogWriter writer(impl_->handle);
    bool ok = true;
    for (const Series& series : batch.series) {
        // Tools spell hardware and models their own way; the catalog's aliases map them to
        // its names, so imported series find their cost bases and model figures.
        SeriesKey key = series.key;
        key.hardware = writer.canonicalHardware(key.hardware);
        key.model = writer.canonicalModel(key.model);
        if (!writer.insertSeries(key, series.points, &reason)) {
            ok = false;
            break;
        }
    }
    if (ok && executeSql(impl_->handle, "COMMIT", &reason))
        return true;
    executeSql(impl_->handle, "ROLLBACK", nullptr);
    fail(error,
         QStringLiteral("%1: nothing was imported: %2").arg(nativePath(impl_->path), reason));
    return false;
}

std::optional<std::vector<CostBasis>> CatalogStore::loadCostBases(CatalogError* error) const {
    std::vector<CostBasis> bases;
    QString reason;
    if (!readCostBases(impl_->handle, &bases, &reason)) {
        fail(error, QStringLiteral("%1: %2").arg(nativePath(impl_->path), reason));
        return std::nullopt;
    }
    return bases;
}

bool CatalogStore::saveView(const QString& name, const QString& settingsJson, CatalogError* error) {
    SqlStatement statement(impl_->handle, "INSERT OR REPLACE INTO saved_views (name, settings_json)"
                                          " VALUES (?, ?)");
    statement.bind(1, name.toStdString());
    statement.bind(2, settingsJson.toStdString());
    if (statement.step() == SQLITE_DONE)
        return true;
    fail(error, QStringLiteral("%1: cannot save view '%2': %3")
                    .arg(nativePath(impl_->path), name, statement.errorMessage()));
    return false;
}

std::optional<std::vector<std::pair<QString, QString>>>
CatalogStore::loadViews(CatalogError* error) const {
    SqlStatement statement(impl_->handle,
                           "SELECT name, settings_json FROM saved_views ORDER BY name");
    std::vector<std::pair<QString, QString>> views;
    int rc = 0;
    while ((rc = statement.step()) == SQLITE_ROW)
        views.emplace_back(QString::fromStdString(statement.columnText(0)),
                           QString::fromStdString(statement.columnText(1)));
    if (rc != SQLITE_DONE) {
        fail(error, QStringLiteral("%1: reading saved views: %2")
                        .arg(nativePath(impl_->path), statement.errorMessage()));
        return std::nullopt;
    }
    return views;
}

bool CatalogStore::removeView(const QString& name, CatalogError* error) {
    SqlStatement statement(impl_->handle, "DELETE FROM saved_views WHERE name = ?");
    statement.bind(1, name.toStdString());
    if (statement.step() == SQLITE_DONE)
        return true;
    fail(error, QStringLiteral("%1: cannot remove view '%2': %3")
                    .arg(nativePath(impl_->path), name, statement.errorMessage()));
    return false;
}

std::string CatalogStore::canonicalHardware(const std::string& name) const {
    return CatalogWriter(impl_->handle).canonicalHardware(name);
}

std::string CatalogStore::canonicalModel(const std::string& name) const {
    return CatalogWriter(impl_->handle).canonicalModel(name);
}

} // namespace tokenomics::data
