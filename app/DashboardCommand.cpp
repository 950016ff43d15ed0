// `tokenomics [--db FILE]`: opens the catalog and hands it to the dashboard window.
#include "CatalogFileSession.h"
#include "Commands.h"

#include "MainWindow.h"
#include "WorkflowController.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
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

    if (parser.isSet(QStringLiteral("db")) &&
        parser.value(QStringLiteral("db")).trimmed().isEmpty()) {
        QTextStream(stderr) << "tokenomics: --db: needs a file name\n";
        return 2;
    }
    // Without --db, the catalog used last time (when it still exists), else the default one.
    QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty()) {
        const QString last = QSettings().value(QStringLiteral("catalog/last")).toString();
        if (!last.isEmpty() && QFileInfo::exists(last))
            path = last;
    }
    QString error;
    std::unique_ptr<CatalogFileSession> session = CatalogFileSession::openFile(path, &error);
    std::optional<Catalog> catalog;
    if (session) {
        std::string reason;
        catalog = session->editor().reload(&reason);
        error = QString::fromStdString(reason);
    }
    if (!catalog) {
        const QString file = path.isEmpty() ? QObject::tr("the default catalog") : path;
        QTextStream(stderr) << "tokenomics: cannot open " << file << ": " << error << "\n";
        QMessageBox::critical(nullptr, QObject::tr("Tokenomics — cannot open the catalog"),
                              QObject::tr("Cannot open %1.\n\n%2").arg(file, error));
        return 1;
    }
    ui::MainWindow window(std::move(*catalog));
    ui::WorkflowController workflows(&window, session.get());
    window.show();
    return QApplication::exec();
}

} // namespace tokenomics::app
