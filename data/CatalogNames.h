#pragma once
/// Names the catalog derives: cost-basis keys, series labels, built-in aliases.

#include "CatalogTypes.h"

#include <string>
#include <utility>
#include <vector>

namespace tokenomics::data {

/// Short key of a published cost-basis name, for `--cost-basis`:
/// "owner-hyperscaler (4-yr life)" → "hyperscaler", "owner-neocloud (4-yr life)" → "neocloud",
/// "rental 3-yr (25% upfront)" → "rental"; anything else lowercased with every run of
/// non-alphanumerics turned into one '-' ("on-demand Nebius" → "ondemand-nebius": the
/// "on-demand" prefix becomes "ondemand" so the provider stays one word after it).
std::string costBasisKey(const std::string& publishedName);

/// "B200 trt fp4 8192/1024", with spec decoding when not "none" and the run label if any.
std::string seriesLabel(const SeriesKey& key);

/// Names tools use for the seed's accelerators: {canonical name, aliases}.
const std::vector<std::pair<std::string, std::vector<std::string>>>& builtInAcceleratorAliases();

/// Names tools and hubs use for the seed's models: {canonical name, aliases}.
const std::vector<std::pair<std::string, std::vector<std::string>>>& builtInModelAliases();

} // namespace tokenomics::data
