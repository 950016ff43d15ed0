#pragma once
/// Checks of edited catalog figures, shared by the editors (before saving) and the store
/// (before writing), so both give the same message. No Qt here.

#include "CatalogTypes.h"

#include <string>
#include <vector>

namespace tokenomics {

/// One bad value: the field as the editor labels it and why it is refused.
struct FieldProblem {
    std::string field;  // "availability"
    std::string reason; // "must be in (0, 1] (a fraction of the year), got 1.2"
    [[nodiscard]] std::string message() const { return field + ": " + reason; }
};

[[nodiscard]] std::vector<FieldProblem> validateAccelerator(const Accelerator& accelerator);
/// A direct $/GPU-hour ≥ 0, or ownership inputs: capex/opex/$/kWh/kW ≥ 0, life > 0,
/// cost of capital ≥ 0, availability in (0, 1], PUE ≥ 1.
[[nodiscard]] std::vector<FieldProblem> validateCostBasis(const CostBasis& basis);
[[nodiscard]] std::vector<FieldProblem> validateOffer(const ProviderOffer& offer);
[[nodiscard]] std::vector<FieldProblem> validateModel(const ModelInfo& model);

/// "field: reason; field: reason" — empty when there is no problem.
[[nodiscard]] std::string joinProblems(const std::vector<FieldProblem>& problems);

} // namespace tokenomics
