#include "Goodput.h"

#include <cmath>

namespace tokenomics {

bool requestIsGood(const RequestSample& request, const Sla& sla) {
    // A request that errored or produced no output token served nobody, whatever its TTFT
    // (failed requests are often recorded with a TTFT of 0).
    if (!request.success || request.outputTokens <= 0)
        return false;
    if (sla.maxTtftSeconds && !(request.ttftSeconds <= *sla.maxTtftSeconds))
        return false;
    if (sla.maxE2elSeconds && !(request.e2elSeconds <= *sla.maxE2elSeconds))
        return false;
    if (sla.minInteractivity && *sla.minInteractivity > 0) {
        // Compared as TPOT ≤ 1 / limit, as vLLM and AIPerf do; a single output token has no
        // inter-token gap (TPOT 0), so it never fails the speed threshold.
        if (request.outputTokens > 1 && !(request.tpotSeconds <= 1.0 / *sla.minInteractivity))
            return false;
    }
    return true;
}

std::optional<double> sloAttainment(const SampleSet& samples, const Sla& sla) {
    if (samples.requests.empty())
        return std::nullopt;
    std::size_t good = 0;
    for (const auto& request : samples.requests)
        good += requestIsGood(request, sla) ? 1 : 0;
    return static_cast<double>(good) / static_cast<double>(samples.requests.size());
}

std::optional<double> goodputPerGpu(const SampleSet& samples, int gpus, const Sla& sla) {
    if (!(samples.durationSeconds > 0) || !std::isfinite(samples.durationSeconds) || gpus <= 0)
        return std::nullopt;
    double goodTokens = 0;
    for (const auto& request : samples.requests) {
        if (requestIsGood(request, sla))
            goodTokens += static_cast<double>(request.inputTokens) + request.outputTokens;
    }
    return goodTokens / samples.durationSeconds / gpus;
}

} // namespace tokenomics
