#pragma once
/// Plain value types of the catalog: what data/ loads and ui/ shows. No Qt here.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tokenomics {

/// The largest token length, GPU count or concurrency a file or an option may give: a billion
/// is far beyond any real run, and two of them still add up inside an int.
inline constexpr int maxWholeCount = 1'000'000'000;

/// Which statistic of a latency distribution a figure or an SLA refers to.
enum class Statistic : std::uint8_t { P50 = 0, P90 = 1, P99 = 2 };

/// Where a figure comes from, and when it was published or read.
struct Provenance {
    std::string source;
    std::string date;       // as published: "2026-04" or "2026-04-02"
    bool uncertain = false; // second-hand or conflicting source
};

/// One quantity at p50, p90 and p99; each may be unknown.
struct ByStatistic {
    std::optional<double> p50;
    std::optional<double> p90;
    std::optional<double> p99;
    [[nodiscard]] std::optional<double> at(Statistic statistic) const;
};

/// One request of a benchmark run (vLLM --save-detailed, AIPerf profile_export.jsonl).
struct RequestSample {
    double ttftSeconds = 0;
    double tpotSeconds = 0; // (e2el - ttft) / (output - 1); 0 when output is one token
    double e2elSeconds = 0;
    std::int32_t inputTokens = 0;
    std::int32_t outputTokens = 0;
    bool success = true;
};

/// Per-request samples of one operating point and the run's wall-clock duration.
struct SampleSet {
    std::vector<RequestSample> requests;
    double durationSeconds = 0;
};

/// The numbers of one engine configuration at one concurrency (PRODUCT.md §2).
struct PointFigures {
    // configuration
    std::int32_t gpus = 0; // all GPUs (prefill + decode when disaggregated); 0 = unknown
    bool disaggregated = false;
    std::int32_t prefillGpus = 0;
    std::int32_t decodeGpus = 0;
    double concurrency = 0;
    double requestRate = 0; // requests/s of a fixed-rate run (vLLM --request-rate); 0: none
    // throughput in tokens/s per GPU (InferenceX conventions)
    std::optional<double> tputPerGpu;       // (input + output) / all GPUs
    std::optional<double> outputTputPerGpu; // output / (decode) GPUs
    std::optional<double> inputTputPerGpu;  // input / prefill GPUs
    bool tputDerived = false;               // one of the first two was derived from the other
    // latency
    ByStatistic interactivity; // tokens/s per user = 1 / TPOT
    ByStatistic ttftSeconds;
    ByStatistic e2elSeconds;
    bool latencyIsLimit = false;      // MLPerf: the figures are the scenario's limits ("≤ limit")
    std::optional<double> powerWatts; // measured all-in power per GPU
};

/// The load a point was measured at: "concurrency 64", "rate 16/s", or "unknown load".
std::string loadText(const PointFigures& figures);

/// A measured operating point with its configuration label and provenance.
struct OperatingPoint {
    std::int64_t catalogId = 0;
    PointFigures figures;
    std::string config; // recipe: "TP2", "TEP4", "4P+16D"
    std::string note;
    Provenance provenance;
    std::optional<SampleSet> samples;
};

/// What a series is compared on: model × hardware × engine × precision × spec × ISL/OSL × run.
struct SeriesKey {
    std::string model;
    std::string hardware;
    std::string engine;
    std::string precision;
    std::string specDecoding = "none";
    std::int32_t isl = 0;
    std::int32_t osl = 0;
    std::string run;
    friend bool operator==(const SeriesKey&, const SeriesKey&) = default;
};

/// A series and its points, which may span several configurations.
struct Series {
    std::int64_t catalogId = 0;
    SeriesKey key;
    std::vector<OperatingPoint> points;
};

/// Inputs of the ownership (annuity) cost formula, PRODUCT.md §2.
struct OwnershipInputs {
    double capexUsd = 0;        // purchase price per GPU incl. its share of the system
    double lifeYears = 4;       // n
    double costOfCapital = 0.1; // r per year
    double opexUsdPerYear = 0;  // per GPU
    double availability = 1.0;  // fraction of the year the GPU can serve
    double allInKw = 0;         // per GPU incl. host and network
    double pue = 1.0;
    double usdPerKwh = 0;
};

/// A $/GPU-hour for one hardware: given directly, or built from ownership inputs.
struct CostBasis {
    std::int64_t catalogId = 0;
    std::string hardware;
    std::string
        key; // short, for --cost-basis: "hyperscaler", "neocloud", "rental", "ondemand-nebius"
    std::string name;                         // as published: "owner-hyperscaler (4-yr life)"
    std::optional<double> usdPerGpuHour;      // direct figure
    std::optional<OwnershipInputs> ownership; // used when no direct figure
    std::optional<double> allInKwPerGpu;      // for tokens per MW and J/token
    Provenance provenance;
};

