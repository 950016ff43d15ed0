#pragma once
/// Pareto frontier of operating points in (interactivity ↑, throughput ↑).

#include <cstddef>
#include <span>
#include <vector>

namespace tokenomics {

/// One candidate for a frontier: its coordinates and an index the caller understands.
struct FrontierCandidate {
    double interactivity = 0;
    double tputPerGpu = 0;
    std::size_t index = 0;
};

/// The candidates not dominated by another one (≥ in both coordinates, > in one), sorted by
/// interactivity ascending, so throughput strictly descends along the result. Of exact
/// duplicates only the one with the lowest index is kept. Candidates are taken as given:
/// the caller drops unknown or non-positive coordinates first.
std::vector<FrontierCandidate> paretoFrontier(std::span<const FrontierCandidate> candidates);

} // namespace tokenomics
