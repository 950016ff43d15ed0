// Times parseResultFiles on a generated canonical CSV (default 1,000,000 rows); prints medians.
#include "ResultImporter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
    const long rows = argc > 1 ? std::atol(argv[1]) : 1000000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("points.csv"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return 1;
        file.write("model,hardware,gpus,engine,precision,spec_decoding,disaggregated,isl,osl,"
                   "concurrency,tput_per_gpu,output_tput_per_gpu,interactivity_p50,"
                   "interactivity_p99,ttft_p50,ttft_p99,tpot_p50,run,config,note,uncertain,"
                   "source,date\n");
        QByteArray line;
        for (long i = 0; i < rows; ++i) {
            // 1000 series of 1000 concurrencies each, quoted notes included.
            line = "Model " + QByteArray::number(i / 1000) +
                   ",H100 SXM,8,vllm,fp8,none,0,1024,1024," + QByteArray::number(i % 1000 + 1) +
                   ",1234.5,617.25,42.5,30.1,0.25,0.9,0.0235,v1,TP8,\"note, with comma\",0,"
                   "bench,2026-01\n";
            file.write(line);
        }
    }
    std::vector<double> seconds;
    for (int run = 0; run < 3; ++run) {
        tokenomics::data::ImportError error;
        QElapsedTimer timer;
        timer.start();
        const auto batch = tokenomics::data::parseResultFiles(
            {path}, tokenomics::data::ImportFormat::Auto, {}, &error);
        seconds.push_back(static_cast<double>(timer.nsecsElapsed()) * 1e-9);
        if (!batch) {
            std::fprintf(stderr, "%s\n", qPrintable(error.message()));
            return 1;
        }
    }
    std::sort(seconds.begin(), seconds.end());
    std::printf("parse %ld rows: median %.3f s (min %.3f, max %.3f)\n", rows, seconds[1],
                seconds[0], seconds[2]);
    return 0;
}
