#pragma once
/// Per-series orders by interactivity and the frontiers computed from them in one pass.

#include "PointColumns.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace tokenomics {

/// Indices of points within their series: 16 bits each unless a series is larger.
class LocalIndexList {
public:
    explicit LocalIndexList(bool wide = false)
        : isWide_(wide) {}
    void reserve(std::size_t count);
    void push_back(std::uint32_t index) {
        if (isWide_)
            wide_.push_back(index);
        else
            narrow_.push_back(static_cast<std::uint16_t>(index));
    }
    [[nodiscard]] std::uint32_t operator[](std::size_t at) const {
        return isWide_ ? wide_[at] : narrow_[at];
    }
    [[nodiscard]] std::size_t size() const { return isWide_ ? wide_.size() : narrow_.size(); }
    /// Reverses the entries in [from, size()).
    void reverseTail(std::size_t from);
    void shrinkToFit();
    [[nodiscard]] std::size_t residentBytes() const;
    /// Calls `visit` with a pointer to the entries, typed by their width.
    template <typename Visit> decltype(auto) withData(Visit&& visit) const {
        return isWide_ ? visit(wide_.data()) : visit(narrow_.data());
    }

private:
    bool isWide_ = false;
    std::vector<std::uint16_t> narrow_;
    std::vector<std::uint32_t> wide_;
};

/// Points sorted once per series and statistic by interactivity descending (then throughput
/// descending, then insertion order), leaving out points that can never be on a frontier
/// at that statistic: interactivity or throughput unknown or not positive.
class InteractivityOrders {
public:
    void build(const PointColumns& columns, const std::vector<std::uint32_t>& seriesStart,
               bool wide);
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
    float maxTtftSeconds = 0; // NaN: no threshold
    float maxE2elSeconds = 0;
    double minAttainment = 0;           // NaN: no attainment target
    double attainmentInteractivity = 0; // NaN unless there is an attainment target
    std::uint64_t filterVersion = 0;
    [[nodiscard]] bool sameAs(const FrontierKey& other) const;
};

/// The frontiers of every series for one key: knots by interactivity ascending.
struct FrontierSet {
    FrontierKey key;
    LocalIndexList knots;
    std::vector<std::uint32_t> knotStart; // series s: [knotStart[s], knotStart[s + 1])
    [[nodiscard]] std::size_t residentBytes() const;
};

/// Computes every series' frontier for `key`: one pass per series over its points in
/// descending interactivity, keeping a point when its throughput beats every passing
/// point at higher (or equal) interactivity. `attainmentOf` is asked only for points with
/// samples and only when the key has an attainment target.
FrontierSet computeFrontiers(const PointColumns& columns,
                             const std::vector<std::uint32_t>& seriesStart,
                             const InteractivityOrders& orders, const FrontierKey& key,
                             const ConfigurationFilter& filter, bool wide,
                             const std::function<std::optional<double>(std::size_t)>& attainmentOf);

} // namespace tokenomics
