#pragma once
/// Operating-point figures stored column-wise as floats (NaN = unknown), ~40-60 bytes a point.

#include "CatalogTypes.h"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace tokenomics {

/// A figure held as a float: NaN for unknown or non-finite. Seven significant digits survive,
/// which is more than any published benchmark figure carries.
inline float storedFloat(std::optional<double> value) {
    if (!value || !std::isfinite(*value) || std::abs(*value) > std::numeric_limits<float>::max())
        return std::numeric_limits<float>::quiet_NaN();
    return static_cast<float>(*value);
}

/// The double a stored float most plausibly came from: the shortest decimal of at most seven
/// significant digits that rounds to the same float (so 0.2445 reads back as 0.2445, not
/// 0.24449999630451202); the float's exact value when no such decimal exists.
double recoveredDouble(float stored);

/// The known figure, or unknown for NaN.
inline std::optional<double> recoveredOptional(float stored) {
    if (std::isnan(stored))
        return std::nullopt;
    return recoveredDouble(stored);
}

/// Which float column a figure lives in. Interactivity, TTFT and E2E hold one column per
/// statistic at `first + statistic index`.
enum class FigureColumn : std::uint8_t {
    TputPerGpu,
    OutputTputPerGpu,
    InputTputPerGpu,
    Concurrency,
    PowerWatts,
    InteractivityP50,
    InteractivityP90,
    InteractivityP99,
    TtftP50,
    TtftP90,
    TtftP99,
    E2elP50,
    E2elP90,
    E2elP99,
    Count
};

/// The column of a per-statistic figure.
inline FigureColumn columnAt(FigureColumn first, Statistic statistic) {
    return static_cast<FigureColumn>(static_cast<int>(first) + static_cast<int>(statistic));
}

/// A small non-negative integer column: 16 bits until a value needs 32.
class CompactIntColumn {
public:
    void reserve(std::size_t count);
    void append(std::int32_t value);
    [[nodiscard]] std::int32_t at(std::size_t index) const {
        return isWide_ ? wide_[index] : narrow_[index];
    }
    void permute(const std::vector<std::uint32_t>& order);
    [[nodiscard]] std::size_t residentBytes() const;

private:
    std::vector<std::uint16_t> narrow_;
    std::vector<std::int32_t> wide_;
    bool isWide_ = false;
};

/// Every figure of every point, one vector per column; a column no point has stays empty
/// (no bytes), so catalogs without p90 or E2E figures do not pay for them.
class PointColumns {
public:
    void reserve(std::size_t count);
    void append(const PointFigures& figures, bool hasSamples);
    [[nodiscard]] std::size_t size() const { return flags_.size(); }

    /// The column's floats, or nullptr when no point has that figure.
    [[nodiscard]] const float* column(FigureColumn which) const {
        const auto& values = columns_[static_cast<std::size_t>(which)];
        return values.empty() ? nullptr : values.data();
    }
    [[nodiscard]] float value(FigureColumn which, std::size_t index) const {
        const auto* values = column(which);
        return values ? values[index] : std::numeric_limits<float>::quiet_NaN();
    }
    [[nodiscard]] std::int32_t gpus(std::size_t index) const { return gpus_.at(index); }
    [[nodiscard]] bool disaggregated(std::size_t index) const {
        return (flags_[index] & disaggregatedFlag) != 0;
    }
    [[nodiscard]] bool hasSamples(std::size_t index) const {
        return (flags_[index] & samplesFlag) != 0;
    }

    /// The figures as given (to seven significant digits).
    [[nodiscard]] PointFigures figures(std::size_t index) const;

    /// Reorders every column: new position i holds the point at old position order[i].
    void permute(const std::vector<std::uint32_t>& order);
    [[nodiscard]] std::size_t residentBytes() const;

private:
    static constexpr std::uint8_t disaggregatedFlag = 1;
    static constexpr std::uint8_t derivedFlag = 2;
    static constexpr std::uint8_t limitFlag = 4;
    static constexpr std::uint8_t samplesFlag = 8;

    void appendFigure(FigureColumn which, std::optional<double> value);

    std::array<std::vector<float>, static_cast<std::size_t>(FigureColumn::Count)> columns_;
    std::size_t reserved_ = 0;
    CompactIntColumn gpus_;
    CompactIntColumn prefillGpus_; // empty until a point names its prefill/decode split
    CompactIntColumn decodeGpus_;
    bool hasSplit_ = false;
    std::vector<std::uint8_t> flags_;
};

} // namespace tokenomics
