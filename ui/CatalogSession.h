#pragma once
/// What the dashboard asks of the catalog file behind it: edits, saved views, imports and
/// switching files. app/ implements it; the ui never runs SQL or includes data/ headers.

#include "CatalogEditor.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace tokenomics::ui {

/// How an import went: counts when it worked, else where and why it failed (nothing imported).
struct ImportOutcome {
    bool ok = false;
    bool cancelled = false;
    qint64 points = 0;
    qint64 series = 0;
    QString file;     // the bad file
    QString location; // "line 12" or "$[3].median_ttft"
    QString field;
    QString reason;
    QString message; // the whole sentence, for logs and tests
    /// What the files lack that the request can give, by option name ("hardware", "load").
    QStringList missingOptions;
    /// What the file does say, by option name, to fill the fields in with.
    std::vector<std::pair<QString, QString>> fileSays;
    /// The files lack an identity the request can give (hardware, model, ...): ask for it.
    [[nodiscard]] bool needsIdentity() const { return !missingOptions.isEmpty(); }
};

/// What a result file may not say, as `tokenomics import` takes it on its command line.
struct ImportRequest {
    QString format = QStringLiteral("auto"); // auto, csv, inferencex, vllm, aiperf, genai-perf
    QString model, hardware, engine, precision, run, config; // empty: the file says
    std::optional<int> gpus, isl, osl;
    std::optional<int> prefillGpus, decodeGpus; // both: a disaggregated run
    QString specDecoding;                       // empty: the file says, else none
    QString load;                               // "concurrency=N" or "rate=R"; empty: the file says
    QStringList columnMap;                      // "COLUMN=FIELD[:UNIT]" entries (CSV)
};

/// A name and the settings JSON of a saved view.
using SavedView = std::pair<QString, QString>;

class CatalogSession {
public:
    virtual ~CatalogSession() = default;

    /// The open catalog file.
    [[nodiscard]] virtual QString path() const = 0;
    /// Switches to another catalog file (created when missing); false with a message.
    virtual bool open(const QString& path, QString* error) = 0;
    /// Edits of the open catalog.
    virtual CatalogEditor& editor() = 0;

    virtual bool saveView(const QString& name, const QString& settingsJson, QString* error) = 0;
    virtual std::optional<std::vector<SavedView>> loadViews(QString* error) = 0;
    virtual bool removeView(const QString& name, QString* error) = 0;

    /// Parses the files (any format `tokenomics import` reads) and writes them into the catalog
    /// at `catalogPath`, all or nothing. Called on a worker thread: it opens its own connection.
    /// `progress(bytesDone, bytesTotal)` returns false to cancel; once the files are parsed it
    /// is called with (-1, -1) as the catalog write starts (the last chance to cancel).
    virtual ImportOutcome importFiles(const QString& catalogPath, const QStringList& files,
                                      const ImportRequest& request,
                                      const std::function<bool(qint64, qint64)>& progress) = 0;
};

} // namespace tokenomics::ui
