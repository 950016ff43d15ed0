#pragma once
/// Imports result files into a catalog file as they are read: every point is written once it is
/// parsed, inside one transaction over all the files, so memory stays flat however large the
/// import (a bad row anywhere rolls everything back).

#include "ImportTypes.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace tokenomics::data {

class CatalogWriter;

/// What an import did: the points and distinct series written, or why it wrote nothing.
struct CatalogImportOutcome {
    bool ok = false;
    std::optional<ImportError> inputError; // a file was refused: file, line or path, field, why
    QString catalogError;                  // the catalog could not be opened or written
    QString catalogCause;                  // the cause alone when a write failed
    QString catalogPath;                   // the catalog written (or meant to be)
    qint64 points = 0;
    qint64 series = 0;
};

/// Parses the files and writes their points through writer, inside the caller's transaction.
/// Parsing runs on a second thread (progress is called there), overlapping SQLite's writes on
/// the caller's. Duplicates (in the import or already in the catalog) are found by the
/// catalog's unique index; the error names both places. False with *error on the first bad
/// input, in the order the files are read.
bool writeResultFiles(CatalogWriter& writer, const QStringList& paths, ImportFormat format,
                      const ImportDefaults& defaults, ImportError* error, qint64* points,
                      qint64* series, const std::function<bool(qint64, qint64)>& progress = {});

/// Imports the files into the catalog at catalogPath (the default catalog when empty), all or
/// nothing. A catalog that does not exist yet is built beside its place and moved there only
/// when the import succeeds, so a failed import leaves no file behind. Staging files an import
/// killed before it could clean up (`catalogPath.importing-PID`, PID no longer running) are
/// removed first.
/// progress(bytesDone, bytesTotal), called on the parsing thread, may return false to cancel
/// (inputError->reason "cancelled").
CatalogImportOutcome importIntoCatalog(const QString& catalogPath, const QStringList& files,
                                       ImportFormat format, const ImportDefaults& defaults,
                                       const std::function<bool(qint64, qint64)>& progress = {});

} // namespace tokenomics::data
