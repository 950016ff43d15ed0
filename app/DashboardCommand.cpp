// `tokenomics [--db FILE]`: opens the catalog and hands it to the dashboard window.
#include "Commands.h"
#include "DashboardSession.h"

#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTextStream>

namespace tokenomics::app {

int runDashboard(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Opens the dashboard on the default catalog, or on --db FILE."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("db"), QStringLiteral("Catalog file to open."), QStringLiteral("FILE")});
    if (!parser.parse(QStringList{QStringLiteral("tokenomics")} + arguments)) {
        QTextStream(stderr) << "tokenomics: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "tokenomics " << QCoreApplication::applicationVersion() << "\n";
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        QTextStream(stderr) << "tokenomics: unknown verb or argument '"
                            << parser.positionalArguments().front()
                            << "' (verbs: import, query, report)\n";
        return 2;
    }

    const QString path = parser.value(QStringLiteral("db"));
    QString error;
    std::optional<Catalog> catalog = loadCatalog(path, &error);
    if (!catalog) {
        const QString file = path.isEmpty() ? QObject::tr("the default catalog") : path;
        QTextStream(stderr) << "tokenomics: cannot open " << file << ": " << error << "\n";
        QMessageBox::critical(nullptr, QObject::tr("Tokenomics — cannot open the catalog"),
                              QObject::tr("Cannot open %1.\n\n%2").arg(file, error));
        return 1;
    }
    ui::MainWindow window(std::move(*catalog));
    window.show();
    return QApplication::exec();
}

} // namespace tokenomics::app
