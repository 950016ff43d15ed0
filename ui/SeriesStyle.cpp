#include "SeriesStyle.h"

#include <QString>
#include <array>
#include <functional>
#include <utility>

namespace tokenomics::ui {

namespace {
// Colour-blind-friendly base (Tableau 10 + extras); NVIDIA greens/blues, AMD reds/oranges.
const std::array<std::pair<const char*, QRgb>, 14> knownHardware{{
    {"B200", 0x2ca02c},
    {"B300", 0x17becf},
    {"GB200", 0x1f77b4},
    {"GB300", 0x9467bd},
    {"H100", 0x7f7f7f},
    {"H200", 0x8c564b},
    {"MI300X", 0xff7f0e},
    {"MI325X", 0xbcbd22},
    {"MI355X", 0xd62728},
    {"TPU", 0xe377c2},
    {"Gaudi", 0x393b79},
    {"L40S", 0x637939},
    {"A100", 0xad494a},
    {"Trainium", 0x843c39},
}};
const std::array<QRgb, 8> fallback{0x1b9e77, 0xd95f02, 0x7570b3, 0xe7298a,
                                   0x66a61e, 0xe6ab02, 0xa6761d, 0x666666};
} // namespace

QColor hardwareColor(const std::string& hardware) {
    const QString name = QString::fromStdString(hardware).toUpper();
    // Longest match first so "GB200" does not take B200's colour.
    int bestLength = 0;
    QRgb best = 0;
    for (const auto& [prefix, rgb] : knownHardware) {
        const QString key = QString::fromLatin1(prefix).toUpper();
        if (name.contains(key) && key.size() > bestLength) {
            bestLength = static_cast<int>(key.size());
            best = rgb;
        }
    }
    if (bestLength > 0)
        return QColor(best);
    return QColor(fallback[std::hash<std::string>{}(hardware) % fallback.size()]);
}

Qt::PenStyle engineLineStyle(const std::string& engine) {
    const QString name = QString::fromStdString(engine).toLower();
    if (name.contains(QLatin1String("trt")) || name.contains(QLatin1String("tensorrt")))
        return Qt::SolidLine;
    if (name.contains(QLatin1String("vllm")))
        return Qt::DashLine;
    if (name.contains(QLatin1String("sglang")))
        return Qt::DotLine;
    if (name.contains(QLatin1String("dynamo")))
        return Qt::DashDotLine;
    if (name.contains(QLatin1String("atom")))
        return Qt::SolidLine;
    return Qt::DashDotDotLine;
}

QCPScatterStyle::ScatterShape precisionMarker(const std::string& precision) {
    const QString name = QString::fromStdString(precision).toLower();
    if (name.contains(QLatin1String("fp4")) || name.contains(QLatin1String("mxfp4")))
        return QCPScatterStyle::ssCircle;
    if (name.contains(QLatin1String("fp8")))
        return QCPScatterStyle::ssSquare;
    if (name.contains(QLatin1String("bf16")) || name.contains(QLatin1String("fp16")))
        return QCPScatterStyle::ssTriangle;
    return QCPScatterStyle::ssDiamond;
}

QColor failingGrey() {
    return QColor(0xc8, 0xc8, 0xc8);
}

} // namespace tokenomics::ui
