// Renders the dashboard on a catalog (default or --db FILE) at a given size, once per chart tab,
// to PNG files for visual review, and the cost chart as exported: snapshot_dashboard OUT_PREFIX
// [WIDTH HEIGHT] [--db FILE] [--dark]
// (--dark: Fusion with a dark palette, as a dark desktop theme gives).
#include "ChartArea.h"
#include "ChartExport.h"
#include "DashboardSession.h"
#include "MainWindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QPalette>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTest>
#include <QTextStream>

int main(int argc, char* argv[]) {
    QApplication application(argc, argv);
    QStringList arguments = QCoreApplication::arguments();
    QString database;
    const qsizetype dbAt = arguments.indexOf(QStringLiteral("--db"));
    if (dbAt > 0 && dbAt + 1 < arguments.size()) {
        database = arguments[dbAt + 1];
        arguments.remove(dbAt, 2);
    }
    if (arguments.removeAll(QStringLiteral("--dark")) > 0) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2a));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::ToolTipBase, QColor(0x2a, 0x2a, 0x2a));
        dark.setColor(QPalette::ToolTipText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
        dark.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
        dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
        QApplication::setPalette(dark);
    }
    if (arguments.size() < 2) {
        QTextStream(stderr)
            << "usage: snapshot_dashboard OUT_PREFIX [WIDTH HEIGHT] [--db FILE] [--dark]\n";
        return 2;
    }
    const int width = arguments.size() > 3 ? arguments[2].toInt() : 1366;
    const int height = arguments.size() > 3 ? arguments[3].toInt() : 768;
    QString error;
    std::optional<tokenomics::Catalog> catalog = tokenomics::app::loadCatalog(database, &error);
    if (!catalog) {
        QTextStream(stderr) << error << "\n";
        return 1;
    }
    tokenomics::ui::MainWindow window(std::move(*catalog));
    window.resize(width, height);
    window.show();
    QTest::qWait(300);
    QTabWidget* tabs = window.chartArea()->tabs();
    if (qEnvironmentVariableIsSet("SNAPSHOT_DEBUG")) {
        QTextStream(stdout) << "window " << window.width() << "x" << window.height()
                            << " minimum hint " << window.minimumSizeHint().width() << " central "
                            << window.centralWidget()->minimumSizeHint().width() << "\n";
        for (QWidget* widget : window.findChildren<QWidget*>()) {
            if (widget->minimumSizeHint().width() > 250 || widget->minimumWidth() > 250)
                QTextStream(stdout)
                    << widget->metaObject()->className() << " " << widget->objectName() << " "
                    << widget->minimumSizeHint().width() << "\n";
        }
    }
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        QTest::qWait(200);
        const QString path = QStringLiteral("%1-%2.png").arg(arguments[1]).arg(tab);
        window.grab().save(path);
        QTextStream(stdout) << "wrote " << path << "\n";
    }
    // The tables below the chart: ranking, API offers, iso-interactivity.
    for (QTabWidget* tables : window.findChildren<QTabWidget*>()) {
        if (tables == tabs)
            continue;
        for (int tab = 1; tab < tables->count(); ++tab) {
            tables->setCurrentIndex(tab);
            QTest::qWait(100);
            const QString path = QStringLiteral("%1-table%2.png").arg(arguments[1]).arg(tab);
            window.grab().save(path);
            QTextStream(stdout) << "wrote " << path << "\n";
        }
    }
    // The Capacity dock, raised over the ranking.
    if (auto* capacity = window.findChild<QDockWidget*>(QStringLiteral("capacity"))) {
        capacity->raise();
        QTest::qWait(200);
        const QString path = QStringLiteral("%1-capacity.png").arg(arguments[1]);
        window.grab().save(path);
        QTextStream(stdout) << "wrote " << path << "\n";
    }
    // The cost chart as File › Export writes it (a figure with its title, scenario and sources).
    tabs->setCurrentWidget(window.chartArea()->chart(tokenomics::ui::ChartMetric::CostPerMTotal));
    QTest::qWait(100);
    const QString figure = QStringLiteral("%1-export.png").arg(arguments[1]);
    if (!tokenomics::ui::exportChart(*window.chartArea()->currentChart(), figure, &error)) {
        QTextStream(stderr) << error << "\n";
        return 1;
    }
    QTextStream(stdout) << "wrote " << figure << "\n";
    return 0;
}
