// Saved and preset views, recent catalogs and the window state between sessions.
#include "WorkflowController.h"

#include "ChartArea.h"
#include "DashboardState.h"
#include "MainWindow.h"
#include "ViewSettings.h"

#include <QDir>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace tokenomics::ui {

namespace {
constexpr int maxRecentCatalogs = 8;
const char* const recentKey = "catalog/recent";
const char* const lastCatalogKey = "catalog/last";
const char* const lastViewKey = "view/last";           // the view at the last close, as JSON
const char* const lastViewCatalogKey = "view/catalog"; // the catalog it was of

void warn(QWidget* parent, const QString& title, const QString& text) {
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
} // namespace

bool WorkflowController::saveCurrentView(const QString& name, QString* error) {
    if (name.trimmed().isEmpty()) {
        *error = tr("A view needs a name");
        return false;
    }
    return session_->saveView(
        name.trimmed(), viewToJson(captureView(*window_->state(), window_->chartArea())), error);
}

bool WorkflowController::showSavedView(const QString& name, QString* error) {
    const std::optional<std::vector<SavedView>> views = session_->loadViews(error);
    if (!views)
        return false;
    for (const auto& [viewName, json] : *views) {
        if (viewName != name)
            continue;
        ViewSettings view;
        if (!viewFromJson(json, &view, error)) {
            *error = tr("Saved view '%1': %2").arg(name, *error);
            return false;
        }
        showView(view);
        return true;
    }
    *error = tr("The catalog has no saved view '%1'").arg(name);
    return false;
}

void WorkflowController::showView(const ViewSettings& view) {
    applyView(view, *window_->state(), window_->chartArea());
    window_->rebuildControls(); // the filter lists show the view's choices
}

void WorkflowController::fillViewsMenu() {
    viewsMenu_->clear();
    QAction* save =
        viewsMenu_->addAction(tr("&Save current view…"), this, &WorkflowController::askAndSaveView);
    save->setObjectName(QStringLiteral("saveView"));
    viewsMenu_->addSection(tr("Presets"));
    for (const PresetView& preset : presetViews(window_->state()->catalog())) {
        viewsMenu_->addAction(preset.name, this,
                              [this, settings = preset.settings] { showView(settings); });
    }
    QString error;
    const std::optional<std::vector<SavedView>> views = session_->loadViews(&error);
    viewsMenu_->addSection(tr("Saved in this catalog"));
    if (!views || views->empty()) {
        viewsMenu_->addAction(views ? tr("(none yet)") : error)->setEnabled(false);
        return;
    }
    QMenu* remove = new QMenu(tr("&Delete saved view"), viewsMenu_);
    for (const auto& [name, json] : *views) {
        viewsMenu_->addAction(name, this, [this, name = name] {
            QString problem;
            if (!showSavedView(name, &problem))
                warn(window_, tr("Saved view"), problem);
        });
        remove->addAction(name, this, [this, name = name] {
            QString problem;
            if (!session_->removeView(name, &problem))
                warn(window_, tr("Delete saved view"), problem);
        });
    }
    viewsMenu_->addSeparator();
    viewsMenu_->addMenu(remove);
}

void WorkflowController::askAndSaveView() {
    bool ok = false;
    const QString name = QInputDialog::getText(
        window_, tr("Save view"), tr("Name of the view (filters, SLA, cost settings and chart):"),
        QLineEdit::Normal, window_->state()->viewTitle(), &ok);
    if (!ok)
        return;
    QString error;
    if (!saveCurrentView(name, &error))
        warn(window_, tr("Save view"), error);
    else
        window_->statusBar()->showMessage(tr("Saved view '%1' in the catalog").arg(name), 6000);
}

QStringList WorkflowController::recentCatalogs() const {
    return QSettings().value(QLatin1String(recentKey)).toStringList();
}

void WorkflowController::rememberCatalog(const QString& path) {
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentCatalogs();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > maxRecentCatalogs)
        recent.removeLast();
    QSettings settings;
    settings.setValue(QLatin1String(recentKey), recent);
    settings.setValue(QLatin1String(lastCatalogKey), absolute);
}

void WorkflowController::fillRecentMenu() {
    recentMenu_->clear();
    for (const QString& path : recentCatalogs()) {
        QAction* open = recentMenu_->addAction(QDir::toNativeSeparators(path), this,
                                               [this, path] { openCatalog(path); });
        open->setEnabled(QFileInfo::exists(path) && path != session_->path());
    }
    if (recentMenu_->isEmpty())
        recentMenu_->addAction(tr("(none yet)"))->setEnabled(false);
}

void WorkflowController::restoreWindowState() {
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        window_->restoreGeometry(geometry);
    const QByteArray state = settings.value(QStringLiteral("window/state")).toByteArray();
    if (!state.isEmpty())
        window_->restoreState(state);
}

void WorkflowController::saveWindowState() {
    if (presenting_)
        setPresentation(false); // remember the working layout, not the full-screen one
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), window_->saveGeometry());
    settings.setValue(QStringLiteral("window/state"), window_->saveState());
    settings.setValue(QLatin1String(lastViewKey),
                      viewToJson(captureView(*window_->state(), window_->chartArea())));
    settings.setValue(QLatin1String(lastViewCatalogKey),
                      QFileInfo(session_->path()).absoluteFilePath());
}

void WorkflowController::restoreLastView() {
    const QSettings settings;
    ViewSettings view;
    QString error;
    // None yet, or written by another version of the program: the default view stands.
    if (!viewFromJson(settings.value(QLatin1String(lastViewKey)).toString(), &view, &error))
        return;
    DashboardState& state = *window_->state();
    if (settings.value(QLatin1String(lastViewCatalogKey)).toString() !=
        QFileInfo(session_->path()).absoluteFilePath()) {
        // Another catalog has other names: the SLA and the cost carry over, not the filters.
        state.setCost(view.cost);
        state.setSla(view.sla);
        return;
    }
    showView(view);
    if (state.visibleSeries().empty() && !state.catalog().series.empty()) {
        // The catalog changed since (a series renamed or deleted): show what it holds.
        state.setConfigurationFilter(ConfigurationFilter{});
        state.setSeriesFilter(defaultSeriesFilter(state.catalog()));
    }
}

} // namespace tokenomics::ui
