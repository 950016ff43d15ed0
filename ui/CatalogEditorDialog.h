#pragma once
/// Editors for hardware, cost bases, API offers and models: a list and a form per kind,
/// live validation, undoable saves through core's CatalogEditor. The charts follow each edit.

#include "CatalogRowForms.h"

#include <QDialog>
#include <QPointer>
#include <functional>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QUndoStack;

namespace tokenomics::ui {

class DashboardState;

/// The list and form of one kind of row.
class RowEditorPage : public QWidget {
    Q_OBJECT
public:
    RowEditorPage(const RowForm& form, DashboardState* state,
                  std::function<CatalogEditor*()> editor, QUndoStack* undoStack,
                  EditNotifier notify, QWidget* parent = nullptr);

    [[nodiscard]] QListWidget* rows() const { return rows_; }
    /// The input of field `index` (a QLineEdit, or a QCheckBox for flags).
    [[nodiscard]] QWidget* input(int index) const {
        return inputs_.at(static_cast<std::size_t>(index));
    }
    /// The input whose label is `label`; nullptr when none.
    [[nodiscard]] QWidget* input(const QString& label) const;
    [[nodiscard]] QLabel* problems() const { return problems_; }
    [[nodiscard]] QLabel* preview() const { return preview_; }
    [[nodiscard]] QPushButton* saveButton() const { return save_; }
    [[nodiscard]] QPushButton* newButton() const { return new_; }
    [[nodiscard]] QPushButton* deleteButton() const { return delete_; }

    /// Re-reads the rows from the state's catalog, keeping the selection by its label.
    void refresh();

private:
    [[nodiscard]] QStringList currentTexts() const;
    void showRow(int row);
    void recheck();
    void saveRow();
    void deleteRow();
    void afterEdit(QUndoCommand* command, const EditResult& result, const QString& label);

    const RowForm& form_;
    QPointer<DashboardState> state_;
    std::function<CatalogEditor*()> editor_;
    QUndoStack* undoStack_ = nullptr;
    EditNotifier notify_;
    QListWidget* rows_ = nullptr;
    std::vector<QWidget*> inputs_;
    QLabel* problems_ = nullptr;
    QLabel* preview_ = nullptr;
    QPushButton* save_ = nullptr;
    QPushButton* revert_ = nullptr;
    QPushButton* new_ = nullptr;
    QPushButton* delete_ = nullptr;
    int shownRow_ = -1; // -1: a new row
    bool filling_ = false;
};

class CatalogEditorDialog : public QDialog {
    Q_OBJECT
public:
    /// `editor` gives the open catalog's editor (it changes when another file is opened).
    CatalogEditorDialog(DashboardState* state, std::function<CatalogEditor*()> editor,
                        QUndoStack* undoStack, EditNotifier notify, QWidget* parent = nullptr);
    ~CatalogEditorDialog() override;

    [[nodiscard]] QTabWidget* tabs() const { return tabs_; }
    /// Page 0 hardware, 1 cost bases, 2 API offers, 3 models.
    [[nodiscard]] RowEditorPage* page(int index) const;

private:
    std::vector<std::unique_ptr<RowForm>> forms_;
    QTabWidget* tabs_ = nullptr;
};

} // namespace tokenomics::ui
