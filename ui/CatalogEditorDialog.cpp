#include "CatalogEditorDialog.h"

#include "DashboardState.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace tokenomics::ui {

RowEditorPage::RowEditorPage(const RowForm& form, DashboardState* state,
                             std::function<CatalogEditor*()> editor, QUndoStack* undoStack,
                             EditNotifier notify, QWidget* parent)
    : QWidget(parent)
    , form_(form)
    , state_(state)
    , editor_(std::move(editor))
    , undoStack_(undoStack)
    , notify_(std::move(notify)) {
    auto* layout = new QHBoxLayout(this);

    auto* left = new QVBoxLayout;
    rows_ = new QListWidget(this);
    rows_->setMinimumWidth(220);
    left->addWidget(rows_, 1);
    auto* listButtons = new QHBoxLayout;
    new_ = new QPushButton(tr("&New"), this);
    new_->setToolTip(tr("Start a new row; Save adds it to the catalog"));
    delete_ = new QPushButton(tr("&Delete"), this);
    delete_->setToolTip(tr("Remove the selected row from the catalog (Ctrl+Z brings it back)"));
    listButtons->addWidget(new_);
    listButtons->addWidget(delete_);
    left->addLayout(listButtons);
    layout->addLayout(left, 2);

    auto* right = new QVBoxLayout;
    auto* formWidget = new QWidget(this);
    auto* formLayout = new QFormLayout(formWidget);
    formLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const FormField& field : form_.fields()) {
        QWidget* input = nullptr;
        if (field.kind == FormField::Kind::Flag) {
            auto* box = new QCheckBox(formWidget);
            connect(box, &QCheckBox::toggled, this, &RowEditorPage::recheck);
            input = box;
        } else {
            auto* line = new QLineEdit(formWidget);
            if (field.kind == FormField::Kind::Number) {
                line->setAlignment(Qt::AlignRight);
                line->setPlaceholderText(tr("unknown"));
            }
            connect(line, &QLineEdit::textEdited, this, &RowEditorPage::recheck);
            input = line;
        }
        input->setObjectName(field.label);
        input->setToolTip(field.tooltip);
        formLayout->addRow(field.label, input);
        inputs_.push_back(input);
    }
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(formWidget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    right->addWidget(scroll, 1);
    preview_ = new QLabel(this);
    preview_->setWordWrap(true);
    preview_->setTextFormat(Qt::RichText);
    right->addWidget(preview_);
    problems_ = new QLabel(this);
    problems_->setWordWrap(true);
    problems_->setObjectName(QStringLiteral("problems"));
    problems_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    right->addWidget(problems_);
    auto* formButtons = new QHBoxLayout;
    formButtons->addStretch(1);
    revert_ = new QPushButton(tr("&Revert"), this);
    revert_->setToolTip(tr("Show the row as the catalog has it"));
    save_ = new QPushButton(tr("&Save"), this);
    save_->setDefault(true);
    save_->setToolTip(tr("Write the row to the catalog; the charts follow (Ctrl+Z undoes)"));
    formButtons->addWidget(revert_);
    formButtons->addWidget(save_);
    right->addLayout(formButtons);
    layout->addLayout(right, 3);

    connect(rows_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!filling_)
            showRow(row);
    });
    connect(new_, &QPushButton::clicked, this, [this] {
        rows_->setCurrentRow(-1);
        showRow(-1);
        if (!inputs_.empty())
            inputs_.front()->setFocus();
    });
    connect(delete_, &QPushButton::clicked, this, &RowEditorPage::deleteRow);
    connect(revert_, &QPushButton::clicked, this, [this] { showRow(shownRow_); });
    connect(save_, &QPushButton::clicked, this, &RowEditorPage::saveRow);
    connect(state_, &DashboardState::curvesChanged, this, &RowEditorPage::refresh);
    refresh();
    showRow(rows_->count() > 0 ? 0 : -1);
    if (rows_->count() > 0)
        rows_->setCurrentRow(0);
}

QWidget* RowEditorPage::input(const QString& label) const {
    for (QWidget* widget : inputs_) {
        if (widget->objectName() == label)
            return widget;
    }
    return nullptr;
}

void RowEditorPage::refresh() {
    if (!state_)
        return;
    const QString selected = rows_->currentItem() ? rows_->currentItem()->text() : QString();
    filling_ = true;
    rows_->clear();
    const Catalog& catalog = state_->catalog();
    for (int row = 0; row < form_.rowCount(catalog); ++row)
        rows_->addItem(form_.rowLabel(catalog, row));
    const QList<QListWidgetItem*> again = rows_->findItems(selected, Qt::MatchExactly);
    filling_ = false;
    if (!selected.isEmpty() && !again.isEmpty()) {
        filling_ = true;
        rows_->setCurrentItem(again.front());
        filling_ = false;
        shownRow_ = rows_->currentRow();
    } else if (shownRow_ >= rows_->count()) {
        showRow(-1);
    }
    delete_->setEnabled(rows_->currentRow() >= 0);
}

QStringList RowEditorPage::currentTexts() const {
    QStringList texts;
    for (QWidget* input : inputs_) {
        if (auto* box = qobject_cast<QCheckBox*>(input))
            texts << (box->isChecked() ? QStringLiteral("1") : QString());
        else
            texts << static_cast<QLineEdit*>(input)->text();
    }
    return texts;
}

