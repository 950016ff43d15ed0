// Benchmark of the cost engine on synthetic catalogs of 10k, 100k and 1M points.
// Prints medians over repeated runs and their ratio to the targets (ratio ≤ 1 meets it).
#include "BenchCurves.h"
#include "RankingEngine.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

using namespace tokenomics;

namespace {
using Clock = std::chrono::steady_clock;

using bench::pointsPerSeries;
constexpr int repeats = 9;
std::string profiled; // the drag --profile repeats, if any

struct Catalog {
    std::vector<SeriesKey> keys;
    std::vector<bench::BenchPoint> points; // pointsPerSeries per series, series after series
};

/// The report's synthetic curves (tests/bench/BenchCurves.h), generated before the clock starts.
Catalog makeCatalog(int seriesCount, std::uint32_t seed) {
    Catalog catalog;
    catalog.points.reserve(std::size_t(seriesCount) * pointsPerSeries);
    bench::generatePoints(seriesCount, seed,
                          [&](int series, const SeriesKey& key, const bench::BenchPoint& point) {
                              if (catalog.keys.size() <= std::size_t(series))
                                  catalog.keys.push_back(key);
                              catalog.points.push_back(point);
                          });
    return catalog;
}

std::vector<CostBasis> costBases() {
    std::vector<CostBasis> bases;
    const char* hardware[] = {"B200", "H100", "H200", "MI355X", "MI300X", "GB200", "B300"};
    for (int h = 0; h < 7; ++h) { // L40S has none: its series rank after the costed ones
        CostBasis basis;
        basis.hardware = hardware[h];
        basis.key = "hyperscaler";
        basis.usdPerGpuHour = 1.3 + 0.4 * h;
        basis.allInKwPerGpu = 1.2 + 0.1 * h;
        bases.push_back(basis);
    }
    return bases;
}

/// Wall-clock and CPU time of one timed run. The machine may be shared: CPU time (both
/// threads of a split pass added up) shows the work done whatever else runs.
struct Timing {
    std::vector<double> wallMs;
    std::vector<double> cpuMs;
};

class Stopwatch {
public:
    explicit Stopwatch(Timing& into)
        : into_(into)
        , wall_(Clock::now())
        , cpu_(std::clock()) {}
    ~Stopwatch() {
        const auto wall = std::chrono::duration<double, std::milli>(Clock::now() - wall_);
        into_.wallMs.push_back(wall.count());
        into_.cpuMs.push_back(1000.0 * double(std::clock() - cpu_) / CLOCKS_PER_SEC);
    }
    Stopwatch(const Stopwatch&) = delete;
    Stopwatch& operator=(const Stopwatch&) = delete;

private:
    Timing& into_;
    Clock::time_point wall_;
    std::clock_t cpu_;
};

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

RankingEngine build(const Catalog& catalog) {
    RankingEngine engine;
    engine.reserve(catalog.keys.size(), catalog.points.size());
    std::size_t next = 0;
    for (const auto& key : catalog.keys) {
        const auto series = engine.addSeries(key);
        for (int i = 0; i < pointsPerSeries; ++i)
            engine.addPoint(series, bench::figuresOf(catalog.points[next++]));
    }
    engine.setCostBases(costBases());
    return engine;
}

std::size_t checksum(const Ranking& ranking) {
    std::size_t feasible = 0;
    for (const auto& result : ranking.series)
        feasible += result.feasible ? 1 : 0;
    return feasible;
}

void report(const char* what, const Timing& timing, double target) {
    const double wall = median(timing.wallMs);
    std::printf("  %-40s %9.3f ms wall %9.3f ms cpu   target %7.2f  ratio %.2f%s\n", what, wall,
                median(timing.cpuMs), target, wall / target, wall <= target ? "" : "  (over)");
}

void run(int seriesCount) {
    const auto catalog = makeCatalog(seriesCount, 42u + std::uint32_t(seriesCount));
    const std::size_t points = catalog.points.size();
    std::printf("%zu points in %d series (%d points each, 3 configurations)\n", points, seriesCount,
                pointsPerSeries);
    CostSettings cost;
    Sla sla;
    sla.maxTtftSeconds = 1.0;
    sla.minInteractivity = 20;

    Timing buildTimes;
    std::size_t feasible = 0;
    for (int r = 0; r < repeats; ++r) {
        RankingEngine built;
        {
            const Stopwatch stopwatch(buildTimes);
            built = build(catalog);
            feasible = checksum(built.rank(sla, cost));
        }
    }
    auto engine = build(catalog);
    // Drags re-rank into one Ranking, as the dashboard does; one drag also by value.
    Ranking ranking = engine.rank(sla, cost);

    // Dragging the min-interactivity line: the frontiers stay cached.
    Timing interactivityTimes;
    for (int r = 0; r < 4 * repeats; ++r) {
        Sla dragged = sla;
        dragged.minInteractivity = 5.0 + 3.1 * r;
        const Stopwatch stopwatch(interactivityTimes);
        engine.rank(dragged, cost, {}, ranking);
        feasible += checksum(ranking) & 1;
    }
    Timing byValueTimes;
    for (int r = 0; r < 4 * repeats; ++r) {
        Sla dragged = sla;
        dragged.minInteractivity = 5.0 + 3.1 * r;
        const Stopwatch stopwatch(byValueTimes);
        feasible += checksum(engine.rank(dragged, cost)) & 1;
    }
    // Dragging the TTFT line: every frontier is recomputed.
    Timing ttftTimes;
    for (int r = 0; r < 4 * repeats; ++r) {
        Sla dragged = sla;
        dragged.maxTtftSeconds = 0.3 + 0.05 * r;
        const Stopwatch stopwatch(ttftTimes);
        engine.rank(dragged, cost, {}, ranking);
        feasible += checksum(ranking) & 1;
    }
    // Memory with both cached frontier sets full (p50 with two TTFT limits), as while dragging.
    const double bytesPerPoint = double(engine.residentBytes()) / double(points);
    // Switching the statistic (p50 → p90 → p99 → p50 ...) under the TTFT limit.
    Timing statisticTimes;
    for (int r = 1; r <= repeats; ++r) {
        Sla switched = sla;
        switched.statistic = static_cast<Statistic>(r % 3);
        const Stopwatch stopwatch(statisticTimes);
        engine.rank(switched, cost, {}, ranking);
        feasible += checksum(ranking) & 1;
    }
    // Dragging an E2E limit (p50) besides the TTFT one.
    Timing e2elTimes;
    for (int r = 0; r < 4 * repeats; ++r) {
        Sla dragged = sla;
        dragged.maxE2elSeconds = 20.0 + 2.0 * r;
        const Stopwatch stopwatch(e2elTimes);
        engine.rank(dragged, cost, {}, ranking);
        feasible += checksum(ranking) & 1;
    }
    const double scale = double(points) / 1e6; // targets are stated for 1M points
    report("build: addSeries/addPoint + first rank", buildTimes, 150.0 * scale);
    report("re-rank, min interactivity changed", interactivityTimes, 1.0 * scale);
    report("  the same, a new Ranking each time", byValueTimes, 1.0 * scale);
    report("re-rank, TTFT threshold changed", ttftTimes, 5.0 * scale);
    report("re-rank, statistic changed", statisticTimes, 5.0 * scale);
    report("re-rank, E2E threshold changed", e2elTimes, 5.0 * scale);
    std::printf("  %-40s %9.1f B                            target %7.1f  ratio %.2f%s\n",
                "resident bytes per point", bytesPerPoint, 64.0, bytesPerPoint / 64.0,
                bytesPerPoint <= 64.0 ? "" : "  (over)");
    std::printf("  (feasible series at the base SLA: %zu)\n\n", feasible);
}

/// Repeats one drag for a profiler to sample.
void profile(int seriesCount) {
    const auto catalog = makeCatalog(seriesCount, 42u + std::uint32_t(seriesCount));
    auto engine = build(catalog);
    CostSettings cost;
    Sla sla;
    sla.maxTtftSeconds = 1.0;
    sla.minInteractivity = 20;
    Ranking ranking = engine.rank(sla, cost);
    std::size_t feasible = 0;
    Timing times;
    for (int r = 0; r < 2000; ++r) {
        Sla dragged = sla;
        if (profiled == "ttft")
            dragged.maxTtftSeconds = 0.3 + 0.05 * (r % 40);
        else if (profiled == "e2el")
            dragged.maxE2elSeconds = 20.0 + 2.0 * (r % 40);
        else
            dragged.minInteractivity = 5.0 + 3.1 * (r % 40);
        const Stopwatch stopwatch(times);
        engine.rank(dragged, cost, {}, ranking);
        feasible += checksum(ranking) & 1;
    }
    report(profiled.c_str(), times, 1.0 * double(seriesCount) / 20000.0);
    std::printf("  (checksum %zu)\n", feasible);
}

} // namespace

