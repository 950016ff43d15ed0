#include "CatalogEditorStore.h"

#include "CatalogValidation.h"
#include "CatalogWriter.h"
#include "DurableCommit.h"
#include "SqlStatement.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <atomic>
#include <functional>
#include <sqlite3.h>

namespace tokenomics::data {

namespace {

std::atomic<quint64> editorConnectionCounter{0};

// "UNIQUE constraint failed: accelerators.name" → a sentence naming the field.
std::string readable(const QString& message) {
    static const QString unique = QStringLiteral("UNIQUE constraint failed: ");
    if (message.contains(unique)) {
        const QString columns = message.mid(message.indexOf(unique) + unique.size());
        if (columns.contains(QStringLiteral("cost_bases.hardware")))
            return "key: this hardware already has a cost basis with that key";
        const QString column = columns.section(QLatin1Char('.'), -1);
        return QStringLiteral("%1: another row already uses this %1").arg(column).toStdString();
    }
    return message.toStdString();
}

/// A column that refers to a row of another table by its name.
struct NameReference {
    const char* table;
    const char* column;
    const char* what; // for messages: "series", "cost bases"
};

/// The row's name, for the kinds of row that have one.
template <typename Value> std::string nameOfValue(const Value& value) {
    if constexpr (requires { value.name; })
        return value.name;
    else
        return {};
}

const std::vector<NameReference> acceleratorReferences = {{"series", "hardware", "series"},
                                                          {"cost_bases", "hardware", "cost bases"}};
const std::vector<NameReference> modelReferences = {{"series", "model", "series"},
                                                    {"provider_offers", "model", "offers"},
                                                    {"quality_scores", "model", "quality scores"}};

} // namespace

struct CatalogEditorStore::Impl {
    std::optional<CatalogStore> store; // migrations, file checks, loading
    QString connectionName;
    sqlite3* handle = nullptr;

    ~Impl() { closeConnection(connectionName); }

    // Runs `write` in one immediate transaction; `findId` reads the row's id before COMMIT.
    EditResult transaction(const std::function<bool(CatalogWriter&, QString*)>& write,
                           const std::function<std::int64_t()>& findId) {
        if (const QString why = store->whyReadOnly(); !why.isEmpty())
            return EditResult::failure("cannot save: " + why.toStdString() +
                                       "; the catalog was not changed");
        QString reason;
        if (!executeSql(handle, "BEGIN IMMEDIATE", &reason))
            return EditResult::failure("the catalog is busy: " + reason.toStdString());
        CatalogWriter writer(handle);
        if (!write(writer, &reason)) {
            reason = explainedFullDisk(handle, reason);
            executeSql(handle, "ROLLBACK", nullptr);
            return EditResult::failure(readable(reason));
        }
        const std::int64_t id = findId ? findId() : 0;
        switch (commitDurably(handle, &reason)) {
        case CommitOutcome::Committed:
            return EditResult::success(id);
        case CommitOutcome::RolledBack:
            return EditResult::failure("cannot save: " + reason.toStdString() +
                                       "; the catalog was not changed");
        case CommitOutcome::KeptInWal:
            break;
        }
        return EditResult::failure("saved only in the catalog's -wal file, not yet in the file "
                                   "itself: " +
                                   reason.toStdString() +
                                   ". Free some space; the next tokenomics command on this "
                                   "catalog finishes the copy");
    }

    // Deletes row `id` of `table`; false with a message when no such row is left.
    bool remove(const char* table, std::int64_t id, QString* error) {
        const std::string sql = std::string("DELETE FROM ") + table + " WHERE id = ?";
        SqlStatement statement(handle, sql.c_str());
        statement.bind(1, id);
        if (statement.step() != SQLITE_DONE) {
            *error = statement.errorMessage();
            return false;
        }
        if (sqlite3_changes(handle) == 0) {
            *error =
                QStringLiteral("the row was removed from the catalog meanwhile (id %1)").arg(id);
            return false;
        }
        return true;
    }

    std::int64_t idOf(const char* sql, const std::string& first, const std::string& second = {}) {
        SqlStatement statement(handle, sql);
        statement.bind(1, first);
        if (!second.empty())
            statement.bind(2, second);
        return statement.step() == SQLITE_ROW ? statement.columnInt64(0) : 0;
    }

