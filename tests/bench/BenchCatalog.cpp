#include "BenchCatalog.h"

#include <QFile>
#include <cstdio>
#include <string>

namespace tokenomics::bench {

bool writeCanonicalCsv(const QString& path, int seriesCount, std::uint32_t seed, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return false;
    }
    std::string text =
        "model,hardware,engine,precision,isl,osl,run,config,gpus,concurrency,tput_per_gpu,"
        "output_tput_per_gpu,interactivity_p50,interactivity_p90,interactivity_p99,ttft_p50,"
        "ttft_p90,ttft_p99,e2el_p50,source\n";
    char row[512];
    bool ok = true;
    generatePoints(seriesCount, seed, [&](int, const SeriesKey& key, const BenchPoint& p) {
        const int length = std::snprintf(
            row, sizeof row,
            "%s,%s,%s,%s,%d,%d,%s,%s,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,bench\n",
            key.model.c_str(), key.hardware.c_str(), key.engine.c_str(), key.precision.c_str(),
            key.isl, key.osl, key.run.c_str(), p.config, p.gpus, p.concurrency,
            double(p.tputPerGpu), double(p.outputTputPerGpu), double(p.interactivity[0]),
            double(p.interactivity[1]), double(p.interactivity[2]), double(p.ttftSeconds[0]),
            double(p.ttftSeconds[1]), double(p.ttftSeconds[2]), double(p.e2elP50Seconds));
        text.append(row, static_cast<std::size_t>(length));
        if (text.size() > (1u << 22)) {
            ok = ok && file.write(text.data(), qint64(text.size())) == qint64(text.size());
            text.clear();
        }
    });
    ok = ok && file.write(text.data(), qint64(text.size())) == qint64(text.size());
    if (!ok)
        *error = path + QStringLiteral(": ") + file.errorString();
    return ok;
}

Catalog makeCatalog(int seriesCount, std::uint32_t seed) {
    Catalog catalog;
    catalog.series.reserve(std::size_t(seriesCount));
    generatePoints(seriesCount, seed, [&](int s, const SeriesKey& key, const BenchPoint& p) {
        if (catalog.series.size() <= std::size_t(s)) {
            catalog.series.emplace_back();
            catalog.series.back().key = key;
        }
        OperatingPoint point;
        point.figures = figuresOf(p);
        catalog.series.back().points.push_back(point);
    });
    for (const std::string& name : benchHardwareNames()) {
        CostBasis basis;
        basis.hardware = name;
        basis.key = "hyperscaler";
        basis.usdPerGpuHour = 2.0;
        catalog.costBases.push_back(basis);
    }
    return catalog;
}

} // namespace tokenomics::bench
