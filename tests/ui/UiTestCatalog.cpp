#include "UiTestCatalog.h"

namespace tokenomics::testing {

namespace {
OperatingPoint point(double interactivity, double tputPerGpu, double ttftSeconds, int gpus,
                     const std::string& source) {
    OperatingPoint result;
    result.figures.gpus = gpus;
    result.figures.concurrency = 64;
    result.figures.interactivity.p50 = interactivity;
    result.figures.tputPerGpu = tputPerGpu;
    result.figures.outputTputPerGpu = tputPerGpu / 2; // ISL = OSL
    result.figures.ttftSeconds.p50 = ttftSeconds;
    result.config = "TP" + std::to_string(gpus);
    result.provenance.source = source;
    result.provenance.date = "2026-01-01";
    return result;
}

Series series(const std::string& model, const std::string& hardware, const std::string& engine,
              const std::string& precision, std::vector<OperatingPoint> points) {
    Series result;
    result.key.model = model;
    result.key.hardware = hardware;
    result.key.engine = engine;
    result.key.precision = precision;
    result.key.isl = 1024;
    result.key.osl = 1024;
    result.points = std::move(points);
    return result;
}

CostBasis basis(const std::string& hardware, double usdPerGpuHour) {
    CostBasis result;
    result.hardware = hardware;
    result.key = "hyperscaler";
    result.name = "owner-hyperscaler";
    result.usdPerGpuHour = usdPerGpuHour;
    result.allInKwPerGpu = 1.0;
    result.provenance.source = "test basis";
    return result;
}
} // namespace

Catalog uiTestCatalog() {
    Catalog catalog;
    catalog.series.push_back(series(
        "TestModel", "AlphaGPU", "trt", "fp4",
        {point(10, 10000, 0.5, 8, "alpha-source"), point(30, 6000, 0.8, 8, "alpha-source"),
         point(60, 3000, 1.0, 4, "alpha-source"), point(100, 1000, 1.5, 4, "alpha-source")}));
    catalog.series.push_back(
        series("TestModel", "BetaGPU", "vllm", "fp8",
               {point(10, 6000, 0.4, 8, "beta-source"), point(40, 3000, 0.6, 8, "beta-source"),
                point(80, 1200, 0.9, 8, "beta-source")}));
    catalog.series.push_back(
        series("TestModel", "GammaGPU", "sglang", "bf16",
               {point(20, 9000, 2.5, 8, "gamma-source"), point(50, 5000, 3.0, 8, "gamma-source"),
                point(120, 1500, 4.0, 8, "gamma-source")}));
    // An MLPerf-style row: its latencies are the scenario's limits, its source second-hand.
    OperatingPoint limitRow = point(10, 500, 2.0, 8, "other-source");
    limitRow.figures.latencyIsLimit = true;
    limitRow.provenance.uncertain = true;
    catalog.series.push_back(series("OtherModel", "AlphaGPU", "trt", "fp8", {limitRow}));
    catalog.costBases = {basis("AlphaGPU", 2.0), basis("BetaGPU", 1.0), basis("GammaGPU", 3.0)};

    ProviderOffer known;
    known.model = "TestModel";
    known.provider = "FastAPI Co";
    known.inputUsdPerM = 0.10;
    known.outputUsdPerM = 0.30;
    known.outputTokensPerSecond = 150;
    known.provenance.source = "offer-source";
    ProviderOffer unknownSpeed = known;
    unknownSpeed.provider = "Mystery Cloud";
    unknownSpeed.outputTokensPerSecond.reset();
    catalog.offers = {known, unknownSpeed};

    QualityScore quality;
    quality.model = "TestModel";
    quality.precision = "fp4";
    quality.benchmark = "GSM8K";
    quality.score = 95.1;
    quality.baselinePrecision = "fp8";
    quality.baselineScore = 95.9;
    catalog.qualityScores = {quality};
    return catalog;
}

} // namespace tokenomics::testing
