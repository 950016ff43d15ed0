#include "PointColumns.h"

#include <algorithm>

namespace tokenomics {
namespace {
template <typename Value>
void permuteVector(std::vector<Value>& values, const std::vector<std::uint32_t>& order) {
    if (values.empty())
        return;
    std::vector<Value> reordered;
    reordered.reserve(values.capacity());
    for (const auto from : order)
        reordered.push_back(values[from]);
    values.swap(reordered);
}
} // namespace

void CompactIntColumn::reserve(std::size_t count) {
    if (isWide_)
        wide_.reserve(count);
    else
        narrow_.reserve(count);
}

void CompactIntColumn::append(std::int32_t value) {
    if (!isWide_ && (value < 0 || value > 0xFFFF)) {
        isWide_ = true;
        wide_.reserve(std::max(narrow_.capacity(), narrow_.size() + 1));
        wide_.assign(narrow_.begin(), narrow_.end());
        std::vector<std::uint16_t>().swap(narrow_);
    }
    if (isWide_)
        wide_.push_back(value);
    else
        narrow_.push_back(static_cast<std::uint16_t>(value));
}

void CompactIntColumn::permute(const std::vector<std::uint32_t>& order) {
    permuteVector(narrow_, order);
    permuteVector(wide_, order);
}

std::size_t CompactIntColumn::residentBytes() const {
    return narrow_.capacity() * sizeof(std::uint16_t) + wide_.capacity() * sizeof(std::int32_t);
}

void PointColumns::reserve(std::size_t count) {
    reserved_ = count;
    for (auto& values : columns_) {
        if (!values.empty())
            values.reserve(count);
    }
    gpus_.reserve(count);
    if (hasSplit_) {
        prefillGpus_.reserve(count);
        decodeGpus_.reserve(count);
    }
    flags_.reserve(count);
}

void PointColumns::startColumn(FigureColumn which, float first) {
    if (std::isnan(first))
        return; // the column stays absent until some point has the figure
    auto& values = columns_[static_cast<std::size_t>(which)];
    values.reserve(std::max(reserved_, size() + 1));
    values.assign(size(), std::numeric_limits<float>::quiet_NaN());
    values.push_back(first);
}

void PointColumns::append(const PointFigures& figures, bool hasSamples) {
    // A frontier needs one throughput per point: with the total unknown, the output rate
    // stands in, and the flag keeps it from being read as a total.
    const bool outputOnly = !figures.tputPerGpu && figures.outputTputPerGpu;
    appendFigure(FigureColumn::TputPerGpu,
                 outputOnly ? figures.outputTputPerGpu : figures.tputPerGpu);
    appendFigure(FigureColumn::OutputTputPerGpu, figures.outputTputPerGpu);
    appendFigure(FigureColumn::InputTputPerGpu, figures.inputTputPerGpu);
    appendFigure(FigureColumn::Concurrency, figures.concurrency != 0
                                                ? std::optional<double>(figures.concurrency)
                                                : std::nullopt);
    appendFigure(FigureColumn::PowerWatts, figures.powerWatts);
    appendFigure(FigureColumn::InteractivityP50, figures.interactivity.p50);
    appendFigure(FigureColumn::InteractivityP90, figures.interactivity.p90);
    appendFigure(FigureColumn::InteractivityP99, figures.interactivity.p99);
    appendFigure(FigureColumn::TtftP50, figures.ttftSeconds.p50);
    appendFigure(FigureColumn::TtftP90, figures.ttftSeconds.p90);
    appendFigure(FigureColumn::TtftP99, figures.ttftSeconds.p99);
    appendFigure(FigureColumn::E2elP50, figures.e2elSeconds.p50);
    appendFigure(FigureColumn::E2elP90, figures.e2elSeconds.p90);
    appendFigure(FigureColumn::E2elP99, figures.e2elSeconds.p99);
    if (!hasSplit_ && (figures.prefillGpus != 0 || figures.decodeGpus != 0)) {
        hasSplit_ = true;
        prefillGpus_.reserve(std::max(reserved_, size() + 1));
        decodeGpus_.reserve(std::max(reserved_, size() + 1));
        for (std::size_t i = 0; i < size(); ++i) {
            prefillGpus_.append(0);
            decodeGpus_.append(0);
        }
    }
    if (hasSplit_) {
        prefillGpus_.append(figures.prefillGpus);
        decodeGpus_.append(figures.decodeGpus);
    }
    gpus_.append(figures.gpus);
    flags_.push_back(static_cast<std::uint8_t>(
        (figures.disaggregated ? disaggregatedFlag : 0) | (figures.tputDerived ? derivedFlag : 0) |
        (figures.latencyIsLimit ? limitFlag : 0) | (hasSamples ? samplesFlag : 0) |
        (outputOnly ? outputOnlyFlag : 0)));
}

PointFigures PointColumns::figures(std::size_t index) const {
    PointFigures figures;
    auto read = [&](FigureColumn which) { return recoveredOptional(value(which, index)); };
    figures.gpus = gpus_.at(index);
    figures.disaggregated = (flags_[index] & disaggregatedFlag) != 0;
    figures.prefillGpus = hasSplit_ ? prefillGpus_.at(index) : 0;
    figures.decodeGpus = hasSplit_ ? decodeGpus_.at(index) : 0;
    figures.concurrency = read(FigureColumn::Concurrency).value_or(0.0);
    if (!outputOnly(index))
        figures.tputPerGpu = read(FigureColumn::TputPerGpu);
    figures.outputTputPerGpu = read(FigureColumn::OutputTputPerGpu);
    figures.inputTputPerGpu = read(FigureColumn::InputTputPerGpu);
    figures.tputDerived = (flags_[index] & derivedFlag) != 0;
    figures.interactivity = {read(FigureColumn::InteractivityP50),
                             read(FigureColumn::InteractivityP90),
                             read(FigureColumn::InteractivityP99)};
    figures.ttftSeconds = {read(FigureColumn::TtftP50), read(FigureColumn::TtftP90),
                           read(FigureColumn::TtftP99)};
    figures.e2elSeconds = {read(FigureColumn::E2elP50), read(FigureColumn::E2elP90),
                           read(FigureColumn::E2elP99)};
    figures.latencyIsLimit = (flags_[index] & limitFlag) != 0;
    figures.powerWatts = read(FigureColumn::PowerWatts);
    return figures;
}

void PointColumns::permute(const std::vector<std::uint32_t>& order) {
    for (auto& values : columns_)
        permuteVector(values, order);
    gpus_.permute(order);
    prefillGpus_.permute(order);
    decodeGpus_.permute(order);
    permuteVector(flags_, order);
}

std::size_t PointColumns::residentBytes() const {
    std::size_t bytes = sizeof(*this);
    for (const auto& values : columns_)
        bytes += values.capacity() * sizeof(float);
    return bytes + gpus_.residentBytes() + prefillGpus_.residentBytes() +
           decodeGpus_.residentBytes() + flags_.capacity();
}

} // namespace tokenomics
