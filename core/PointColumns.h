#pragma once
/// Operating-point figures stored column-wise as floats (NaN = unknown), ~40-60 bytes a point.

#include "CatalogTypes.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace tokenomics {

/// A figure held as a float: NaN for unknown or non-finite (or beyond a float's range). Six
/// significant digits always survive, seven almost always: more than published benchmark
/// figures carry.
inline float storedFloat(std::optional<double> value) {
    if (!value || !std::isfinite(*value) || std::abs(*value) > std::numeric_limits<float>::max())
        return std::numeric_limits<float>::quiet_NaN();
    return static_cast<float>(*value);
}

namespace detail {
/// 10^k for k in [0, 22], every one exact in a double.
inline constexpr std::array<double, 23> exactPowersOfTen = [] {
    std::array<double, 23> powers{};
    double power = 1;
    for (auto& entry : powers) {
        entry = power;
        power *= 10;
    }
    return powers;
}();

/// Round to the nearest integer (ties to even) for |x| < 2^51 without a libm call.
inline double roundToInteger(double x) {
    constexpr double shifter = 6755399441055744.0; // 1.5 × 2^52
    return (x + shifter) - shifter; // exact IEEE arithmetic: the sum rounds to an integer
}
} // namespace detail

/// The double a stored float most plausibly came from: the shortest decimal of 6 to 9
/// significant digits that rounds back to the same float, so 0.2445 reads back as 0.2445,
/// not 0.24449999630451202. Every figure given with up to six significant digits (a float's
/// guaranteed precision) is returned exactly as given, and almost every one with seven.
inline double recoveredDouble(float stored) {
    using detail::exactPowersOfTen;
    const double exact = stored;
    const auto bits = std::bit_cast<std::uint32_t>(stored);
    const int biasedExponent = static_cast<int>((bits >> 23) & 0xFFu);
    if (biasedExponent == 0 || biasedExponent == 0xFF) // zero, subnormal, Inf, NaN
        return exact;
    // |x| lies in [2^e, 2^(e+1)), so floor(log10 |x|) is floor(e·log10 2) or one more;
    // 78913 / 2^18 approximates log10 2 closely enough for every float exponent.
    int decimalExponent = ((biasedExponent - 127) * 78913) >> 18;
    const int next = decimalExponent + 1;
    if (next > 22 || next < -22)
        return exact;
    const double magnitude = std::abs(exact);
    if (next >= 0 ? magnitude >= exactPowersOfTen[static_cast<std::size_t>(next)]
                  : magnitude * exactPowersOfTen[static_cast<std::size_t>(-next)] >= 1.0)
        decimalExponent = next;
    const int sixDigitShift = 5 - decimalExponent;
    if (sixDigitShift >= 0 && sixDigitShift + 3 <= 22) {
        // Every shift of the loop below lies in [0, 22] (figures from about 1e-14 to 1e5):
        // its four candidates are computed side by side, without its branches, so that
        // their divisions overlap; the shortest that reads back as `stored` is taken.
        std::array<double, 4> candidates{};
        std::array<bool, 4> matches{};
        for (std::size_t i = 0; i < 4; ++i) {
            const double scale = exactPowersOfTen[static_cast<std::size_t>(sixDigitShift) + i];
            candidates[i] = detail::roundToInteger(exact * scale) / scale;
            matches[i] = static_cast<float>(candidates[i]) == stored;
        }
        double chosen = exact;
        for (std::size_t i = 4; i-- > 0;)
            chosen = matches[i] ? candidates[i] : chosen;
        return chosen;
    }
    for (int digits = 6; digits <= 9; ++digits) {
        const int shift = digits - 1 - decimalExponent; // `digits` digits before the point
        if (shift > 22 || shift < -22)
            break;
        // An integer times or over an exact power of ten rounds correctly: the result is
        // the double nearest the decimal, the same as parsing its text.
        const double scale =
            exactPowersOfTen[static_cast<std::size_t>(shift >= 0 ? shift : -shift)];
        const double rounded = shift >= 0 ? detail::roundToInteger(exact * scale) / scale
                                          : detail::roundToInteger(exact / scale) * scale;
        if (static_cast<float>(rounded) == stored)
            return rounded;
    }
    return exact;
}

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
    /// The point counts output tokens only (MLPerf with no ISL/OSL): its TputPerGpu column
    /// holds the output rate, and its total is unknown.
    [[nodiscard]] bool outputOnly(std::size_t index) const {
        return (flags_[index] & outputOnlyFlag) != 0;
    }

    /// The figures as given (six significant digits exactly, seven almost always).
    [[nodiscard]] PointFigures figures(std::size_t index) const;

    /// Reorders every column: new position i holds the point at old position order[i].
    void permute(const std::vector<std::uint32_t>& order);
    [[nodiscard]] std::size_t residentBytes() const;

private:
    static constexpr std::uint8_t disaggregatedFlag = 1;
    static constexpr std::uint8_t derivedFlag = 2;
    static constexpr std::uint8_t limitFlag = 4;
    static constexpr std::uint8_t samplesFlag = 8;
    static constexpr std::uint8_t outputOnlyFlag = 16;

    void appendFigure(FigureColumn which, std::optional<double> value) {
        auto& values = columns_[static_cast<std::size_t>(which)];
        if (!values.empty()) [[likely]]
            values.push_back(storedFloat(value));
        else
            startColumn(which, storedFloat(value));
    }
    void startColumn(FigureColumn which, float first);

    std::array<std::vector<float>, static_cast<std::size_t>(FigureColumn::Count)> columns_;
    std::size_t reserved_ = 0;
    CompactIntColumn gpus_;
    CompactIntColumn prefillGpus_; // empty until a point names its prefill/decode split
    CompactIntColumn decodeGpus_;
    bool hasSplit_ = false;
    std::vector<std::uint8_t> flags_;
};

} // namespace tokenomics
