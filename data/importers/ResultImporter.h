#pragma once
/// Result-file parsers: canonical CSV, InferenceX, vLLM, AIPerf and GenAI-Perf results → series.

#include "ImportTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>
#include <string>

namespace tokenomics::data {

/// Guesses the format from the file name and its first bytes; Auto when it cannot tell.
ImportFormat detectFormat(const QString& path, const QByteArray& head);

/// Parses every file into one batch; stops at the first bad input and fills *error.
/// progress(bytesDone, bytesTotal) may return false to cancel (then error->reason = "cancelled").
std::optional<ImportBatch>
parseResultFiles(const QStringList& paths, ImportFormat format, const ImportDefaults& defaults,
                 ImportError* error, const std::function<bool(qint64, qint64)>& progress = {});

/// Canonical names for tool spellings: InferenceX "h100" -> "H100 SXM", "gb200" -> "GB200 (NVL72)",
/// "mi355x" -> "MI355X", "b200" -> "B200", etc.; unknown names are returned unchanged.
std::string canonicalHardwareName(const std::string& name);

/// Catalog model name for tool spellings ("dsr1", "meta-llama/Llama-3.3-70B-Instruct", ...);
/// unknown names are returned unchanged.
std::string canonicalModelName(const std::string& name);

/// "auto|csv|inferencex|vllm|aiperf|genai-perf" → format; *ok = false for anything else.
ImportFormat formatFromName(const QString& name, bool* ok);

} // namespace tokenomics::data
