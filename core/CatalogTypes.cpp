#include "CatalogTypes.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace tokenomics {

namespace {
std::string shortNumber(double value) {
    std::ostringstream text;
    text << std::setprecision(6) << value;
    return text.str();
}
} // namespace

std::string loadText(const PointFigures& figures) {
    if (figures.requestRate > 0)
        return "rate " + shortNumber(figures.requestRate) + "/s"; // requests/s, PRODUCT.md §2
    if (figures.concurrency > 0)
        return "concurrency " + shortNumber(figures.concurrency);
    return "unknown load";
}

std::optional<double> ByStatistic::at(Statistic statistic) const {
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

namespace {
bool listed(const std::vector<std::string>& allowed, const std::string& value) {
    return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}
} // namespace

bool SeriesFilter::matches(const SeriesKey& key) const {
    return listed(models, key.model) && listed(hardware, key.hardware) &&
           listed(engines, key.engine) && listed(precisions, key.precision) &&
           (!isl || *isl == key.isl) && (!osl || *osl == key.osl);
}

bool SeriesFilter::matchesModel(const std::string& model) const {
    return listed(models, model);
}

} // namespace tokenomics
