#include "CatalogStore.h"

#include "CatalogFileCheck.h"
#include "CatalogPaths.h"
#include "CatalogReader.h"
#include "CatalogSchema.h"
#include "CatalogWriter.h"
#include "DefaultCatalog.h"
#include "DurableCommit.h"
#include "SqlStatement.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <atomic>
#include <sqlite3.h>

namespace tokenomics::data {

namespace {

std::atomic<quint64> connectionCounter{0};

QString uniqueConnectionName() {
    return QStringLiteral("tokenomics.catalog.%1").arg(connectionCounter.fetch_add(1));
}

void fail(CatalogError* error, const QString& message) {
    if (error)
        error->message = message;
}

QString nativePath(const QString& path) {
    return QDir::toNativeSeparators(path);
}

QString readOnlyMessage(const QString& path, const QString& what, const QString& why) {
    return QStringLiteral("%1: cannot %2: %3. The file was not changed.")
        .arg(nativePath(path), what, why);
}

// SQLite says "database is locked" when the busy timeout ran out; say what it means.
QString explained(sqlite3* handle, const QString& reason) {
    if (handle && (sqlite3_errcode(handle) & 0xff) == SQLITE_BUSY)
        return QStringLiteral("the catalog is busy: another program kept it locked for 30 s "
                              "(%1); try again when it has finished")
            .arg(reason);
    return reason;
}

} // namespace

struct CatalogStore::Impl {
    QString path;
    QString connectionName;
    sqlite3* handle = nullptr;
    QString readOnlyReason; // why it cannot be written (whyNotWritable); empty when it can
    bool readOnly() const { return !readOnlyReason.isEmpty(); }

    ~Impl() { closeConnection(connectionName); }

