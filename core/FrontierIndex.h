#pragma once
/// Per-series orders by interactivity and the frontiers computed from them in one pass.

#include "Parallel.h"
#include "PointColumns.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace tokenomics {

/// Indices of points within their series, 1, 2 or 4 bytes each: as narrow as the largest
/// series allows (one byte for series of up to 256 points).
class LocalIndexList {
public:
    explicit LocalIndexList(std::size_t width = 2)
        : width_(width) {}
    [[nodiscard]] std::size_t width() const { return width_; }
    void reserve(std::size_t count);
    void push_back(std::uint32_t index) {
        if (width_ == 1)
            bytes_.push_back(static_cast<std::uint8_t>(index));
        else if (width_ == 2)
            shorts_.push_back(static_cast<std::uint16_t>(index));
        else
            words_.push_back(index);
    }
    [[nodiscard]] std::uint32_t operator[](std::size_t at) const {
        return width_ == 1 ? bytes_[at] : (width_ == 2 ? shorts_[at] : words_[at]);
    }
    [[nodiscard]] std::size_t size() const {
        return width_ == 1 ? bytes_.size() : (width_ == 2 ? shorts_.size() : words_.size());
    }
    /// Appends every entry of `other` (same width).
    void append(const LocalIndexList& other);
    void shrinkToFit();
    [[nodiscard]] std::size_t residentBytes() const;
    /// Calls `visit` with a pointer to the entries, typed by their width.
    template <typename Visit> decltype(auto) withData(Visit&& visit) const {
        if (width_ == 1)
            return visit(bytes_.data());
        if (width_ == 2)
            return visit(shorts_.data());
        return visit(words_.data());
    }

    /// The entries as a vector of `Index` (std::uint8_t, std::uint16_t or std::uint32_t,
    /// matching width()), for tight loops.
    template <typename Index> std::vector<Index>& storage() {
        if constexpr (sizeof(Index) == 1)
            return bytes_;
        else if constexpr (sizeof(Index) == 2)
            return shorts_;
        else
            return words_;
    }

private:
    std::size_t width_ = 2;
    std::vector<std::uint8_t> bytes_;
    std::vector<std::uint16_t> shorts_;
    std::vector<std::uint32_t> words_;
};

/// Bytes a local index needs for series of up to `largestSeries` points.
std::size_t localIndexWidth(std::size_t largestSeries);

/// Points sorted once per series and statistic by interactivity descending (then throughput
/// descending, then insertion order), leaving out points that can never be on a frontier
/// at that statistic: interactivity or throughput unknown or not positive.
class InteractivityOrders {
public:
    void build(const PointColumns& columns, const std::vector<std::uint32_t>& seriesStart,
               std::size_t width, HelperThread& helper);
    [[nodiscard]] const LocalIndexList& order(Statistic statistic) const {
        return orders_[static_cast<std::size_t>(statistic)];
    }
    /// Range of series `series` in order(statistic): [start[series], start[series + 1]).
    [[nodiscard]] const std::vector<std::uint32_t>& start(Statistic statistic) const {
        return starts_[static_cast<std::size_t>(statistic)];
    }
    [[nodiscard]] std::size_t residentBytes() const;

private:
    std::array<LocalIndexList, 3> orders_;
    std::array<std::vector<std::uint32_t>, 3> starts_;
};

/// What a frontier depends on besides the points: the SLA's statistic and its
/// non-interactivity thresholds (at float precision, as the figures are held), the
/// configuration filter's version, and — only with an attainment target, since a
/// request's goodness includes its speed — the min interactivity.
struct FrontierKey {
    Statistic statistic = Statistic::P50;
    float maxTtftSeconds = 0;           // NaN: no threshold
    float maxE2elSeconds = 0;           // NaN: no threshold
    double minAttainment = 0;           // NaN: no attainment target
    double attainmentInteractivity = 0; // NaN unless there is an attainment target
    std::uint64_t filterVersion = 0;
    [[nodiscard]] bool sameAs(const FrontierKey& other) const;
};

/// The frontiers of every series for one key: knots by interactivity ascending. The figures
/// a ranking reads of its knots can be copied beside them (knotFigures), so that a
/// min-interactivity change reads one contiguous run per series instead of gathering from
/// the point columns; the engine keeps them only for the frontier set in use.
struct FrontierSet {
    FrontierKey key;
    /// Unique to each computation (the storage of a set is reused for another key).
    std::uint64_t generation = 0;
    LocalIndexList knots;
    std::vector<std::uint32_t> knotStart; // series s: [knotStart[s], knotStart[s + 1])
    // knot figures, as stored (NaN = unknown); empty until filled
    std::vector<float> knotInteractivity; // at the key's statistic
    std::vector<float> knotTputPerGpu;
    std::vector<float> knotOutputTputPerGpu;
    std::vector<float> knotTtftSeconds; // at the key's statistic
    bool knotFiguresFilled = false;     // the vectors may hold stale figures (storage kept) if not
    [[nodiscard]] bool hasKnotFigures() const { return knotFiguresFilled; }
    /// Copies the knots' figures from the columns (two threads for large catalogs).
    void fillKnotFigures(const PointColumns& columns, const std::vector<std::uint32_t>& seriesStart,
                         HelperThread& helper);
    void dropKnotFigures();
    /// Takes another set's knot-figure vectors (their storage, contents stale) to fill next.
    void adoptKnotFigureStorage(FrontierSet& from);
    [[nodiscard]] std::size_t residentBytes() const;
};

/// Computes every series' frontier for `key`: one pass per series over its points in
/// descending interactivity, keeping a point when its throughput beats every passing
/// point at higher (or equal) interactivity. `attainmentOf` is asked only for points with
/// samples and only when the key has an attainment target. Large catalogs are split over
/// two threads. `into` receives the result; its vectors' capacity is reused.
void computeFrontiers(const PointColumns& columns, const std::vector<std::uint32_t>& seriesStart,
                      const InteractivityOrders& orders, const FrontierKey& key,
                      const ConfigurationFilter& filter,
                      const std::function<std::optional<double>(std::size_t)>& attainmentOf,
                      HelperThread& helper, FrontierSet& into);

} // namespace tokenomics
