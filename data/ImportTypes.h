#pragma once
/// What the importers produce: series in core types, or an error that names where and why.

#include "CatalogTypes.h"

#include <QString>
#include <QStringList>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tokenomics::data {

/// Result-file formats `tokenomics import --format` accepts.
enum class ImportFormat { Auto, Csv, InferenceX, Vllm, AiPerf, GenAiPerf };

/// The load a run was measured at, as `--load` gives it: a concurrency or a request rate.
struct LoadLevel {
    double concurrency = 0;
    double requestRate = 0; // requests/s
};

/// Reads `--load`: "concurrency=N" (or a bare N) or "rate=R" (requests/s); false with a reason.
bool parseLoadLevel(const QString& text, LoadLevel& load, QString* reason);

/// A canonical CSV field a column of another tool's CSV stands for, and the factor that
/// converts its unit (median_ttft_ms=ttft_p50:ms → × 0.001); an empty field skips the column.
struct ColumnMapping {
    std::string field;
    double scale = 1.0;
};

/// `--map` entries by the file's column name.
using ColumnMap = std::map<std::string, ColumnMapping>;

/// Reads "COLUMN=FIELD[:UNIT]" (FIELD "skip" ignores the column; UNIT s, ms or us converts a
/// latency to the seconds of the canonical fields) into `map`; false with a reason naming the
/// entry.
bool parseColumnMapping(const QString& entry, ColumnMap& map, QString* reason);

/// The canonical CSV's column names, in PRODUCT.md §4's order.
const std::vector<std::string>& canonicalColumnNames();

/// Identity a result file may lack, given on the command line (--model, --hardware, ...).
struct ImportDefaults {
    std::optional<std::string> model;
    std::optional<std::string> hardware;
    std::optional<std::string> engine;
    std::optional<std::string> precision;
    std::optional<int> gpus;
    std::optional<int> isl;
    std::optional<int> osl;
    std::optional<std::string> run;
    std::optional<std::string> config;
    std::optional<int> prefillGpus; // with decodeGpus: a disaggregated (xPyD) run
    std::optional<int> decodeGpus;
    std::optional<std::string> specDecoding; // "mtp", "eagle3", ...; "none" when not given
    std::optional<LoadLevel> load;
    ColumnMap columnMap; // canonical CSV only
};

/// A bad input: the file, where in it (line, or JSON path), which field and why.
struct ImportError {
    QString file;
    QString location; // "line 12" or "$[3].median_ttft"
    QString field;
    QString reason;
    /// The options that would supply what the file lacks ("hardware", "gpus", "load"): the
    /// import can be retried with them. Empty for any other problem.
    QStringList missingOptions;
    /// With missingOptions: what the file does say, by option ("model" → "Qwen/Qwen3-8B").
    std::vector<std::pair<QString, QString>> fileSays;
    [[nodiscard]] QString message() const; // "file: line 12: field 'ttft_p50': must be ≥ 0"
};

/// Series parsed from one or more files, ready to be written in one transaction.
struct ImportBatch {
    std::vector<Series> series;
};

} // namespace tokenomics::data