    /// Opens the connection: a writable catalog gets WAL and the current schema; one that
    /// cannot be written (`whyReadOnly`) is only read, so it must already have that schema.
    bool connect(const QString& whyReadOnly, CatalogError* error);
};

bool CatalogStore::Impl::connect(const QString& whyReadOnly, CatalogError* error) {
    readOnlyReason = whyReadOnly;
    connectionName = uniqueConnectionName();
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    // A writer waits for another import (a million rows take seconds) rather than failing;
    // WAL readers never wait for writers.
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000");
    if (readOnly()) {
        // Read as immutable when no -wal file holds pages: SQLite then creates no -wal or
        // -shm beside it (files that could not be written or removed).
        database.setDatabaseName(readOnlyUri(path));
        options += QStringLiteral(";QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI");
    } else {
        database.setDatabaseName(path);
    }
    database.setConnectOptions(options);
    if (!database.open()) {
        fail(error, QStringLiteral("%1: cannot open: %2")
                        .arg(nativePath(path), database.lastError().text()));
        return false;
    }
    handle = rawHandle(database);
    if (!handle) {
        fail(error, QStringLiteral("%1: cannot open: the Qt SQLite driver gave no SQLite handle")
                        .arg(nativePath(path)));
        return false;
    }
    hardenConnection(handle);
    QString reason;
    if (readOnly()) {
        SqlStatement version(handle, "PRAGMA user_version");
        const int found = version.step() == SQLITE_ROW ? int(version.columnInt64(0)) : -1;
        if (found == currentSchemaVersion() &&
            executeSql(handle, "PRAGMA foreign_keys = ON", &reason))
            return true;
        fail(error,
             reason.isEmpty()
                 ? QStringLiteral("%1: cannot read: %4, and its schema version %2 is not %3, "
                                  "which this program reads without changing it")
                       .arg(nativePath(path))
                       .arg(found)
                       .arg(currentSchemaVersion())
                       .arg(readOnlyReason)
                 : QStringLiteral("%1: cannot read: %2").arg(nativePath(path), reason));
        return false;
    }
    // WAL lets the dashboard read while an import writes; NORMAL is durable at checkpoints.
    if (!executeSql(handle, "PRAGMA foreign_keys = ON", &reason) ||
        !executeSql(handle, "PRAGMA busy_timeout = 30000", &reason) ||
        !executeSql(handle, "PRAGMA journal_mode = WAL", &reason) ||
        !executeSql(handle, "PRAGMA synchronous = NORMAL", &reason) ||
        !migrateSchema(handle, &reason)) {
        fail(error,
             QStringLiteral("%1: cannot prepare the catalog: %2")
                 .arg(nativePath(path), explainedFullDisk(handle, explained(handle, reason))));
        return false;
    }
    return true;
}

CatalogStore::CatalogStore(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

CatalogStore::~CatalogStore() = default;
CatalogStore::CatalogStore(CatalogStore&&) noexcept = default;
CatalogStore& CatalogStore::operator=(CatalogStore&&) noexcept = default;

std::optional<CatalogStore> CatalogStore::open(const QString& path, CatalogError* error) {
    CatalogFileCheck check = checkCatalogFile(path, currentSchemaVersion());
    // A zero-length file may be a catalog that lost its bytes (a failed copy, a full disk):
    // filling it with an empty schema would hide that. Only its -wal file can make it whole.
    if (check.state == CatalogFileState::Empty &&
        !QFileInfo::exists(path + QStringLiteral("-wal"))) {
        check.state = CatalogFileState::Refused;
        check.reason = QStringLiteral("it is empty (0 bytes), so it is not a catalog; remove it "
                                      "to start a new one there");
    }
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
        // Built beside its place and renamed into it: no one ever sees a half-made catalog (or
        // an empty file, which is refused), and of two programs creating it at once one wins.
        const QString creating = QStringLiteral("%1.creating-%2-%3")
                                     .arg(path)
                                     .arg(QCoreApplication::applicationPid())
                                     .arg(connectionCounter.fetch_add(1));
        bool created = false;
        {
            Impl building;
            building.path = creating;
            QString reason;
            created = building.connect(QString(), error);
            if (created &&
                !executeSql(building.handle, "PRAGMA wal_checkpoint(TRUNCATE)", &reason)) {
                fail(error, QStringLiteral("%1: cannot create the catalog: %2")
                                .arg(nativePath(path), reason));
                created = false;
            }
        }
        const bool placed = created && placeWithoutReplacing(creating, path) == Placement::Placed;
        removeCatalogFiles(creating);
        if (!created)
            return std::nullopt;
        if (!placed && !QFileInfo::exists(path)) {
            fail(error, QStringLiteral("%1: cannot create the catalog: cannot rename %2 to it")
                            .arg(nativePath(path), nativePath(creating)));
            return std::nullopt;
        }
        return open(path, error); // checked again: another program may have made it first
    }

    const QString whyReadOnly = whyNotWritable(path);
    if (whyReadOnly.isEmpty())
        removeStaleStagings(path); // a killed import's leftovers, whoever opens next
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    if (impl->connect(whyReadOnly, error))
        return CatalogStore(std::move(impl));
    // The disk filled up between the look at its free space and the open: still readable.
    if (!whyReadOnly.isEmpty() || !lastErrorIsFullDisk(impl->handle))
        return std::nullopt;
    impl = std::make_unique<Impl>();
    impl->path = path;
    if (!impl->connect(QStringLiteral("the disk holding the catalog is full"), error))
        return std::nullopt;
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
        if (placeWithoutReplacing(building, path) != Placement::Placed) {
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

QString CatalogStore::whyReadOnly() const {
    return impl_->readOnlyReason;
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

bool CatalogStore::readInTransaction(const std::function<bool(sqlite3*, QString*)>& reads,
                                     CatalogError* error) const {
    QString reason;
    executeSql(impl_->handle, "BEGIN", nullptr);
    const bool ok = reads(impl_->handle, &reason);
    executeSql(impl_->handle, "COMMIT", nullptr);
    if (!ok)
        fail(error, QStringLiteral("%1: %2").arg(nativePath(impl_->path), reason));
    return ok;
}

bool CatalogStore::import(const ImportBatch& batch, CatalogError* error) {
    const auto writeBatch = [&](CatalogWriter& writer, QString* reason) {
        for (const Series& series : batch.series) {
            if (!writer.insertSeries(writer.canonicalKey(series.key), series.points, reason))
                return false;
        }
        return true;
    };
    return writeInTransaction(writeBatch, error);
}

bool CatalogStore::writeInTransaction(const std::function<bool(CatalogWriter&, QString*)>& write,
                                      CatalogError* error) {
    if (impl_->readOnly()) {
        fail(error, readOnlyMessage(impl_->path, QStringLiteral("import"), impl_->readOnlyReason));
        return false;
    }
    return writeDurably(QStringLiteral("nothing was imported"), write, error);
}

bool CatalogStore::writeDurably(const QString& failure,
                                const std::function<bool(CatalogWriter&, QString*)>& write,
                                CatalogError* error) {
    QString reason;
    if (!executeSql(impl_->handle, "BEGIN IMMEDIATE", &reason)) {
        fail(error, QStringLiteral("%1: %2: %3")
                        .arg(nativePath(impl_->path), failure, explained(impl_->handle, reason)));
        return false;
    }
    bool ok = false;
    {
        CatalogWriter writer(impl_->handle);
        ok = write(writer, &reason);
    }
    if (!ok) {
        reason = explainedFullDisk(impl_->handle, reason);
        executeSql(impl_->handle, "ROLLBACK", nullptr);
    }
    const CommitOutcome outcome =
        ok ? commitDurably(impl_->handle, &reason) : CommitOutcome::RolledBack;
    if (error)
        error->cause = reason;
    switch (outcome) {
    case CommitOutcome::Committed:
        return true;
    case CommitOutcome::RolledBack:
        fail(error, QStringLiteral("%1: %2: %3").arg(nativePath(impl_->path), failure, reason));
        return false;
    case CommitOutcome::KeptInWal:
        fail(error, QStringLiteral("%1: saved only in %1-wal, not yet in the file itself: %2. "
                                   "Free some space; the next tokenomics command on this "
                                   "catalog finishes the copy")
                        .arg(nativePath(impl_->path), reason));
        return false;
    }
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
    if (impl_->readOnly()) {
        fail(error, readOnlyMessage(impl_->path, QStringLiteral("save view '%1'").arg(name),
                                    impl_->readOnlyReason));
        return false;
    }
    const auto insert = [&](CatalogWriter&, QString* reason) {
        SqlStatement statement(impl_->handle, "INSERT OR REPLACE INTO saved_views (name, "
                                              "settings_json) VALUES (?, ?)");
        statement.bind(1, name.toStdString());
        statement.bind(2, settingsJson.toStdString());
        if (statement.step() == SQLITE_DONE)
            return true;
        *reason = statement.errorMessage();
        return false;
    };
    return writeDurably(QStringLiteral("cannot save view '%1'").arg(name), insert, error);
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
    if (impl_->readOnly()) {
        fail(error, readOnlyMessage(impl_->path, QStringLiteral("remove view '%1'").arg(name),
                                    impl_->readOnlyReason));
        return false;
    }
    const auto erase = [&](CatalogWriter&, QString* reason) {
        SqlStatement statement(impl_->handle, "DELETE FROM saved_views WHERE name = ?");
        statement.bind(1, name.toStdString());
        if (statement.step() == SQLITE_DONE)
            return true;
        *reason = statement.errorMessage();
        return false;
    };
    return writeDurably(QStringLiteral("cannot remove view '%1'").arg(name), erase, error);
}

std::string CatalogStore::canonicalHardware(const std::string& name) const {
    return CatalogWriter(impl_->handle).canonicalHardware(name);
}

std::string CatalogStore::canonicalModel(const std::string& name) const {
    return CatalogWriter(impl_->handle).canonicalModel(name);
}

} // namespace tokenomics::data
