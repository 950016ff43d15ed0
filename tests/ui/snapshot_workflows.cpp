// Walks through the dashboard's workflows on a copy of a catalog and saves a screenshot of the
// whole screen after each step, for visual review under a real X server (not a test):
// snapshot_workflows OUT_PREFIX [WIDTH HEIGHT] [--db FILE] [--dark]
#include "CatalogEditorDialog.h"
#include "CatalogFileSession.h"
#include "ChartArea.h"
#include "DashboardState.h"
#include "ImportRunner.h"
#include "MainWindow.h"
#include "ViewSettings.h"
#include "WorkflowController.h"

#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPalette>
#include <QProgressDialog>
#include <QScreen>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace tokenomics;

namespace {
QString prefix;
int shot = 0;

void snap(const QString& name) {
    QTest::qWait(400);
    const QString path =
        QStringLiteral("%1-%2-%3.png").arg(prefix).arg(++shot, 2, 10, QLatin1Char('0')).arg(name);
    QGuiApplication::primaryScreen()->grabWindow(0).save(path);
    QTextStream(stdout) << "wrote " << path << "\n";
}

void type(QWidget* input, const QString& text) {
    auto* line = qobject_cast<QLineEdit*>(input);
    if (!line)
        return;
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClicks(line, text);
}

QPalette darkPalette() {
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(45, 45, 48));
    palette.setColor(QPalette::WindowText, QColor(230, 230, 230));
    palette.setColor(QPalette::Base, QColor(30, 30, 32));
    palette.setColor(QPalette::AlternateBase, QColor(50, 50, 54));
    palette.setColor(QPalette::Text, QColor(230, 230, 230));
    palette.setColor(QPalette::Button, QColor(55, 55, 58));
    palette.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    palette.setColor(QPalette::Highlight, QColor(42, 130, 218));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
    palette.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
    palette.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(130, 130, 130));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(130, 130, 130));
    return palette;
}
} // namespace

