#pragma once
/// Per-request SLO checks, attainment and goodput (vLLM / AIPerf --goodput rules).

#include "CatalogTypes.h"

#include <optional>

namespace tokenomics {

/// A request is good when it succeeded and meets every threshold the SLA gives: TTFT and
/// E2E latency ≤ their limits, interactivity ≥ its limit, i.e. TPOT ≤ 1 / limit (a
/// one-token output has TPOT 0 and so passes).
bool requestIsGood(const RequestSample& request, const Sla& sla);

/// Good requests / all requests; unknown without requests.
std::optional<double> sloAttainment(const SampleSet& samples, const Sla& sla);

/// (input + output tokens of good requests) / duration / GPUs; unknown without a positive
/// duration or GPU count.
std::optional<double> goodputPerGpu(const SampleSet& samples, int gpus, const Sla& sla);

} // namespace tokenomics