    // Gives the row written as `newId` the id it had before the edit, so rows keep their
    // place and their id across edits and undo; `aliasTable` rows follow it.
    bool renumber(const char* table, std::int64_t newId, std::int64_t oldId, const char* aliasTable,
                  const char* aliasColumn, QString* error) {
        if (!executeSql(handle, "PRAGMA defer_foreign_keys = ON", error))
            return false;
        const std::string moveRow = std::string("UPDATE ") + table + " SET id = ? WHERE id = ?";
        SqlStatement row(handle, moveRow.c_str());
        row.bind(1, oldId);
        row.bind(2, newId);
        if (row.step() != SQLITE_DONE) {
            *error = row.errorMessage();
            return false;
        }
        if (!aliasTable)
            return true;
        const std::string moveAliases = std::string("UPDATE ") + aliasTable + " SET " +
                                        aliasColumn + " = ? WHERE " + aliasColumn + " = ?";
        SqlStatement aliases(handle, moveAliases.c_str());
        aliases.bind(1, oldId);
        aliases.bind(2, newId);
        if (aliases.step() != SQLITE_DONE) {
            *error = aliases.errorMessage();
            return false;
        }
        return true;
    }

    /// The `name` of row `id` of `table`; empty when there is none.
    std::string nameOf(const char* table, std::int64_t id) {
        const std::string sql = std::string("SELECT name FROM ") + table + " WHERE id = ?";
        SqlStatement statement(handle, sql.c_str());
        statement.bind(1, id);
        return statement.step() == SQLITE_ROW ? statement.columnText(0) : std::string();
    }

    /// Renames `from` to `to` in every column that refers to a row by name, so a renamed
    /// accelerator keeps its series and cost bases, a renamed model its series and offers.
    bool cascadeRename(const std::vector<NameReference>& references, const std::string& from,
                       const std::string& to, QString* error) {
        for (const NameReference& reference : references) {
            const std::string sql = std::string("UPDATE ") + reference.table + " SET " +
                                    reference.column + " = ? WHERE " + reference.column + " = ?";
            SqlStatement statement(handle, sql.c_str());
            statement.bind(1, to);
            statement.bind(2, from);
            if (statement.step() == SQLITE_DONE)
                continue;
            if (sqlite3_extended_errcode(handle) != SQLITE_CONSTRAINT_UNIQUE) {
                *error = statement.errorMessage();
                return false;
            }
            // The UNIQUE constraint of `reference.table` refused: say what it means.
            *error = QStringLiteral("name: renaming '%1' to '%2' would merge %3 of both names; "
                                    "remove or rename those first")
                         .arg(QString::fromStdString(from), QString::fromStdString(to),
                              QString::fromLatin1(reference.what));
            return false;
        }
        return true;
    }

    /// Replaces row `value.catalogId` (or adds one when 0); `findId` finds the written row.
    /// A changed name follows into `references`.
    template <typename Value, typename Insert>
    EditResult upsert(const char* table, const Value& value, const std::vector<FieldProblem>& bad,
                      Insert insert, const std::function<std::int64_t()>& findId,
                      const char* aliasTable = nullptr, const char* aliasColumn = nullptr,
                      const std::vector<NameReference>& references = {}) {
        if (!bad.empty())
            return EditResult::failure(joinProblems(bad));
        std::int64_t writtenId = 0;
        return transaction(
            [&](CatalogWriter& writer, QString* error) {
                const std::string oldName = references.empty() || value.catalogId == 0
                                                ? std::string()
                                                : nameOf(table, value.catalogId);
                if (value.catalogId != 0 && !remove(table, value.catalogId, error))
                    return false;
                if (!insert(writer, error))
                    return false;
                if (!oldName.empty() && oldName != nameOfValue(value) &&
                    !cascadeRename(references, oldName, nameOfValue(value), error))
                    return false;
                writtenId = findId();
                if (value.catalogId == 0 || writtenId == value.catalogId)
                    return true;
                if (!renumber(table, writtenId, value.catalogId, aliasTable, aliasColumn, error))
                    return false;
                writtenId = value.catalogId;
                return true;
            },
            [&] { return writtenId; });
    }

