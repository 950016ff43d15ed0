#include "HelpDialogs.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace tokenomics::ui {

QDialog* showHowToRead(QWidget* parent) {
    auto* dialog = parent->findChild<QDialog*>(QStringLiteral("howToRead"));
    if (!dialog) {
        dialog = new QDialog(parent);
        dialog->setObjectName(QStringLiteral("howToRead"));
        dialog->setWindowTitle(QObject::tr("How to read this — Tokenomics"));
        auto* layout = new QVBoxLayout(dialog);
        auto* text = new QTextBrowser(dialog);
        QFile html(QStringLiteral(":/help/how-to-read.html"));
        text->setHtml(html.open(QIODevice::ReadOnly) ? QString::fromUtf8(html.readAll())
                                                     : QString());
        layout->addWidget(text);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        layout->addWidget(buttons);
        const int em = dialog->fontMetrics().horizontalAdvance(QLatin1Char('M'));
        dialog->resize(48 * em, 40 * em);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

QDialog* showAbout(QWidget* parent, const QString& catalogPath) {
    auto* box = new QMessageBox(parent);
    box->setObjectName(QStringLiteral("about"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(QObject::tr("About Tokenomics"));
    box->setIconPixmap(QIcon(QStringLiteral(":/icons/tokenomics.svg")).pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(QObject::tr("<h3>Tokenomics %1</h3><p>The economics of AI inference: goodput and "
                             "cost per million tokens under a latency SLA.</p>")
                     .arg(QStringLiteral(TOKENOMICS_VERSION)));
    box->setInformativeText(
        QObject::tr("<p>Free software under the GNU General Public License, version 3 or "
                    "later. No warranty.</p><p>Built with Qt %1, QCustomPlot %2 (GPL-3.0) and "
                    "SQLite.</p><p>Catalog: %3</p>")
            .arg(QString::fromLatin1(qVersion()), QStringLiteral(QCUSTOMPLOT_VERSION_STR),
                 catalogPath.isEmpty() ? QObject::tr("none")
                                       : QDir::toNativeSeparators(catalogPath).toHtmlEscaped()));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
    return box;
}

} // namespace tokenomics::ui
