#include "ParetoFrontier.h"

#include <algorithm>

namespace tokenomics {

std::vector<FrontierCandidate> paretoFrontier(std::span<const FrontierCandidate> candidates) {
    std::vector<FrontierCandidate> sorted(candidates.begin(), candidates.end());
    // Highest interactivity first; among equals the highest throughput, then the first index.
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        if (a.interactivity != b.interactivity)
            return a.interactivity > b.interactivity;
        if (a.tputPerGpu != b.tputPerGpu)
            return a.tputPerGpu > b.tputPerGpu;
        return a.index < b.index;
    });
    // Walking down in interactivity, a point is on the frontier exactly when its throughput
    // beats every point at higher or equal interactivity seen so far.
    std::vector<FrontierCandidate> frontier;
    bool any = false;
    double bestTput = 0;
    for (const auto& candidate : sorted) {
        if (!any || candidate.tputPerGpu > bestTput) {
            frontier.push_back(candidate);
            bestTput = candidate.tputPerGpu;
            any = true;
        }
    }
    std::reverse(frontier.begin(), frontier.end());
    return frontier;
}

} // namespace tokenomics
