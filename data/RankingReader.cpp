// The `query` fast path: a scan of only the columns a ranking reads, then the details of the
// points the output shows, by id.
#include "RankingReader.h"

#include "CatalogReader.h"
#include "CatalogRows.h"
#include "RankingEngine.h"
#include "SqlStatement.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace tokenomics::data {

namespace {

// The narrow scan's columns: what the frontier, the best point and the printed row read.
// Indexes into the result row; the statistic's and the samples' columns are appended.
// GPUs and the latency-limit flag of the shown points are read with their details; the
// scan reads GPUs only for goodput from samples.
enum RankingColumn : int {
    rankSeriesId,
    rankPointId,
    rankTput,
    rankOutputTput,
    rankInputTput,
    rankInteractivity,
    rankTtft,
    rankFirstOptional, // E2E latency when asked for, then GPUs and samples when any
};

std::string rankingQuery(const RankingLoadPlan& plan, bool withSamples, bool oneSeries) {
    static const char* const statisticSuffix[] = {"p50", "p90", "p99"};
    const std::string at = statisticSuffix[static_cast<int>(plan.statistic)];
    std::string sql = "SELECT p.series_id, p.id, p.tput_per_gpu, p.output_tput_per_gpu,"
                      " p.input_tput_per_gpu, p.interactivity_" +
                      at + ", p.ttft_" + at + "_s";
    if (plan.withE2el)
        sql += ", p.e2el_" + at + "_s";
    if (withSamples)
        sql += ", p.gpus, s.duration_s, s.requests";
    sql += " FROM points p";
    if (withSamples)
        sql += " LEFT JOIN point_samples s ON s.point_id = p.id";
    // One series through the points_identity index (series_id first); otherwise the table
    // in rowid order. Either way each series' points come in insertion order.
    if (oneSeries)
        sql += " WHERE p.series_id = ?1";
    sql += " ORDER BY p.id";
    return sql;
}

/// Reads one row of the narrow scan into `figures` (only the fields a ranking reads).
void readRankingFigures(sqlite3_stmt* statement, const RankingLoadPlan& plan,
                        PointFigures& figures) {
    figures.tputPerGpu = optionalDouble(statement, rankTput);
    figures.outputTputPerGpu = optionalDouble(statement, rankOutputTput);
    figures.inputTputPerGpu = optionalDouble(statement, rankInputTput);
    figures.interactivity = {};
    figures.ttftSeconds = {};
    figures.e2elSeconds = {};
    const auto set = [&plan](ByStatistic& figure, std::optional<double> value) {
        switch (plan.statistic) {
        case Statistic::P50:
            figure.p50 = value;
            break;
        case Statistic::P90:
            figure.p90 = value;
            break;
        case Statistic::P99:
            figure.p99 = value;
            break;
        }
    };
    set(figures.interactivity, optionalDouble(statement, rankInteractivity));
    set(figures.ttftSeconds, optionalDouble(statement, rankTtft));
    if (plan.withE2el)
        set(figures.e2elSeconds, optionalDouble(statement, rankFirstOptional));
}

} // namespace

