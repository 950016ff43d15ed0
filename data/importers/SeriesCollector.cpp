#include "SeriesCollector.h"

#include "ImportSupport.h"

#include <cmath>
#include <functional>
#include <utility>

namespace tokenomics::data::importers {
namespace {

std::string seriesSignature(const SeriesKey& key) {
    std::string signature;
    for (const std::string* part :
         {&key.model, &key.hardware, &key.engine, &key.precision, &key.specDecoding, &key.run}) {
        signature += *part;
        signature += '\x1f';
    }
    signature += std::to_string(key.isl) + '\x1f' + std::to_string(key.osl);
    return signature;
}

/// Concurrency and configuration (GPU counts, disaggregation, label) identify a measurement.
std::size_t configurationHash(const OperatingPoint& point) {
    const PointFigures& figures = point.figures;
    std::size_t hash = std::hash<double>{}(figures.concurrency);
    for (std::size_t part :
         {std::hash<int>{}(figures.gpus), std::hash<int>{}(figures.prefillGpus),
          std::hash<int>{}(figures.decodeGpus), std::hash<bool>{}(figures.disaggregated),
          std::hash<std::string>{}(point.config)})
        hash = hash * 1000003u ^ part;
    return hash;
}

/// The first figure that is not a finite number, by its CSV column name; empty when all are.
/// Figures derived from a file's numbers (1 / TPOT, output × (isl + osl) / osl, sums of gaps)
/// can overflow even when each number read was finite.
QString nonFiniteFigure(const OperatingPoint& point) {
    const PointFigures& figures = point.figures;
    const auto finite = [](const std::optional<double>& value) {
        return !value || std::isfinite(*value);
    };
    const std::pair<const char*, const ByStatistic*> statistics[] = {
        {"interactivity", &figures.interactivity},
        {"ttft", &figures.ttftSeconds},
        {"e2el", &figures.e2elSeconds},
    };
    if (!std::isfinite(figures.concurrency))
        return QStringLiteral("concurrency");
    const std::pair<const char*, const std::optional<double>*> rates[] = {
        {"tput_per_gpu", &figures.tputPerGpu},
        {"output_tput_per_gpu", &figures.outputTputPerGpu},
        {"input_tput_per_gpu", &figures.inputTputPerGpu},
        {"power_w", &figures.powerWatts},
    };
    for (const auto& [name, value] : rates) {
        if (!finite(*value))
            return QString::fromLatin1(name);
    }
    for (const auto& [name, statistic] : statistics) {
        if (!finite(statistic->p50))
            return QStringLiteral("%1_p50").arg(QLatin1String(name));
        if (!finite(statistic->p90))
            return QStringLiteral("%1_p90").arg(QLatin1String(name));
        if (!finite(statistic->p99))
            return QStringLiteral("%1_p99").arg(QLatin1String(name));
    }
    if (point.samples) {
        if (!std::isfinite(point.samples->durationSeconds))
            return QStringLiteral("duration");
        for (const RequestSample& request : point.samples->requests) {
            if (!std::isfinite(request.ttftSeconds) || !std::isfinite(request.tpotSeconds) ||
                !std::isfinite(request.e2elSeconds))
                return QStringLiteral("per-request latencies");
        }
    }
    return {};
}

bool sameConfiguration(const OperatingPoint& a, const OperatingPoint& b) {
    return a.figures.concurrency == b.figures.concurrency && a.figures.gpus == b.figures.gpus &&
           a.figures.prefillGpus == b.figures.prefillGpus &&
           a.figures.decodeGpus == b.figures.decodeGpus &&
           a.figures.disaggregated == b.figures.disaggregated && a.config == b.config;
}

} // namespace

int SeriesCollector::fileIndex(const QString& path) {
    const qsizetype index = m_files.indexOf(path);
    if (index >= 0)
        return static_cast<int>(index);
    m_files.append(path);
    return static_cast<int>(m_files.size() - 1);
}

std::size_t SeriesCollector::seriesFor(const SeriesKey& key) {
    const auto [found, added] = m_seriesIndex.try_emplace(seriesSignature(key), m_states.size());
    if (added) {
        m_batch.series.push_back(Series{0, key, {}});
        m_states.emplace_back();
    }
    return found->second;
}

const SeriesKey& SeriesCollector::keyOf(std::size_t series) const {
    return m_batch.series[series].key;
}

QString SeriesCollector::describe(const PointOrigin& origin) const {
    return origin.line > 0 ? QStringLiteral("line %1").arg(origin.line) : origin.location;
}

bool SeriesCollector::addPoint(std::size_t series, OperatingPoint&& point, PointOrigin origin,
                               ImportError* error) {
    if (const QString field = nonFiniteFigure(point); !field.isEmpty())
        return fail(error, m_files[origin.fileIndex], describe(origin), field,
                    QStringLiteral("not a finite number once computed from the file's values "
                                   "(a value is too large or too small)"));
    SeriesState& state = m_states[series];
    std::vector<OperatingPoint>& points = m_batch.series[series].points;
    const std::size_t hash = configurationHash(point);
    const auto [first, last] = state.pointsByConfiguration.equal_range(hash);
    for (auto it = first; it != last; ++it) {
        if (!sameConfiguration(points[it->second], point))
            continue;
        const PointOrigin& earlier = state.origins[it->second];
        const QString where = earlier.fileIndex == origin.fileIndex
                                  ? describe(earlier)
                                  : m_files[earlier.fileIndex] + u' ' + describe(earlier);
        return fail(error, m_files[origin.fileIndex], describe(origin),
                    QStringLiteral("concurrency"),
                    QStringLiteral("duplicate point: same series, concurrency %1 and "
                                   "configuration as %2")
                        .arg(point.figures.concurrency)
                        .arg(where));
    }
    state.pointsByConfiguration.emplace(hash, points.size());
    state.origins.push_back(std::move(origin));
    points.push_back(std::move(point));
    return true;
}

ImportBatch SeriesCollector::take() {
    m_states.clear();
    m_seriesIndex.clear();
    return std::move(m_batch);
}

} // namespace tokenomics::data::importers