int main(int argc, char* argv[]) {
    QApplication application(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TokenomicsSnapshot"));
    QStringList arguments = QCoreApplication::arguments();
    QString database;
    const qsizetype dbAt = arguments.indexOf(QStringLiteral("--db"));
    if (dbAt > 0 && dbAt + 1 < arguments.size()) {
        database = arguments[dbAt + 1];
        arguments.remove(dbAt, 2);
    }
    if (arguments.removeAll(QStringLiteral("--dark")) > 0) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
    }
    if (arguments.size() < 2) {
        QTextStream(stderr)
            << "usage: snapshot_workflows OUT_PREFIX [WIDTH HEIGHT] [--db FILE] [--dark]\n";
        return 2;
    }
    prefix = arguments[1];
    const int width = arguments.size() > 3 ? arguments[2].toInt() : 1366;
    const int height = arguments.size() > 3 ? arguments[3].toInt() : 768;

    // Work on a copy: the walk-through edits and imports.
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("catalog.sqlite"));
    QString error;
    {
        auto original = app::CatalogFileSession::openFile(database, &error);
        if (!original) {
            QTextStream(stderr) << error << "\n";
            return 1;
        }
        QFile::copy(original->path(), copy);
    }
    auto session = app::CatalogFileSession::openFile(copy, &error);
    std::string reason;
    std::optional<Catalog> catalog = session ? session->editor().reload(&reason) : std::nullopt;
    if (!catalog) {
        QTextStream(stderr) << error << QString::fromStdString(reason) << "\n";
        return 1;
    }
    ui::MainWindow window(std::move(*catalog));
    ui::WorkflowController controller(&window, session.get());
    window.resize(width, height);
    window.move(0, 0);
    window.show();
    QTest::qWait(500);
    snap(QStringLiteral("dashboard"));

    // Views menu with presets, then the chat preset on the cost chart.
    QMenu* views = nullptr;
    for (QAction* action : window.menuBar()->actions()) {
        if (action->text().contains(QStringLiteral("Views")))
            views = action->menu();
    }
    if (views) {
        views->popup(window.mapToGlobal(QPoint(200, 25)));
        snap(QStringLiteral("views-menu"));
        views->hide();
    }
    const auto presets = ui::presetViews(window.state()->catalog());
    controller.showView(presets[0].settings);
    snap(QStringLiteral("preset-chat"));
    controller.showView(presets[1].settings);
    snap(QStringLiteral("preset-reasoning"));

    // The editors: hardware, then a cost basis with bad and then good ownership inputs.
    ui::CatalogEditorDialog* editor = controller.editorDialog();
    editor->show();
    editor->move(120, 60);
    snap(QStringLiteral("editor-hardware"));
    editor->tabs()->setCurrentIndex(1);
    ui::RowEditorPage* bases = editor->page(1);
    bases->rows()->setCurrentRow(0);
    type(bases->input(QStringLiteral("Capex ($ per GPU)")), QStringLiteral("38000"));
    type(bases->input(QStringLiteral("Life (years)")), QStringLiteral("5"));
    type(bases->input(QStringLiteral("Cost of capital (per year)")), QStringLiteral("0.12"));
    type(bases->input(QStringLiteral("Opex ($ per GPU-year)")), QStringLiteral("1500"));
    type(bases->input(QStringLiteral("Availability (0–1]")), QStringLiteral("1.3"));
    type(bases->input(QStringLiteral("All-in kW per GPU (ownership)")), QStringLiteral("2.1"));
    type(bases->input(QStringLiteral("PUE")), QStringLiteral("0.9"));
    type(bases->input(QStringLiteral("$ per kWh")), QStringLiteral("0.09"));
    snap(QStringLiteral("editor-cost-invalid"));
    type(bases->input(QStringLiteral("Availability (0–1]")), QStringLiteral("0.95"));
    type(bases->input(QStringLiteral("PUE")), QStringLiteral("1.25"));
    type(bases->input(QStringLiteral("Direct $/GPU-hour")), QString());
    snap(QStringLiteral("editor-cost-valid"));
    QTest::mouseClick(bases->saveButton(), Qt::LeftButton);
    snap(QStringLiteral("editor-saved"));
    editor->tabs()->setCurrentIndex(2);
    snap(QStringLiteral("editor-offers"));
    editor->tabs()->setCurrentIndex(3);
    snap(QStringLiteral("editor-models"));
    editor->hide();
    controller.undoStack()->undo();
    snap(QStringLiteral("after-undo"));

    // A bad file dropped on the window.
    const QString bad = dir.filePath(QStringLiteral("vllm_results.csv"));
    QFile file(bad);
    file.open(QIODevice::WriteOnly);
    file.write(
        "model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,interactivity_p50\n"
        "Llama 3.3 70B,H100,vllm,fp8,1024,1024,8,2000,90\n"
        "Llama 3.3 70B,H100,vllm,fp8,1024,1024,16,n/a,60\n");
    file.close();
    controller.importFiles({bad});
    QTest::qWait(800);
    snap(QStringLiteral("import-error"));
    if (QMessageBox* box = controller.importRunner()->errorDialog())
        box->accept();

    // A vLLM result names no hardware: the options dialog asks for it.
    const QString vllm =
        QStringLiteral(TOKENOMICS_TESTS_SOURCE_DIR "/data/examples/vllm_llama70b_c8.json");
    controller.importFiles({vllm});
    QTest::qWait(800);
    snap(QStringLiteral("import-options"));
    if (QDialog* options = controller.importOptionsDialog())
        options->reject();

    // The File and Edit menus.
    for (QAction* action : window.menuBar()->actions()) {
        if (!action->menu() || action->text().contains(QStringLiteral("View")))
            continue;
        action->menu()->popup(window.mapToGlobal(
            window.menuBar()->actionGeometry(action).bottomLeft() + QPoint(0, 20)));
        snap(QStringLiteral("menu-%1").arg(action->text().remove(QLatin1Char('&'))));
        action->menu()->hide();
    }

    // A long file: the progress dialog, then Cancel.
    const QString big = dir.filePath(QStringLiteral("sweep.csv"));
    QFile sweep(big);
    sweep.open(QIODevice::WriteOnly);
    sweep.write(
        "model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,interactivity_p50\n");
    for (int row = 0; row < 600000; ++row)
        sweep.write(QStringLiteral("Llama 3.3 70B,H100 SXM,sweep,fp8,1024,1024,%1,%2,%3\n")
                        .arg(row + 1)
                        .arg(100000.0 / (row + 1))
                        .arg(5 + row % 200)
                        .toUtf8());
    sweep.close();
    controller.importFiles({big});
    QTest::qWait(600);
    if (QProgressDialog* progress = controller.importRunner()->progressDialog())
        emit progress->canceled(); // as the Cancel button does
    for (int wait = 0; wait < 300 && controller.importRunner()->isRunning(); ++wait)
        QTest::qWait(100);
    snap(QStringLiteral("import-cancelled"));
    controller.importFiles({big});
    QTest::qWait(500);
    snap(QStringLiteral("import-progress"));
    for (int wait = 0; wait < 20 && controller.importRunner()->isRunning(); ++wait)
        QTest::qWait(100);
    snap(QStringLiteral("import-writing"));
    for (int wait = 0; wait < 600 && controller.importRunner()->isRunning(); ++wait)
        QTest::qWait(100);
    snap(QStringLiteral("import-done"));

    // Presentation mode on the cost chart.
    window.chartArea()->tabs()->setCurrentIndex(1);
    controller.setPresentation(true);
    QTest::qWait(600);
    snap(QStringLiteral("presentation-cost"));
    window.chartArea()->tabs()->setCurrentIndex(0);
    snap(QStringLiteral("presentation-throughput"));
    controller.setPresentation(false);
    QTest::qWait(600);
    snap(QStringLiteral("after-presentation"));
    return 0;
}
