// The benchmark report of issue "cost of growth": catalogs of 10k, 100k and 1M points, each
// figure as a median over repeated runs, beside the floors (SQLite C API, sqlite3 shell) and
// pandas computing the same ranking. Separate processes wherever that is the honest measure.
// Usage: tokenomics_bench [--sizes 200,2000,20000]   (series counts; 50 points each)
//        tokenomics_bench --child-load[-details] CATALOG | --child-start   (used by the report
//        itself; -details loads as `tokenomics query` does)
#include "BenchCatalog.h"
#include "BenchReport.h"
#include "BenchSupport.h"
#include "CatalogStore.h"
#include "GuiBench.h"
#include "RankingEngine.h"
#include "RankingReader.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <sstream>

using namespace tokenomics;
using namespace tokenomics::bench;

namespace {

Sla baseSla() {
    Sla sla;
    sla.minInteractivity = 20;
    sla.maxTtftSeconds = 1.0;
    return sla;
}

CostSettings flatCost() {
    CostSettings cost;
    cost.usdPerGpuHourOverride = 2.0;
    return cost;
}

void progress(const char* format, const std::string& detail = {}) {
    std::fprintf(stderr, "[bench %s] %s %s\n", loadAverage().c_str(), format, detail.c_str());
}

/// In a child: open + load into a new engine, then the first rank (it builds the frontiers).
/// Prints "<load s> <frontiers ms> <resident bytes> <points> <series ranked>".
int runChildLoad(const QString& path) {
    const double start = monotonicSeconds();
    data::CatalogError error;
    auto store = data::CatalogStore::open(path, &error);
    RankingEngine engine;
    if (!store || !store->loadInto(engine, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message));
        return 1;
    }
    const double loaded = monotonicSeconds();
    const Ranking ranking = engine.rank(baseSla(), flatCost());
    const double ranked = monotonicSeconds();
    std::printf("%.6f %.6f %zu %zu %zu\n", loaded - start, (ranked - loaded) * 1e3,
                engine.residentBytes(), engine.pointCount(), ranking.series.size());
    return 0;
}

/// In a child, as `tokenomics query` loads: open, the ranking's columns of every point, the
/// first rank, then the recipe and provenance of the shown points. Prints the same fields as
/// runChildLoad; the load time counts the details read after the rank, not the rank.
int runChildQueryLoad(const QString& path) {
    const double start = monotonicSeconds();
    data::CatalogError error;
    auto store = data::CatalogStore::open(path, &error);
    RankingEngine engine;
    Ranking ranking;
    double loaded = 0;
    double ranked = 0;
    const auto read = [&](sqlite3* database, QString* reason) {
        data::RankingLoadPlan plan;
        plan.statistic = baseSla().statistic;
        plan.withE2el = baseSla().maxE2elSeconds.has_value();
        std::vector<std::vector<std::int64_t>> pointIds;
        if (!data::readForRanking(database, engine, plan, &pointIds, reason))
            return false;
        loaded = monotonicSeconds();
        ranking = engine.rank(baseSla(), flatCost());
        ranked = monotonicSeconds();
        std::vector<std::int64_t> shownIds;
        for (const SeriesResult& result : ranking.series) {
            if (const auto point = result.point ? result.point : result.lowerKnotPoint)
                shownIds.push_back(pointIds[result.series][*point]);
        }
        std::vector<data::ShownPointDetails> shown;
        return data::readPointDetails(database, shownIds, &shown, reason);
    };
    if (!store || !store->readInTransaction(read, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message));
        return 1;
    }
    const double detailed = monotonicSeconds();
    std::printf("%.6f %.6f %zu %zu %zu\n", (loaded - start) + (detailed - ranked),
                (ranked - loaded) * 1e3, engine.residentBytes(), engine.pointCount(),
                ranking.series.size());
    return 0;
}

std::vector<double> fields(const std::string& line) {
    std::istringstream in(line);
    std::vector<double> values;
    for (double value = 0; in >> value;)
        values.push_back(value);
    return values;
}

int feasibleInQueryJson(const std::string& json) {
    const QJsonArray series =
        QJsonDocument::fromJson(QByteArray::fromStdString(json)).object().value("series").toArray();
    int feasible = 0;
    for (const auto& entry : series)
        feasible += entry.toObject().value("feasible").toBool() ? 1 : 0;
    return feasible;
}

bool check(const ChildRun& run, const char* what) {
    if (run.started && run.exitCode == 0)
        return true;
    std::fprintf(stderr, "%s failed (exit %d): %s\n", what, run.exitCode, run.errors.c_str());
    return false;
}