/// The machine's load: wall-clock medians on a shared machine include others' work.
void printLoad() {
    if (std::FILE* file = std::fopen("/proc/loadavg", "r")) {
        char line[128] = {};
        if (std::fgets(line, sizeof line, file))
            std::printf("load average at start: %s", line);
        std::fclose(file);
    }
}

int main(int argc, char* argv[]) {
    // --series N: only that size; --profile ttft|e2el|interactivity: only that drag, repeated
    // 2000 times for a profiler to sample, with one line of medians.
    std::vector<int> sizes{200, 2000, 20000};
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--series") == 0)
            sizes = {std::atoi(argv[i + 1])};
        else if (std::strcmp(argv[i], "--profile") == 0)
            profiled = argv[i + 1];
    }
    if (!profiled.empty()) {
        for (const int series : sizes)
            profile(series);
        return 0;
    }
    std::printf("bench_engine: medians of %d runs (%d for threshold drags); %u hardware threads\n",
                repeats, 4 * repeats, std::thread::hardware_concurrency());
    printLoad();
    std::printf("targets are for 1M points; at 10k and 100k they are scaled linearly\n");
    std::printf("build includes making each PointFigures from pre-generated raw values\n");
    std::printf("re-rank times are full rank() calls: every SeriesResult and offer built,\n"
                "into one reused Ranking as the dashboard's drags do (one line: a new one)\n\n");
    for (const int series : sizes)
        run(series);
    return 0;
}
