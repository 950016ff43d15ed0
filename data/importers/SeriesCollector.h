#pragma once
/// Groups imported points into series as they are read and rejects duplicate points.

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

class SeriesCollector {
public:
    /// Index of a file for PointOrigin, registering it on first use.
    int fileIndex(const QString& path);
    /// Index of the series with this key, adding an empty series when it is new.
    std::size_t seriesFor(const SeriesKey& key);
    [[nodiscard]] const SeriesKey& keyOf(std::size_t series) const;
    /// Adds a point; a second point with the same concurrency and configuration in one series
    /// is an error that names both places.
    bool addPoint(std::size_t series, OperatingPoint&& point, PointOrigin origin,
                  ImportError* error);
    ImportBatch take();

private:
    struct SeriesState {
        std::vector<PointOrigin> origins;
        std::unordered_multimap<std::size_t, std::size_t> pointsByConfiguration;
    };
    [[nodiscard]] QString describe(const PointOrigin& origin) const;

    ImportBatch m_batch;
    std::vector<SeriesState> m_states;
    std::unordered_map<std::string, std::size_t> m_seriesIndex;
    QStringList m_files;
};

} // namespace tokenomics::data::importers