/// Every measure of one catalog size.
bool measureSize(int seriesCount, const QTemporaryDir& folder, SizeFigures* figures) {
    const int points = seriesCount * pointsPerSeries;
    const int repeats = points >= 1000000 ? 3 : 5;
    figures->points = points;
    const std::string stem = folder.filePath(QString::number(points)).toStdString();
    const std::string csv = stem + ".csv";
    QString error;
    progress("writing CSV", csv);
    if (!writeCanonicalCsv(QString::fromStdString(csv), seriesCount, 42u, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    const std::string db = stem + ".sqlite";
    progress("import", std::to_string(points));
    for (int r = 0; r < repeats; ++r) {
        const std::string target =
            r + 1 == repeats ? db : stem + "-" + std::to_string(r) + ".sqlite";
        const ChildRun run =
            runChild({TOKENOMICS_EXE, "import", "--db", target, "--format", "csv", csv}, false);
        if (!check(run, "tokenomics import"))
            return false;
        figures->importSeconds.push_back(run.wallSeconds);
        figures->importPeakMb.push_back(run.maxRssMb);
        figures->importCpuSeconds.push_back(run.cpuSeconds);
        if (target != db)
            std::remove(target.c_str());
    }
    progress("floor, sqlite3 shell, engine load");
    const std::string pointSql =
        "SELECT p.series_id, p.gpus, p.disaggregated, p.prefill_gpus, p.decode_gpus,"
        " p.concurrency, p.tput_per_gpu, p.output_tput_per_gpu, p.input_tput_per_gpu,"
        " p.tput_derived, p.interactivity_p50, p.interactivity_p90, p.interactivity_p99,"
        " p.ttft_p50_s, p.ttft_p90_s, p.ttft_p99_s, p.e2el_p50_s, p.e2el_p90_s, p.e2el_p99_s,"
        " p.latency_is_limit, p.power_w FROM points p ORDER BY p.id";
    for (int r = 0; r < repeats; ++r) {
        const ChildRun floor = runChild({SQLITE_FLOOR_EXE, db}, true);
        if (!check(floor, "sqlite_floor"))
            return false;
        const auto scan = fields(floor.output);
        figures->floorSeconds.push_back(scan.at(2));
        figures->floorProcessSeconds.push_back(floor.wallSeconds);
        figures->floorPeakMb.push_back(floor.maxRssMb);
        const ChildRun shell = runChild({"sqlite3", "-readonly", db, pointSql}, false);
        if (!check(shell, "sqlite3"))
            return false;
        figures->shellSeconds.push_back(shell.wallSeconds);
        const ChildRun load = runChild({BENCH_EXE, "--child-load", db}, true);
        if (!check(load, "engine load"))
            return false;
        const auto loaded = fields(load.output);
        figures->loadSeconds.push_back(loaded.at(0));
        figures->frontierMs.push_back(loaded.at(1));
        figures->loadPeakMb.push_back(load.maxRssMb);
        figures->bytesPerPoint = loaded.at(2) / loaded.at(3);
        const ChildRun detailed = runChild({BENCH_EXE, "--child-load-details", db}, true);
        if (!check(detailed, "engine load with details"))
            return false;
        figures->loadDetailsSeconds.push_back(fields(detailed.output).at(0));
        figures->loadDetailsPeakMb.push_back(detailed.maxRssMb);
    }
    progress("query end to end and pandas");
    const std::vector<std::string> sla = {"--min-interactivity", "20", "--max-ttft", "1.0",
                                          "--usd-per-gpu-hour",  "2"};
    for (int r = 0; r < repeats; ++r) {
        std::vector<std::string> query = {TOKENOMICS_EXE, "query", "--db", db, "--format", "json"};
        query.insert(query.end(), sla.begin(), sla.end());
        const ChildRun run = runChild(query, true);
        if (!check(run, "tokenomics query"))
            return false;
        figures->querySeconds.push_back(run.wallSeconds);
        figures->queryPeakMb.push_back(run.maxRssMb);
        figures->queryCpuSeconds.push_back(run.cpuSeconds);
        figures->queryFeasible = feasibleInQueryJson(run.output);
        for (const bool fromCsv : {false, true}) {
            std::vector<std::string> pandas = {"/usr/bin/python3", PANDAS_RANK_PY,
                                               fromCsv ? "--csv" : "--db", fromCsv ? csv : db};
            pandas.insert(pandas.end(), sla.begin(), sla.end());
            const ChildRun ranked = runChild(pandas, true);
            if (!check(ranked, "pandas_rank.py"))
                return false;
            const QJsonObject answer =
                QJsonDocument::fromJson(QByteArray::fromStdString(ranked.output)).object();
            auto& into = fromCsv ? figures->pandasCsv : figures->pandasDb;
            into.wallSeconds.push_back(ranked.wallSeconds);
            into.innerSeconds.push_back(answer.value("seconds").toDouble());
            into.peakMb.push_back(ranked.maxRssMb);
            into.cpuSeconds.push_back(ranked.cpuSeconds);
            into.feasible = answer.value("feasible").toInt();
        }
    }
    progress("re-rank drags in process");
    {
        data::CatalogError loadError;
        auto store = data::CatalogStore::open(QString::fromStdString(db), &loadError);
        RankingEngine engine;
        if (!store || !store->loadInto(engine, &loadError))
            return false;
        const CostSettings cost = flatCost();
        Ranking ranking = engine.rank(baseSla(), cost); // re-ranked into, as the dashboard does
        for (int r = 0; r < 40; ++r) { // the horizontal TTFT line dragged: frontiers change
            Sla dragged = baseSla();
            dragged.maxTtftSeconds = 0.3 + 0.05 * r;
            const double start = monotonicSeconds();
            const double cpuStart = processCpuSeconds();
            engine.rank(dragged, cost, {}, ranking);
            figures->rerankSlaMs.push_back((monotonicSeconds() - start) * 1e3);
            figures->rerankSlaCpuMs.push_back((processCpuSeconds() - cpuStart) * 1e3);
        }
        for (int r = 0; r < 40; ++r) { // the vertical min-interactivity line dragged
            Sla dragged = baseSla();
            dragged.minInteractivity = 5.0 + 1.1 * r;
            const double start = monotonicSeconds();
            const double cpuStart = processCpuSeconds();
            engine.rank(dragged, cost, {}, ranking);
            figures->rerankInteractivityMs.push_back((monotonicSeconds() - start) * 1e3);
            figures->rerankInteractivityCpuMs.push_back((processCpuSeconds() - cpuStart) * 1e3);
        }
    }
    std::remove(csv.c_str());
    return true;
}

/// Window start to first paint, first ever (fresh home each run) and warm (same home again).
void measureStart(const QTemporaryDir& folder, StartFigures* figures) {
    const auto run = [&](const QString& home, std::vector<double>* spawnToPaint,
                         std::vector<double>* openToPaint, std::vector<double>* peakMb) {
        const std::string h = home.toStdString();
        const ChildRun child =
            runChild({BENCH_EXE, "--child-start"}, true,
                     {"HOME=" + h, "XDG_CONFIG_HOME=" + h + "/.config",
                      "XDG_DATA_HOME=" + h + "/.local/share", "XDG_CACHE_HOME=" + h + "/.cache",
                      "QT_QPA_PLATFORM=offscreen"});
        if (!check(child, "window start"))
            return;
        const auto painted = fields(child.output);
        spawnToPaint->push_back(painted.at(0) - child.startedAtSeconds);
        openToPaint->push_back(painted.at(1));
        peakMb->push_back(child.maxRssMb);
    };
    for (int r = 0; r < 5; ++r)
        run(folder.filePath(QStringLiteral("home-first-%1").arg(r)), &figures->firstSpawnToPaint,
            &figures->firstOpenToPaint, &figures->peakMb);
    const QString warm = folder.filePath(QStringLiteral("home-first-0"));
    for (int r = 0; r < 5; ++r)
        run(warm, &figures->warmSpawnToPaint, &figures->warmOpenToPaint, &figures->peakMb);
}

std::vector<int> parseSizes(int argc, char* argv[]) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--sizes") == 0) {
            std::vector<int> sizes;
            for (const auto& part : QString::fromLatin1(argv[i + 1]).split(u','))
                sizes.push_back(part.toInt());
            return sizes;
        }
    }
    return {200, 2000, 20000};
}

} // namespace

