#pragma once
/// Everything a person does with the dashboard beyond looking: open and recent catalogs,
/// import (menu and drag-and-drop), catalog editors with undo, exports and the clipboard,
/// presentation mode, saved and preset views, and the window state between sessions.

#include "CatalogSession.h"

#include <QDialog>
#include <QObject>
#include <QPointer>

class QAction;

class QMenu;
class QUndoStack;

namespace tokenomics::ui {

class CatalogEditorDialog;
class ImportRunner;
class MainWindow;
struct ViewSettings;

class WorkflowController : public QObject {
    Q_OBJECT
public:
    /// Replaces the window's menus with the full set and accepts dropped result files.
    /// `session` must outlive the controller.
    WorkflowController(MainWindow* window, CatalogSession* session);
    ~WorkflowController() override;

    [[nodiscard]] QUndoStack* undoStack() const { return undoStack_; }
    [[nodiscard]] ImportRunner* importRunner() const { return importRunner_; }
    /// The import options dialog while it is open.
    [[nodiscard]] QDialog* importOptionsDialog() const { return importOptions_; }
    /// The editor dialog (created on first use).
    CatalogEditorDialog* editorDialog();
    [[nodiscard]] bool inPresentation() const { return presenting_; }
    [[nodiscard]] QAction* action(const QString& objectName) const;

    /// Reads the catalog again and hands it to the dashboard; false with a message box.
    bool reloadCatalog();
    /// Switches to another catalog file; false (a message box) when it cannot be opened.
    bool openCatalog(const QString& path);
    /// Imports files in the background (the drop and the menu end here).
    bool importFiles(const QStringList& files, const ImportRequest& request = {});
    /// Asks for the format and what the files may not say, then imports; `why` heads the dialog.
    /// Asks for the import's options; after an import that lacked some, for all of them at once.
    void askImportOptions(const QStringList& files, const ImportOutcome* lacking = nullptr);
    void setPresentation(bool on);
    /// Saves the current view in the catalog under `name`; false with *error.
    bool saveCurrentView(const QString& name, QString* error);
    /// Shows the saved view `name`; false with *error when it is missing or unreadable.
    bool showSavedView(const QString& name, QString* error);
    void showView(const ViewSettings& view);
    /// Recently opened catalogs, newest first (at most 8).
    [[nodiscard]] QStringList recentCatalogs() const;

    // Exports without dialogs (the menu asks for a path first).
    bool exportChart(const QString& path, QString* error);
    bool exportRanking(const QString& path, QString* error);
    bool exportIsoTable(const QString& path, QString* error);

signals:
    /// A catalog was (re)loaded into the dashboard.
    void catalogReloaded();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildMenus();
    void fillRecentMenu();
    void fillViewsMenu();
    void rememberCatalog(const QString& path);
    void restoreWindowState();
    void saveWindowState();
    /// The filters, SLA, cost and chart of the last session on this catalog (only the SLA
    /// and the cost when it was another catalog).
    void restoreLastView();
    void chooseAndOpen();
    void chooseAndImport();
    void chooseAndExportChart();
    void chooseAndExportTable(bool iso);
    void askAndSaveView();
    void onEdited(const EditResult& result);
    void onImportFinished(const ImportOutcome& outcome);
    void restyleCharts();
    void updateTitle();

    QPointer<MainWindow> window_;
    CatalogSession* session_ = nullptr;
    QUndoStack* undoStack_ = nullptr;
    ImportRunner* importRunner_ = nullptr;
    QPointer<CatalogEditorDialog> editorDialog_;
    QPointer<QDialog> importOptions_;
    QStringList lastImportFiles_;
    ImportRequest lastImportRequest_;
    QMenu* recentMenu_ = nullptr;
    QMenu* viewsMenu_ = nullptr;
    bool presenting_ = false;
    bool wasMaximized_ = false;
    QByteArray dockStateBeforePresentation_;
    QByteArray geometryBeforePresentation_;
};

} // namespace tokenomics::ui
