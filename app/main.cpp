// Entry point: picks the verb, creates the right kind of application object, runs it.
#include "Commands.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>
#include <cstring>
#include <memory>

namespace {

bool hasDisplay() {
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

/// The dashboard's --help and --version print text: they need no window, so no display.
bool asksOnlyForText(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        for (const char* option : {"-h", "-?", "--help", "--help-all", "-v", "--version"}) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char* argv[]) {
    using namespace tokenomics::app;
    const char* verb = argc > 1 ? argv[1] : "";
    const bool isImport = std::strcmp(verb, "import") == 0;
    const bool isQuery = std::strcmp(verb, "query") == 0;
    const bool isReport = std::strcmp(verb, "report") == 0;

    // The report renders widgets, so it needs a QApplication; headless when no display is set.
    if (isReport && !hasDisplay())
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const bool isDashboard = !isImport && !isQuery && !isReport;
    const bool textOnly = isDashboard && asksOnlyForText(argc, argv);
    if (isDashboard && !textOnly && !hasDisplay()) {
        QTextStream(stderr) << "tokenomics: the dashboard needs a display, and neither DISPLAY nor "
                               "WAYLAND_DISPLAY is set.\nRun it in a desktop session, or use the "
                               "verbs that need none: import, query, report (see "
                               "'tokenomics query --help').\n";
        return 1;
    }

    std::unique_ptr<QCoreApplication> application;
    if (isImport || isQuery || textOnly)
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