/// Datasheet figures of an accelerator.
struct Accelerator {
    std::int64_t catalogId = 0;
    std::string name;
    std::string vendor;
    std::optional<double> memoryGb;
    std::optional<double> memoryBwTbps;
    std::optional<double> bf16Tflops;
    std::optional<double> fp8Tflops;
    std::optional<double> fp4Tflops;
    std::optional<double> tdpWatts;
    std::optional<std::int32_t> scaleupDomain;
    std::optional<double> scaleupBwGbpsBidir;
    std::string formFactor;
    std::vector<std::string> aliases; // names used by tools: "h100", "gb200"
    Provenance provenance;
};

/// Model architecture, for what-if modelling.
struct ModelInfo {
    std::int64_t catalogId = 0;
    std::string name;
    std::optional<double> totalParamsB;
    std::optional<double> activeParamsB;
    std::optional<std::int32_t> layers;
    std::optional<std::int32_t> hiddenSize;
    std::optional<std::int32_t> attentionHeads;
    std::optional<std::int32_t> kvHeads;
    std::optional<std::int32_t> headDim;
    std::optional<std::int32_t> kvLoraRank;
    std::optional<std::int32_t> moeExperts;
    std::optional<std::int32_t> moeActiveExperts;
    std::optional<std::int32_t> contextLength;
    std::vector<std::string> aliases;
    Provenance provenance;
};

/// Accuracy of a model at a precision on one benchmark, beside its baseline.
struct QualityScore {
    std::int64_t catalogId = 0;
    std::string model;
    std::string precision;
    std::string checkpoint;
    std::string benchmark;
    double score = 0;
    std::string baselinePrecision;
    double baselineScore = 0;
    Provenance provenance;
};

/// An API provider's price for a model, with its measured or advertised speed.
struct ProviderOffer {
    std::int64_t catalogId = 0;
    std::string model;
    std::string provider;
    double inputUsdPerM = 0;
    double outputUsdPerM = 0;
    std::optional<double> outputTokensPerSecond; // per user
    std::optional<double> ttftSeconds;
    Provenance provenance;
};

/// A latency SLA (PRODUCT.md §2); every threshold is optional.
struct Sla {
    std::optional<double> maxTtftSeconds;
    std::optional<double> minInteractivity; // tokens/s per user
    std::optional<double> maxE2elSeconds;
    Statistic statistic = Statistic::P50;
    std::optional<double> minAttainment; // fraction of good requests, DistServe capacity goodput
};

/// The key of the ownership cost basis: one set of ownership figures for every accelerator.
inline constexpr const char* ownedCostBasisKey = "owned";

/// The ownership panel (PRODUCT.md §2 TCO), applied to every accelerator at once under the
/// "owned" basis. Each hardware's purchase price per GPU is the one set here for it, else the
/// one set for all, else its "owned" cost basis's capex (the catalog's purchase figure); its
/// all-in kW is its cost bases'. The defaults are the seed's facility figures (PUE: Uptime
/// Institute 2023; $/kWh: EIA 2023; life: SemiAnalysis's 4-year TCO segments).
struct OwnershipSettings {
    std::map<std::string, double> purchaseUsdPerGpuByHardware;
    std::optional<double> purchaseUsdPerGpu; // every hardware without its own figure
    double lifeYears = 4;
    double costOfCapital = 0.10;
    double opexUsdPerGpuYear = 0;
    double availability = 1.0;
    double pue = 1.58;
    double usdPerKwh = 0.0806;
    bool operator==(const OwnershipSettings&) const = default;
};

/// How GPU time is priced for a ranking.
struct CostSettings {
    std::string costBasisKey = "hyperscaler"; // InferenceX's default
    std::optional<double> usdPerGpuHourOverride;
    double utilization = 1.0;    // u < 1 multiplies every cost per token by 1/u
    OwnershipSettings ownership; // used when costBasisKey is ownedCostBasisKey
};

/// Narrows which configurations of a series take part in its frontier.
struct ConfigurationFilter {
    std::vector<std::int32_t> gpuCounts; // empty: all
    std::optional<bool> disaggregated;   // unset: both
};

/// Which series take part: each list empty = all; ISL/OSL unset = all scenarios.
struct SeriesFilter {
    std::vector<std::string> models;
    std::vector<std::string> hardware;
    std::vector<std::string> engines;
    std::vector<std::string> precisions;
    std::optional<std::int32_t> isl;
    std::optional<std::int32_t> osl;
    [[nodiscard]] bool matches(const SeriesKey& key) const;
    /// Offers are filtered by model only.
    [[nodiscard]] bool matchesModel(const std::string& model) const;
};

/// Everything the catalog holds, as plain values.
struct Catalog {
    std::vector<Accelerator> accelerators;
    std::vector<CostBasis> costBases;
    std::vector<ModelInfo> models;
    std::vector<Series> series;
    std::vector<QualityScore> qualityScores;
    std::vector<ProviderOffer> offers;
};

} // namespace tokenomics
