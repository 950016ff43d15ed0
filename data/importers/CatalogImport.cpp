// Streamed import: parsed points go straight into the catalog's open write transaction.
#include "CatalogImport.h"
#include "CatalogPaths.h"

#include "CatalogStore.h"
#include "CatalogWriter.h"
#include "FormatReaders.h"
#include "SeriesCollector.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
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

/// Points handed from the reading thread to the writing one, in read order. Entries are reused
/// from chunk to chunk, so their strings keep their capacity.
struct PointChunk {
    struct Entry {
        std::size_t series = 0;
        OperatingPoint point;
        PointOrigin origin;
    };
    std::vector<SeriesKey> newSeries; // keys first seen since the previous chunk, in order
    QStringList newFiles;             // likewise files
    std::vector<Entry> entries;
    std::size_t used = 0;
};

/// Reading (parsing) and writing overlap: the reader fills chunks on its own thread while
/// SQLite writes the previous ones on the caller's, which owns the connection and the
/// transaction. A few chunks in flight bound the memory; the first error stops both sides.
class ChunkPipe final : public importers::PointSink {
public:
    static constexpr std::size_t kChunkPoints = 2048;
    static constexpr std::size_t kChunksInFlight = 4;

    /// Reading thread: copies the point into the current chunk, handing it over when full.
    bool add(const SeriesCollector& collector, std::size_t series, const OperatingPoint& point,
             const PointOrigin& origin, ImportError* error) override {
        if (!m_filling && !(m_filling = takeEmpty()))
            return importers::fail(error, {}, {}, {}, QStringLiteral("stopped"));
        PointChunk& chunk = *m_filling;
        while (m_seriesSent < collector.seriesCount())
            chunk.newSeries.push_back(collector.keyOf(m_seriesSent++));
        while (m_filesSent < collector.fileCount())
            chunk.newFiles.append(collector.fileName(m_filesSent++));
        if (chunk.used == chunk.entries.size())
            chunk.entries.emplace_back();
        PointChunk::Entry& entry = chunk.entries[chunk.used++];
        entry.series = series;
        entry.point = point;
        entry.origin = origin;
        if (chunk.used == kChunkPoints)
            handOver();
        return true;
    }

    /// Reading thread, at its end: hands over what is left and whether reading succeeded.
    void finishReading(bool ok, const ImportError& error) {
        if (m_filling)
            handOver();
        const std::lock_guard lock(m_mutex);
        m_readingDone = true;
        m_readingOk = ok;
        m_readingError = error;
        m_changed.notify_all();
    }

    /// Writing thread: the next full chunk, or nullptr once reading has finished.
    std::unique_ptr<PointChunk> nextFull() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return !m_full.empty() || m_readingDone; });
        if (m_full.empty())
            return nullptr;
        std::unique_ptr<PointChunk> chunk = std::move(m_full.front());
        m_full.pop_front();
        return chunk;
    }

    /// Writing thread: gives a written chunk back for reuse.
    void recycle(std::unique_ptr<PointChunk> chunk) {
        chunk->newSeries.clear();
        chunk->newFiles.clear();
        chunk->used = 0;
        const std::lock_guard lock(m_mutex);
        m_empty.push_back(std::move(chunk));
        m_changed.notify_all();
    }

    /// Writing thread: a write failed, so the reader stops at its next point.
    void stop() {
        const std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_changed.notify_all();
    }

    [[nodiscard]] bool readingOk() const { return m_readingOk; }
    [[nodiscard]] const ImportError& readingError() const { return m_readingError; }

private:
    std::unique_ptr<PointChunk> takeEmpty() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(
            lock, [&] { return m_stopped || !m_empty.empty() || m_created < kChunksInFlight; });
        if (m_stopped)
            return nullptr;
        if (m_empty.empty()) {
            ++m_created;
            return std::make_unique<PointChunk>();
        }
        std::unique_ptr<PointChunk> chunk = std::move(m_empty.back());
        m_empty.pop_back();
        return chunk;
    }

    void handOver() {
        const std::lock_guard lock(m_mutex);
        m_full.push_back(std::move(m_filling));
        m_changed.notify_all();
    }

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<PointChunk>> m_full;
    std::vector<std::unique_ptr<PointChunk>> m_empty;
    std::size_t m_created = 0;
    bool m_stopped = false;
    bool m_readingDone = false;
    bool m_readingOk = false;
    ImportError m_readingError;
    // Reading thread only.
    std::unique_ptr<PointChunk> m_filling;
    std::size_t m_seriesSent = 0;
    int m_filesSent = 0;
};

QString nativePath(const QString& path) {
    return QDir::toNativeSeparators(path);
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
        if (writer.diskFull()) {
            *reason = QStringLiteral("the disk is full (%1)").arg(inputError.message());
            return false;
        }
        inputRefused = true;
        *reason = inputError.message();
        return false;
    };
    outcome.ok = store->writeInTransaction(writeFiles, &catalogError);
    if (inputRefused)
        outcome.inputError = inputError;
    else if (!outcome.ok) {
        outcome.catalogError = realPath(catalogError.message);
        outcome.catalogCause = realPath(catalogError.cause);
    }
    return outcome;
}

} // namespace

bool writeResultFiles(CatalogWriter& writer, const QStringList& paths, ImportFormat format,
                      const ImportDefaults& defaults, ImportError* error, qint64* points,
                      qint64* series, const std::function<bool(qint64, qint64)>& progress) {
    ChunkPipe pipe;
    qint64 pointsRead = 0;
    qint64 seriesRead = 0;
    std::thread reading([&] {
        SeriesCollector collector(pipe);
        ImportError readingError;
        const bool ok =
            importers::readResultFiles(paths, format, defaults, collector, &readingError, progress);
        pointsRead = collector.pointCount();
        seriesRead = static_cast<qint64>(collector.seriesCount());
        pipe.finishReading(ok, readingError);
    });
    // The writing side mirrors the reader's series and files, in the same order, so indices
    // and messages agree.
    CatalogSink sink(writer);
    SeriesCollector mirror(sink);
    bool written = true;
    while (std::unique_ptr<PointChunk> chunk = pipe.nextFull()) {
        for (const SeriesKey& key : chunk->newSeries)
            mirror.seriesFor(key);
        for (const QString& file : chunk->newFiles)
            mirror.fileIndex(file);
        for (std::size_t i = 0; written && i < chunk->used; ++i) {
            const PointChunk::Entry& entry = chunk->entries[i];
            written = sink.add(mirror, entry.series, entry.point, entry.origin, error);
        }
        pipe.recycle(std::move(chunk));
        if (!written) {
            pipe.stop();
            break;
        }
    }
    reading.join();
    if (!written)
        return false;
    if (!pipe.readingOk()) {
        if (error)
            *error = pipe.readingError();
        return false;
    }
    if (points)
        *points = pointsRead;
    if (series)
        *series = seriesRead;
    return true;
}

CatalogImportOutcome importIntoCatalog(const QString& catalogPath, const QStringList& files,
                                       ImportFormat format, const ImportDefaults& defaults,
                                       const std::function<bool(qint64, qint64)>& progress) {
    if (!catalogPath.isEmpty())
        removeStaleStagings(catalogPath);
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
        if (!outcome.inputError && !outcome.catalogError.isEmpty() &&
            !outcome.catalogCause.isEmpty())
            outcome.catalogError = QStringLiteral("%1: nothing was imported: %2")
                                       .arg(nativePath(catalogPath), outcome.catalogCause);
        return outcome;
    }
    switch (placeWithoutReplacing(staging, catalogPath)) {
    case Placement::Placed:
        removeCatalogFiles(staging);
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
