#pragma once
/// The figures the benchmark collects and the text report made of them (medians, growth, targets).

#include <string>
#include <vector>

namespace tokenomics::bench {

/// pandas computing the same ranking: process wall time, its own timer, peak memory.
struct PandasFigures {
    std::vector<double> wallSeconds, innerSeconds, peakMb, cpuSeconds;
    int feasible = -1;
};

/// Every repeated measure at one catalog size.
struct SizeFigures {
    int points = 0;
    std::vector<double> importSeconds, importPeakMb, importCpuSeconds, queryCpuSeconds;
    std::vector<double> floorSeconds, floorProcessSeconds, floorPeakMb, shellSeconds;
    std::vector<double> loadSeconds, frontierMs, loadPeakMb;
    std::vector<double> loadDetailsSeconds, loadDetailsPeakMb;    // as `query` loads
    std::vector<double> rerankSlaMs, rerankInteractivityMs;       // wall
    std::vector<double> rerankSlaCpuMs, rerankInteractivityCpuMs; // process CPU, both threads
    std::vector<double> querySeconds, queryPeakMb;
    PandasFigures pandasDb, pandasCsv;
    double bytesPerPoint = 0;
    int queryFeasible = -1;
};

struct StartFigures {
    std::vector<double> firstSpawnToPaint, firstOpenToPaint, warmSpawnToPaint, warmOpenToPaint;
    std::vector<double> peakMb;
};

struct Report {
    std::string machine, loadAtStart, loadAtEnd;
    std::vector<SizeFigures> sizes;
    std::vector<double> replotMs, dragStepCpuMs;
    StartFigures start;
    double totalSeconds = 0;
};

std::string formatReport(const Report& report);

} // namespace tokenomics::bench
