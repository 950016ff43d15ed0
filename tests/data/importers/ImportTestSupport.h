#pragma once
// Helpers for the importer tests: temporary files and one-call parsing.

#include "ResultImporter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace importer_test {

inline QString examplePath(const QString& name) {
    return QStringLiteral(IMPORTER_EXAMPLES_DIR "/") + name;
}

inline QString seedPath(const QString& name) {
    return QStringLiteral(IMPORTER_SEED_DIR "/") + name;
}

/// Writes bytes to name inside dir and returns the full path.
inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(bytes);
    return path;
}

inline std::optional<tokenomics::data::ImportBatch>
parse(const QStringList& paths, tokenomics::data::ImportError& error,
      tokenomics::data::ImportFormat format = tokenomics::data::ImportFormat::Auto,
      const tokenomics::data::ImportDefaults& defaults = {}) {
    return tokenomics::data::parseResultFiles(paths, format, defaults, &error);
}

/// Identity a vLLM result lacks: H100 ×4, vLLM, FP8, ISL 1000 / OSL 128.
inline tokenomics::data::ImportDefaults vllmDefaults() {
    tokenomics::data::ImportDefaults defaults;
    defaults.hardware = "h100";
    defaults.engine = "vllm";
    defaults.precision = "fp8";
    defaults.gpus = 4;
    defaults.isl = 1000;
    defaults.osl = 128;
    return defaults;
}

inline std::size_t pointCount(const tokenomics::data::ImportBatch& batch) {
    std::size_t count = 0;
    for (const auto& series : batch.series)
        count += series.points.size();
    return count;
}

} // namespace importer_test
