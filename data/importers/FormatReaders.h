#pragma once
/// One reader per result format; each appends the points of one file or fills *error.

#include "ImportSupport.h"
#include "SeriesCollector.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace tokenomics::data::importers {

/// Canonical operating-point CSV (PRODUCT.md §4). progress(bytesDone) false = cancel.
bool readCanonicalCsv(const QString& file, const QByteArray& bytes, const ImportDefaults& defaults,
                      SeriesCollector& collector, ImportError* error,
                      const std::function<bool(qint64)>& progress);
/// The same, read from a device block by block (memory does not grow with the file).
bool readCanonicalCsv(const QString& file, QIODevice& device, const ImportDefaults& defaults,
                      SeriesCollector& collector, ImportError* error,
                      const std::function<bool(qint64)>& progress);

/// InferenceX `agg_*.json`: one result object or a list of them.
bool readInferenceX(const QString& file, const QJsonDocument& document,
                    const ImportDefaults& defaults, std::vector<ParsedPoint>& out,
                    ImportError* error);

/// `vllm bench serve --save-result` JSON, with per-request samples when --save-detailed was on;
/// also SGLang `bench_serving` results, which keep vLLM's names. `location` prefixes every
/// error's path ("$", or "line 3: $" in a JSONL file).
bool readVllmResult(const QString& file, const QJsonDocument& document,
                    const ImportDefaults& defaults, std::vector<ParsedPoint>& out,
                    ImportError* error, const QString& location = QStringLiteral("$"));

/// SGLang `bench_serving --output-file` JSONL: one result per line (a request-rate or
/// concurrency sweep appends a line per run), each read as readVllmResult reads a file.
bool readBenchServingLines(const QString& file, const QByteArray& bytes,
                           const ImportDefaults& defaults, std::vector<ParsedPoint>& out,
                           ImportError* error);

/// A CSV compiled from vLLM/SGLang result files (their keys as columns, one run per row, and a
/// `GPU` or `hardware` column): each row read as readVllmResult reads a file.
bool readBenchServingCsv(const QString& file, const QByteArray& bytes,
                         const ImportDefaults& defaults, std::vector<ParsedPoint>& out,
                         ImportError* error);

/// True when a CSV header names vLLM/SGLang result keys rather than the canonical columns.
bool isBenchServingCsvHeader(const QByteArray& firstLine);

/// True when the first line of a JSONL file is a vLLM/SGLang benchmark result (not AIPerf).
bool isBenchServingLine(const QByteArray& firstLine);

/// AIPerf `profile_export_aiperf.json` or GenAI-Perf `*_genai_perf.json` aggregate statistics.
bool readProfileExport(const QString& file, const QJsonDocument& document, bool genAiPerf,
                       const ImportDefaults& defaults, std::vector<ParsedPoint>& out,
                       ImportError* error);

/// AIPerf per-request `profile_export.jsonl` → samples of one run (warm-up records skipped).
bool readAiPerfRecords(const QString& file, const QByteArray& bytes, SampleSet& samples,
                       ImportError* error);

/// Reads every file into the collector in order (CSV rows as they are read; JSON points once
/// every file is in, so per-request files can join their run); stops at the first bad input.
bool readResultFiles(const QStringList& paths, ImportFormat format, const ImportDefaults& defaults,
                     SeriesCollector& collector, ImportError* error,
                     const std::function<bool(qint64, qint64)>& progress);

/// "canonical CSV", "vLLM bench serve JSON", ...: a format as error messages name it.
QString formatTitle(ImportFormat format);

/// Which tool wrote this JSON, judged from its keys; Auto when none fits.
ImportFormat jsonFormatOf(const QJsonDocument& document);

} // namespace tokenomics::data::importers
