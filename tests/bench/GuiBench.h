#pragma once
/// The dashboard's measures: chart replot while dragging, and window start to first paint.

#include <vector>

namespace tokenomics::bench {

/// Replot times (ms, QCustomPlot::replotTime) and whole drag steps (ms of thread CPU) of the
/// throughput chart, 200 series × 50 points at 1920×1080, over `moves` threshold moves.
struct ReplotTimes {
    std::vector<double> replotMs;
    std::vector<double> dragStepCpuMs;
};
ReplotTimes measureReplot(int moves);

/// In a child process: opens the default catalog as `tokenomics` does, shows the main window
/// and prints "<monotonic seconds at first paint> <seconds from before the open to it>".
int runChildWindowStart();

} // namespace tokenomics::bench