    EditResult removeRow(const char* table, std::int64_t id) {
        return transaction([&](CatalogWriter&, QString* error) { return remove(table, id, error); },
                           [id] { return id; });
    }
};

CatalogEditorStore::CatalogEditorStore(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

CatalogEditorStore::~CatalogEditorStore() = default;

std::unique_ptr<CatalogEditorStore> CatalogEditorStore::open(const QString& path,
                                                             CatalogError* error) {
    std::optional<CatalogStore> store = CatalogStore::open(path, error);
    if (!store)
        return nullptr;
    std::unique_ptr<Impl> impl = attach(std::move(store), error);
    return impl ? std::unique_ptr<CatalogEditorStore>(new CatalogEditorStore(std::move(impl)))
                : nullptr;
}

std::unique_ptr<CatalogEditorStore> CatalogEditorStore::openDefault(CatalogError* error) {
    std::optional<CatalogStore> store = CatalogStore::openDefault(error);
    if (!store)
        return nullptr;
    std::unique_ptr<Impl> impl = attach(std::move(store), error);
    return impl ? std::unique_ptr<CatalogEditorStore>(new CatalogEditorStore(std::move(impl)))
                : nullptr;
}

std::unique_ptr<CatalogEditorStore::Impl>
CatalogEditorStore::attach(std::optional<CatalogStore> store, CatalogError* error) {
    auto impl = std::make_unique<CatalogEditorStore::Impl>();
    const QString path = store->path();
    impl->store = std::move(store);
    impl->connectionName =
        QStringLiteral("tokenomics.editor.%1").arg(editorConnectionCounter.fetch_add(1));
    QSqlDatabase database =
        QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), impl->connectionName);
    database.setDatabaseName(path);
    database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    QString reason;
    if (database.open() && (impl->handle = rawHandle(database)))
        hardenConnection(impl->handle);
    if (!impl->handle || !executeSql(impl->handle, "PRAGMA foreign_keys = ON", &reason)) {
        if (error)
            error->message = QStringLiteral("%1: cannot open for editing: %2")
                                 .arg(QDir::toNativeSeparators(path),
                                      reason.isEmpty() ? database.lastError().text() : reason);
        return nullptr;
    }
    return impl;
}

QString CatalogEditorStore::path() const {
    return impl_->store->path();
}

CatalogStore& CatalogEditorStore::store() {
    return *impl_->store;
}

EditResult CatalogEditorStore::upsertAccelerator(const Accelerator& accelerator) {
    return impl_->upsert(
        "accelerators", accelerator, validateAccelerator(accelerator),
        [&](CatalogWriter& writer, QString* error) {
            return writer.insertAccelerator(accelerator, error);
        },
        [&] { return impl_->idOf("SELECT id FROM accelerators WHERE name = ?", accelerator.name); },
        "accelerator_aliases", "accelerator_id", acceleratorReferences);
}

EditResult CatalogEditorStore::removeAccelerator(std::int64_t catalogId) {
    return impl_->removeRow("accelerators", catalogId);
}

EditResult CatalogEditorStore::upsertCostBasis(const CostBasis& basis) {
    return impl_->upsert(
        "cost_bases", basis, validateCostBasis(basis),
        [&](CatalogWriter& writer, QString* error) { return writer.insertCostBasis(basis, error); },
        [&] {
            return impl_->idOf("SELECT id FROM cost_bases WHERE hardware = ? AND key = ?",
                               basis.hardware, basis.key);
        });
}

EditResult CatalogEditorStore::removeCostBasis(std::int64_t catalogId) {
    return impl_->removeRow("cost_bases", catalogId);
}

EditResult CatalogEditorStore::upsertOffer(const ProviderOffer& offer) {
    return impl_->upsert(
        "provider_offers", offer, validateOffer(offer),
        [&](CatalogWriter& writer, QString* error) { return writer.insertOffer(offer, error); },
        [&] { return sqlite3_last_insert_rowid(impl_->handle); });
}

EditResult CatalogEditorStore::removeOffer(std::int64_t catalogId) {
    return impl_->removeRow("provider_offers", catalogId);
}

EditResult CatalogEditorStore::upsertModel(const ModelInfo& model) {
    return impl_->upsert(
        "models", model, validateModel(model),
        [&](CatalogWriter& writer, QString* error) { return writer.insertModel(model, error); },
        [&] { return impl_->idOf("SELECT id FROM models WHERE name = ?", model.name); },
        "model_aliases", "model_id", modelReferences);
}

EditResult CatalogEditorStore::removeModel(std::int64_t catalogId) {
    return impl_->removeRow("models", catalogId);
}

std::optional<Catalog> CatalogEditorStore::reload(std::string* error) {
    CatalogError catalogError;
    std::optional<Catalog> catalog = impl_->store->load(&catalogError);
    if (!catalog && error)
        *error = catalogError.message.toStdString();
    return catalog;
}

} // namespace tokenomics::data
