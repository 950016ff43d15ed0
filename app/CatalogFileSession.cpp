#include "CatalogFileSession.h"

#include "CatalogEditorStore.h"
#include "CatalogStore.h"
#include "ImportTypes.h"
#include "importers/CatalogImport.h"
#include "importers/ResultImporter.h"

namespace tokenomics::app {

namespace {

std::unique_ptr<data::CatalogEditorStore> openStore(const QString& path, QString* error) {
    data::CatalogError catalogError;
    std::unique_ptr<data::CatalogEditorStore> store =
        path.isEmpty() ? data::CatalogEditorStore::openDefault(&catalogError)
                       : data::CatalogEditorStore::open(path, &catalogError);
    if (!store && error)
        *error = catalogError.message;
    return store;
}

} // namespace

std::unique_ptr<CatalogFileSession> CatalogFileSession::openFile(const QString& path,
                                                                 QString* error) {
    std::unique_ptr<CatalogFileSession> session(new CatalogFileSession);
    session->store_ = openStore(path, error);
    return session->store_ ? std::move(session) : nullptr;
}

CatalogFileSession::~CatalogFileSession() = default;

QString CatalogFileSession::path() const {
    return store_->path();
}

bool CatalogFileSession::open(const QString& path, QString* error) {
    std::unique_ptr<data::CatalogEditorStore> store = openStore(path, error);
    if (!store)
        return false; // the open catalog stays open
    store_ = std::move(store);
    return true;
}

CatalogEditor& CatalogFileSession::editor() {
    return *store_;
}

bool CatalogFileSession::saveView(const QString& name, const QString& settingsJson,
                                  QString* error) {
    data::CatalogError catalogError;
    const bool ok = store_->store().saveView(name, settingsJson, &catalogError);
    if (!ok)
        *error = catalogError.message;
    return ok;
}

std::optional<std::vector<ui::SavedView>> CatalogFileSession::loadViews(QString* error) {
    data::CatalogError catalogError;
    auto views = store_->store().loadViews(&catalogError);
    if (!views)
        *error = catalogError.message;
    return views;
}

bool CatalogFileSession::removeView(const QString& name, QString* error) {
    data::CatalogError catalogError;
    const bool ok = store_->store().removeView(name, &catalogError);
    if (!ok)
        *error = catalogError.message;
    return ok;
}

ui::ImportOutcome
CatalogFileSession::importFiles(const QString& catalogPath, const QStringList& files,
                                const ui::ImportRequest& request,
                                const std::function<bool(qint64, qint64)>& progress) {
    // Runs on a worker thread: touches nothing of this object, opens its own connection.
    ui::ImportOutcome outcome;
    bool formatKnown = false;
    const data::ImportFormat format = data::formatFromName(request.format, &formatKnown);
    if (!formatKnown) {
        outcome.field = QStringLiteral("format");
        outcome.reason = QStringLiteral("'%1' is not one of auto, csv, inferencex, vllm, aiperf, "
                                        "genai-perf")
                             .arg(request.format);
        outcome.message = outcome.reason;
        return outcome;
    }
    const auto text = [](const QString& value) -> std::optional<std::string> {
        if (value.trimmed().isEmpty())
            return std::nullopt;
        return value.trimmed().toStdString();
    };
    data::ImportDefaults defaults;
    defaults.model = text(request.model);
    defaults.hardware = text(request.hardware);
    defaults.engine = text(request.engine);
    defaults.precision = text(request.precision);
    defaults.run = text(request.run);
    defaults.config = text(request.config);
    defaults.gpus = request.gpus;
    defaults.isl = request.isl;
    defaults.osl = request.osl;
    defaults.specDecoding = text(request.specDecoding);
    // The dialog's fields take what the command line takes, and fail the same way.
    const auto refuse = [&outcome](const QString& field, const QString& reason) {
        outcome.field = field;
        outcome.reason = reason;
        outcome.message = QStringLiteral("%1: %2").arg(field, reason);
        return outcome;
    };
    if (request.prefillGpus.has_value() != request.decodeGpus.has_value())
        return refuse(QStringLiteral("prefill-gpus"),
                      QStringLiteral("prefill and decode GPUs go together"));
    defaults.prefillGpus = request.prefillGpus;
    defaults.decodeGpus = request.decodeGpus;
    QString reason;
    if (!request.load.trimmed().isEmpty()) {
        data::LoadLevel load;
        if (!data::parseLoadLevel(request.load, load, &reason))
            return refuse(QStringLiteral("load"), reason);
        defaults.load = load;
    }
    for (const QString& entry : request.columnMap) {
        if (!entry.trimmed().isEmpty() &&
            !data::parseColumnMapping(entry, defaults.columnMap, &reason))
            return refuse(QStringLiteral("map"), reason);
    }
    // Streamed: points are written as they are parsed, inside one transaction, so memory stays
    // flat. progress runs on the importer's parsing thread (the caller's only stores atomics).
    // Once every byte is parsed, (-1, -1) announces the commit: the last chance to cancel.
    bool parsed = false; // parsing thread only
    const auto streamed = [&progress, &parsed](qint64 bytesDone, qint64 bytesTotal) {
        if (!progress)
            return true;
        if (!parsed) {
            if (!progress(bytesDone, bytesTotal))
                return false;
            parsed = bytesDone >= bytesTotal;
            if (!parsed)
                return true;
        }
        return progress(-1, -1);
    };
    const data::CatalogImportOutcome imported =
        data::importIntoCatalog(catalogPath, files, format, defaults, streamed);
    if (imported.inputError) {
        const data::ImportError& importError = *imported.inputError;
        outcome.cancelled = importError.reason == QLatin1String("cancelled");
        outcome.file = importError.file;
        outcome.location = importError.location;
        outcome.field = importError.field;
        outcome.reason = importError.reason;
        outcome.message = importError.message();
        outcome.missingOptions = importError.missingOptions;
        outcome.fileSays = importError.fileSays;
        return outcome;
    }
    if (!imported.ok) {
        outcome.file = catalogPath;
        outcome.reason = imported.catalogError;
        outcome.message = imported.catalogError;
        return outcome;
    }
    outcome.ok = true;
    outcome.points = imported.points;
    outcome.series = imported.series;
    return outcome;
}

} // namespace tokenomics::app
