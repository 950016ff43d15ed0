// Entry point: picks the verb, creates the right kind of application object, runs it.
#include "Commands.h"

#include <QApplication>
#include <QCoreApplication>
#include <cstring>
#include <memory>

int main(int argc, char* argv[]) {
    using namespace tokenomics::app;
    const char* verb = argc > 1 ? argv[1] : "";
    const bool isImport = std::strcmp(verb, "import") == 0;
    const bool isQuery = std::strcmp(verb, "query") == 0;
    const bool isReport = std::strcmp(verb, "report") == 0;

    // The report renders widgets, so it needs a QApplication; headless when no display is set.
    if (isReport && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    std::unique_ptr<QCoreApplication> application;
    if (isImport || isQuery)
        application = std::make_unique<QCoreApplication>(argc, argv);
    else
        application = std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenomics"));
    QCoreApplication::setApplicationName(QStringLiteral("tokenomics"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENOMICS_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst(); // program name
    if (isImport || isQuery || isReport) {
        arguments.removeFirst(); // the verb
        if (isImport)
            return runImport(arguments);
        if (isQuery)
            return runQuery(arguments);
        return runReport(arguments);
    }
    return runDashboard(arguments);
}
