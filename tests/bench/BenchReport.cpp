// Layout of the report: one row per figure, one column per catalog size, then how the figure
// grew from the middle size to the largest (×10 points is linear) and the target at the top.
#include "BenchReport.h"

#include "BenchSupport.h"

#include <QDateTime>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <functional>

namespace tokenomics::bench {

namespace {
void append(std::string& text, const char* format, ...) {
    char line[512];
    va_list arguments;
    va_start(arguments, format);
    std::vsnprintf(line, sizeof line, format, arguments);
    va_end(arguments);
    text += line;
}

std::string sizeLabel(int points) {
    if (points >= 1000000 && points % 1000000 == 0)
        return std::to_string(points / 1000000) + "M";
    if (points >= 1000 && points % 1000 == 0)
        return std::to_string(points / 1000) + "k";
    return std::to_string(points);
}

/// A target: whether the value at the largest size meets it, and by how much.
struct Target {
    const char* text = "";
    std::function<bool(double)> met;
};

void row(std::string& text, const Report& report, const char* name,
         const std::function<double(const SizeFigures&)>& value, const char* format,
         const Target& target = {}) {
    append(text, "%-44s", name);
    for (const auto& size : report.sizes)
        append(text, format, value(size));
    if (report.sizes.size() >= 2) {
        const double last = value(report.sizes.back());
        const double before = value(report.sizes[report.sizes.size() - 2]);
        const double pointsGrowth = double(report.sizes.back().points) /
                                    double(report.sizes[report.sizes.size() - 2].points);
        const double growth = before > 0 ? last / before : 0;
        // Faster than linear beyond noise: the figure grew 1.4× more than the points did.
        append(text, "  x%-6.1f%s", growth, growth > 1.4 * pointsGrowth ? "!" : " ");
    }
    if (target.met) {
        const bool met = target.met(value(report.sizes.back()));
        append(text, "  %-16s %s", target.text, met ? "met" : "MISSED");
    }
    text += '\n';
}
} // namespace

std::string formatReport(const Report& report) {
    std::string text;
    append(text, "Tokenomics benchmark report, %s\n",
           QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8().constData());
    append(text, "machine: %s\n", report.machine.c_str());
    append(text, "load average (1/5/15 min): %s at start, %s at end; total %.0f s\n",
           report.loadAtStart.c_str(), report.loadAtEnd.c_str(), report.totalSeconds);
    text += "medians: 5 runs (3 at 1M) for processes and loads, 40 for re-ranks, 200 for "
            "replots.\ncatalogs: N series x 50 points (3 GPU configurations each); SLA "
            "interactivity >= 20 tok/s/user, TTFT p50 <= 1 s, $2/GPU-hour.\n";
    text += "growth: the largest size over the one before (x10 points = linear; '!' = faster "
            "than linear).\n\n";
    append(text, "%-44s", "figure");
    for (const auto& size : report.sizes)
        append(text, "%12s", sizeLabel(size.points).c_str());
    text += "   growth   target at the top  status\n";

    const auto m = [](const std::vector<double>& values) { return median(values); };
    row(text, report, "CSV import, tokenomics import (s)",
        [&](const SizeFigures& s) { return m(s.importSeconds); }, "%12.3f",
        {"<= 10 s", [](double v) { return v <= 10; }});
    row(
        text, report, "  import peak memory (MB)",
        [&](const SizeFigures& s) { return m(s.importPeakMb); }, "%12.1f");
    row(
        text, report, "  import CPU (s)",
        [&](const SizeFigures& s) { return m(s.importCpuSeconds); }, "%12.3f");
    row(
        text, report, "load into engine, in process (s)",
        [&](const SizeFigures& s) { return m(s.loadSeconds); }, "%12.4f");
    row(
        text, report, "  floor: C API scan, same rows (s)",
        [&](const SizeFigures& s) { return m(s.floorSeconds); }, "%12.4f");
    row(text, report, "  load / C API floor (ratio)",
        [&](const SizeFigures& s) { return m(s.loadSeconds) / m(s.floorSeconds); }, "%12.2f",
        {"<= 1.5x floor", [](double v) { return v <= 1.5; }});
    row(
        text, report, "  sqlite3 shell, same rows (s, process)",
        [&](const SizeFigures& s) { return m(s.shellSeconds); }, "%12.4f");
    row(
        text, report, "  sqlite3 shell / C API floor process",
        [&](const SizeFigures& s) { return m(s.shellSeconds) / m(s.floorProcessSeconds); },
        "%12.2f");
    row(
        text, report, "build frontiers: first rank (ms)",
        [&](const SizeFigures& s) { return m(s.frontierMs); }, "%12.3f");
    row(text, report, "re-rank, TTFT line dragged (ms)",
        [&](const SizeFigures& s) { return m(s.rerankSlaMs); }, "%12.3f",
        {"<= 5 ms", [](double v) { return v <= 5; }});
    row(
        text, report, "  same, process CPU (ms)",
        [&](const SizeFigures& s) { return m(s.rerankSlaCpuMs); }, "%12.3f");
    row(text, report, "re-rank, min interactivity only (ms)",
        [&](const SizeFigures& s) { return m(s.rerankInteractivityMs); }, "%12.3f",
        {"<= 1 ms", [](double v) { return v <= 1; }});
    row(
        text, report, "  same, process CPU (ms)",
        [&](const SizeFigures& s) { return m(s.rerankInteractivityCpuMs); }, "%12.3f");
    row(
        text, report, "query --format json, end to end (s)",
        [&](const SizeFigures& s) { return m(s.querySeconds); }, "%12.4f");
    row(
        text, report, "  query CPU (s)", [&](const SizeFigures& s) { return m(s.queryCpuSeconds); },
        "%12.4f");
    row(
        text, report, "  of which load + shown details (s)",
        [&](const SizeFigures& s) { return m(s.loadDetailsSeconds); }, "%12.4f");
    row(
        text, report, "  query peak memory (MB)",
        [&](const SizeFigures& s) { return m(s.queryPeakMb); }, "%12.1f");
    row(
        text, report, "pandas from SQLite, process (s)",
        [&](const SizeFigures& s) { return m(s.pandasDb.wallSeconds); }, "%12.3f");
    row(
        text, report, "  pandas from SQLite, own timer (s)",
        [&](const SizeFigures& s) { return m(s.pandasDb.innerSeconds); }, "%12.3f");
    row(text, report, "  pandas from SQLite / query (ratio)",
        [&](const SizeFigures& s) { return m(s.pandasDb.wallSeconds) / m(s.querySeconds); },
        "%12.1f", {">= 10x faster", [](double v) { return v >= 10; }});
    row(
        text, report, "  pandas CPU / query CPU, SQLite (ratio)",
        [&](const SizeFigures& s) { return m(s.pandasDb.cpuSeconds) / m(s.queryCpuSeconds); },
        "%12.1f");
    row(
        text, report, "pandas from CSV, process (s)",
        [&](const SizeFigures& s) { return m(s.pandasCsv.wallSeconds); }, "%12.3f");
    row(text, report, "  pandas from CSV / query (ratio)",
        [&](const SizeFigures& s) { return m(s.pandasCsv.wallSeconds) / m(s.querySeconds); },
        "%12.1f", {">= 10x faster", [](double v) { return v >= 10; }});
    row(
        text, report, "  pandas peak memory, SQLite (MB)",
        [&](const SizeFigures& s) { return m(s.pandasDb.peakMb); }, "%12.1f");
    row(text, report, "engine resident bytes per point",
        [&](const SizeFigures& s) { return s.bytesPerPoint; }, "%12.1f",
        {"<= 64 B", [](double v) { return v <= 64; }});
    row(text, report, "peak memory, load + rank child (MB)",
        [&](const SizeFigures& s) { return m(s.loadPeakMb); }, "%12.1f",
        {"<= 200 MB", [](double v) { return v <= 200; }});
    row(
        text, report, "  peak, load as query does (MB)",
        [&](const SizeFigures& s) { return m(s.loadDetailsPeakMb); }, "%12.1f");
    row(
        text, report, "  C API floor peak memory (MB)",
        [&](const SizeFigures& s) { return m(s.floorPeakMb); }, "%12.1f");
    text += "\nsame answer: feasible series (tokenomics query with interpolation / pandas from "
            "SQLite / from CSV):";
    for (const auto& size : report.sizes)
        append(text, "  %s %d/%d/%d", sizeLabel(size.points).c_str(), size.queryFeasible,
               size.pandasDb.feasible, size.pandasCsv.feasible);
    text += "\n\n";

    const double replot = median(report.replotMs);
    append(text,
           "chart replot while dragging (200 series x 50 points, offscreen 1920x1080):\n"
           "  QCustomPlot::replotTime median %.2f ms (target <= 8 ms: %s); whole drag "
           "step (re-rank + replot) %.2f ms thread CPU\n",
           replot, replot <= 8 ? "met" : "MISSED", median(report.dragStepCpuMs));
    const double first = median(report.start.firstSpawnToPaint);
    const double warm = median(report.start.warmSpawnToPaint);
    append(text,
           "window start to first paint (default catalog, offscreen):\n"
           "  first ever (seed laid out): %.3f s from spawn, %.3f s from opening the "
           "catalog\n  warm: %.3f s from spawn, %.3f s from opening (target <= 0.5 s: %s); "
           "peak memory %.1f MB\n",
           first, median(report.start.firstOpenToPaint), warm, median(report.start.warmOpenToPaint),
           first <= 0.5 && warm <= 0.5 ? "met" : "MISSED", median(report.start.peakMb));
    return text;
}

} // namespace tokenomics::bench
