#pragma once
/// What the importers produce: series in core types, or an error that names where and why.

#include "CatalogTypes.h"

#include <QString>
#include <optional>
#include <vector>

namespace tokenomics::data {

/// Result-file formats `tokenomics import --format` accepts.
enum class ImportFormat { Auto, Csv, InferenceX, Vllm, AiPerf, GenAiPerf };

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
};

/// A bad input: the file, where in it (line, or JSON path), which field and why.
struct ImportError {
    QString file;
    QString location; // "line 12" or "$[3].median_ttft"
    QString field;
    QString reason;
    [[nodiscard]] QString message() const; // "file: line 12: field 'ttft_p50': must be ≥ 0"
};

/// Series parsed from one or more files, ready to be written in one transaction.
struct ImportBatch {
    std::vector<Series> series;
};

} // namespace tokenomics::data