int main(int argc, char* argv[]) {
    if (argc == 3 && std::strncmp(argv[1], "--child-load", 12) == 0) {
        QCoreApplication application(argc, argv);
        const QString path = QString::fromLocal8Bit(argv[2]);
        return std::strcmp(argv[1], "--child-load-details") == 0 ? runChildQueryLoad(path)
                                                                 : runChildLoad(path);
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    if (argc == 2 && std::strcmp(argv[1], "--child-start") == 0)
        return runChildWindowStart();

    Report report;
    report.machine = machineDescription();
    report.loadAtStart = loadAverage();
    const double started = monotonicSeconds();
    QTemporaryDir folder;
    for (const int series : parseSizes(argc, argv)) {
        SizeFigures figures;
        if (!measureSize(series, folder, &figures))
            return 1;
        report.sizes.push_back(std::move(figures));
    }
    progress("replot");
    const ReplotTimes replot = measureReplot(200);
    report.replotMs = replot.replotMs;
    report.dragStepCpuMs = replot.dragStepCpuMs;
    progress("window start");
    measureStart(folder, &report.start);
    report.loadAtEnd = loadAverage();
    report.totalSeconds = monotonicSeconds() - started;
    std::fputs(formatReport(report).c_str(), stdout);
    return 0;
}
