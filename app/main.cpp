// Entry point: picks the verb, creates the right kind of application object, runs it.
#include "Commands.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <unistd.h>

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

/// Said when memory runs out, with no allocation: the heap is what failed.
[[noreturn]] void sayOutOfMemoryAndExit() {
    static const char message[] =
        "tokenomics: out of memory: the system refused this process more memory.\n"
        "An import that had not finished is not written: the catalog is as it was.\n"
        "Close other programs, or import fewer or smaller files at a time.\n";
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, message, sizeof message - 1);
    std::_Exit(1);
}

/// Where an exception nothing caught ends (one thrown through the event loop, say).
[[noreturn]] void onUncaughtException() {
    try {
        if (const std::exception_ptr exception = std::current_exception())
            std::rethrow_exception(exception);
    } catch (const std::bad_alloc&) {
        sayOutOfMemoryAndExit();
    } catch (...) {
    }
    std::abort();
}

int run(int argc, char* argv[]) {
    using namespace tokenomics::app;
    const char* verb = argc > 1 ? argv[1] : "";
    const bool isImport = std::strcmp(verb, "import") == 0;
    const bool isQuery = std::strcmp(verb, "query") == 0;
    const bool isReport = std::strcmp(verb, "report") == 0;
    const bool isPlan = std::strcmp(verb, "plan") == 0;

    // The report renders widgets, so it needs a QApplication; headless when no display is set.
    if (isReport && !hasDisplay())
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const bool isDashboard = !isImport && !isQuery && !isReport && !isPlan;
    const bool textOnly = isDashboard && asksOnlyForText(argc, argv);
    if (isDashboard && !textOnly && !hasDisplay()) {
        QTextStream(stderr) << "tokenomics: the dashboard needs a display, and neither DISPLAY nor "
                               "WAYLAND_DISPLAY is set.\nRun it in a desktop session, or use the "
                               "verbs that need none: import, query, plan, report (see "
                               "'tokenomics query --help').\n";
        return 1;
    }

    std::unique_ptr<QCoreApplication> application;
    if (isImport || isQuery || isPlan || textOnly)
        application = std::make_unique<QCoreApplication>(argc, argv);
    else
        application = std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenomics"));
    QCoreApplication::setApplicationName(QStringLiteral("tokenomics"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENOMICS_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst(); // program name
    if (isImport || isQuery || isReport || isPlan) {
        arguments.removeFirst(); // the verb
        if (isImport)
            return runImport(arguments);
        if (isQuery)
            return runQuery(arguments);
        if (isPlan)
            return runPlan(arguments);
        return runReport(arguments);
    }
    return runDashboard(arguments);
}

} // namespace

int main(int argc, char* argv[]) {
    std::set_terminate(onUncaughtException);
    try {
        return run(argc, argv);
    } catch (const std::bad_alloc&) {
        // Unwound: open transactions have rolled back and files are closed.
        sayOutOfMemoryAndExit();
    }
}