void RowEditorPage::showRow(int row) {
    if (!state_)
        return;
    shownRow_ = row;
    const QStringList texts = form_.texts(state_->catalog(), row);
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
        const QString text = texts.value(static_cast<qsizetype>(i));
        if (auto* box = qobject_cast<QCheckBox*>(inputs_[i])) {
            const QSignalBlocker blocker(box);
            box->setChecked(text == QLatin1String("1"));
        } else {
            static_cast<QLineEdit*>(inputs_[i])->setText(text);
        }
    }
    delete_->setEnabled(row >= 0);
    save_->setText(row >= 0 ? tr("&Save") : tr("&Add"));
    recheck();
}

void RowEditorPage::recheck() {
    const QStringList texts = currentTexts();
    const std::vector<FieldProblem> problems = form_.check(texts);
    for (QWidget* input : inputs_) {
        bool bad = false;
        for (const FieldProblem& problem : problems)
            bad = bad || input->objectName().toStdString() == problem.field ||
                  input->objectName().startsWith(QString::fromStdString(problem.field),
                                                 Qt::CaseInsensitive);
        // A red frame marks the field; the message below says why.
        input->setStyleSheet(bad && qobject_cast<QLineEdit*>(input)
                                 ? QStringLiteral("QLineEdit { border: 2px solid #d9534f; }")
                                 : QString());
    }
    QStringList lines;
    for (const FieldProblem& problem : problems)
        lines << QStringLiteral("• %1").arg(QString::fromStdString(problem.message()));
    problems_->setText(lines.join(QLatin1Char('\n')));
    problems_->setStyleSheet(QStringLiteral("color: #d9534f"));
    preview_->setText(form_.preview(texts));
    save_->setEnabled(problems.empty());
}

void RowEditorPage::afterEdit(QUndoCommand* command, const EditResult& result,
                              const QString& label) {
    if (!command) {
        problems_->setStyleSheet(QStringLiteral("color: #d9534f"));
        problems_->setText(tr("Not saved: %1").arg(QString::fromStdString(result.error)));
        return;
    }
    undoStack_->push(command);
    const QList<QListWidgetItem*> items = rows_->findItems(label, Qt::MatchExactly);
    if (!items.isEmpty()) {
        rows_->setCurrentItem(items.front());
        showRow(rows_->currentRow());
    }
}

void RowEditorPage::saveRow() {
    CatalogEditor* editor = editor_();
    if (!state_ || !editor)
        return;
    EditResult result;
    const QStringList texts = currentTexts();
    QUndoCommand* command =
        form_.save(*editor, state_->catalog(), shownRow_, texts, notify_, &result);
    // The saved row's label in the reloaded catalog, found by its new id.
    QString label;
    if (command) {
        const int row = form_.rowOfId(state_->catalog(), result.catalogId);
        if (row >= 0)
            label = form_.rowLabel(state_->catalog(), row);
    }
    afterEdit(command, result, label);
}

void RowEditorPage::deleteRow() {
    CatalogEditor* editor = editor_();
    if (!state_ || !editor || shownRow_ < 0)
        return;
    EditResult result;
    QUndoCommand* command = form_.remove(*editor, state_->catalog(), shownRow_, notify_, &result);
    afterEdit(command, result, QString());
    if (command)
        showRow(rows_->count() > 0 ? std::min(shownRow_, rows_->count() - 1) : -1);
}

CatalogEditorDialog::CatalogEditorDialog(DashboardState* state,
                                         std::function<CatalogEditor*()> editor,
                                         QUndoStack* undoStack, EditNotifier notify,
                                         QWidget* parent)
    : QDialog(parent)
    , forms_(catalogRowForms()) {
    setWindowTitle(tr("Edit the catalog"));
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("Changes are written to the catalog as you save them and the charts follow. "
                      "Ctrl+Z undoes, Ctrl+Shift+Z redoes."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    tabs_ = new QTabWidget(this);
    for (const std::unique_ptr<RowForm>& form : forms_)
        tabs_->addTab(new RowEditorPage(*form, state, editor, undoStack, notify, tabs_),
                      form->title());
    layout->addWidget(tabs_, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* undo = buttons->addButton(tr("&Undo"), QDialogButtonBox::ActionRole);
    auto* redo = buttons->addButton(tr("Re&do"), QDialogButtonBox::ActionRole);
    undo->setEnabled(undoStack->canUndo());
    redo->setEnabled(undoStack->canRedo());
    connect(undo, &QPushButton::clicked, undoStack, &QUndoStack::undo);
    connect(redo, &QPushButton::clicked, undoStack, &QUndoStack::redo);
    connect(undoStack, &QUndoStack::canUndoChanged, undo, &QPushButton::setEnabled);
    connect(undoStack, &QUndoStack::canRedoChanged, redo, &QPushButton::setEnabled);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // The same shortcuts as the main window, while the dialog has the focus.
    QAction* undoAction = undoStack->createUndoAction(this);
    undoAction->setShortcut(QKeySequence::Undo);
    QAction* redoAction = undoStack->createRedoAction(this);
    redoAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    addAction(undoAction);
    addAction(redoAction);
    resize(960, 640);
}

CatalogEditorDialog::~CatalogEditorDialog() = default;

RowEditorPage* CatalogEditorDialog::page(int index) const {
    return qobject_cast<RowEditorPage*>(tabs_->widget(index));
}

} // namespace tokenomics::ui
