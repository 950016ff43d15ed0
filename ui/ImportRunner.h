#pragma once
/// Imports result files on a worker thread behind a progress dialog that can cancel; on a
/// failure a dialog names the file, the line or field and the reason (nothing is imported).

#include "CatalogSession.h"

#include <QObject>
#include <QPointer>
#include <atomic>
#include <memory>

class QMessageBox;
class QProgressDialog;
class QThread;
class QTimer;
class QWidget;

namespace tokenomics::ui {

class ImportRunner : public QObject {
    Q_OBJECT
public:
    ImportRunner(CatalogSession* session, QWidget* window);
    ~ImportRunner() override;

    /// Starts importing into the session's catalog; false when an import is already running.
    bool start(const QStringList& files, const ImportRequest& request = {});
    [[nodiscard]] bool isRunning() const { return thread_ != nullptr; }
    [[nodiscard]] QProgressDialog* progressDialog() const { return progress_; }
    /// The dialog of the last failure, while it is open.
    [[nodiscard]] QMessageBox* errorDialog() const { return errorDialog_; }

signals:
    /// The import ended (worked, failed or was cancelled); the catalog file holds the result.
    void finished(const tokenomics::ui::ImportOutcome& outcome);

private:
    void showProgress();
    void onThreadFinished();
    void showError(const ImportOutcome& outcome);

    CatalogSession* session_ = nullptr;
    QPointer<QWidget> window_;
    QThread* thread_ = nullptr;
    QProgressDialog* progress_ = nullptr;
    QTimer* poll_ = nullptr;
    QPointer<QMessageBox> errorDialog_;
    // Shared with the worker thread.
    std::shared_ptr<std::atomic<bool>> cancel_;
    std::shared_ptr<std::atomic<qint64>> bytesDone_;
    std::shared_ptr<std::atomic<qint64>> bytesTotal_;
    std::shared_ptr<ImportOutcome> outcome_;
    int fileCount_ = 0;
};

} // namespace tokenomics::ui
