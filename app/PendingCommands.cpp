// Temporary entry points until each verb lands; each says so and exits non-zero.
#include "Commands.h"

#include "MainWindow.h"

#include <QApplication>
#include <QTextStream>

namespace tokenomics::app {
namespace {
int notYet(const char* verb)
{
    QTextStream(stderr) << "tokenomics: '" << verb << "' is not available in this build\n";
    return 2;
}
} // namespace

int runImport(const QStringList&) { return notYet("import"); }
int runQuery(const QStringList&) { return notYet("query"); }
int runReport(const QStringList&) { return notYet("report"); }

int runDashboard(const QStringList&)
{
    ui::MainWindow window;
    window.show();
    return QApplication::exec();
}

} // namespace tokenomics::app
