// libFuzzer target for one result-file parser; each fuzz_<format> executable links this body
// once compiled and a one-line file that sets tokenomicsFuzzFormat (see CMakeLists.txt).
// Each input goes through what `tokenomics import` does with a file's bytes: the format check,
// the parser, the series collector (duplicates, non-finite figures) and the sample packing.
// The parsers take bytes, so no temporary file is written per run.
#include "FormatReaders.h"
#include "ImportSupport.h"
#include "ResultImporter.h"
#include "SampleBlob.h"
#include "SeriesCollector.h"

#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

using namespace tokenomics;
using namespace tokenomics::data;
using namespace tokenomics::data::importers;

enum FuzzFormat { Csv = 1, InferenceX, Vllm, AiPerfJson, AiPerfJsonl, GenAiPerf };

// Identity a command line would give: files that lack it still reach the figures.
ImportDefaults commandLineDefaults() {
    ImportDefaults defaults;
    defaults.model = "Llama 3.3 70B";
    defaults.hardware = "H100 SXM";
    defaults.engine = "vllm";
    defaults.precision = "fp8";
    defaults.gpus = 8;
    defaults.isl = 1024;
    defaults.osl = 1024;
    return defaults;
}

// A parser that accepted the input must have produced only what the catalog can hold.
void checkBatch(ImportBatch batch) {
    for (const Series& series : batch.series) {
        if (series.key.model.empty() || series.key.hardware.empty() || series.key.isl <= 0 ||
            series.key.osl <= 0)
            std::abort();
        for (const OperatingPoint& point : series.points) {
            // A load level is a concurrency or a request rate (PRODUCT.md §2).
            const bool loaded = point.figures.concurrency > 0 || point.figures.requestRate > 0;
            if (!loaded || !point.figures.tputPerGpu || !(*point.figures.tputPerGpu > 0) ||
                !point.figures.interactivity.p50)
                std::abort();
            if (point.samples) {
                const QByteArray blob = packRequestSamples(point.samples->requests);
                const auto back = unpackRequestSamples(blob.constData(), int(blob.size()));
                if (!back || back->size() != point.samples->requests.size())
                    std::abort();
            }
        }
    }
}

void collect(std::vector<ParsedPoint>& points, SeriesCollector& collector, ImportError* error) {
    for (ParsedPoint& point : points) {
        const std::size_t series = collector.seriesFor(point.key);
        PointOrigin origin{collector.fileIndex(point.file), 0, point.location};
        if (!collector.addPoint(series, std::move(point.point), std::move(origin), error))
            return;
    }
    checkBatch(collector.take());
}

} // namespace

/// Which parser this executable fuzzes (a FuzzFormat), defined in its generated source.
extern const int tokenomicsFuzzFormat;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const ImportDefaults defaults = commandLineDefaults();
    ImportError error;
    SeriesCollector collector;
    std::vector<ParsedPoint> points;
    const int format = tokenomicsFuzzFormat;
    static const char* const names[] = {"",
                                        "fuzz.csv",
                                        "agg_fuzz.json",
                                        "vllm_fuzz.json",
                                        "profile_export_aiperf.json",
                                        "profile_export.jsonl",
                                        "fuzz_genai_perf.json"};
    const QString file = QString::fromLatin1(names[format]);
    (void)detectFormat(file, bytes.left(65536));
    if (format == Csv) {
        if (readCanonicalCsv(file, bytes, defaults, collector, &error, [](qint64) { return true; }))
            checkBatch(collector.take());
        return 0;
    }
    if (format == AiPerfJsonl) {
        SampleSet samples;
        if (!readAiPerfRecords(file, bytes, samples, &error))
            return 0;
        ParsedPoint point;
        point.file = file;
        point.location = QStringLiteral("$");
        point.key = SeriesKey{"M", "H100 SXM", "vllm", "fp8", "none", 1024, 1024, ""};
        point.point.figures.gpus = 8;
        point.point.figures.concurrency = 4;
        figuresFromSamples(samples, 8, point.point.figures);
        point.point.samples = std::move(samples);
        if (point.point.figures.tputPerGpu && point.point.figures.interactivity.p50) {
            points.push_back(std::move(point));
            collect(points, collector, &error);
        }
        return 0;
    }
    const auto document = parseJson(bytes, file, &error);
    if (!document)
        return 0;
    (void)jsonFormatOf(*document);
    bool ok = false;
    if (format == InferenceX)
        ok = readInferenceX(file, *document, defaults, points, &error);
    else if (format == Vllm)
        ok = readVllmResult(file, *document, defaults, points, &error);
    else
        ok = readProfileExport(file, *document, format == GenAiPerf, defaults, points, &error);
    if (ok)
        collect(points, collector, &error);
    else
        (void)error.message();
    return 0;
}
