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
    std::size_t hash =
        std::hash<double>{}(figures.concurrency) ^ std::hash<double>{}(figures.requestRate);
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
    if (!std::isfinite(figures.requestRate))
        return QStringLiteral("request_rate");
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
    return a.figures.concurrency == b.figures.concurrency &&
           a.figures.requestRate == b.figures.requestRate && a.figures.gpus == b.figures.gpus &&
           a.figures.prefillGpus == b.figures.prefillGpus &&
           a.figures.decodeGpus == b.figures.decodeGpus &&
           a.figures.disaggregated == b.figures.disaggregated && a.config == b.config;
}

} // namespace

SeriesCollector::SeriesCollector() = default;

SeriesCollector::SeriesCollector(PointSink& sink)
    : m_sink(&sink) {}

int SeriesCollector::fileIndex(const QString& path) {
    const qsizetype index = m_files.indexOf(path);
    if (index >= 0)
        return static_cast<int>(index);
    m_files.append(path);
    return static_cast<int>(m_files.size() - 1);
}

std::size_t SeriesCollector::seriesFor(const SeriesKey& key) {
    const auto [found, added] = m_seriesIndex.try_emplace(seriesSignature(key), m_keys.size());
    if (added)
        m_keys.push_back(key);
    return found->second;
}

QString SeriesCollector::describe(const PointOrigin& origin) const {
    return origin.line > 0 ? QStringLiteral("line %1").arg(origin.line) : origin.location;
}

bool SeriesCollector::check(const OperatingPoint& point, const PointOrigin& origin,
                            ImportError* error) const {
    if (const QString field = nonFiniteFigure(point); !field.isEmpty())
        return fail(error, m_files[origin.fileIndex], describe(origin), field,
                    QStringLiteral("not a finite number once computed from the file's values "
                                   "(a value is too large or too small)"));
    return true;
}

bool SeriesCollector::addPoint(std::size_t series, const OperatingPoint& point,
                               const PointOrigin& origin, ImportError* error) {
    if (!check(point, origin, error))
        return false;
    PointSink& sink = m_sink ? *m_sink : m_batch;
    if (!sink.add(*this, series, point, origin, error))
        return false;
    ++m_points;
    return true;
}

bool SeriesCollector::addPoint(std::size_t series, OperatingPoint&& point, PointOrigin origin,
                               ImportError* error) {
    if (m_sink)
        return addPoint(series, point, origin, error);
    if (!check(point, origin, error) ||
        !m_batch.add(*this, series, std::move(point), std::move(origin), error))
        return false;
    ++m_points;
    return true;
}

ImportBatch SeriesCollector::take() {
    ImportBatch batch = m_batch.take(*this);
    m_seriesIndex.clear();
    m_keys.clear();
    return batch;
}

const PointOrigin* BatchSink::earlierTwin(const SeriesState& state,
                                          const OperatingPoint& point) const {
    const auto [first, last] = state.pointsByConfiguration.equal_range(configurationHash(point));
    for (auto it = first; it != last; ++it) {
        if (sameConfiguration(state.points[it->second], point))
            return &state.origins[it->second];
    }
    return nullptr;
}

bool BatchSink::add(const SeriesCollector& collector, std::size_t series,
                    const OperatingPoint& point, const PointOrigin& origin, ImportError* error) {
    return add(collector, series, OperatingPoint(point), PointOrigin(origin), error);
}

bool BatchSink::add(const SeriesCollector& collector, std::size_t series, OperatingPoint&& point,
                    PointOrigin&& origin, ImportError* error) {
    if (m_states.size() <= series)
        m_states.resize(series + 1);
    SeriesState& state = m_states[series];
    if (const PointOrigin* earlier = earlierTwin(state, point))
        return failDuplicate(collector, *earlier, point.figures.concurrency, origin, error);
    state.pointsByConfiguration.emplace(configurationHash(point), state.points.size());
    state.origins.push_back(std::move(origin));
    state.points.push_back(std::move(point));
    return true;
}

ImportBatch BatchSink::take(const SeriesCollector& collector) {
    ImportBatch batch;
    batch.series.reserve(collector.seriesCount());
    for (std::size_t series = 0; series < collector.seriesCount(); ++series) {
        batch.series.push_back(Series{0, collector.keyOf(series), {}});
        if (series < m_states.size())
            batch.series.back().points = std::move(m_states[series].points);
    }
    m_states.clear();
    return batch;
}

bool failDuplicate(const SeriesCollector& collector, const PointOrigin& earlier, double concurrency,
                   const PointOrigin& origin, ImportError* error) {
    const QString where =
        earlier.fileIndex == origin.fileIndex
            ? collector.describe(earlier)
            : collector.fileName(earlier.fileIndex) + u' ' + collector.describe(earlier);
    return fail(error, collector.fileName(origin.fileIndex), collector.describe(origin),
                QStringLiteral("concurrency"),
                QStringLiteral("duplicate point: same series, concurrency %1 and "
                               "configuration as %2")
                    .arg(concurrency)
                    .arg(where));
}

} // namespace tokenomics::data::importers
