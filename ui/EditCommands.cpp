#include "EditCommands.h"

#include <QObject>
#include <QUndoCommand>

namespace tokenomics::ui {

namespace {

// How each kind of row is written, removed and named in the Edit menu.
EditResult upsert(CatalogEditor& editor, const Accelerator& row) {
    return editor.upsertAccelerator(row);
}
EditResult upsert(CatalogEditor& editor, const CostBasis& row) {
    return editor.upsertCostBasis(row);
}
EditResult upsert(CatalogEditor& editor, const ProviderOffer& row) {
    return editor.upsertOffer(row);
}
EditResult upsert(CatalogEditor& editor, const ModelInfo& row) {
    return editor.upsertModel(row);
}
EditResult remove(CatalogEditor& editor, const Accelerator&, std::int64_t id) {
    return editor.removeAccelerator(id);
}
EditResult remove(CatalogEditor& editor, const CostBasis&, std::int64_t id) {
    return editor.removeCostBasis(id);
}
EditResult remove(CatalogEditor& editor, const ProviderOffer&, std::int64_t id) {
    return editor.removeOffer(id);
}
EditResult remove(CatalogEditor& editor, const ModelInfo&, std::int64_t id) {
    return editor.removeModel(id);
}
QString describe(const Accelerator& row) {
    return QObject::tr("hardware %1").arg(QString::fromStdString(row.name));
}
QString describe(const CostBasis& row) {
    return QObject::tr("cost basis %1 of %2")
        .arg(QString::fromStdString(row.key), QString::fromStdString(row.hardware));
}
QString describe(const ProviderOffer& row) {
    return QObject::tr("offer of %1 for %2")
        .arg(QString::fromStdString(row.provider), QString::fromStdString(row.model));
}
QString describe(const ModelInfo& row) {
    return QObject::tr("model %1").arg(QString::fromStdString(row.name));
}

template <typename Row> class RowEditCommand final : public QUndoCommand {
public:
    RowEditCommand(CatalogEditor& editor, std::optional<Row> before, std::optional<Row> after,
                   EditNotifier notify)
        : editor_(editor)
        , before_(std::move(before))
        , after_(std::move(after))
        , notify_(std::move(notify)) {
        currentId_ = before_ ? before_->catalogId : 0;
        const QString what = describe(after_ ? *after_ : *before_);
        setText(!before_  ? QObject::tr("add %1").arg(what)
                : !after_ ? QObject::tr("delete %1").arg(what)
                          : QObject::tr("edit %1").arg(what));
    }

    EditResult apply() { return turnInto(after_); }

    void redo() override {
        if (skipRedo_) {
            skipRedo_ = false;
            return;
        }
        notify_(turnInto(after_));
    }
    void undo() override { notify_(turnInto(before_)); }

private:
    // Makes the catalog hold `target` (or no row), tracking the row's id across rewrites.
    EditResult turnInto(const std::optional<Row>& target) {
        EditResult result;
        if (target) {
            Row row = *target;
            row.catalogId = currentId_;
            result = upsert(editor_, row);
            if (result.ok)
                currentId_ = result.catalogId;
        } else {
            result = remove(editor_, before_ ? *before_ : *after_, currentId_);
            if (result.ok)
                currentId_ = 0;
        }
        return result;
    }

    CatalogEditor& editor_;
    std::optional<Row> before_;
    std::optional<Row> after_;
    EditNotifier notify_;
    std::int64_t currentId_ = 0;
    bool skipRedo_ = true; // push() calls redo(); the edit was already applied by apply()
};

template <typename Row>
QUndoCommand* make(CatalogEditor& editor, std::optional<Row> before, std::optional<Row> after,
                   EditNotifier notify, EditResult* firstResult) {
    if (!before && !after) {
        *firstResult = EditResult::failure("nothing to change");
        return nullptr;
    }
    auto command =
        std::make_unique<RowEditCommand<Row>>(editor, std::move(before), std::move(after), notify);
    *firstResult = command->apply();
    if (!firstResult->ok)
        return nullptr;
    notify(*firstResult);
    return command.release();
}

} // namespace

QUndoCommand* makeEdit(CatalogEditor& editor, std::optional<Accelerator> before,
                       std::optional<Accelerator> after, EditNotifier notify,
                       EditResult* firstResult) {
    return make(editor, std::move(before), std::move(after), std::move(notify), firstResult);
}
QUndoCommand* makeEdit(CatalogEditor& editor, std::optional<CostBasis> before,
                       std::optional<CostBasis> after, EditNotifier notify,
                       EditResult* firstResult) {
    return make(editor, std::move(before), std::move(after), std::move(notify), firstResult);
}
QUndoCommand* makeEdit(CatalogEditor& editor, std::optional<ProviderOffer> before,
                       std::optional<ProviderOffer> after, EditNotifier notify,
                       EditResult* firstResult) {
    return make(editor, std::move(before), std::move(after), std::move(notify), firstResult);
}
QUndoCommand* makeEdit(CatalogEditor& editor, std::optional<ModelInfo> before,
                       std::optional<ModelInfo> after, EditNotifier notify,
                       EditResult* firstResult) {
    return make(editor, std::move(before), std::move(after), std::move(notify), firstResult);
}

} // namespace tokenomics::ui
