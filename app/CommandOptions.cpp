#include "CommandOptions.h"

#include <cmath>

namespace tokenomics::app {

namespace {

std::vector<std::string> texts(const QStringList& values) {
    std::vector<std::string> result;
    for (const QString& value : values)
        result.push_back(value.trimmed().toStdString());
    return result;
}

// Parses --NAME's value as a finite number; the error names the option and says why.
bool readNumber(const QCommandLineParser& parser, const QString& name, std::optional<double>* value,
                QString* error) {
    if (!parser.isSet(name))
        return true;
    const QString text = parser.value(name).trimmed();
    bool ok = false;
    const double number = text.toDouble(&ok);
    if (!ok || !std::isfinite(number)) {
        *error = QStringLiteral("--%1: '%2' is not a number").arg(name, text);
        return false;
    }
    *value = number;
    return true;
}

bool readPositive(const QCommandLineParser& parser, const QString& name,
                  std::optional<double>* value, QString* error) {
    if (!readNumber(parser, name, value, error))
        return false;
    if (*value && **value <= 0) {
        *error = QStringLiteral("--%1: must be greater than 0 (got %2)")
                     .arg(name, parser.value(name).trimmed());
        return false;
    }
    return true;
}

bool readFraction(const QCommandLineParser& parser, const QString& name,
                  std::optional<double>* value, QString* error) {
    if (!readNumber(parser, name, value, error))
        return false;
    if (*value && (**value <= 0 || **value > 1)) {
        *error = QStringLiteral("--%1: must be a fraction in (0, 1] (got %2)")
                     .arg(name, parser.value(name).trimmed());
        return false;
    }
    return true;
}

bool readTokenCount(const QCommandLineParser& parser, const QString& name,
                    std::optional<std::int32_t>* value, QString* error) {
    if (!parser.isSet(name))
        return true;
    const QString text = parser.value(name).trimmed();
    bool ok = false;
    const int number = text.toInt(&ok);
    if (!ok || number <= 0 || number > maxWholeCount) {
        *error = QStringLiteral("--%1: must be a whole number of tokens from 1 to %2 (got '%3')")
                     .arg(name)
                     .arg(maxWholeCount)
                     .arg(text);
        return false;
    }
    *value = number;
    return true;
}

bool sameName(const std::string& a, const std::string& b) {
    return QString::fromStdString(a).compare(QString::fromStdString(b), Qt::CaseInsensitive) == 0;
}

template <typename Named>
std::string aliasTarget(const std::vector<Named>& entries, const std::string& name) {
    for (const Named& entry : entries) {
        if (sameName(entry.name, name))
            return entry.name;
        for (const std::string& alias : entry.aliases) {
            if (sameName(alias, name))
                return entry.name;
        }
    }
    return name;
}

std::string spelledAsUsed(const std::string& name, const std::vector<std::string>& used) {
    for (const std::string& value : used) {
        if (sameName(value, name))
            return value;
    }
    return name;
}

} // namespace

void resolveFilterNames(const Catalog& catalog, SeriesFilter* filter) {
    std::vector<std::string> models, hardware, engines, precisions;
    for (const Series& series : catalog.series) {
        models.push_back(series.key.model);
        hardware.push_back(series.key.hardware);
        engines.push_back(series.key.engine);
        precisions.push_back(series.key.precision);
    }
    for (const ProviderOffer& offer : catalog.offers)
        models.push_back(offer.model);
    for (std::string& name : filter->models)
        name = spelledAsUsed(aliasTarget(catalog.models, name), models);
    for (std::string& name : filter->hardware)
        name = spelledAsUsed(aliasTarget(catalog.accelerators, name), hardware);
    for (std::string& name : filter->engines)
        name = spelledAsUsed(name, engines);
    for (std::string& name : filter->precisions)
        name = spelledAsUsed(name, precisions);
}

void addQueryOptions(QCommandLineParser& parser) {
    parser.addOptions({
        {QStringLiteral("db"),
         QStringLiteral("Catalog file (default: the user's default catalog)."),
         QStringLiteral("FILE")},
        {QStringLiteral("model"), QStringLiteral("Only this model (repeatable)."),
         QStringLiteral("M")},
        {QStringLiteral("hardware"), QStringLiteral("Only this accelerator (repeatable)."),
         QStringLiteral("H")},
        {QStringLiteral("engine"), QStringLiteral("Only this engine (repeatable)."),
         QStringLiteral("E")},
        {QStringLiteral("precision"), QStringLiteral("Only this precision (repeatable)."),
         QStringLiteral("P")},
        {QStringLiteral("isl"), QStringLiteral("Only series with this input length (tokens)."),
         QStringLiteral("N")},
        {QStringLiteral("osl"), QStringLiteral("Only series with this output length (tokens)."),
         QStringLiteral("N")},
        {QStringLiteral("min-interactivity"),
         QStringLiteral("SLA: at least this many tokens/s per user."), QStringLiteral("TOK_S")},
        {QStringLiteral("max-ttft"), QStringLiteral("SLA: time to first token at most (s)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("max-e2el"), QStringLiteral("SLA: end-to-end latency at most (s)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("percentile"),
         QStringLiteral("Statistic the SLA applies to: 50, 90 or 99 (default 50)."),
         QStringLiteral("50|90|99"), QStringLiteral("50")},
        {QStringLiteral("attainment"),
         QStringLiteral("SLA: at least this fraction of requests good (needs samples)."),
         QStringLiteral("FRACTION")},
        {QStringLiteral("cost-basis"),
         QStringLiteral("Cost basis key per hardware (default hyperscaler; see "
                        "--list-cost-bases)."),
         QStringLiteral("KEY")},
        {QStringLiteral("usd-per-gpu-hour"),
         QStringLiteral("Own $/GPU-hour for every series (overrides the cost basis)."),
         QStringLiteral("X")},
        {QStringLiteral("utilization"),
         QStringLiteral("Fraction of paid GPU time that serves (default 1)."), QStringLiteral("F"),
         QStringLiteral("1")},
        {QStringLiteral("purchase-usd-per-gpu"),
         QStringLiteral("--cost-basis owned: purchase price per GPU, for every hardware or, as "
                        "HARDWARE=X, for one (repeatable; default: the catalog's)."),
         QStringLiteral("[HARDWARE=]X")},
        {QStringLiteral("years"), QStringLiteral("--cost-basis owned: years of life (default 4)."),
         QStringLiteral("N")},
        {QStringLiteral("cost-of-capital"),
         QStringLiteral("--cost-basis owned: cost of capital per year (default 0.10)."),
         QStringLiteral("R")},
        {QStringLiteral("opex-usd-per-year"),
         QStringLiteral("--cost-basis owned: operating cost per GPU a year (default 0)."),
         QStringLiteral("X")},
        {QStringLiteral("availability"),
         QStringLiteral("--cost-basis owned: fraction of the year a GPU serves (default 1)."),
         QStringLiteral("F")},
        {QStringLiteral("pue"),
         QStringLiteral("--cost-basis owned: facility power / IT power (default 1.58)."),
         QStringLiteral("X")},
        {QStringLiteral("usd-per-kwh"),
         QStringLiteral("--cost-basis owned: electricity price (default 0.0806)."),
         QStringLiteral("X")},
    });
}

namespace {

/// --purchase-usd-per-gpu X or HARDWARE=X, repeatable.
bool readPurchasePrices(const QCommandLineParser& parser, OwnershipSettings* ownership,
                        QString* error) {
    for (const QString& value : parser.values(QStringLiteral("purchase-usd-per-gpu"))) {
        const qsizetype equals = value.lastIndexOf(u'=');
        const QString hardware = equals < 0 ? QString() : value.left(equals).trimmed();
        const QString number = value.mid(equals + 1).trimmed();
        bool ok = false;
        const double usd = number.toDouble(&ok);
        if (!ok || !std::isfinite(usd) || usd < 0 || (equals >= 0 && hardware.isEmpty())) {
            *error = QStringLiteral("--purchase-usd-per-gpu: '%1' is not X or HARDWARE=X with X "
                                    "a price of at least 0")
                         .arg(value);
            return false;
        }
        if (hardware.isEmpty())
            ownership->purchaseUsdPerGpu = usd;
        else
            ownership->purchaseUsdPerGpuByHardware[hardware.toStdString()] = usd;
    }
    return true;
}

/// The ownership panel's figures (PRODUCT.md §2 TCO); only with --cost-basis owned.
bool readOwnership(const QCommandLineParser& parser, CostSettings* cost, QString* error) {
    const QStringList names = {
        QStringLiteral("purchase-usd-per-gpu"), QStringLiteral("years"),
        QStringLiteral("cost-of-capital"),      QStringLiteral("opex-usd-per-year"),
        QStringLiteral("availability"),         QStringLiteral("pue"),
        QStringLiteral("usd-per-kwh")};
    for (const QString& name : names) {
        if (parser.isSet(name) && cost->costBasisKey != ownedCostBasisKey) {
            *error = QStringLiteral("--%1: applies to --cost-basis owned").arg(name);
            return false;
        }
    }
    OwnershipSettings& owned = cost->ownership;
    const auto set = [&](const QString& name, double* field, double low, bool lowIncluded,
                         std::optional<double> high, const QString& range) {
        std::optional<double> value;
        if (!readNumber(parser, name, &value, error))
            return false;
        if (!value)
            return true;
        if ((lowIncluded ? *value < low : *value <= low) || (high && *value > *high)) {
            *error = QStringLiteral("--%1: must be %2 (got %3)")
                         .arg(name, range, parser.value(name).trimmed());
            return false;
        }
        *field = *value;
        return true;
    };
    return readPurchasePrices(parser, &owned, error) &&
           set(QStringLiteral("years"), &owned.lifeYears, 0, false, std::nullopt,
               QStringLiteral("greater than 0")) &&
           set(QStringLiteral("cost-of-capital"), &owned.costOfCapital, 0, true, std::nullopt,
               QStringLiteral("at least 0")) &&
           set(QStringLiteral("opex-usd-per-year"), &owned.opexUsdPerGpuYear, 0, true, std::nullopt,
               QStringLiteral("at least 0")) &&
           set(QStringLiteral("availability"), &owned.availability, 0, false, 1.0,
               QStringLiteral("a fraction in (0, 1]")) &&
           set(QStringLiteral("pue"), &owned.pue, 1, true, std::nullopt,
               QStringLiteral("at least 1")) &&
           set(QStringLiteral("usd-per-kwh"), &owned.usdPerKwh, 0, true, std::nullopt,
               QStringLiteral("at least 0"));
}

} // namespace

bool readQueryOptions(const QCommandLineParser& parser, QueryOptions* options, QString* error) {
    QueryOptions read;
    read.databasePath = parser.value(QStringLiteral("db"));
    if (parser.isSet(QStringLiteral("db")) && read.databasePath.trimmed().isEmpty()) {
        *error = QStringLiteral("--db: needs a file name");
        return false;
    }
    read.filter.models = texts(parser.values(QStringLiteral("model")));
    read.filter.hardware = texts(parser.values(QStringLiteral("hardware")));
    read.filter.engines = texts(parser.values(QStringLiteral("engine")));
    read.filter.precisions = texts(parser.values(QStringLiteral("precision")));
    if (!readTokenCount(parser, QStringLiteral("isl"), &read.filter.isl, error) ||
        !readTokenCount(parser, QStringLiteral("osl"), &read.filter.osl, error))
        return false;

    if (!readPositive(parser, QStringLiteral("min-interactivity"), &read.sla.minInteractivity,
                      error) ||
        !readPositive(parser, QStringLiteral("max-ttft"), &read.sla.maxTtftSeconds, error) ||
        !readPositive(parser, QStringLiteral("max-e2el"), &read.sla.maxE2elSeconds, error) ||
        !readFraction(parser, QStringLiteral("attainment"), &read.sla.minAttainment, error))
        return false;
    const QString percentile = parser.value(QStringLiteral("percentile")).trimmed();
    if (percentile == QStringLiteral("50") || percentile == QStringLiteral("p50")) {
        read.sla.statistic = Statistic::P50;
    } else if (percentile == QStringLiteral("90") || percentile == QStringLiteral("p90")) {
        read.sla.statistic = Statistic::P90;
    } else if (percentile == QStringLiteral("99") || percentile == QStringLiteral("p99")) {
        read.sla.statistic = Statistic::P99;
    } else {
        *error = QStringLiteral("--percentile: must be 50, 90 or 99 (got '%1')").arg(percentile);
        return false;
    }

    if (parser.isSet(QStringLiteral("cost-basis"))) {
        read.cost.costBasisKey = parser.value(QStringLiteral("cost-basis")).trimmed().toStdString();
        if (read.cost.costBasisKey.empty()) {
            *error = QStringLiteral("--cost-basis: needs a key (see --list-cost-bases)");
            return false;
        }
    }
    if (!readNumber(parser, QStringLiteral("usd-per-gpu-hour"), &read.cost.usdPerGpuHourOverride,
                    error))
        return false;
    if (read.cost.usdPerGpuHourOverride && *read.cost.usdPerGpuHourOverride < 0) {
        *error = QStringLiteral("--usd-per-gpu-hour: must not be negative (got %1)")
                     .arg(parser.value(QStringLiteral("usd-per-gpu-hour")).trimmed());
        return false;
    }
    std::optional<double> utilization;
    if (!readFraction(parser, QStringLiteral("utilization"), &utilization, error))
        return false;
    read.cost.utilization = utilization.value_or(1.0);
    if (!readOwnership(parser, &read.cost, error))
        return false;
    *options = std::move(read);
    return true;
}

} // namespace tokenomics::app
