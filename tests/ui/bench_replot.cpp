// Replot time while dragging the interactivity threshold: 200 series × 50 points.
// Prints the median of QCustomPlot::replotTime() over many threshold moves (target ≤ 8 ms).
#include "DashboardState.h"
#include "ParetoChart.h"

#include <QApplication>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <ctime>

using namespace tokenomics;

namespace {
Catalog syntheticCatalog(int seriesCount, int pointsPerSeries) {
    Catalog catalog;
    const char* hardware[] = {"B200",   "H100",  "H200", "MI300X",
                              "MI355X", "GB200", "B300", "MI325X"};
    for (int s = 0; s < seriesCount; ++s) {
        Series series;
        series.key = {"BenchModel",
                      hardware[s % 8],
                      s % 2 ? "vllm" : "trt",
                      s % 3 ? "fp8" : "fp4",
                      "none",
                      1024,
                      1024,
                      "run" + std::to_string(s)};
        for (int p = 0; p < pointsPerSeries; ++p) {
            OperatingPoint point;
            const double interactivity = 5 + p * 4.0 + s * 0.01;
            point.figures.gpus = 8;
            point.figures.interactivity.p50 = interactivity;
            point.figures.tputPerGpu = 20000.0 * std::exp(-interactivity / (60.0 + s % 17));
            point.figures.ttftSeconds.p50 = 0.2 + p * 0.05;
            series.points.push_back(point);
        }
        catalog.series.push_back(std::move(series));
    }
    for (const char* name : hardware) {
        CostBasis basis;
        basis.hardware = name;
        basis.key = "hyperscaler";
        basis.usdPerGpuHour = 2.0;
        catalog.costBases.push_back(basis);
    }
    return catalog;
}

// CPU time of this thread: unlike wall time it does not grow when other processes share the cores.
double threadCpuMilliseconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}
} // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    ui::DashboardState state(syntheticCatalog(200, 50));
    state.setMinInteractivity(30);
    QTextStream out(stdout);
    for (ui::ChartMetric metric :
         {ui::ChartMetric::ThroughputPerGpu, ui::ChartMetric::CostPerMTotal}) {
        ui::ParetoChart chart(&state, metric);
        chart.resize(1280, 720);
        chart.show();
        std::vector<double> milliseconds;
        std::vector<double> cpuMilliseconds;
        std::vector<double> replotCpuMilliseconds;
        for (int step = 0; step < 200; ++step) {
            // What one mouse move does: move the threshold (re-rank, re-grey), then replot.
            const double cpuStart = threadCpuMilliseconds();
            state.setMinInteractivity(10 + (step % 100) * 1.5);
            const double cpuReplotStart = threadCpuMilliseconds();
            chart.replot(QCustomPlot::rpImmediateRefresh);
            const double cpuEnd = threadCpuMilliseconds();
            cpuMilliseconds.push_back(cpuEnd - cpuStart);
            replotCpuMilliseconds.push_back(cpuEnd - cpuReplotStart);
            milliseconds.push_back(chart.replotTime());
        }
        out << (metric == ui::ChartMetric::ThroughputPerGpu ? "throughput" : "cost")
            << " chart, 200 series x 50 points: median replot " << median(milliseconds)
            << " ms (QCustomPlot::replotTime, wall clock), " << median(replotCpuMilliseconds)
            << " ms CPU; whole mouse-move step (re-rank, re-grey, replot) "
            << median(cpuMilliseconds) << " ms CPU; over " << milliseconds.size()
            << " threshold moves (target <= 8 ms)\n";
    }
    return 0;
}
