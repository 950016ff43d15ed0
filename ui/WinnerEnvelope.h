#pragma once
/// The winner's envelope: which series is cheapest at each interactivity, as stretches.

#include <QString>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace tokenomics::ui {

/// One stretch of the interactivity axis where the same series is the cheapest.
struct EnvelopeStretch {
    std::size_t series = 0;     // the id the caller gave for the winning candidate
    std::size_t firstIndex = 0; // grid indices covered, inclusive
    std::size_t lastIndex = 0;
    double fromInteractivity = 0;
    double toInteractivity = 0;
};

/// Cheapest candidate at each grid point; `costs[c][g]` is candidate c's cost at grid[g]
/// (empty where unreachable). Grid points with no reachable candidate end a stretch and
/// start none. Ties go to the earlier candidate.
std::vector<EnvelopeStretch>
winnerEnvelope(const std::vector<double>& grid,
               const std::vector<std::vector<std::optional<double>>>& costs,
               const std::vector<std::size_t>& candidateIds);

/// "below 40 tok/s/user MI355X wins, above it B200" for a buyer; empty when no stretch.
QString envelopeSummary(const std::vector<EnvelopeStretch>& stretches,
                        const std::function<QString(std::size_t)>& nameOf);

} // namespace tokenomics::ui
