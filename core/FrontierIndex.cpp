#include "FrontierIndex.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

namespace tokenomics {

void LocalIndexList::reserve(std::size_t count) {
    if (isWide_)
        wide_.reserve(count);
    else
        narrow_.reserve(count);
}

void LocalIndexList::reverseTail(std::size_t from) {
    if (isWide_)
        std::reverse(wide_.begin() + static_cast<std::ptrdiff_t>(from), wide_.end());
    else
        std::reverse(narrow_.begin() + static_cast<std::ptrdiff_t>(from), narrow_.end());
}

void LocalIndexList::shrinkToFit() {
    narrow_.shrink_to_fit();
    wide_.shrink_to_fit();
}

std::size_t LocalIndexList::residentBytes() const {
    return narrow_.capacity() * sizeof(std::uint16_t) + wide_.capacity() * sizeof(std::uint32_t);
}

void InteractivityOrders::build(const PointColumns& columns,
                                const std::vector<std::uint32_t>& seriesStart, bool wide) {
    const std::size_t seriesCount = seriesStart.empty() ? 0 : seriesStart.size() - 1;
    const float* tput = columns.column(FigureColumn::TputPerGpu);
    std::vector<std::pair<std::uint64_t, std::uint32_t>> scratch;
    for (const auto statistic : {Statistic::P50, Statistic::P90, Statistic::P99}) {
        const auto k = static_cast<std::size_t>(statistic);
        const float* interactivity =
            columns.column(columnAt(FigureColumn::InteractivityP50, statistic));
        orders_[k] = LocalIndexList(wide);
        starts_[k].assign(seriesCount + 1, 0);
        if (!interactivity || !tput)
            continue; // nobody has this statistic: every frontier at it is empty
        orders_[k].reserve(columns.size());
        for (std::size_t s = 0; s < seriesCount; ++s) {
            starts_[k][s] = static_cast<std::uint32_t>(orders_[k].size());
            scratch.clear();
            for (std::uint32_t g = seriesStart[s]; g < seriesStart[s + 1]; ++g) {
                const float x = interactivity[g];
                const float y = tput[g];
                // Negated comparisons also drop NaN (unknown) and infinities.
                if (!(x > 0) || !(y > 0) || !std::isfinite(x) || !std::isfinite(y))
                    continue;
                // Positive floats order like their bit patterns; complementing both sorts
                // interactivity descending, then throughput descending, then index ascending.
                const std::uint64_t sortKey =
                    (std::uint64_t(~std::bit_cast<std::uint32_t>(x)) << 32) |
                    std::uint64_t(~std::bit_cast<std::uint32_t>(y));
                scratch.emplace_back(sortKey, g - seriesStart[s]);
            }
            std::sort(scratch.begin(), scratch.end());
            for (const auto& entry : scratch)
                orders_[k].push_back(entry.second);
        }
        starts_[k][seriesCount] = static_cast<std::uint32_t>(orders_[k].size());
        orders_[k].shrinkToFit();
    }
}

std::size_t InteractivityOrders::residentBytes() const {
    std::size_t bytes = sizeof(*this);
    for (std::size_t k = 0; k < orders_.size(); ++k)
        bytes += orders_[k].residentBytes() + starts_[k].capacity() * sizeof(std::uint32_t);
    return bytes;
}

namespace {
bool sameFloat(float a, float b) {
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

bool sameFloat(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}
} // namespace

bool FrontierKey::sameAs(const FrontierKey& other) const {
    return statistic == other.statistic && sameFloat(maxTtftSeconds, other.maxTtftSeconds) &&
           sameFloat(maxE2elSeconds, other.maxE2elSeconds) &&
           sameFloat(minAttainment, other.minAttainment) &&
           sameFloat(attainmentInteractivity, other.attainmentInteractivity) &&
           filterVersion == other.filterVersion;
}

std::size_t FrontierSet::residentBytes() const {
    return sizeof(*this) + knots.residentBytes() + knotStart.capacity() * sizeof(std::uint32_t);
}

FrontierSet
computeFrontiers(const PointColumns& columns, const std::vector<std::uint32_t>& seriesStart,
                 const InteractivityOrders& orders, const FrontierKey& key,
                 const ConfigurationFilter& filter, bool wide,
                 const std::function<std::optional<double>(std::size_t)>& attainmentOf) {
    const std::size_t seriesCount = seriesStart.empty() ? 0 : seriesStart.size() - 1;
    FrontierSet result;
    result.key = key;
    result.knots = LocalIndexList(wide);
    result.knotStart.assign(seriesCount + 1, 0);

    const float* tput = columns.column(FigureColumn::TputPerGpu);
    const bool ttftLimited = !std::isnan(key.maxTtftSeconds);
    const bool e2elLimited = !std::isnan(key.maxE2elSeconds);
    const bool attainmentLimited = !std::isnan(key.minAttainment);
    const float* ttft = columns.column(columnAt(FigureColumn::TtftP50, key.statistic));
    const float* e2el = columns.column(columnAt(FigureColumn::E2elP50, key.statistic));
    // A threshold on a figure no point has cannot be met by any point.
    const bool nothingPasses = (ttftLimited && !ttft) || (e2elLimited && !e2el);
    const bool filtersGpus = !filter.gpuCounts.empty();
    const bool filtersDisaggregation = filter.disaggregated.has_value();
    const bool wantDisaggregated = filter.disaggregated.value_or(false);

    const auto& order = orders.order(key.statistic);
    const auto& start = orders.start(key.statistic);
    result.knots.reserve(nothingPasses ? 0 : order.size() / 2);
    order.withData([&](const auto* sorted) {
        for (std::size_t s = 0; s < seriesCount; ++s) {
            const std::size_t first = result.knots.size();
            result.knotStart[s] = static_cast<std::uint32_t>(first);
            if (nothingPasses)
                continue;
            const std::uint32_t base = seriesStart[s];
            float bestTput = 0; // candidates all have positive throughput
            for (std::uint32_t j = start[s]; j < start[s + 1]; ++j) {
                const std::uint32_t local = sorted[j];
                const std::uint32_t g = base + local;
                const float y = tput[g];
                if (!(y > bestTput))
                    continue; // dominated whether or not it passes the thresholds
                // Negated comparisons: an unknown (NaN) figure fails its threshold.
                if (ttftLimited && !(ttft[g] <= key.maxTtftSeconds))
                    continue;
                if (e2elLimited && !(e2el[g] <= key.maxE2elSeconds))
                    continue;
                if (filtersGpus && std::find(filter.gpuCounts.begin(), filter.gpuCounts.end(),
                                             columns.gpus(g)) == filter.gpuCounts.end())
                    continue;
                if (filtersDisaggregation && columns.disaggregated(g) != wantDisaggregated)
                    continue;
                if (attainmentLimited) {
                    if (!columns.hasSamples(g))
                        continue;
                    const auto attainment = attainmentOf(g);
                    if (!attainment || !(*attainment >= key.minAttainment))
                        continue;
                }
                bestTput = y;
                result.knots.push_back(local);
            }
            result.knots.reverseTail(first);
        }
    });
    result.knotStart[seriesCount] = static_cast<std::uint32_t>(result.knots.size());
    result.knots.shrinkToFit();
    return result;
}

} // namespace tokenomics
