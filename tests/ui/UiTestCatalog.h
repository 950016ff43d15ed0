#pragma once
/// A small hand-made catalog for the dashboard tests: three series of "TestModel" at 1k/1k
/// (AlphaGPU $2/h, BetaGPU $1/h, GammaGPU $3/h) and one series of "OtherModel".

#include "CatalogTypes.h"

namespace tokenomics::testing {

Catalog uiTestCatalog();

} // namespace tokenomics::testing
