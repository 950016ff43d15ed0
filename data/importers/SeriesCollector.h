#pragma once
/// Groups imported points into series as they are read, checks their figures, and hands them
/// to a sink: kept in a batch (duplicates found in memory), or written straight into a catalog.

#include "ImportTypes.h"

#include <QString>
#include <QStringList>
#include <string>
#include <unordered_map>
#include <vector>

namespace tokenomics::data::importers {

/// Where a point was read: a CSV line, or a JSON path when line is 0.
struct PointOrigin {
    int fileIndex = 0;
    qint64 line = 0;
    QString location;
};

class SeriesCollector;

/// Receives each checked point of an import with the index of its series.
class PointSink {
public:
    virtual ~PointSink() = default;
    /// Takes the point (a sink that keeps it copies it); false fills *error.
    virtual bool add(const SeriesCollector& collector, std::size_t series,
                     const OperatingPoint& point, const PointOrigin& origin,
                     ImportError* error) = 0;
};

/// Keeps every point in an ImportBatch; a second point with the same concurrency and
/// configuration in one series is an error that names both places.
class BatchSink final : public PointSink {
public:
    bool add(const SeriesCollector& collector, std::size_t series, const OperatingPoint& point,
             const PointOrigin& origin, ImportError* error) override;
    /// Moves the point in rather than copying it.
    bool add(const SeriesCollector& collector, std::size_t series, OperatingPoint&& point,
             PointOrigin&& origin, ImportError* error);
    ImportBatch take(const SeriesCollector& collector);

private:
    struct SeriesState {
        std::vector<OperatingPoint> points;
        std::vector<PointOrigin> origins;
        std::unordered_multimap<std::size_t, std::size_t> pointsByConfiguration;
    };
    /// The earlier point of the series with the same configuration, or nullptr.
    const PointOrigin* earlierTwin(const SeriesState& state, const OperatingPoint& point) const;

    std::vector<SeriesState> m_states;
};

class SeriesCollector {
public:
    /// Keeps the points in a batch, for take().
    SeriesCollector();
    /// Hands every point to sink (which must outlive the collector) as soon as it is read.
    explicit SeriesCollector(PointSink& sink);

    /// Index of a file for PointOrigin, registering it on first use.
    int fileIndex(const QString& path);
    [[nodiscard]] const QString& fileName(int fileIndex) const { return m_files[fileIndex]; }
    [[nodiscard]] int fileCount() const { return static_cast<int>(m_files.size()); }
    /// "line 12", or the JSON path of a point read from JSON.
    [[nodiscard]] QString describe(const PointOrigin& origin) const;
    /// Index of the series with this key, adding it when it is new.
    std::size_t seriesFor(const SeriesKey& key);
    [[nodiscard]] const SeriesKey& keyOf(std::size_t series) const { return m_keys[series]; }
    /// Distinct series seen so far.
    [[nodiscard]] std::size_t seriesCount() const { return m_keys.size(); }
    /// Points handed to the sink so far.
    [[nodiscard]] qint64 pointCount() const { return m_points; }

    /// Checks the point's figures and hands it to the sink.
    bool addPoint(std::size_t series, const OperatingPoint& point, const PointOrigin& origin,
                  ImportError* error);
    bool addPoint(std::size_t series, OperatingPoint&& point, PointOrigin origin,
                  ImportError* error);
    /// The batch of a collector made without a sink (empty otherwise).
    ImportBatch take();

private:
    bool check(const OperatingPoint& point, const PointOrigin& origin, ImportError* error) const;

    BatchSink m_batch;
    PointSink* m_sink = nullptr; // nullptr: m_batch
    std::vector<SeriesKey> m_keys;
    std::unordered_map<std::string, std::size_t> m_seriesIndex;
    QStringList m_files;
    qint64 m_points = 0;
};

/// Fills *error for a point that repeats the series, concurrency and configuration of the point
/// read at `earlier`, naming both places; returns false.
bool failDuplicate(const SeriesCollector& collector, const PointOrigin& earlier, double concurrency,
                   const PointOrigin& origin, ImportError* error);

} // namespace tokenomics::data::importers
