#pragma once
/// A series' verdict under an SLA (PRODUCT.md §2 "Unknown is its own state"): it meets the
/// SLA, fails it, or cannot be judged because a figure a threshold needs was never measured.

#include "RankingEngine.h"

#include <string>

namespace tokenomics {

enum class SlaVerdict { Meets, Fails, Unknown };

struct SeriesVerdict {
    SlaVerdict verdict = SlaVerdict::Fails;
    std::string unknownBecause; // the missing figure ("ttft_p90", "samples"); empty unless unknown
};

/// Meets when the ranking found a point; unknown when no point of the series has a figure one
/// of the thresholds needs (interactivity or TTFT or E2E at the SLA's statistic, per-request
/// samples for an attainment target); fails otherwise.
SeriesVerdict seriesVerdict(const RankingEngine& engine, const SeriesResult& result,
                            const Sla& sla);

/// Orders the ranking's series as PRODUCT.md §2 ranks them: those that meet the SLA (in the
/// engine's cost order), then the unknown, then those that fail (each in the engine's order).
void rankUnknownBeforeFails(const RankingEngine& engine, const Sla& sla, Ranking& ranking);

/// "meets", "fails", "unknown".
const char* verdictName(SlaVerdict verdict);

} // namespace tokenomics
