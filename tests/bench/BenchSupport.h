#pragma once
/// Helpers of the benchmark report: medians, child processes with their peak memory, the machine.

#include <string>
#include <vector>

namespace tokenomics::bench {

double median(std::vector<double> values);

/// Seconds on the monotonic clock (comparable across processes on one machine).
double monotonicSeconds();
/// CPU seconds of this process, every thread (the engine may split a pass over two).
double processCpuSeconds();

/// One finished child process: wall time from spawn to reaped, its peak resident set.
struct ChildRun {
    bool started = false;
    int exitCode = -1;
    double wallSeconds = 0;
    double startedAtSeconds = 0; // monotonicSeconds() just before the spawn
    double cpuSeconds = 0;       // user + system time, whatever else shares the cores
    double maxRssMb = 0;         // its peak resident set (ru_maxrss, via peak_rss)
    std::string output;          // its stdout (empty when sent to /dev/null)
    std::string errors;          // its stderr, for a message when it fails
};

/// Runs `argv` (argv[0] found on PATH) with `environment` added to ours and waits for it. stdout is
/// kept when `keepOutput`, else sent to /dev/null.
ChildRun runChild(const std::vector<std::string>& argv, bool keepOutput,
                  const std::vector<std::string>& environment = {});

/// "nproc 2, AMD EPYC, 23.5 GiB" from /proc.
std::string machineDescription();
/// The first three fields of /proc/loadavg.
std::string loadAverage();

} // namespace tokenomics::bench
