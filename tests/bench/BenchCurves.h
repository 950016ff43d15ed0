#pragma once
/// Synthetic operating points for the benchmarks: N series × 50 points of realistic curve
/// shape, in plain C++ so the engine's benchmark (no Qt) and the report share one generator.

#include "CatalogTypes.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tokenomics::bench {

constexpr int pointsPerSeries = 50;

/// One synthetic point's figures, generated before any clock starts.
struct BenchPoint {
    int gpus = 8;
    int concurrency = 1;
    float tputPerGpu = 0, outputTputPerGpu = 0;
    float interactivity[3] = {}; // p50, p90, p99
    float ttftSeconds[3] = {};
    float e2elP50Seconds = 0;
    const char* config = ""; // the recipe label, one per GPU count
};

/// Calls `onPoint(series, key, point)` for every point, series after series, in a fixed order
/// that depends on `seed` only: 3 configurations (4, 8, 16 GPUs) of ~17 concurrencies each,
/// interactivity ≈ I0 / (1 + c/24), throughput ≈ P (1 − e^(−c/64)), TTFT growing with c.
void generatePoints(int seriesCount, std::uint32_t seed,
                    const std::function<void(int, const SeriesKey&, const BenchPoint&)>& onPoint);

/// The engine's figures of one synthetic point.
PointFigures figuresOf(const BenchPoint& p);

/// The 8 hardware names the generator cycles through, in order.
const std::vector<std::string>& benchHardwareNames();

} // namespace tokenomics::bench
