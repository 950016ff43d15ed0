#include "CatalogTypes.h"

namespace tokenomics {

std::optional<double> ByStatistic::at(Statistic statistic) const
{
    switch (statistic) {
    case Statistic::P50:
        return p50;
    case Statistic::P90:
        return p90;
    case Statistic::P99:
        return p99;
    }
    return std::nullopt;
}

} // namespace tokenomics
