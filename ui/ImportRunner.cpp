#include "ImportRunner.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>
#include <QWidget>

namespace tokenomics::ui {

ImportRunner::ImportRunner(CatalogSession* session, QWidget* window)
    : QObject(window)
    , session_(session)
    , window_(window) {
    poll_ = new QTimer(this);
    poll_->setInterval(100);
    connect(poll_, &QTimer::timeout, this, &ImportRunner::showProgress);
}

ImportRunner::~ImportRunner() {
    if (thread_) {
        cancel_->store(true);
        thread_->wait();
    }
}

bool ImportRunner::start(const QStringList& files, const ImportRequest& request) {
    if (thread_ || files.isEmpty())
        return false;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    bytesDone_ = std::make_shared<std::atomic<qint64>>(0);
    bytesTotal_ = std::make_shared<std::atomic<qint64>>(0);
    outcome_ = std::make_shared<ImportOutcome>();
    fileCount_ = static_cast<int>(files.size());

    progress_ = new QProgressDialog(window_);
    progress_->setWindowTitle(tr("Import results"));
    progress_->setLabelText(fileCount_ == 1
                                ? tr("Importing %1…").arg(QFileInfo(files.front()).fileName())
                                : tr("Importing %1 files…").arg(fileCount_));
    progress_->setCancelButtonText(tr("&Cancel"));
    progress_->setRange(0, 1000);
    progress_->setMinimumDuration(400); // a small file imports before the dialog would show
    progress_->setWindowModality(Qt::WindowModal);
    progress_->setAutoClose(false);
    progress_->setAutoReset(false);
    progress_->setValue(0);
    connect(progress_, &QProgressDialog::canceled, this,
            [cancel = cancel_] { cancel->store(true); });

    // The worker shares only these values and the session's thread-safe import.
    const QString catalogPath = session_->path();
    thread_ = QThread::create([session = session_, catalogPath, files, request, cancel = cancel_,
                               done = bytesDone_, total = bytesTotal_, outcome = outcome_] {
        *outcome = session->importFiles(catalogPath, files, request, [=](qint64 bytes, qint64 all) {
            done->store(bytes);
            total->store(all);
            return !cancel->load();
        });
    });
    connect(thread_, &QThread::finished, this, &ImportRunner::onThreadFinished);
    thread_->start();
    poll_->start();
    return true;
}

void ImportRunner::showProgress() {
    if (!progress_)
        return;
    if (progress_->wasCanceled())
        cancel_->store(true); // cancel() as a slot does not emit canceled()
    const qint64 total = bytesTotal_->load();
    if (bytesDone_->load() < 0 && progress_->maximum() != 0) {
        // Parsed: one transaction writes everything, all or nothing, and cannot stop half-way.
        progress_->setLabelText(tr("Writing to the catalog (all or nothing)…"));
        progress_->setRange(0, 0);
        progress_->setCancelButton(nullptr);
        return;
    }
    if (total > 0 && progress_->maximum() != 0)
        progress_->setValue(
            static_cast<int>(std::min<qint64>(999, bytesDone_->load() * 1000 / total)));
}

void ImportRunner::onThreadFinished() {
    poll_->stop();
    thread_->deleteLater();
    thread_ = nullptr;
    if (progress_) {
        progress_->hide();
        progress_->deleteLater();
        progress_ = nullptr;
    }
    const ImportOutcome outcome = *outcome_;
    // A missing identity is asked for (the controller opens the import options), not an error.
    if (!outcome.ok && !outcome.cancelled && !outcome.needsIdentity())
        showError(outcome);
    emit finished(outcome);
}

void ImportRunner::showError(const ImportOutcome& outcome) {
    QStringList lines;
    if (!outcome.file.isEmpty())
        lines << tr("<b>File:</b> %1").arg(outcome.file.toHtmlEscaped());
    if (!outcome.location.isEmpty())
        lines << tr("<b>Where:</b> %1").arg(outcome.location.toHtmlEscaped());
    if (!outcome.field.isEmpty())
        lines << tr("<b>Field:</b> %1").arg(outcome.field.toHtmlEscaped());
    lines << tr("<b>Reason:</b> %1")
                 .arg(
                     (outcome.reason.isEmpty() ? outcome.message : outcome.reason).toHtmlEscaped());
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Import failed — nothing was imported"),
                                lines.join(QStringLiteral("<br>")), QMessageBox::Ok, window_);
    box->setTextFormat(Qt::RichText);
    box->setInformativeText(
        tr("The catalog is unchanged. Fix the file (or pick its format) and import again."));
    box->setDetailedText(outcome.message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    errorDialog_ = box;
    box->open(); // not exec(): the dashboard keeps running and tests can read the dialog
}

} // namespace tokenomics::ui
