#include "SlaVerdict.h"

#include <algorithm>

namespace tokenomics {

namespace {
std::string statisticSuffix(Statistic statistic) {
    switch (statistic) {
    case Statistic::P90:
        return "_p90";
    case Statistic::P99:
        return "_p99";
    case Statistic::P50:
        break;
    }
    return "_p50";
}
} // namespace

SeriesVerdict seriesVerdict(const RankingEngine& engine, const SeriesResult& result,
                            const Sla& sla) {
    if (result.feasible)
        return {SlaVerdict::Meets, {}};
    bool interactivity = false;
    bool ttft = false;
    bool e2el = false;
    bool samples = false;
    for (std::size_t p = 0; p < engine.pointCount(result.series); ++p) {
        const PointFigures figures = engine.pointFigures(result.series, p);
        interactivity = interactivity || figures.interactivity.at(sla.statistic).has_value();
        ttft = ttft || figures.ttftSeconds.at(sla.statistic).has_value();
        e2el = e2el || figures.e2elSeconds.at(sla.statistic).has_value();
        samples = samples || engine.pointHasSamples(result.series, p);
    }
    const std::string suffix = statisticSuffix(sla.statistic);
    if (!interactivity)
        return {SlaVerdict::Unknown, "interactivity" + suffix};
    if (sla.maxTtftSeconds && !ttft)
        return {SlaVerdict::Unknown, "ttft" + suffix};
    if (sla.maxE2elSeconds && !e2el)
        return {SlaVerdict::Unknown, "e2el" + suffix};
    if (sla.minAttainment && !samples)
        return {SlaVerdict::Unknown, "samples"};
    return {SlaVerdict::Fails, {}};
}

void rankUnknownBeforeFails(const RankingEngine& engine, const Sla& sla, Ranking& ranking) {
    auto& series = ranking.series;
    const auto firstMiss = std::find_if(
        series.begin(), series.end(), [](const SeriesResult& result) { return !result.feasible; });
    std::stable_partition(firstMiss, series.end(), [&](const SeriesResult& result) {
        return seriesVerdict(engine, result, sla).verdict == SlaVerdict::Unknown;
    });
}

const char* verdictName(SlaVerdict verdict) {
    switch (verdict) {
    case SlaVerdict::Meets:
        return "meets";
    case SlaVerdict::Unknown:
        return "unknown";
    case SlaVerdict::Fails:
        break;
    }
    return "fails";
}

} // namespace tokenomics
