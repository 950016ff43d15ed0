#include "SeriesStyle.h"

#include "Formatting.h"

#include <QString>
#include <algorithm>
#include <array>
#include <cstdint>
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
// Series colours: Tableau 10, then a darker and a lighter set of the same hues, so neighbours in
// the palette stay apart and none is as pale as the failing grey.
const std::array<QRgb, 20> seriesPalette{0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                         0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22, 0x222222,
                                         0x637939, 0x8c6d31, 0x843c39, 0x7b4173, 0x3182bd,
                                         0xe6550d, 0x31a354, 0x756bb1, 0x636363, 0xa55194};

std::uint32_t fnv1a(const std::string& text) {
    std::uint32_t hash = 2166136261u;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 16777619u;
    }
    return hash;
}
/// The hash's slot in the bright first ten colours, the next free one there, then in the darker
/// ten; when all are taken colours repeat, by hash.
std::size_t freeSlot(std::uint32_t hash, std::vector<bool>& taken) {
    constexpr std::size_t set = 10;
    for (std::size_t offset : {std::size_t(0), set}) {
        for (std::size_t step = 0; step < set; ++step) {
            const std::size_t slot = offset + (hash + step) % set;
            if (!taken[slot]) {
                taken[slot] = true;
                return slot;
            }
        }
    }
    return hash % taken.size();
}
} // namespace

std::string colorGroup(const SeriesKey& key, ColorGrouping grouping) {
    switch (grouping) {
    case ColorGrouping::Hardware:
        return key.hardware;
    case ColorGrouping::Engine:
        return key.engine;
    case ColorGrouping::Precision:
        return key.precision;
    case ColorGrouping::Run:
        return key.run.empty() ? std::string("(no run label)") : key.run;
    case ColorGrouping::Series:
        break;
    }
    return key.model + '\x1f' + key.hardware + '\x1f' + key.engine + '\x1f' + key.precision +
           '\x1f' + key.specDecoding + '\x1f' + std::to_string(key.isl) + '\x1f' +
           std::to_string(key.osl) + '\x1f' + key.run;
}

QString colorGroupLabel(const SeriesKey& key, ColorGrouping grouping) {
    if (grouping == ColorGrouping::Series)
        return seriesLabel(key);
    return QString::fromStdString(colorGroup(key, grouping));
}

SeriesColors::SeriesColors(const std::vector<SeriesKey>& keys, ColorGrouping grouping)
    : grouping_(grouping) {
    // Each series its own colour: series of one model and scenario (what a view compares) draw
    // from one pool, so they stay apart however large the catalog.
    std::map<std::string, std::string> poolOf; // group → pool
    for (const SeriesKey& key : keys)
        poolOf[colorGroup(key, grouping)] =
            grouping == ColorGrouping::Series
                ? key.model + '\x1f' + std::to_string(key.isl) + '/' + std::to_string(key.osl)
                : std::string();
    std::map<std::string, std::vector<bool>> taken;
    for (const auto& [group, pool] : poolOf) {
        if (grouping == ColorGrouping::Hardware && isKnownHardware(group)) {
            colors_[group] = hardwareColor(group).rgb();
            continue;
        }
        std::vector<bool>& poolSlots = taken[pool];
        poolSlots.resize(seriesPalette.size(), false);
        colors_[group] = seriesPalette[freeSlot(fnv1a(group), poolSlots)];
    }
}

QColor SeriesColors::color(const SeriesKey& key) const {
    const auto found = colors_.find(colorGroup(key, grouping_));
    if (found != colors_.end())
        return QColor(found->second);
    return QColor(seriesPalette[fnv1a(colorGroup(key, grouping_)) % seriesPalette.size()]);
}

bool isKnownHardware(const std::string& hardware) {
    const QString name = QString::fromStdString(hardware).toUpper();
    return std::any_of(knownHardware.begin(), knownHardware.end(), [&name](const auto& known) {
        return name.contains(QString::fromLatin1(known.first).toUpper());
    });
}

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
