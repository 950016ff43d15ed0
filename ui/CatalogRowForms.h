#pragma once
/// The editable kinds of catalog rows (hardware, cost bases, API offers, models) as forms:
/// texts in, problems or an undoable edit out. Shared by the editor dialog and its tests.

#include "CatalogEditor.h"
#include "CatalogValidation.h"
#include "EditCommands.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

class QUndoCommand;

namespace tokenomics::ui {

/// One input of a form.
struct FormField {
    enum class Kind { Text, Number, Flag };
    QString label;
    QString tooltip;
    Kind kind = Kind::Text;
};

class RowForm {
public:
    virtual ~RowForm() = default;
    /// "Hardware", "Cost bases", "API offers", "Models".
    [[nodiscard]] virtual QString title() const = 0;
    [[nodiscard]] virtual const std::vector<FormField>& fields() const = 0;
    [[nodiscard]] virtual int rowCount(const Catalog& catalog) const = 0;
    [[nodiscard]] virtual QString rowLabel(const Catalog& catalog, int row) const = 0;
    /// The row holding catalog id `catalogId`; -1 when none.
    [[nodiscard]] virtual int rowOfId(const Catalog& catalog, std::int64_t catalogId) const = 0;
    /// The texts of a row's fields; row -1 gives a new row's starting values.
    [[nodiscard]] virtual QStringList texts(const Catalog& catalog, int row) const = 0;
    /// What is wrong with the texts (unreadable numbers, then core's checks); empty: savable.
    [[nodiscard]] virtual std::vector<FieldProblem> check(const QStringList& texts) const = 0;
    /// A live line under the form (a cost basis shows the $/GPU-hour it gives); may be empty.
    [[nodiscard]] virtual QString preview(const QStringList& texts) const = 0;
    /// Writes the texts over `row` (-1: a new row) as an undoable command; nullptr with
    /// *result holding the reason when refused.
    virtual QUndoCommand* save(CatalogEditor& editor, const Catalog& catalog, int row,
                               const QStringList& texts, EditNotifier notify,
                               EditResult* result) const = 0;
    virtual QUndoCommand* remove(CatalogEditor& editor, const Catalog& catalog, int row,
                                 EditNotifier notify, EditResult* result) const = 0;
};

/// Hardware, cost bases, API offers and models, in that order.
std::vector<std::unique_ptr<RowForm>> catalogRowForms();

} // namespace tokenomics::ui
