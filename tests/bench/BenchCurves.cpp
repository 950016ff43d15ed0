// Synthetic operating points of realistic curve shape, shared by the engine's benchmark
// (tests/core/bench_engine.cpp) and the report's catalogs. Concurrencies are distinct within a
// configuration so that the importer accepts every row (it refuses duplicate points).
#include "BenchCurves.h"

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

namespace tokenomics::bench {

namespace {
const char* const hardwareNames[] = {"B200",   "H100",  "H200", "MI355X",
                                     "MI300X", "GB200", "B300", "L40S"};
const char* const engineNames[] = {"vllm", "sglang", "trt", "dynamo"};
const char* const precisionNames[] = {"fp4", "fp8", "bf16"};
const char* const configNames[] = {"TP4", "TP8", "TP16"};
} // namespace

void generatePoints(int seriesCount, std::uint32_t seed,
                    const std::function<void(int, const SeriesKey&, const BenchPoint&)>& onPoint) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);
    std::lognormal_distribution<float> noise(0.0f, 0.08f);
    constexpr int configs = 3;
    for (int s = 0; s < seriesCount; ++s) {
        SeriesKey key;
        key.model = "deepseek-r1";
        key.hardware = hardwareNames[s % 8];
        key.engine = engineNames[(s / 8) % 4];
        key.precision = precisionNames[(s / 32) % 3];
        key.isl = 1024;
        key.osl = 1024;
        char run[16];
        std::snprintf(run, sizeof run, "r%d", s / 96); // GCC 12 warns on "r" + std::string
        key.run = run;
        for (int i = 0; i < pointsPerSeries; ++i) {
            const int config = i * configs / pointsPerSeries;
            const int step = i - (config * pointsPerSeries + configs - 1) / configs;
            // 1, 2, 3, 5, 8, 13, ... : distinct within a configuration.
            const int concurrency = static_cast<int>(std::lround(std::pow(2.0, step * 0.75)));
            const float peak = (2000.0f + 6000.0f * unit(random)) * (1.0f + 0.3f * float(config));
            const float fastest = (80.0f + 120.0f * unit(random)) / (1.0f + 0.2f * float(config));
            BenchPoint p;
            p.gpus = 4 << config;
            p.config = configNames[config];
            p.concurrency = concurrency;
            const float c = float(concurrency);
            p.interactivity[0] = fastest / (1.0f + c / 24.0f) * noise(random);
            p.interactivity[1] = p.interactivity[0] * (0.8f + 0.1f * unit(random));
            p.interactivity[2] = p.interactivity[1] * (0.7f + 0.2f * unit(random));
            p.tputPerGpu = peak * (1.0f - std::exp(-c / 64.0f)) * noise(random);
            p.outputTputPerGpu = p.tputPerGpu * 0.5f;
            p.ttftSeconds[0] = 0.05f * (1.0f + c / 32.0f) * (0.5f + unit(random));
            p.ttftSeconds[1] = p.ttftSeconds[0] * (1.2f + unit(random));
            p.ttftSeconds[2] = p.ttftSeconds[1] * (1.2f + unit(random));
            p.e2elP50Seconds = p.ttftSeconds[0] + 1024.0f / p.interactivity[0];
            onPoint(s, key, p);
        }
    }
}

PointFigures figuresOf(const BenchPoint& p) {
    PointFigures f;
    f.gpus = p.gpus;
    f.concurrency = p.concurrency;
    f.tputPerGpu = p.tputPerGpu;
    f.outputTputPerGpu = p.outputTputPerGpu;
    f.interactivity = {p.interactivity[0], p.interactivity[1], p.interactivity[2]};
    f.ttftSeconds = {p.ttftSeconds[0], p.ttftSeconds[1], p.ttftSeconds[2]};
    f.e2elSeconds.p50 = p.e2elP50Seconds;
    return f;
}

const std::vector<std::string>& benchHardwareNames() {
    static const std::vector<std::string> names(std::begin(hardwareNames), std::end(hardwareNames));
    return names;
}

} // namespace tokenomics::bench
