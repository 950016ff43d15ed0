// Benchmark: loading N points (default 1,000,000) from a catalog into a RankingEngine against
// a minimal SQLite C API scan of the same rows (the floor), and importing N rows of CSV.
// Prints medians; no pass/fail here (speed targets stay out of the unit tests).
#include "CatalogStore.h"
#include "RankingEngine.h"
#include "importers/ResultImporter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <cstdio>
#include <sqlite3.h>
#include <vector>

using namespace tokenomics;
using namespace tokenomics::data;

namespace {

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// The floor: what a minimal C program does to read the same columns of the same rows.
double scanWithCApi(const QString& path) {
    sqlite3* database = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &database, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(database,
                       "SELECT series_id, gpus, disaggregated, prefill_gpus, decode_gpus,"
                       " concurrency, tput_per_gpu, output_tput_per_gpu, input_tput_per_gpu,"
                       " tput_derived, interactivity_p50, interactivity_p90, interactivity_p99,"
                       " ttft_p50_s, ttft_p90_s, ttft_p99_s, e2el_p50_s, e2el_p90_s, e2el_p99_s,"
                       " latency_is_limit, power_w FROM points ORDER BY id",
                       -1, &statement, nullptr);
    QElapsedTimer timer;
    timer.start();
    double sum = 0;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        for (int column = 0; column < 21; ++column) {
            if (sqlite3_column_type(statement, column) != SQLITE_NULL)
                sum += sqlite3_column_double(statement, column);
        }
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    sqlite3_finalize(statement);
    sqlite3_close(database);
    std::fprintf(stderr, "(checksum %g)\n", sum);
    return seconds;
}

ImportBatch syntheticBatch(int seriesCount, int pointsPerSeries) {
    ImportBatch batch;
    for (int s = 0; s < seriesCount; ++s) {
        Series series;
        series.key = {"Model " + std::to_string(s % 10),
                      "B200",
                      "engine" + std::to_string(s),
                      "fp8",
                      "none",
                      1024,
                      1024,
                      ""};
        series.points.resize(static_cast<std::size_t>(pointsPerSeries));
        for (int p = 0; p < pointsPerSeries; ++p) {
            PointFigures& f = series.points[static_cast<std::size_t>(p)].figures;
            f.gpus = 8;
            f.concurrency = p + 1;
            f.tputPerGpu = 100.0 + p;
            f.outputTputPerGpu = 50.0 + p;
            f.interactivity = {200.0 - p * 0.1, 180.0 - p * 0.1, 150.0 - p * 0.1};
            f.ttftSeconds = {0.1 + p * 0.001, 0.2 + p * 0.001, 0.3 + p * 0.001};
            series.points[static_cast<std::size_t>(p)].provenance.source = "synthetic";
        }
        batch.series.push_back(std::move(series));
    }
    return batch;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication application(argc, argv);
    const int points = argc > 1 ? std::atoi(argv[1]) : 1000000;
    const int pointsPerSeries = 1000;
    const int seriesCount = std::max(1, points / pointsPerSeries);
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("bench.sqlite"));
    QTextStream out(stdout);
    CatalogError error;
    {
        auto store = CatalogStore::open(path, &error);
        const ImportBatch batch = syntheticBatch(seriesCount, pointsPerSeries);
        QElapsedTimer timer;
        timer.start();
        if (!store || !store->import(batch, &error)) {
            out << "import failed: " << error.message << "\n";
            return 1;
        }
        out << "write " << seriesCount * pointsPerSeries
            << " points (one transaction): " << timer.nsecsElapsed() / 1e9 << " s\n";
    }
    std::vector<double> floor;
    std::vector<double> load;
    auto store = CatalogStore::open(path, &error);
    for (int run = 0; run < 5; ++run) {
        floor.push_back(scanWithCApi(path));
        RankingEngine engine;
        QElapsedTimer timer;
        timer.start();
        store->loadInto(engine, &error);
        load.push_back(timer.nsecsElapsed() / 1e9);
        if (engine.pointCount() != static_cast<std::size_t>(seriesCount * pointsPerSeries))
            out << "wrong point count " << engine.pointCount() << "\n";
    }
    out << "C API scan (floor), median of 5: " << median(floor) << " s\n";
    out << "CatalogStore::loadInto(engine), median of 5: " << median(load) << " s (ratio "
        << median(load) / median(floor) << ")\n";

    // A canonical CSV of the same size, parsed and imported as `tokenomics import` does.
    const QString csvPath = folder.filePath(QStringLiteral("bench.csv"));
    {
        QFile csv(csvPath);
        csv.open(QIODevice::WriteOnly);
        QByteArray text = "model,hardware,engine,precision,isl,osl,concurrency,gpus,tput_per_gpu,"
                          "interactivity_p50,ttft_p50,source\n";
        for (int row = 0; row < seriesCount * pointsPerSeries; ++row) {
            text += "Model,B200,engine" + QByteArray::number(row / pointsPerSeries) +
                    ",fp8,1024,1024," + QByteArray::number(row % pointsPerSeries + 1) + ",8," +
                    QByteArray::number(100.0 + row % 997) + "," +
                    QByteArray::number(200.0 - (row % 997) * 0.1) + ",0.25,bench\n";
            if (text.size() > (1 << 22)) {
                csv.write(text);
                text.clear();
            }
        }
        csv.write(text);
    }
    QElapsedTimer timer;
    timer.start();
    ImportError importError;
    const auto parsed = parseResultFiles({csvPath}, ImportFormat::Csv, {}, &importError);
    const double parseSeconds = timer.nsecsElapsed() / 1e9;
    if (!parsed) {
        out << "parse failed: " << importError.message() << "\n";
        return 1;
    }
    auto fresh = CatalogStore::open(folder.filePath(QStringLiteral("csv.sqlite")), &error);
    timer.restart();
    if (!fresh || !fresh->import(*parsed, &error)) {
        out << "import failed: " << error.message << "\n";
        return 1;
    }
    const double writeSeconds = timer.nsecsElapsed() / 1e9;
    out << "CSV import of " << seriesCount * pointsPerSeries << " rows: parse " << parseSeconds
        << " s + write " << writeSeconds << " s = " << parseSeconds + writeSeconds << " s\n";
    return 0;
}
