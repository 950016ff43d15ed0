#include "FrontierIndex.h"

#include "Parallel.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <limits>
#include <type_traits>
#include <utility>

namespace tokenomics {
namespace {
/// Below this many points a second thread costs more than it saves.
constexpr std::size_t parallelPointThreshold = 200000;

/// Chunks a pass over the series is cut into, for the two threads to share.
constexpr std::size_t chunkCount = 32;

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
                                const std::vector<std::uint32_t>& seriesStart, std::size_t width,
                                HelperThread& helper) {
    const std::size_t seriesCount = seriesStart.empty() ? 0 : seriesStart.size() - 1;
    const float* tput = columns.column(FigureColumn::TputPerGpu);
    const auto bounds = pointBalancedChunks(seriesStart, chunkCount);
    for (const auto statistic : {Statistic::P50, Statistic::P90, Statistic::P99}) {
        const auto k = static_cast<std::size_t>(statistic);
        const float* interactivity =
            columns.column(columnAt(FigureColumn::InteractivityP50, statistic));
        orders_[k] = LocalIndexList(width);
        starts_[k].assign(seriesCount + 1, 0);
        if (!interactivity || !tput)
            continue; // nobody has this statistic: every frontier at it is empty
        // Each chunk of series sorts into its own list; the lists are joined in order.
        std::vector<LocalIndexList> parts(chunkCount, LocalIndexList(width));
        auto sortChunk = [&](std::size_t chunk) {
            auto& out = parts[chunk];
            out.reserve(seriesStart[bounds[chunk + 1]] - seriesStart[bounds[chunk]]);
            std::vector<std::pair<std::uint64_t, std::uint32_t>> scratch;
            for (std::size_t s = bounds[chunk]; s < bounds[chunk + 1]; ++s) {
                starts_[k][s] = static_cast<std::uint32_t>(out.size());
                scratch.clear();
                for (std::uint32_t g = seriesStart[s]; g < seriesStart[s + 1]; ++g) {
                    const float x = interactivity[g];
                    const float y = tput[g];
                    // Negated comparisons also drop NaN (unknown); infinities are dropped too.
                    if (!(x > 0) || !(y > 0) || !std::isfinite(x) || !std::isfinite(y))
                        continue;
                    // Positive floats order like their bit patterns: complemented, one sort
                    // gives interactivity descending, then throughput descending.
                    const auto xBits = std::uint64_t(~std::bit_cast<std::uint32_t>(x));
                    const auto yBits = std::uint64_t(~std::bit_cast<std::uint32_t>(y));
                    scratch.emplace_back((xBits << 32) | yBits, g - seriesStart[s]);
                }
                // A stable sort on the 64-bit key alone: equal keys (exact twins) keep the
                // ascending local index they were gathered in. Points usually arrive in a
                // few runs already ordered by concurrency, which insertion sort finishes in
                // near-linear time; long series use std::stable_sort.
                auto byKey = [](const auto& a, const auto& b) { return a.first < b.first; };
                if (scratch.size() <= 64) {
                    for (std::size_t i = 1; i < scratch.size(); ++i) {
                        const auto entry = scratch[i];
                        std::size_t j = i;
                        for (; j > 0 && byKey(entry, scratch[j - 1]); --j)
                            scratch[j] = scratch[j - 1];
                        scratch[j] = entry;
                    }
                } else {
                    std::stable_sort(scratch.begin(), scratch.end(), byKey);
                }
                for (const auto& entry : scratch)
                    out.push_back(entry.second);
            }
        };
        forEachChunk(helper, chunkCount, columns.size() >= parallelPointThreshold, sortChunk);
        orders_[k] = LocalIndexList(width);
        orders_[k].reserve(columns.size());
        for (std::size_t chunk = 0; chunk < chunkCount; ++chunk) {
            const auto offset = static_cast<std::uint32_t>(orders_[k].size());
            for (std::size_t s = bounds[chunk]; s < bounds[chunk + 1]; ++s)
                starts_[k][s] += offset;
            orders_[k].append(parts[chunk]);
        }
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
    return sizeof(*this) + knots.residentBytes() + knotStart.capacity() * sizeof(std::uint32_t) +
           (knotInteractivity.capacity() + knotTputPerGpu.capacity() +
            knotOutputTputPerGpu.capacity() + knotTtftSeconds.capacity()) *
               sizeof(float);
}

void FrontierSet::fillKnotFigures(const PointColumns& columns,
                                  const std::vector<std::uint32_t>& seriesStart,
                                  HelperThread& helper) {
    const std::size_t count = knots.size();
    // Every entry is written below: only a growth past the stale size is zeroed first. A
    // vector too small is emptied first, so that it grows to `count` exactly, not double.
    for (auto* figures :
         {&knotInteractivity, &knotTputPerGpu, &knotOutputTputPerGpu, &knotTtftSeconds}) {
        if (count > figures->capacity())
            figures->clear();
        figures->resize(count);
    }
    const std::array<const float*, 4> from{
        columns.column(columnAt(FigureColumn::InteractivityP50, key.statistic)),
        columns.column(FigureColumn::TputPerGpu), columns.column(FigureColumn::OutputTputPerGpu),
        columns.column(columnAt(FigureColumn::TtftP50, key.statistic))};
    const std::array<float*, 4> to{knotInteractivity.data(), knotTputPerGpu.data(),
                                   knotOutputTputPerGpu.data(), knotTtftSeconds.data()};
    const float unknown = std::numeric_limits<float>::quiet_NaN();
    knots.withData([&](const auto* local) {
        const auto bounds = pointBalancedChunks(seriesStart, chunkCount);
        auto copy = [&](std::size_t chunk) {
            for (std::size_t s = bounds[chunk]; s < bounds[chunk + 1]; ++s) {
                for (auto k = knotStart[s]; k < knotStart[s + 1]; ++k) {
                    const std::uint32_t g = seriesStart[s] + local[k];
                    for (std::size_t f = 0; f < from.size(); ++f)
                        to[f][k] = from[f] ? from[f][g] : unknown;
                }
            }
        };
        forEachChunk(helper, chunkCount, count >= parallelPointThreshold / 4, copy);
    });
    knotFiguresFilled = true;
}

void FrontierSet::adoptKnotFigureStorage(FrontierSet& from) {
    const std::array<std::vector<float>*, 4> mine{&knotInteractivity, &knotTputPerGpu,
                                                  &knotOutputTputPerGpu, &knotTtftSeconds};
    const std::array<std::vector<float>*, 4> theirs{&from.knotInteractivity, &from.knotTputPerGpu,
                                                    &from.knotOutputTputPerGpu,
                                                    &from.knotTtftSeconds};
    for (std::size_t f = 0; f < mine.size(); ++f) {
        if (theirs[f]->capacity() > mine[f]->capacity())
            mine[f]->swap(*theirs[f]);
    }
    knotFiguresFilled = false;
    from.knotFiguresFilled = false;
}

void FrontierSet::dropKnotFigures() {
    for (auto* figures :
         {&knotInteractivity, &knotTputPerGpu, &knotOutputTputPerGpu, &knotTtftSeconds})
        std::vector<float>().swap(*figures);
    knotFiguresFilled = false;
}

namespace {
/// What a frontier pass tests besides throughput.
struct PassTests {
    const float* ttft = nullptr;
    const float* e2el = nullptr;
    float maxTtftSeconds = 0;
    float maxE2elSeconds = 0;
    /// Configuration filter and attainment target: rare, so behind one call.
    std::function<bool(std::uint32_t)> slowTests;
};

/// Where one half of a pass reads and writes.
template <typename Index> struct WalkRange {
    const Index* sorted;
    const std::vector<std::uint32_t>& start;
    const std::vector<std::uint32_t>& seriesStart;
    const float* tput;
    std::size_t from;
    std::size_t to;
    Index* out;               // room for every candidate of the range
    std::uint32_t* knotStart; // written relative to `out`
};

/// One pass over a range of series: points in descending interactivity; a point joins the
/// frontier when its throughput beats every passing point seen so far (all at higher or
/// equal interactivity) and it passes the tests. The throughput test comes first: a point
/// failing it is dominated whatever its thresholds, and it fails cheaply. Knots come out
/// in ascending interactivity. Returns how many were written.
template <bool TtftLimited, bool E2elLimited, bool SlowTests, typename Index>
std::size_t walk(const WalkRange<Index>& range, const PassTests& tests) {
    // Everything the loop reads is copied to locals first: the knots are written through a
    // byte pointer, which may alias anything, so the compiler would reload it all otherwise.
    Index* cursor = range.out;
    const Index* sorted = range.sorted;
    const std::uint32_t* start = range.start.data();
    const std::uint32_t* seriesStart = range.seriesStart.data();
    const float maxTtft = tests.maxTtftSeconds;
    const float maxE2el = tests.maxE2elSeconds;
    for (std::size_t s = range.from; s < range.to; ++s) {
        Index* first = cursor;
        range.knotStart[s] = static_cast<std::uint32_t>(first - range.out);
        const std::uint32_t base = seriesStart[s];
        const float* seriesTput = range.tput + base;
        const float* seriesTtft = TtftLimited ? tests.ttft + base : nullptr;
        const float* seriesE2el = E2elLimited ? tests.e2el + base : nullptr;
        const std::uint32_t end = start[s + 1];
        float bestTput = 0; // candidates all have positive throughput
        for (std::uint32_t j = start[s]; j < end; ++j) {
            const Index local = sorted[j];
            const float y = seriesTput[local];
            // Branch-free, with only a max on the loop-carried chain: a point failing a
            // threshold competes with throughput +0, which beats nothing (candidates all
            // have positive throughput), and a passing point is kept exactly when it raises
            // the running maximum. TTFT pass/fail is as good as random, so a branch on it
            // would be mispredicted half the time. Negated comparisons: unknown (NaN) fails.
            bool passes = true;
            if constexpr (TtftLimited)
                passes &= seriesTtft[local] <= maxTtft;
            if constexpr (E2elLimited)
                passes &= seriesE2el[local] <= maxE2el;
            if constexpr (SlowTests) {
                if (passes && y > bestTput)
                    passes = tests.slowTests(base + local);
            }
            const auto mask = std::uint32_t(0) - static_cast<std::uint32_t>(passes);
            const float candidate = std::bit_cast<float>(std::bit_cast<std::uint32_t>(y) & mask);
            const bool keep = candidate > bestTput;
            *cursor = local; // kept only if the cursor moves on; the room is there
            cursor += keep ? 1 : 0;
            bestTput = std::max(bestTput, candidate);
        }
        std::reverse(first, cursor);
    }
    return static_cast<std::size_t>(cursor - range.out);
}

template <typename Index>
std::size_t walkWith(const WalkRange<Index>& range, const PassTests& tests, bool ttftLimited,
                     bool e2elLimited) {
    const int variant = (ttftLimited ? 1 : 0) | (e2elLimited ? 2 : 0) | (tests.slowTests ? 4 : 0);
    switch (variant) {
    case 0:
        return walk<false, false, false>(range, tests);
    case 1:
        return walk<true, false, false>(range, tests);
    case 2:
        return walk<false, true, false>(range, tests);
    case 3:
        return walk<true, true, false>(range, tests);
    case 4:
        return walk<false, false, true>(range, tests);
    case 5:
        return walk<true, false, true>(range, tests);
    case 6:
        return walk<false, true, true>(range, tests);
    default:
        return walk<true, true, true>(range, tests);
    }
}
} // namespace

void computeFrontiers(const PointColumns& columns, const std::vector<std::uint32_t>& seriesStart,
                      const InteractivityOrders& orders, const FrontierKey& key,
                      const ConfigurationFilter& filter,
                      const std::function<std::optional<double>(std::size_t)>& attainmentOf,
                      HelperThread& helper, FrontierSet& into) {
    const std::size_t seriesCount = seriesStart.empty() ? 0 : seriesStart.size() - 1;
    const auto& order = orders.order(key.statistic);
    const auto& start = orders.start(key.statistic);
    static std::atomic<std::uint64_t> computations{0};
    into.key = key;
    into.generation = ++computations;
    if (into.knots.width() != order.width())
        into.knots = LocalIndexList(order.width());
    into.knotStart.assign(seriesCount + 1, 0);
    into.knotFiguresFilled = false; // the figure vectors keep their storage for the next fill

    const bool ttftLimited = !std::isnan(key.maxTtftSeconds);
    const bool e2elLimited = !std::isnan(key.maxE2elSeconds);
    const bool attainmentLimited = !std::isnan(key.minAttainment);
    PassTests tests;
    tests.ttft = columns.column(columnAt(FigureColumn::TtftP50, key.statistic));
    tests.e2el = columns.column(columnAt(FigureColumn::E2elP50, key.statistic));
    tests.maxTtftSeconds = key.maxTtftSeconds;
    tests.maxE2elSeconds = key.maxE2elSeconds;
    const bool nothingPasses = (ttftLimited && !tests.ttft) || (e2elLimited && !tests.e2el);
    if (!filter.gpuCounts.empty() || filter.disaggregated || attainmentLimited) {
        tests.slowTests = [&](std::uint32_t g) {
            if (!filter.gpuCounts.empty() &&
                std::find(filter.gpuCounts.begin(), filter.gpuCounts.end(), columns.gpus(g)) ==
                    filter.gpuCounts.end())
                return false;
            if (filter.disaggregated && columns.disaggregated(g) != *filter.disaggregated)
                return false;
            if (!attainmentLimited)
                return true;
            if (!columns.hasSamples(g))
                return false;
            const auto attainment = attainmentOf(g);
            return attainment && *attainment >= key.minAttainment;
        };
    }
    const float* tput = columns.column(FigureColumn::TputPerGpu);

    order.withData([&](const auto* sorted) {
        using Index = std::remove_cv_t<std::remove_pointer_t<decltype(sorted)>>;
        auto& knots = into.knots.template storage<Index>();
        // A threshold on a figure no point has cannot be met by any point.
        knots.resize(nothingPasses ? 0 : order.size());
        if (nothingPasses)
            return;
        // Each chunk writes its knots where its own candidates start (never more knots
        // than candidates); then the chunks' knots move down behind each other.
        const auto bounds = pointBalancedChunks(seriesStart, chunkCount);
        std::vector<std::size_t> counts(chunkCount, 0);
        auto walkChunk = [&](std::size_t chunk) {
            const WalkRange<Index> range{sorted,
                                         start,
                                         seriesStart,
                                         tput,
                                         bounds[chunk],
                                         bounds[chunk + 1],
                                         knots.data() + start[bounds[chunk]],
                                         into.knotStart.data()};
            counts[chunk] = walkWith(range, tests, ttftLimited, e2elLimited);
        };
        forEachChunk(helper, chunkCount, columns.size() >= parallelPointThreshold, walkChunk);
        std::size_t total = 0;
        for (std::size_t chunk = 0; chunk < chunkCount; ++chunk) {
            const auto from = knots.begin() + start[bounds[chunk]];
            std::copy(from, from + static_cast<std::ptrdiff_t>(counts[chunk]),
                      knots.begin() + static_cast<std::ptrdiff_t>(total));
            for (std::size_t s = bounds[chunk]; s < bounds[chunk + 1]; ++s)
                into.knotStart[s] += static_cast<std::uint32_t>(total);
            total += counts[chunk];
        }
        knots.resize(total);
        into.knotStart[seriesCount] = static_cast<std::uint32_t>(knots.size());
    });
}

} // namespace tokenomics