bool readForRanking(sqlite3* database, RankingEngine& engine, const RankingLoadPlan& plan,
                    std::vector<std::vector<std::int64_t>>* pointIds, QString* error) {
    EngineTables tables;
    if (!readEngineTables(database, &tables, error))
        return false;
    const std::vector<SeriesRow>& rows = tables.series;

    std::vector<bool> keep;
    if (plan.chooseSeries) {
        std::vector<SeriesKey> keys;
        keys.reserve(rows.size());
        for (const SeriesRow& row : rows)
            keys.push_back(row.key);
        keep = plan.chooseSeries(keys, tables.offers);
    }
    if (keep.size() != rows.size())
        keep.assign(rows.size(), true);
    const auto keptCount = static_cast<std::size_t>(std::count(keep.begin(), keep.end(), true));

    auto pointEstimate = static_cast<std::int64_t>(pointCountEstimate(database));
    if (!rows.empty())
        pointEstimate = pointEstimate * static_cast<std::int64_t>(keptCount) /
                        static_cast<std::int64_t>(rows.size());
    const auto estimate = static_cast<std::size_t>(std::max<std::int64_t>(pointEstimate, 0));
    engine.reserve(keptCount, estimate);

    constexpr std::size_t missing = SeriesIdIndex::missing;
    constexpr std::size_t skipped = SIZE_MAX - 1;
    SeriesIdIndex indexOfId(rows);
    std::vector<std::int64_t> keptIds;
    keptIds.reserve(keptCount);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        indexOfId.set(rows[i].id, keep[i] ? engine.addSeries(rows[i].key) : skipped);
        if (keep[i])
            keptIds.push_back(rows[i].id);
    }

    // The points' ids in scan order beside their series, grouped by series afterwards.
    std::vector<std::int64_t> idsInScanOrder;
    std::vector<std::uint32_t> seriesInScanOrder;
    idsInScanOrder.reserve(estimate);
    seriesInScanOrder.reserve(estimate);

    const bool withSamples = hasSamples(database);
    const int gpusColumn = rankFirstOptional + (plan.withE2el ? 1 : 0);
    const int samplesColumn = gpusColumn + 1;
    // A filter that keeps few series reads only theirs, through the series_id index; most
    // series are read by one scan of the table that skips the others' rows.
    const bool seriesBySeries = keptCount * 4 <= rows.size();
    const std::string sql = rankingQuery(plan, withSamples, seriesBySeries);
    SqlStatement statement(database, sql.c_str());
    sqlite3_stmt* raw = statement.handle();
    PointFigures figures;
    const auto readRow = [&](std::size_t series) {
        readRankingFigures(raw, plan, figures);
        if (withSamples) {
            figures.gpus = sqlite3_column_int(raw, gpusColumn); // goodput is per GPU
            const std::optional<SampleSet> samples = readSamples(raw, samplesColumn);
            engine.addPoint(series, figures, samples ? &*samples : nullptr);
        } else {
            engine.addPoint(series, figures);
        }
        idsInScanOrder.push_back(sqlite3_column_int64(raw, rankPointId));
        seriesInScanOrder.push_back(static_cast<std::uint32_t>(series));
    };
    int rc = SQLITE_DONE;
    if (seriesBySeries) {
        for (std::size_t series = 0; series < keptIds.size() && rc == SQLITE_DONE; ++series) {
            statement.reset();
            statement.bind(1, keptIds[series]);
            while ((rc = sqlite3_step(raw)) == SQLITE_ROW)
                readRow(series);
        }
    } else {
        while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
            const auto seriesId = sqlite3_column_int64(raw, rankSeriesId);
            const std::size_t series = indexOfId.find(seriesId);
            if (series == missing) {
                *error = QStringLiteral("reading points: a point refers to a missing series");
                return false;
            }
            if (series != skipped)
                readRow(series);
        }
    }
    if (rc != SQLITE_DONE) {
        *error = QStringLiteral("reading points: %1").arg(statement.errorMessage());
        return false;
    }

    // Counting sort by series keeps each series' ids in scan (= engine insertion) order.
    pointIds->assign(keptCount, {});
    for (std::size_t series = 0; series < keptCount; ++series)
        (*pointIds)[series].reserve(engine.pointCount(series));
    for (std::size_t row = 0; row < idsInScanOrder.size(); ++row)
        (*pointIds)[seriesInScanOrder[row]].push_back(idsInScanOrder[row]);

    tables.moveInto(engine);
    return true;
}

bool readPointDetails(sqlite3* database, const std::vector<std::int64_t>& pointIds,
                      std::vector<ShownPointDetails>* details, QString* error) {
    SqlStatement statement(
        database, "SELECT config, note, source, as_of, uncertain, gpus,"
                  " latency_is_limit, concurrency, request_rate FROM points WHERE id = ?1");
    sqlite3_stmt* raw = statement.handle();
    // Looked up in id order: neighbouring rows share pages, so each page is read once.
    std::vector<std::uint32_t> byId(pointIds.size());
    std::iota(byId.begin(), byId.end(), 0u);
    std::sort(byId.begin(), byId.end(),
              [&pointIds](std::uint32_t a, std::uint32_t b) { return pointIds[a] < pointIds[b]; });
    details->assign(pointIds.size(), ShownPointDetails{});
    for (const std::uint32_t index : byId) {
        const std::int64_t id = pointIds[index];
        statement.reset();
        statement.bind(1, id);
        const int rc = sqlite3_step(raw);
        if (rc != SQLITE_ROW) {
            *error =
                rc == SQLITE_DONE
                    ? QStringLiteral("reading point %1: it is no longer in the catalog").arg(id)
                    : QStringLiteral("reading point %1: %2").arg(id).arg(statement.errorMessage());
            return false;
        }
        (*details)[index] =
            ShownPointDetails{PointDetails{columnString(raw, 0), columnString(raw, 1),
                                           Provenance{columnString(raw, 2), columnString(raw, 3),
                                                      sqlite3_column_int(raw, 4) != 0}},
                              sqlite3_column_int(raw, 5), sqlite3_column_int(raw, 6) != 0,
                              sqlite3_column_double(raw, 7), sqlite3_column_double(raw, 8)};
    }
    return true;
}

} // namespace tokenomics::data
