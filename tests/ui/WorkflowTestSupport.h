#pragma once
/// The dashboard with its workflows on a real catalog file holding the hand-made test catalog,
/// and the helpers the workflow tests share (typing, dropping files, reading the file back).

#include "CatalogFileSession.h"
#include "MainWindow.h"
#include "WorkflowController.h"

#include <QTemporaryDir>
#include <memory>
#include <optional>

class QListWidget;

namespace tokenomics::testing {

/// $ per 1M tokens = $/h × 1e6 / (tok/s × 3600), written out for the hand checks.
double costPerM(double usdPerHour, double tokensPerSecond);
/// Replaces the text of a line edit by typing, as a person would.
void typeInto(QWidget* input, const QString& text);
/// The first row whose text starts with `prefix`; -1 when none.
int rowStartingWith(QListWidget* list, const QString& prefix);
/// Drags the file over `target` and drops it there (file URL, copy action).
void dropFile(QWidget* target, const QString& file);
/// Series in the catalog file, read through a connection of its own.
std::size_t seriesInFile(const QString& path);

/// A temporary catalog file with uiTestCatalog() in it, its session, the window and controller.
struct WorkflowFixture {
    std::optional<QTemporaryDir> dir;
    QString path;
    std::unique_ptr<app::CatalogFileSession> session;
    std::unique_ptr<ui::MainWindow> window;
    ui::WorkflowController* controller = nullptr;

    /// Builds it all, shows the window at 1366×768 with a 10 tok/s/user SLA; false on failure.
    bool setUp();
    void tearDown();
};

/// Points QSettings at a temporary folder so tests never touch the user's settings.
void isolateSettings(const QString& folder);

} // namespace tokenomics::testing
