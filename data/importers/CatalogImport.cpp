// Streamed import: parsed points go straight into the catalog's open write transaction.
#include "CatalogImport.h"

#include "CatalogStore.h"
#include "CatalogWriter.h"
#include "FormatReaders.h"
#include "SeriesCollector.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <limits>
#include <unistd.h>
#include <vector>

namespace tokenomics::data {
namespace {

using importers::PointOrigin;
using importers::SeriesCollector;

/// Writes each point as it comes; remembers only where each written point was read (16 bytes a
/// point), so a duplicate the catalog's unique index refuses can name the earlier row.
class CatalogSink final : public importers::PointSink {
public:
    explicit CatalogSink(CatalogWriter& writer)
        : m_writer(writer) {}

    bool add(const SeriesCollector& collector, std::size_t series, const OperatingPoint& point,
             const PointOrigin& origin, ImportError* error) override;

private:
    struct WrittenPoint {
        std::int64_t pointId;
        std::int32_t fileIndex;
        std::int32_t line; // > 0: CSV line; < 0: -(1 + index into m_locations); 0: unknown
    };
    bool refuse(const SeriesCollector& collector, const PointOrigin& origin, const QString& field,
                const QString& reason, ImportError* error) const {
        return importers::fail(error, collector.fileName(origin.fileIndex),
                               collector.describe(origin), field, reason);
    }
    void remember(const PointOrigin& origin);
    std::optional<PointOrigin> originOf(std::int64_t pointId) const;

