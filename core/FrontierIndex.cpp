#include "FrontierIndex.h"

#include "Parallel.h"

#include <algorithm>
#include <bit>
#include <utility>

namespace tokenomics {
namespace {
/// Below this many points a second thread costs more than it saves.
constexpr std::size_t parallelPointThreshold = 200000;

/// The series at which the points are split in two halves of about equal size.
std::size_t balancedSplit(const std::vector<std::uint32_t>& seriesStart) {
    if (seriesStart.size() < 2)
        return 0;
    const auto half = seriesStart.back() / 2;
    const auto at = std::lower_bound(seriesStart.begin(), seriesStart.end(), half);
    return static_cast<std::size_t>(at - seriesStart.begin());
}

template <typename Vector> void reverseFrom(Vector& values, std::size_t from) {
    std::reverse(values.begin() + static_cast<std::ptrdiff_t>(from), values.end());
}

bool sameBits(float a, float b) {
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

bool sameBits(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}
} // namespace

std::size_t localIndexWidth(std::size_t largestSeries) {
    return largestSeries <= 0x100 ? 1 : (largestSeries <= 0x10000 ? 2 : 4);
}

void LocalIndexList::reserve(std::size_t count) {
    if (width_ == 1)
        bytes_.reserve(count);
    else if (width_ == 2)
        shorts_.reserve(count);
    else
        words_.reserve(count);
}

void LocalIndexList::reverseTail(std::size_t from) {
    if (width_ == 1)
        reverseFrom(bytes_, from);
    else if (width_ == 2)
        reverseFrom(shorts_, from);
    else
        reverseFrom(words_, from);
}

void LocalIndexList::append(const LocalIndexList& other) {
    bytes_.insert(bytes_.end(), other.bytes_.begin(), other.bytes_.end());
    shorts_.insert(shorts_.end(), other.shorts_.begin(), other.shorts_.end());
    words_.insert(words_.end(), other.words_.begin(), other.words_.end());
}

void LocalIndexList::shrinkToFit() {
    bytes_.shrink_to_fit();
    shorts_.shrink_to_fit();
    words_.shrink_to_fit();
}

std::size_t LocalIndexList::residentBytes() const {
    return bytes_.capacity() + shorts_.capacity() * sizeof(std::uint16_t) +
           words_.capacity() * sizeof(std::uint32_t);
}

void InteractivityOrders::build(const PointColumns& columns,
                                const std::vector<std::uint32_t>& seriesStart, std::size_t width) {
    const std::size_t seriesCount = seriesStart.empty() ? 0 : seriesStart.size() - 1;
    const float* tput = columns.column(FigureColumn::TputPerGpu);
    const std::size_t split = balancedSplit(seriesStart);
    for (const auto statistic : {Statistic::P50, Statistic::P90, Statistic::P99}) {
        const auto k = static_cast<std::size_t>(statistic);
        const float* interactivity =
            columns.column(columnAt(FigureColumn::InteractivityP50, statistic));
        orders_[k] = LocalIndexList(width);
        starts_[k].assign(seriesCount + 1, 0);
        if (!interactivity || !tput)
            continue; // nobody has this statistic: every frontier at it is empty
        // Each half of the series sorts into its own list; the second is appended after.
        std::array<LocalIndexList, 2> halves{LocalIndexList(width), LocalIndexList(width)};
        auto sortSeries = [&](std::size_t from, std::size_t to) {
            auto& out = halves[from == 0 ? 0 : 1];
            out.reserve(seriesStart[to] - seriesStart[from]);
            std::vector<std::pair<std::uint64_t, std::uint32_t>> scratch;
            for (std::size_t s = from; s < to; ++s) {
                starts_[k][s] = static_cast<std::uint32_t>(out.size());
                scratch.clear();
                for (std::uint32_t g = seriesStart[s]; g < seriesStart[s + 1]; ++g) {
                    const float x = interactivity[g];
                    const float y = tput[g];
                    // Negated comparisons also drop NaN (unknown); infinities are dropped too.
                    if (!(x > 0) || !(y > 0) || !std::isfinite(x) || !std::isfinite(y))
                        continue;
                    // Positive floats order like their bit patterns: complemented, one sort
                    // gives interactivity descending, then throughput descending, then the
                    // local index ascending.
                    const auto xBits = std::uint64_t(~std::bit_cast<std::uint32_t>(x));
                    const auto yBits = std::uint64_t(~std::bit_cast<std::uint32_t>(y));
                    scratch.emplace_back((xBits << 32) | yBits, g - seriesStart[s]);
                }
                std::sort(scratch.begin(), scratch.end());
                for (const auto& entry : scratch)
                    out.push_back(entry.second);
            }
        };
        const bool wasSplit =
            runInTwo(seriesCount, split, columns.size() >= parallelPointThreshold, sortSeries);
        const auto firstHalf = static_cast<std::uint32_t>(halves[0].size());
        if (wasSplit) {
            for (std::size_t s = split; s < seriesCount; ++s)
                starts_[k][s] += firstHalf;
        }
        orders_[k] = std::move(halves[0]);
        orders_[k].append(halves[1]);
        orders_[k].shrinkToFit();
        starts_[k][seriesCount] = static_cast<std::uint32_t>(orders_[k].size());
    }
}

std::size_t InteractivityOrders::residentBytes() const {
    std::size_t bytes = sizeof(*this);
    for (std::size_t k = 0; k < orders_.size(); ++k)
        bytes += orders_[k].residentBytes() + starts_[k].capacity() * sizeof(std::uint32_t);
    return bytes;
}

bool FrontierKey::sameAs(const FrontierKey& other) const {
    return statistic == other.statistic && sameBits(maxTtftSeconds, other.maxTtftSeconds) &&
           sameBits(maxE2elSeconds, other.maxE2elSeconds) &&
           sameBits(minAttainment, other.minAttainment) &&
           sameBits(attainmentInteractivity, other.attainmentInteractivity) &&
           filterVersion == other.filterVersion;
}

std::size_t FrontierSet::residentBytes() const {
    return sizeof(*this) + knots.residentBytes() + knotStart.capacity() * sizeof(std::uint32_t);
}

FrontierSet
computeFrontiers(const PointColumns& columns, const std::vector<std::uint32_t>& seriesStart,
                 const InteractivityOrders& orders, const FrontierKey& key,
                 const ConfigurationFilter& filter,
                 const std::function<std::optional<double>(std::size_t)>& attainmentOf) {
    const std::size_t seriesCount = seriesStart.empty() ? 0 : seriesStart.size() - 1;
    const auto& order = orders.order(key.statistic);
    const auto& start = orders.start(key.statistic);
    FrontierSet result;
    result.key = key;
    result.knots = LocalIndexList(order.width());
    result.knotStart.assign(seriesCount + 1, 0);

    const float* tput = columns.column(FigureColumn::TputPerGpu);
    const bool ttftLimited = !std::isnan(key.maxTtftSeconds);
    const bool e2elLimited = !std::isnan(key.maxE2elSeconds);
    const bool attainmentLimited = !std::isnan(key.minAttainment);
    const float* ttft = columns.column(columnAt(FigureColumn::TtftP50, key.statistic));
    const float* e2el = columns.column(columnAt(FigureColumn::E2elP50, key.statistic));
    // A threshold on a figure no point has cannot be met by any point.
    if ((ttftLimited && !ttft) || (e2elLimited && !e2el))
        return result;
    const bool filtersGpus = !filter.gpuCounts.empty();
    const bool filtersDisaggregation = filter.disaggregated.has_value();
    const bool wantDisaggregated = filter.disaggregated.value_or(false);
    // Whether a point that would extend the frontier passes every other test. Called only
    // for points that beat the running maximum, a small share of all points.
    auto passes = [&](std::uint32_t g) {
        // Negated comparisons: an unknown (NaN) figure fails its threshold.
        if (ttftLimited && !(ttft[g] <= key.maxTtftSeconds))
            return false;
        if (e2elLimited && !(e2el[g] <= key.maxE2elSeconds))
            return false;
        if (filtersGpus && std::find(filter.gpuCounts.begin(), filter.gpuCounts.end(),
                                     columns.gpus(g)) == filter.gpuCounts.end())
            return false;
        if (filtersDisaggregation && columns.disaggregated(g) != wantDisaggregated)
            return false;
        if (attainmentLimited) {
            if (!columns.hasSamples(g))
                return false;
            const auto attainment = attainmentOf(g);
            return attainment && *attainment >= key.minAttainment;
        }
        return true;
    };

    std::array<LocalIndexList, 2> halves{LocalIndexList(order.width()),
                                         LocalIndexList(order.width())};
    const std::size_t split = balancedSplit(seriesStart);
    auto walk = [&](std::size_t from, std::size_t to) {
        auto& knots = halves[from == 0 ? 0 : 1];
        knots.reserve((start[to] - start[from]) / 2);
        order.withData([&](const auto* sorted) {
            for (std::size_t s = from; s < to; ++s) {
                const std::size_t first = knots.size();
                result.knotStart[s] = static_cast<std::uint32_t>(first);
                const std::uint32_t base = seriesStart[s];
                float bestTput = 0; // candidates all have positive throughput
                for (std::uint32_t j = start[s]; j < start[s + 1]; ++j) {
                    const std::uint32_t local = sorted[j];
                    const float y = tput[base + local];
                    // Not above the running maximum: dominated, whatever its thresholds.
                    if (y > bestTput && passes(base + local)) {
                        bestTput = y;
                        knots.push_back(local);
                    }
                }
                knots.reverseTail(first);
            }
        });
    };
    const bool wasSplit =
        runInTwo(seriesCount, split, columns.size() >= parallelPointThreshold, walk);
    const auto firstHalf = static_cast<std::uint32_t>(halves[0].size());
    if (wasSplit) {
        for (std::size_t s = split; s < seriesCount; ++s)
            result.knotStart[s] += firstHalf;
    }
    result.knots = std::move(halves[0]);
    result.knots.append(halves[1]);
    result.knots.shrinkToFit();
    result.knotStart[seriesCount] = static_cast<std::uint32_t>(result.knots.size());
    return result;
}

} // namespace tokenomics
