#include "WorkflowController.h"

#include "CatalogEditorDialog.h"
#include "ChartArea.h"
#include "ChartExport.h"
#include "DashboardState.h"
#include "HelpDialogs.h"
#include "ImportOptionsDialog.h"
#include "ImportRunner.h"
#include "IsoInteractivityModel.h"
#include "MainWindow.h"
#include "PresentationStyle.h"
#include "RankingTableModel.h"
#include "SummaryStrip.h"
#include "ViewSettings.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>

namespace tokenomics::ui {

namespace {

QStringList localFiles(const QMimeData* mime) {
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files << url.toLocalFile();
    }
    return files;
}
// Non-blocking: the dashboard keeps drawing and the message stays until read.
void warn(QWidget* parent, const QString& title, const QString& text) {
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
} // namespace

WorkflowController::WorkflowController(MainWindow* window, CatalogSession* session)
    : QObject(window)
    , window_(window)
    , session_(session) {
    undoStack_ = new QUndoStack(this);
    importRunner_ = new ImportRunner(session_, window);
    connect(importRunner_, &ImportRunner::finished, this, &WorkflowController::onImportFinished);
    window->setAcceptDrops(true);
    window->installEventFilter(this);
    buildMenus();
    // Presentation sizes survive rebuilds: the charts rebuild first (connected earlier).
    DashboardState* state = window->state();
    connect(state, &DashboardState::curvesChanged, this, &WorkflowController::restyleCharts);
    connect(state, &DashboardState::seriesVisibilityChanged, this,
            &WorkflowController::restyleCharts);
    restoreWindowState();
    restoreLastView();
    rememberCatalog(session_->path());
    updateTitle();
}

WorkflowController::~WorkflowController() = default;

QAction* WorkflowController::action(const QString& objectName) const {
    return window_ ? window_->findChild<QAction*>(objectName) : nullptr;
}

void WorkflowController::buildMenus() {
    QMenuBar* bar = window_->menuBar();
    bar->clear(); // the window's own minimal menus are replaced by the full set
    auto named = [](QAction* action, const char* name) {
        action->setObjectName(QLatin1String(name));
        return action;
    };

    QMenu* file = bar->addMenu(tr("&File"));
    named(file->addAction(tr("&Open catalog…"), QKeySequence::Open, this,
                          &WorkflowController::chooseAndOpen),
          "openCatalog");
    recentMenu_ = file->addMenu(tr("Open &recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, &WorkflowController::fillRecentMenu);
    file->addSeparator();
    named(file->addAction(tr("&Import results…"), QKeySequence(Qt::CTRL | Qt::Key_I), this,
                          &WorkflowController::chooseAndImport),
          "importResults")
        ->setToolTip(tr("Canonical CSV, InferenceX, vLLM, AIPerf or GenAI-Perf results; "
                        "or drop the files on the window"));
    file->addSeparator();
    named(file->addAction(tr("&Export chart (PNG, SVG, PDF)…"), QKeySequence::Save, this,
                          &WorkflowController::chooseAndExportChart),
          "exportChart");
    named(file->addAction(tr("Export &ranking table (CSV)…"), this,
                          [this] { chooseAndExportTable(false); }),
          "exportRanking");
    named(file->addAction(tr("Export &cost-every-10-tok/s table (CSV)…"), this,
                          [this] { chooseAndExportTable(true); }),
          "exportIso");
    file->addSeparator();
    named(file->addAction(tr("&Quit"), QKeySequence::Quit, window_.data(), &QWidget::close),
          "quit");

    QMenu* edit = bar->addMenu(tr("&Edit"));
    QAction* undo = named(undoStack_->createUndoAction(this, tr("&Undo")), "undo");
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = named(undoStack_->createRedoAction(this, tr("&Redo")), "redo");
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    named(edit->addAction(tr("Copy ranking &table"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                          this,
                          [this] { copyTableToClipboard(window_->rankingModel()->exported()); }),
          "copyRanking")
        ->setToolTip(tr("The ranking, tab-separated: paste it into a spreadsheet"));
    named(edit->addAction(tr("Copy cost-every-10-tok/s table"), this,
                          [this] { copyTableToClipboard(window_->isoModel()->exported()); }),
          "copyIso");
    named(edit->addAction(tr("Copy c&hart as image"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C),
                          this,
                          [this] { copyChartToClipboard(*window_->chartArea()->currentChart()); }),
          "copyChart");
    edit->addSeparator();
    named(edit->addAction(tr("Edit &catalog (hardware, cost bases, offers, models)…"),
                          QKeySequence(Qt::CTRL | Qt::Key_E), this,
                          [this] {
                              editorDialog()->show();
                              editorDialog()->raise();
                              editorDialog()->activateWindow();
                          }),
          "editCatalog");

    QMenu* view = bar->addMenu(tr("&View"));
    QAction* presentation = named(
        view->addAction(tr("&Presentation mode"), this, [this](bool on) { setPresentation(on); }),
        "presentation");
    presentation->setCheckable(true);
    presentation->setShortcut(QKeySequence(Qt::Key_F11));
    presentation->setToolTip(tr("Full screen, large fonts and markers; F11 or Esc to leave"));
    // Shortcuts must work while the menu bar is hidden in presentation mode.
    window_->addAction(presentation);
    for (QAction* action : {undo, redo})
        window_->addAction(action);

    viewsMenu_ = bar->addMenu(tr("&Views"));
    connect(viewsMenu_, &QMenu::aboutToShow, this, &WorkflowController::fillViewsMenu);
    fillViewsMenu();

    QMenu* help = bar->addMenu(tr("&Help"));
    QAction* howToRead = named(help->addAction(tr("&How to read this"), QKeySequence::HelpContents,
                                               this, [this] { showHowToRead(window_); }),
                               "helpHowToRead");
    howToRead->setToolTip(tr("Cost convention, interpolation, the SLA and the limits of the data"));
    window_->addAction(howToRead);
    named(help->addAction(tr("&About Tokenomics"), this,
                          [this] { showAbout(window_, session_->path()); }),
          "helpAbout");
}

CatalogEditorDialog* WorkflowController::editorDialog() {
    if (!editorDialog_) {
        editorDialog_ = new CatalogEditorDialog(
            window_->state(), [this] { return &session_->editor(); }, undoStack_,
            [this](const EditResult& result) { onEdited(result); }, window_);
    }
    return editorDialog_;
}

void WorkflowController::onEdited(const EditResult& result) {
    if (!result.ok) {
        QMessageBox::warning(
            window_, tr("Catalog edit"),
            tr("The catalog refused the change: %1").arg(QString::fromStdString(result.error)));
        return;
    }
    reloadCatalog();
}

bool WorkflowController::reloadCatalog() {
    std::string error;
    std::optional<Catalog> catalog = session_->editor().reload(&error);
    if (!catalog) {
        warn(window_, tr("Reload the catalog"),
             tr("Cannot read the catalog: %1").arg(QString::fromStdString(error)));
        return false;
    }
    window_->state()->replaceCatalog(std::move(*catalog));
    emit catalogReloaded();
    return true;
}

bool WorkflowController::openCatalog(const QString& path) {
    QString error;
    // Undo commands write through the old catalog's editor: they end with it.
    undoStack_->clear();
    if (!session_->open(path, &error)) {
        warn(window_, tr("Open catalog"), error);
        return false;
    }
    if (!reloadCatalog())
        return false;
    // A new catalog has its own names: start from its richest view, keeping SLA and cost.
    window_->state()->setSeriesFilter(defaultSeriesFilter(window_->state()->catalog()));
    window_->rebuildControls();
    rememberCatalog(session_->path());
    updateTitle();
    return true;
}

bool WorkflowController::importFiles(const QStringList& files, const ImportRequest& request) {
    if (importRunner_->isRunning()) {
        window_->statusBar()->showMessage(tr("An import is already running"), 5000);
        return false;
    }
    lastImportFiles_ = files;
    lastImportRequest_ = request;
    return importRunner_->start(files, request);
}

void WorkflowController::onImportFinished(const ImportOutcome& outcome) {
    if (outcome.cancelled) {
        window_->statusBar()->showMessage(tr("Import cancelled; nothing was imported"), 8000);
        return;
    }
    if (!outcome.ok) {
        if (outcome.needsIdentity())
            askImportOptions(lastImportFiles_, &outcome);
        return; // otherwise the runner shows the dialog naming the file, line/field and reason
    }
    reloadCatalog();
    const auto count = [](qint64 number, const QString& one, const QString& many) {
        return QStringLiteral("%L1 %2").arg(number).arg(number == 1 ? one : many);
    };
    window_->statusBar()->showMessage(tr("Imported %1 in %2")
                                          .arg(count(outcome.points, tr("point"), tr("points")),
                                               count(outcome.series, tr("series"), tr("series"))),
                                      10000);
}

bool WorkflowController::eventFilter(QObject* watched, QEvent* event) {
    // qobject_cast first: while the window is being destroyed it is no longer a MainWindow,
    // and reading the QPointer would downcast it.
    if (qobject_cast<MainWindow*>(watched) != nullptr && watched == window_.data()) {
        switch (event->type()) {
        case QEvent::DragEnter: {
            auto* drag = static_cast<QDragEnterEvent*>(event);
            if (!localFiles(drag->mimeData()).isEmpty())
                drag->acceptProposedAction();
            return true;
        }
        case QEvent::Drop: {
            auto* drop = static_cast<QDropEvent*>(event);
            const QStringList files = localFiles(drop->mimeData());
            if (!files.isEmpty()) {
                drop->acceptProposedAction();
                importFiles(files);
            }
            return true;
        }
        case QEvent::Close:
            saveWindowState();
            break;
        case QEvent::KeyPress:
            if (presenting_ && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
                setPresentation(false);
                return true;
            }
            break;
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}

void WorkflowController::restyleCharts() {
    if (!presenting_ || !window_)
        return;
    for (ParetoChart* chart : window_->chartArea()->charts())
        applyPresentationStyle(*chart, true);
}

void WorkflowController::setPresentation(bool on) {
    if (on == presenting_)
        return;
    presenting_ = on;
    if (QAction* toggle = action(QStringLiteral("presentation")))
        toggle->setChecked(on);
    ChartArea* area = window_->chartArea();
    if (on) {
        wasMaximized_ = window_->isMaximized();
        dockStateBeforePresentation_ = window_->saveState();
        for (QDockWidget* dock : window_->findChildren<QDockWidget*>())
            dock->hide();
        window_->menuBar()->hide();
        window_->statusBar()->hide();
        geometryBeforePresentation_ = window_->saveGeometry();
        window_->showFullScreen();
        // Without a window manager (a bare X server, a projector kiosk) full screen is only
        // a hint: take the screen's geometry explicitly.
        if (window_->screen())
            window_->setGeometry(window_->screen()->geometry());
    } else {
        window_->menuBar()->show();
        window_->statusBar()->show();
        window_->restoreState(dockStateBeforePresentation_);
        wasMaximized_ ? window_->showMaximized() : window_->showNormal();
        window_->restoreGeometry(geometryBeforePresentation_);
    }
    // Title and summary grow with the charts; the room reads them first.
    QFont title = area->title()->font();
    title.setPointSizeF(area->font().pointSizeF() * (on ? 2.6 : 1.45));
    area->title()->setFont(title);
    QFont summary = area->summary()->font();
    summary.setPointSizeF(area->font().pointSizeF() * (on ? 1.7 : 1.0));
    area->summary()->setFont(summary);
    for (ParetoChart* chart : area->charts()) {
        if (!on)
            chart->rebuild(); // back to the screen's pens and markers
        applyPresentationStyle(*chart, on);
    }
}

void WorkflowController::updateTitle() {
    window_->setWindowTitle(tr("Tokenomics — %1").arg(QFileInfo(session_->path()).fileName()));
    window_->setWindowFilePath(session_->path());
}

void WorkflowController::chooseAndOpen() {
    const QString path = QFileDialog::getOpenFileName(
        window_, tr("Open catalog"), QFileInfo(session_->path()).absolutePath(),
        tr("Tokenomics catalogs (*.sqlite *.db *.tokenomics);;All files (*)"));
    if (!path.isEmpty())
        openCatalog(path);
}

void WorkflowController::chooseAndImport() {
    const QStringList files =
        QFileDialog::getOpenFileNames(window_, tr("Import results"), QString(),
                                      tr("Result files (*.csv *.json *.jsonl);;All files (*)"));
    if (!files.isEmpty())
        askImportOptions(files);
}

void WorkflowController::askImportOptions(const QStringList& files, const ImportOutcome* lacking) {
    auto* dialog = new ImportOptionsDialog(files, window_->state()->catalog(), window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (lacking) {
        dialog->setRequest(lastImportRequest_);
        dialog->markMissing(lacking->missingOptions, lacking->fileSays, files.size() == 1);
        QStringList labels;
        for (const QString& option : lacking->missingOptions) {
            QString label = dialog->labelOf(option);
            if (label.size() < 2 || !label.at(1).isUpper()) // "GPUs" stays as it is
                label[0] = label.at(0).toLower();
            labels << label;
        }
        dialog->setExplanation(tr("%1 does not say its %2: fill %3 in below.")
                                   .arg(QFileInfo(lacking->file).fileName(),
                                        QLocale().createSeparatedList(labels),
                                        labels.size() == 1 ? tr("it") : tr("them")));
    }
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, files] { importFiles(files, dialog->request()); });
    importOptions_ = dialog;
    dialog->open();
}

bool WorkflowController::exportChart(const QString& path, QString* error) {
    return ui::exportChart(*window_->chartArea()->currentChart(), path, error);
}

bool WorkflowController::exportRanking(const QString& path, QString* error) {
    return exportTableCsv(window_->rankingModel()->exported(), path, error);
}

bool WorkflowController::exportIsoTable(const QString& path, QString* error) {
    return exportTableCsv(window_->isoModel()->exported(), path, error);
}

void WorkflowController::chooseAndExportChart() {
    const QString path = QFileDialog::getSaveFileName(
        window_, tr("Export chart"), QStringLiteral("tokenomics-chart.png"),
        tr("PNG image, 3840×2160 (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportChart(path, &error))
        warn(window_, tr("Export chart"), error);
    else
        window_->statusBar()->showMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(path)), 6000);
}

void WorkflowController::chooseAndExportTable(bool iso) {
    const QString path = QFileDialog::getSaveFileName(
        window_, iso ? tr("Export cost every 10 tok/s/user") : tr("Export ranking"),
        iso ? QStringLiteral("tokenomics-cost-by-interactivity.csv")
            : QStringLiteral("tokenomics-ranking.csv"),
        tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!(iso ? exportIsoTable(path, &error) : exportRanking(path, &error)))
        warn(window_, tr("Export table"), error);
    else
        window_->statusBar()->showMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(path)), 6000);
}

} // namespace tokenomics::ui