    CatalogWriter& m_writer;
    std::vector<std::int64_t> m_seriesIds; // catalog id per collector series; 0 = not yet known
    std::vector<WrittenPoint> m_written;   // in write order, so by increasing point id
    std::vector<QString> m_locations;      // JSON paths of points read from JSON
    QString m_reason;
};

bool CatalogSink::add(const SeriesCollector& collector, std::size_t series,
                      const OperatingPoint& point, const PointOrigin& origin, ImportError* error) {
    if (m_seriesIds.size() <= series)
        m_seriesIds.resize(series + 1, 0);
    std::int64_t& seriesId = m_seriesIds[series];
    const SeriesKey& key = collector.keyOf(series);
    if (seriesId == 0) {
        const std::optional<std::int64_t> id =
            m_writer.seriesId(m_writer.canonicalKey(key), &m_reason);
        if (!id)
            return refuse(collector, origin, {}, m_reason, error);
        seriesId = *id;
    }
    switch (m_writer.writePoint(seriesId, key, point, &m_reason)) {
    case CatalogWriter::PointWrite::Written:
        remember(origin);
        return true;
    case CatalogWriter::PointWrite::Refused:
        return refuse(collector, origin, {}, m_reason, error);
    case CatalogWriter::PointWrite::Duplicate:
        break;
    }
    const std::optional<std::int64_t> earlierId = m_writer.pointIdLike(seriesId, point);
    if (const auto earlier = earlierId ? originOf(*earlierId) : std::nullopt)
        return importers::failDuplicate(collector, *earlier, point.figures.concurrency, origin,
                                        error);
    return refuse(collector, origin, QStringLiteral("concurrency"),
                  QStringLiteral("duplicate point: %1 is already in the catalog")
                      .arg(CatalogWriter::describePoint(key, point)),
                  error);
}

void CatalogSink::remember(const PointOrigin& origin) {
    std::int32_t line = 0;
    if (origin.line > 0 && origin.line <= std::numeric_limits<std::int32_t>::max()) {
        line = static_cast<std::int32_t>(origin.line);
    } else if (origin.line == 0) {
        m_locations.push_back(origin.location);
        line = -static_cast<std::int32_t>(m_locations.size());
    }
    m_written.push_back(WrittenPoint{m_writer.lastPointId(), origin.fileIndex, line});
}

std::optional<PointOrigin> CatalogSink::originOf(std::int64_t pointId) const {
    const auto found = std::lower_bound(
        m_written.begin(), m_written.end(), pointId,
        [](const WrittenPoint& point, std::int64_t id) { return point.pointId < id; });
    if (found == m_written.end() || found->pointId != pointId)
        return std::nullopt; // a point the catalog held before this import
    PointOrigin origin{found->fileIndex, found->line > 0 ? found->line : 0, {}};
    if (found->line < 0)
        origin.location = m_locations[static_cast<std::size_t>(-found->line - 1)];
    else if (found->line == 0)
        origin.location = QStringLiteral("an earlier row");
    return origin;
}

QString nativePath(const QString& path) {
    return QDir::toNativeSeparators(path);
}

void removeCatalogFiles(const QString& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

enum class Placement { Placed, TargetExists, Failed };

/// Moves the finished catalog to its place unless a file appeared there meanwhile; link(2)
/// refuses an existing target atomically, where QFile::rename would check first.
Placement placeCatalog(const QString& from, const QString& to) {
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    if (::link(source.constData(), target.constData()) == 0) {
        removeCatalogFiles(from);
        return Placement::Placed;
    }
    if (errno == EEXIST)
        return Placement::TargetExists;
    // A file system without hard links.
    return QFile::rename(from, to) ? Placement::Placed : Placement::Failed;
}

CatalogImportOutcome importInto(const QString& catalogPath, const QString& openPath,
                                const QStringList& files, ImportFormat format,
                                const ImportDefaults& defaults,
                                const std::function<bool(qint64, qint64)>& progress) {
    CatalogImportOutcome outcome;
    CatalogError catalogError;
    std::optional<CatalogStore> store = catalogPath.isEmpty()
                                            ? CatalogStore::openDefault(&catalogError)
                                            : CatalogStore::open(openPath, &catalogError);
    const auto realPath = [&](QString message) {
        return message.replace(nativePath(openPath), nativePath(catalogPath));
    };
    if (!store) {
        outcome.catalogError = realPath(catalogError.message);
        return outcome;
    }
    outcome.catalogPath = catalogPath.isEmpty() ? store->path() : catalogPath;
    ImportError inputError;
    bool inputRefused = false;
    const auto writeFiles = [&](CatalogWriter& writer, QString* reason) {
        if (writeResultFiles(writer, files, format, defaults, &inputError, &outcome.points,
                             &outcome.series, progress))
            return true;
        inputRefused = true;
        *reason = inputError.message();
        return false;
    };
    outcome.ok = store->writeInTransaction(writeFiles, &catalogError);
    if (inputRefused)
        outcome.inputError = inputError;
    else if (!outcome.ok)
        outcome.catalogError = realPath(catalogError.message);
    return outcome;
}

} // namespace

bool writeResultFiles(CatalogWriter& writer, const QStringList& paths, ImportFormat format,
                      const ImportDefaults& defaults, ImportError* error, qint64* points,
                      qint64* series, const std::function<bool(qint64, qint64)>& progress) {
    CatalogSink sink(writer);
    SeriesCollector collector(sink);
    if (!importers::readResultFiles(paths, format, defaults, collector, error, progress))
        return false;
    if (points)
        *points = collector.pointCount();
    if (series)
        *series = static_cast<qint64>(collector.seriesCount());
    return true;
}

CatalogImportOutcome importIntoCatalog(const QString& catalogPath, const QStringList& files,
                                       ImportFormat format, const ImportDefaults& defaults,
                                       const std::function<bool(qint64, qint64)>& progress) {
    if (catalogPath.isEmpty() || QFileInfo::exists(catalogPath))
        return importInto(catalogPath, catalogPath, files, format, defaults, progress);
    // A new catalog: built beside its place, and put there only once the import committed.
    const QString staging =
        QStringLiteral("%1.importing-%2").arg(catalogPath).arg(QCoreApplication::applicationPid());
    removeCatalogFiles(staging);
    CatalogImportOutcome outcome =
        importInto(catalogPath, staging, files, format, defaults, progress);
    if (!outcome.ok) {
        removeCatalogFiles(staging);
        return outcome;
    }
    switch (placeCatalog(staging, catalogPath)) {
    case Placement::Placed:
        return outcome;
    case Placement::TargetExists:
        // Another program made the catalog meanwhile: import into it as into any catalog.
        removeCatalogFiles(staging);
        return importInto(catalogPath, catalogPath, files, format, defaults, progress);
    case Placement::Failed:
        break;
    }
    removeCatalogFiles(staging);
    outcome.ok = false;
    outcome.catalogError =
        QStringLiteral("%1: nothing was imported: cannot move the new catalog %2 into place")
            .arg(nativePath(catalogPath), nativePath(staging));
    return outcome;
}

} // namespace tokenomics::data
