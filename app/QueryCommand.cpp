// `tokenomics query`: ranks the catalog's series and API offers under an SLA and a cost basis.
#include "CapacityPlan.h"
#include "CatalogNames.h"
#include "CatalogStore.h"
#include "CommandOptions.h"
#include "Commands.h"
#include "CostModel.h"
#include "QueryOutput.h"
#include "RankingEngine.h"
#include "RankingReader.h"
#include "SlaVerdict.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <algorithm>

namespace tokenomics::app {

namespace {

constexpr int exitBadUsage = 2;
constexpr int exitFailed = 1;
// Offers are priced for the buyer's workload; without --isl/--osl it is 1024 in / 1024 out.
constexpr int defaultWorkloadTokens = 1024;

int usageError(const QString& message, const char* verb = "query") {
    QTextStream(stderr) << "tokenomics " << verb << ": " << message << "\n"
                        << "Try 'tokenomics " << verb << " --help'.\n";
    return exitBadUsage;
}

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

FieldValue positiveCount(std::int64_t count) {
    return count > 0 ? FieldValue(static_cast<double>(count)) : FieldValue(std::monostate{});
}

// A filter value as the catalog spells it: aliases first ("h100" → "H100 SXM"), then any
// value the series or offers use that differs only in case.
std::string resolveName(const std::string& asked, const std::string& canonical,
                        const std::vector<std::string>& used) {
    for (const std::string& candidate : {canonical, asked}) {
        const QString wanted = qs(candidate);
        for (const std::string& value : used) {
            if (qs(value).compare(wanted, Qt::CaseInsensitive) == 0)
                return value;
        }
    }
    return canonical;
}

void resolveFilter(const data::CatalogStore& store, const std::vector<SeriesKey>& keys,
                   const std::vector<ProviderOffer>& catalogOffers, SeriesFilter& filter) {
    std::vector<std::string> models, hardware, engines, precisions;
    for (const SeriesKey& key : keys) {
        models.push_back(key.model);
        hardware.push_back(key.hardware);
        engines.push_back(key.engine);
        precisions.push_back(key.precision);
    }
    for (const ProviderOffer& offer : catalogOffers)
        models.push_back(offer.model);
    for (std::string& name : filter.models)
        name = resolveName(name, store.canonicalModel(name), models);
    for (std::string& name : filter.hardware)
        name = resolveName(name, store.canonicalHardware(name), hardware);
    for (std::string& name : filter.engines)
        name = resolveName(name, name, engines);
    for (std::string& name : filter.precisions)
        name = resolveName(name, name, precisions);
}

Record slaRecord(const Sla& sla) {
    const int percentile = sla.statistic == Statistic::P50   ? 50
                           : sla.statistic == Statistic::P90 ? 90
                                                             : 99;
    return {{QStringLiteral("max_ttft_s"), numberOrNull(sla.maxTtftSeconds)},
            {QStringLiteral("min_interactivity"), numberOrNull(sla.minInteractivity)},
            {QStringLiteral("max_e2el_s"), numberOrNull(sla.maxE2elSeconds)},
            {QStringLiteral("percentile"), static_cast<double>(percentile)},
            {QStringLiteral("attainment"), numberOrNull(sla.minAttainment)}};
}

// The measured best point, or when interpolated the knot below it: its GPUs, config and
// provenance describe the result (both knots are of the same series and source).
std::optional<std::size_t> shownPoint(const SeriesResult& result) {
    return result.point ? result.point : result.lowerKnotPoint;
}

// "concurrency 64" or "rate 16/s" (PRODUCT.md §2); null when the point states neither. An
// interpolated best lies between two measured loads, so it has none of its own.
FieldValue loadField(const data::ShownPointDetails& shown) {
    PointFigures figures;
    figures.concurrency = shown.concurrency;
    figures.requestRate = shown.requestRate;
    return figures.concurrency > 0 || figures.requestRate > 0 ? FieldValue(qs(loadText(figures)))
                                                              : FieldValue{};
}

// `shown` is the shown point's GPUs, limit flag and provenance (null when it has none).
Record seriesRecord(const RankingEngine& engine, const SeriesResult& result, const Sla& sla,
                    const data::ShownPointDetails* shown) {
    const SeriesKey& key = engine.seriesKey(result.series);
    const data::PointDetails* detail = shown ? &shown->details : nullptr;
    const SeriesVerdict verdict = seriesVerdict(engine, result, sla);
    return {
        {QStringLiteral("series"), qs(data::seriesLabel(key))},
        {QStringLiteral("model"), qs(key.model)},
        {QStringLiteral("hardware"), qs(key.hardware)},
        {QStringLiteral("engine"), qs(key.engine)},
        {QStringLiteral("precision"), qs(key.precision)},
        {QStringLiteral("spec_decoding"), qs(key.specDecoding)},
        {QStringLiteral("isl"), positiveCount(key.isl)},
        {QStringLiteral("osl"), positiveCount(key.osl)},
        {QStringLiteral("run"), textOrNull(qs(key.run))},
        {QStringLiteral("config"), detail ? textOrNull(qs(detail->config)) : FieldValue{}},
        {QStringLiteral("gpus"), shown ? positiveCount(shown->gpus) : FieldValue{}},
        {QStringLiteral("load"), shown && !result.interpolated ? loadField(*shown) : FieldValue{}},
        {QStringLiteral("feasible"), result.feasible},
        {QStringLiteral("sla_verdict"), qs(verdictName(verdict.verdict))},
        {QStringLiteral("unknown_because"), textOrNull(qs(verdict.unknownBecause))},
        {QStringLiteral("interactivity"), numberOrNull(result.interactivity)},
        {QStringLiteral("tput_per_gpu"), numberOrNull(result.tputPerGpu)},
        {QStringLiteral("output_tput_per_gpu"), numberOrNull(result.outputTputPerGpu)},
        {QStringLiteral("input_tput_per_gpu"), numberOrNull(result.inputTputPerGpu)},
        {QStringLiteral("ttft_s"), numberOrNull(result.ttftSeconds)},
        {QStringLiteral("latency_is_limit"),
         shown ? FieldValue(shown->latencyIsLimit) : FieldValue{}},
        {QStringLiteral("interpolated"), result.interpolated},
        {QStringLiteral("usd_per_gpu_hour"), numberOrNull(result.usdPerGpuHour)},
        {QStringLiteral("cost_per_m_total"), numberOrNull(result.costPerMTotal)},
        {QStringLiteral("cost_per_m_output"), numberOrNull(result.costPerMOutput)},
        {QStringLiteral("cost_per_m_input"), numberOrNull(result.costPerMInput)},
        {QStringLiteral("tokens_per_mw"), numberOrNull(result.tokensPerMw)},
        {QStringLiteral("joules_per_token"), numberOrNull(result.joulesPerToken)},
        {QStringLiteral("slo_attainment"), numberOrNull(result.sloAttainment)},
        {QStringLiteral("goodput_per_gpu"), numberOrNull(result.goodputPerGpu)},
        {QStringLiteral("cost_per_m_good_total"),
         numberOrNull(costPerMillionGoodTokens(result.costPerMTotal, result.sloAttainment))},
        {QStringLiteral("source"),
         detail ? textOrNull(qs(detail->provenance.source)) : FieldValue{}},
        {QStringLiteral("date"), detail ? textOrNull(qs(detail->provenance.date)) : FieldValue{}},
        {QStringLiteral("uncertain"),
         detail ? FieldValue(detail->provenance.uncertain) : FieldValue{}},
    };
}

Record offerRecord(const ProviderOffer& offer, const OfferResult& result) {
    return {
        {QStringLiteral("provider"), qs(offer.provider)},
        {QStringLiteral("model"), qs(offer.model)},
        {QStringLiteral("input_usd_per_m"), numberOrNull(offer.inputUsdPerM)},
        {QStringLiteral("output_usd_per_m"), numberOrNull(offer.outputUsdPerM)},
        {QStringLiteral("blended_usd_per_m"), numberOrNull(result.blendedUsdPerM)},
        {QStringLiteral("workload_usd_per_m"), numberOrNull(result.workloadUsdPerM)},
        {QStringLiteral("output_tok_s"), numberOrNull(offer.outputTokensPerSecond)},
        {QStringLiteral("ttft_s"), numberOrNull(offer.ttftSeconds)},
        {QStringLiteral("feasible"), result.feasible},
        {QStringLiteral("speed_known"), result.speedKnown},
        {QStringLiteral("source"), textOrNull(qs(offer.provenance.source))},
        {QStringLiteral("date"), textOrNull(qs(offer.provenance.date))},
        {QStringLiteral("uncertain"), offer.provenance.uncertain},
    };
}

/// cost_basis, usd_per_gpu_hour and utilization, with the ownership figures under "owned".
Record costRecord(const CostSettings& cost) {
    Record record = {{QStringLiteral("cost_basis"), cost.usdPerGpuHourOverride
                                                        ? FieldValue{}
                                                        : FieldValue(qs(cost.costBasisKey))},
                     {QStringLiteral("usd_per_gpu_hour"), numberOrNull(cost.usdPerGpuHourOverride)},
                     {QStringLiteral("utilization"), cost.utilization}};
    if (cost.usdPerGpuHourOverride || cost.costBasisKey != ownedCostBasisKey)
        return record;
    const OwnershipSettings& owned = cost.ownership;
    record.insert(record.end(),
                  {{QStringLiteral("purchase_usd_per_gpu"), numberOrNull(owned.purchaseUsdPerGpu)},
                   {QStringLiteral("life_years"), owned.lifeYears},
                   {QStringLiteral("cost_of_capital"), owned.costOfCapital},
                   {QStringLiteral("opex_usd_per_gpu_year"), owned.opexUsdPerGpuYear},
                   {QStringLiteral("availability"), owned.availability},
                   {QStringLiteral("pue"), owned.pue},
                   {QStringLiteral("usd_per_kwh"), owned.usdPerKwh}});
    for (const auto& [hardware, usd] : owned.purchaseUsdPerGpuByHardware)
        record.push_back({QStringLiteral("purchase_usd_per_gpu ") + qs(hardware), usd});
    return record;
}

QString describeSla(const Sla& sla, const CostSettings& cost) {
    QStringList parts;
    if (sla.maxTtftSeconds)
        parts << QStringLiteral("TTFT ≤ %1 s").arg(*sla.maxTtftSeconds);
    if (sla.minInteractivity)
        parts << QStringLiteral("≥ %1 tok/s/user").arg(*sla.minInteractivity);
    if (sla.maxE2elSeconds)
        parts << QStringLiteral("E2E latency ≤ %1 s").arg(*sla.maxE2elSeconds);
    if (sla.minAttainment)
        parts << QStringLiteral("attainment ≥ %1").arg(*sla.minAttainment);
    const QString percentile = sla.statistic == Statistic::P50   ? QStringLiteral("p50")
                               : sla.statistic == Statistic::P90 ? QStringLiteral("p90")
                                                                 : QStringLiteral("p99");
    const QString thresholds =
        parts.isEmpty() ? QStringLiteral("no thresholds") : parts.join(QStringLiteral(", "));
    const QString price =
        cost.usdPerGpuHourOverride
            ? QStringLiteral("$%1/GPU-hour for every series").arg(*cost.usdPerGpuHourOverride)
            : QStringLiteral("cost basis %1").arg(qs(cost.costBasisKey));
    return QStringLiteral("SLA: %1 at %2; %3, utilization %4")
        .arg(thresholds, percentile, price)
        .arg(cost.utilization);
}

TableColumn textColumn(const QString& title, const QString& field) {
    TableColumn column;
    column.title = title;
    column.field = field;
    column.alignLeft = true;
    return column;
}

TableColumn numberColumn(const QString& title, const QString& field, int decimals) {
    TableColumn column;
    column.title = title;
    column.field = field;
    column.decimals = decimals;
    return column;
}

// MLPerf latencies are limits: TTFT is "≤ limit", interactivity "≥ 1000 / TPOT limit".
TableColumn limitColumn(const QString& title, const QString& field, int decimals,
                        const QString& marker) {
    TableColumn column = numberColumn(title, field, decimals);
    column.limitMarker = marker;
    column.limitField = QStringLiteral("latency_is_limit");
    return column;
}

const std::vector<TableColumn>& seriesColumns() {
    static const std::vector<TableColumn> columns = {
        textColumn(QStringLiteral("Series"), QStringLiteral("series")),
        textColumn(QStringLiteral("Model"), QStringLiteral("model")),
        numberColumn(QStringLiteral("GPUs"), QStringLiteral("gpus"), 0),
        textColumn(QStringLiteral("Load"), QStringLiteral("load")),
        limitColumn(QStringLiteral("tok/s/user"), QStringLiteral("interactivity"), 1,
                    QStringLiteral("≥")),
        numberColumn(QStringLiteral("tok/s/GPU"), QStringLiteral("tput_per_gpu"), 1),
        numberColumn(QStringLiteral("out tok/s/GPU"), QStringLiteral("output_tput_per_gpu"), 1),
        limitColumn(QStringLiteral("TTFT s"), QStringLiteral("ttft_s"), 3, QStringLiteral("≤")),
        numberColumn(QStringLiteral("$/GPU-h"), QStringLiteral("usd_per_gpu_hour"), 2),
        numberColumn(QStringLiteral("$/1M total"), QStringLiteral("cost_per_m_total"), 3),
        numberColumn(QStringLiteral("$/1M out"), QStringLiteral("cost_per_m_output"), 3),
        numberColumn(QStringLiteral("tok/s per MW"), QStringLiteral("tokens_per_mw"), 0),
        numberColumn(QStringLiteral("goodput tok/s/GPU"), QStringLiteral("goodput_per_gpu"), 1),
        numberColumn(QStringLiteral("SLO att."), QStringLiteral("slo_attainment"), 3),
        numberColumn(QStringLiteral("$/1M good"), QStringLiteral("cost_per_m_good_total"), 3),
        numberColumn(QStringLiteral("Feasible"), QStringLiteral("feasible"), 0),
        textColumn(QStringLiteral("SLA"), QStringLiteral("sla_verdict")),
        textColumn(QStringLiteral("Uncertain"), QStringLiteral("uncertain")),
        textColumn(QStringLiteral("Date"), QStringLiteral("date")),
        textColumn(QStringLiteral("Source"), QStringLiteral("source")),
    };
    return columns;
}

const std::vector<TableColumn>& offerColumns() {
    static const std::vector<TableColumn> columns = {
        textColumn(QStringLiteral("Provider"), QStringLiteral("provider")),
        textColumn(QStringLiteral("Model"), QStringLiteral("model")),
        numberColumn(QStringLiteral("in $/1M"), QStringLiteral("input_usd_per_m"), 3),
        numberColumn(QStringLiteral("out $/1M"), QStringLiteral("output_usd_per_m"), 3),
        numberColumn(QStringLiteral("blended $/1M"), QStringLiteral("blended_usd_per_m"), 3),
        numberColumn(QStringLiteral("workload $/1M"), QStringLiteral("workload_usd_per_m"), 3),
        numberColumn(QStringLiteral("out tok/s/user"), QStringLiteral("output_tok_s"), 1),
        numberColumn(QStringLiteral("TTFT s"), QStringLiteral("ttft_s"), 3),
        textColumn(QStringLiteral("Feasible"), QStringLiteral("feasible_text")),
        textColumn(QStringLiteral("Uncertain"), QStringLiteral("uncertain")),
        textColumn(QStringLiteral("Date"), QStringLiteral("date")),
        textColumn(QStringLiteral("Source"), QStringLiteral("source")),
    };
    return columns;
}

int listCostBases(const data::CatalogStore& store, const QString& format) {
    data::CatalogError error;
    std::optional<std::vector<CostBasis>> bases = store.loadCostBases(&error);
    if (!bases) {
        QTextStream(stderr) << "tokenomics query: " << error.message << "\n";
        return exitFailed;
    }
    std::stable_sort(bases->begin(), bases->end(), [](const CostBasis& a, const CostBasis& b) {
        return std::tie(a.key, a.hardware) < std::tie(b.key, b.hardware);
    });
    std::vector<Record> records;
    for (const CostBasis& basis : *bases) {
        records.push_back({
            {QStringLiteral("key"), qs(basis.key)},
            {QStringLiteral("hardware"), qs(basis.hardware)},
            {QStringLiteral("name"), qs(basis.name)},
            {QStringLiteral("usd_per_gpu_hour"), numberOrNull(usdPerGpuHour(basis))},
            {QStringLiteral("all_in_kw_per_gpu"), numberOrNull(basis.allInKwPerGpu)},
            {QStringLiteral("source"), textOrNull(qs(basis.provenance.source))},
            {QStringLiteral("date"), textOrNull(qs(basis.provenance.date))},
            {QStringLiteral("uncertain"), basis.provenance.uncertain},
        });
    }
    QTextStream out(stdout);
    if (format == QStringLiteral("json")) {
        out << "{\"cost_bases\": " << jsonArray(records) << "}\n";
    } else if (format == QStringLiteral("csv")) {
        out << csvTable({QStringLiteral("key"), QStringLiteral("hardware"), QStringLiteral("name"),
                         QStringLiteral("usd_per_gpu_hour"), QStringLiteral("all_in_kw_per_gpu"),
                         QStringLiteral("source"), QStringLiteral("date"),
                         QStringLiteral("uncertain")},
                        records);
    } else {
        out << textTable(
            {textColumn(QStringLiteral("Key"), QStringLiteral("key")),
             textColumn(QStringLiteral("Hardware"), QStringLiteral("hardware")),
             numberColumn(QStringLiteral("$/GPU-h"), QStringLiteral("usd_per_gpu_hour"), 3),
             numberColumn(QStringLiteral("all-in kW/GPU"), QStringLiteral("all_in_kw_per_gpu"), 2),
             textColumn(QStringLiteral("Name"), QStringLiteral("name")),
             textColumn(QStringLiteral("Uncertain"), QStringLiteral("uncertain")),
             textColumn(QStringLiteral("Date"), QStringLiteral("date")),
             textColumn(QStringLiteral("Source"), QStringLiteral("source"))},
            records);
    }
    return 0;
}

// What query and plan read alike from their command line: the parse, --help, no stray
// argument, --format, and the filter, SLA and cost options. -1 to go on, else the exit code.
int readCommandLine(const char* verb, QCommandLineParser& parser, const QStringList& arguments,
                    QString& format, QueryOptions& options) {
    if (!parser.parse(QStringList{QStringLiteral("tokenomics ") + QLatin1String(verb)} + arguments))
        return usageError(parser.errorText(), verb);
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().front()),
            verb);
    format = parser.value(QStringLiteral("format")).trimmed();
    if (format != u"table" && format != u"csv" && format != u"json")
        return usageError(
            QStringLiteral("--format: must be table, csv or json (got '%1')").arg(format), verb);
    QString optionError;
    if (!readQueryOptions(parser, &options, &optionError))
        return usageError(optionError, verb);
    return -1;
}

/// The --db catalog, or the default one; none after printing why.
std::optional<data::CatalogStore> openCatalog(const char* verb, const QueryOptions& options) {
    data::CatalogError error;
    std::optional<data::CatalogStore> store =
        options.databasePath.isEmpty() ? data::CatalogStore::openDefault(&error)
                                       : data::CatalogStore::open(options.databasePath, &error);
    if (!store)
        QTextStream(stderr) << "tokenomics " << verb << ": " << error.message << "\n";
    return store;
}

/// One RFC 4180 table of several kinds of record: a "kind" column, then the union of fields.
QString csvOfKinds(std::vector<std::pair<QString, std::vector<Record>>> kinds) {
    QStringList columns{QStringLiteral("kind")};
    std::vector<Record> all;
    for (auto& [kind, records] : kinds) {
        for (Record& record : records) {
            record.insert(record.begin(), {QStringLiteral("kind"), kind});
            for (const Field& field : record) {
                if (!columns.contains(field.name))
                    columns.append(field.name);
            }
            all.push_back(std::move(record));
        }
    }
    return csvTable(columns, all);
}

struct RankedCatalog {
    RankingEngine engine;
    Ranking ranking;
    std::vector<data::ShownPointDetails> shownDetails; // of the results with a shown point
    Workload workload;
};

// Spells each hardware of --purchase-usd-per-gpu HARDWARE=X as the series do ("b200" →
// "B200"); false naming one no kept series runs on.
bool resolveOwnedHardware(const data::CatalogStore& store, const RankingEngine& engine,
                          OwnershipSettings* ownership, QString* error) {
    std::vector<std::string> used;
    for (std::size_t i = 0; i < engine.seriesCount(); ++i)
        used.push_back(engine.seriesKey(i).hardware);
    std::map<std::string, double> resolved;
    for (const auto& [given, usd] : ownership->purchaseUsdPerGpuByHardware) {
        const std::string name = resolveName(given, store.canonicalHardware(given), used);
        if (std::find(used.begin(), used.end(), name) == used.end()) {
            *error = QStringLiteral("--purchase-usd-per-gpu: no series the filters keep runs on "
                                    "'%1'")
                         .arg(qs(given));
            return false;
        }
        resolved[name] = usd;
    }
    ownership->purchaseUsdPerGpuByHardware = std::move(resolved);
    return true;
}

// The one loading path of query and plan: reads the series the filters keep (of their points
// only the figures the ranking reads), ranks them with unknown verdicts before failing ones,
// and reads the recipe and provenance of the points the output shows. 0, or the exit code
// after printing why.
int rankCatalog(const char* verb, data::CatalogStore& store, const QCommandLineParser& parser,
                QueryOptions& options, RankedCatalog& out) {
    data::RankingLoadPlan plan;
    plan.statistic = options.sla.statistic;
    plan.withE2el = options.sla.maxE2elSeconds.has_value();
    plan.chooseSeries = [&](const std::vector<SeriesKey>& keys,
                            const std::vector<ProviderOffer>& catalogOffers) {
        resolveFilter(store, keys, catalogOffers, options.filter);
        std::vector<bool> keep;
        keep.reserve(keys.size());
        for (const SeriesKey& key : keys)
            keep.push_back(options.filter.matches(key));
        return keep;
    };
    RankingEngine& engine = out.engine;
    Ranking& ranking = out.ranking;
    std::vector<data::ShownPointDetails>& shownDetails = out.shownDetails;
    out.workload = {options.filter.isl.value_or(defaultWorkloadTokens),
                    options.filter.osl.value_or(defaultWorkloadTokens)};
    const Workload& workload = out.workload;
    bool unknownCostBasis = false;
    data::CatalogError error;
    const auto loadAndRank = [&](sqlite3* database, QString* reason) {
        std::vector<std::vector<std::int64_t>> pointIds;
        if (!data::readForRanking(database, engine, plan, &pointIds, reason))
            return false;
        if (!resolveOwnedHardware(store, engine, &options.cost.ownership, reason))
            return false;
        if (parser.isSet(QStringLiteral("cost-basis")) && !options.cost.usdPerGpuHourOverride &&
            options.cost.costBasisKey != ownedCostBasisKey) {
            const std::vector<std::string> keys = engine.costBasisKeys();
            unknownCostBasis =
                std::find(keys.begin(), keys.end(), options.cost.costBasisKey) == keys.end();
            if (unknownCostBasis)
                return true;
        }
        for (std::size_t i = 0; i < engine.offers().size(); ++i)
            engine.setOfferEnabled(i, options.filter.matchesModel(engine.offers()[i].model));
        ranking = engine.rank(options.sla, options.cost, workload);
        rankUnknownBeforeFails(engine, options.sla, ranking);
        std::vector<std::int64_t> shownIds;
        for (const SeriesResult& result : ranking.series) {
            if (const std::optional<std::size_t> point = shownPoint(result))
                shownIds.push_back(pointIds[result.series][*point]);
        }
        return data::readPointDetails(database, shownIds, &shownDetails, reason);
    };
    if (!store.readInTransaction(loadAndRank, &error)) {
        QTextStream(stderr) << "tokenomics " << verb << ": " << error.message << "\n";
        return exitFailed;
    }
    if (unknownCostBasis)
        return usageError(QStringLiteral("--cost-basis: '%1' is not a cost basis of this "
                                         "catalog (see --list-cost-bases)")
                              .arg(qs(options.cost.costBasisKey)),
                          verb);

    return 0;
}

} // namespace

int runQuery(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Ranks series (best point under the SLA, cost per 1M tokens) and API offers.\n"
        "Offers are priced for the workload --isl/--osl (1024/1024 when not given)."));
    parser.addHelpOption();
    addQueryOptions(parser);
    parser.addOptions({
        {QStringLiteral("format"), QStringLiteral("table, csv or json (default table)."),
         QStringLiteral("FORMAT"), QStringLiteral("table")},
        {QStringLiteral("list-cost-bases"),
         QStringLiteral("List the catalog's cost bases (keys for --cost-basis) and exit.")},
    });
    QString format;
    QueryOptions options;
    if (const int done = readCommandLine("query", parser, arguments, format, options); done >= 0)
        return done;
    std::optional<data::CatalogStore> store = openCatalog("query", options);
    if (!store)
        return exitFailed;
    if (parser.isSet(QStringLiteral("list-cost-bases")))
        return listCostBases(*store, format);

    RankedCatalog ranked;
    if (const int failed = rankCatalog("query", *store, parser, options, ranked))
        return failed;
    const RankingEngine& engine = ranked.engine;
    const Ranking& ranking = ranked.ranking;
    const std::vector<data::ShownPointDetails>& shownDetails = ranked.shownDetails;
    const Workload& workload = ranked.workload;

    std::vector<Record> series;
    series.reserve(ranking.series.size());
    std::size_t nextDetail = 0;
    for (const SeriesResult& result : ranking.series)
        series.push_back(seriesRecord(engine, result, options.sla,
                                      shownPoint(result) ? &shownDetails[nextDetail++] : nullptr));
    std::vector<Record> offers;
    for (const OfferResult& result : ranking.offers)
        offers.push_back(offerRecord(engine.offers()[result.offer], result));

    QTextStream out(stdout);
    if (format == QStringLiteral("json")) {
        const Record cost = costRecord(options.cost);
        const Record workloadRecord = {{QStringLiteral("isl"), static_cast<double>(workload.isl)},
                                       {QStringLiteral("osl"), static_cast<double>(workload.osl)}};
        out << "{\n  \"sla\": " << jsonObject(slaRecord(options.sla))
            << ",\n  \"cost\": " << jsonObject(cost)
            << ",\n  \"workload\": " << jsonObject(workloadRecord)
            << ",\n  \"series\": " << jsonArray(series) << ",\n  \"offers\": " << jsonArray(offers)
            << "\n}\n";
        return 0;
    }
    if (format == QStringLiteral("csv")) {
        out << csvOfKinds({{QStringLiteral("series"), series}, {QStringLiteral("offer"), offers}});
        return 0;
    }
    for (Record& record : offers) {
        const bool feasible = std::get<bool>(valueOf(record, QStringLiteral("feasible")));
        const bool speedKnown = std::get<bool>(valueOf(record, QStringLiteral("speed_known")));
        record.push_back(
            {QStringLiteral("feasible_text"), feasible ? QStringLiteral("yes")
                                              : !speedKnown && options.sla.minInteractivity
                                                  ? QStringLiteral("no (speed unknown)")
                                                  : QStringLiteral("no")});
    }
    out << describeSla(options.sla, options.cost) << "\n\n"
        << "Series (best point under the SLA, cheapest first):\n"
        << (series.empty() ? QStringLiteral("(none match the filters)\n")
                           : textTable(seriesColumns(), series))
        << "\nAPI offers (priced for " << workload.isl << "/" << workload.osl
        << " input/output tokens):\n"
        << (offers.empty() ? QStringLiteral("(none match the filters)\n")
                           : textTable(offerColumns(), offers))
        << "\n≤/≥: MLPerf figures are the scenario's latency limits, not measurements.\n";
    return 0;
}

namespace {

bool readPositive(const QCommandLineParser& parser, const QString& name, double* value,
                  QString* error) {
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double number = parser.value(name).trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(number) || number <= 0 || number > 1e12) {
        *error = QStringLiteral("--%1: must be a number above 0 (got '%2')")
                     .arg(name, parser.value(name));
        return false;
    }
    *value = number;
    return true;
}

Record planSeriesRecord(const RankingEngine& engine, const SeriesPlan& plan,
                        const SeriesResult& result, const Sla& sla) {
    const SeriesKey& key = engine.seriesKey(plan.series);
    return {
        {QStringLiteral("series"), qs(data::seriesLabel(key))},
        {QStringLiteral("model"), qs(key.model)},
        {QStringLiteral("hardware"), qs(key.hardware)},
        {QStringLiteral("engine"), qs(key.engine)},
        {QStringLiteral("precision"), qs(key.precision)},
        {QStringLiteral("feasible"), plan.feasible},
        {QStringLiteral("sla_verdict"),
         qs(verdictName(seriesVerdict(engine, result, sla).verdict))},
        {QStringLiteral("gpus"), plan.gpusPerInstance
                                     ? FieldValue(static_cast<double>(*plan.gpusPerInstance))
                                     : FieldValue{}},
        {QStringLiteral("tput_per_gpu"), numberOrNull(result.tputPerGpu)},
        {QStringLiteral("usd_per_gpu_hour"), numberOrNull(result.usdPerGpuHour)},
        {QStringLiteral("requests_per_second_per_instance"),
         numberOrNull(plan.requestsPerSecondPerInstance)},
        {QStringLiteral("instances"), numberOrNull(plan.instances)},
        {QStringLiteral("gpus_needed"), numberOrNull(plan.gpusNeeded)},
        {QStringLiteral("usd_per_month"), numberOrNull(plan.usdPerMonth)},
        {QStringLiteral("average_utilization"), numberOrNull(plan.averageUtilization)},
        {QStringLiteral("effective_cost_per_m_total"), numberOrNull(plan.effectiveCostPerMTotal)},
        {QStringLiteral("break_even_requests_per_second"),
         numberOrNull(plan.breakEvenRequestsPerSecond)},
    };
}

Record planOfferRecord(const ProviderOffer& offer, const OfferPlan& plan) {
    return {
        {QStringLiteral("provider"), qs(offer.provider)},
        {QStringLiteral("model"), qs(offer.model)},
        {QStringLiteral("input_usd_per_m"), offer.inputUsdPerM},
        {QStringLiteral("output_usd_per_m"), offer.outputUsdPerM},
        {QStringLiteral("usd_per_month"), plan.usdPerMonth},
        {QStringLiteral("feasible"), plan.feasible && plan.speedKnown},
        {QStringLiteral("sla_verdict"), plan.feasible && plan.speedKnown ? QStringLiteral("meets")
                                        : plan.feasible                  ? QStringLiteral("unknown")
                                                                         : QStringLiteral("fails")},
    };
}

Record sensitivityRecord(const RankingEngine& engine, const SensitivityRow& row, double percent) {
    const auto winner = [&engine](const SensitivityEnd& end) {
        return end.winner ? FieldValue(qs(data::seriesLabel(engine.seriesKey(*end.winner))))
                          : FieldValue{};
    };
    return {
        {QStringLiteral("input"), qs(row.input)},
        {QStringLiteral("percent"), percent},
        {QStringLiteral("low_factor"), row.low.factor},
        {QStringLiteral("low_winner"), winner(row.low)},
        {QStringLiteral("low_cost_per_m_total"), numberOrNull(row.low.costPerMTotal)},
        {QStringLiteral("low_usd_per_month"), numberOrNull(row.low.usdPerMonth)},
        {QStringLiteral("high_factor"), row.high.factor},
        {QStringLiteral("high_winner"), winner(row.high)},
        {QStringLiteral("high_cost_per_m_total"), numberOrNull(row.high.costPerMTotal)},
        {QStringLiteral("high_usd_per_month"), numberOrNull(row.high.usdPerMonth)},
        {QStringLiteral("winner_changes"), row.winnerChanges},
    };
}

const std::vector<TableColumn>& sensitivityColumns() {
    static const std::vector<TableColumn> columns = {
        textColumn(QStringLiteral("Input"), QStringLiteral("input")),
        numberColumn(QStringLiteral("Low ×"), QStringLiteral("low_factor"), 2),
        numberColumn(QStringLiteral("$/1M"), QStringLiteral("low_cost_per_m_total"), 3),
        numberColumn(QStringLiteral("$/month"), QStringLiteral("low_usd_per_month"), 0),
        textColumn(QStringLiteral("Winner (low)"), QStringLiteral("low_winner")),
        numberColumn(QStringLiteral("High ×"), QStringLiteral("high_factor"), 2),
        numberColumn(QStringLiteral("$/1M"), QStringLiteral("high_cost_per_m_total"), 3),
        numberColumn(QStringLiteral("$/month"), QStringLiteral("high_usd_per_month"), 0),
        textColumn(QStringLiteral("Winner (high)"), QStringLiteral("high_winner")),
        numberColumn(QStringLiteral("Winner changes"), QStringLiteral("winner_changes"), 0),
    };
    return columns;
}

const std::vector<TableColumn>& planSeriesColumns() {
    static const std::vector<TableColumn> columns = {
        textColumn(QStringLiteral("Series"), QStringLiteral("series")),
        textColumn(QStringLiteral("SLA"), QStringLiteral("sla_verdict")),
        numberColumn(QStringLiteral("GPUs/inst."), QStringLiteral("gpus"), 0),
        numberColumn(QStringLiteral("req/s/inst."),
                     QStringLiteral("requests_per_second_per_instance"), 2),
        numberColumn(QStringLiteral("Instances"), QStringLiteral("instances"), 0),
        numberColumn(QStringLiteral("GPUs"), QStringLiteral("gpus_needed"), 0),
        numberColumn(QStringLiteral("$/GPU-h"), QStringLiteral("usd_per_gpu_hour"), 2),
        numberColumn(QStringLiteral("$/month"), QStringLiteral("usd_per_month"), 0),
        numberColumn(QStringLiteral("Avg util."), QStringLiteral("average_utilization"), 3),
        numberColumn(QStringLiteral("$/1M eff."), QStringLiteral("effective_cost_per_m_total"), 3),
        numberColumn(QStringLiteral("Break-even req/s"),
                     QStringLiteral("break_even_requests_per_second"), 2),
    };
    return columns;
}

const std::vector<TableColumn>& planOfferColumns() {
    static const std::vector<TableColumn> columns = {
        textColumn(QStringLiteral("Provider"), QStringLiteral("provider")),
        textColumn(QStringLiteral("Model"), QStringLiteral("model")),
        numberColumn(QStringLiteral("$/1M in"), QStringLiteral("input_usd_per_m"), 3),
        numberColumn(QStringLiteral("$/1M out"), QStringLiteral("output_usd_per_m"), 3),
        numberColumn(QStringLiteral("$/month"), QStringLiteral("usd_per_month"), 0),
        textColumn(QStringLiteral("SLA"), QStringLiteral("sla_verdict")),
    };
    return columns;
}

} // namespace

int runPlan(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "How many GPUs a demand needs at each series' best point under the SLA, their monthly "
        "bill (730 h), and the volume from which self-hosting is no dearer than the cheapest "
        "API offer that meets the SLA."));
    parser.addHelpOption();
    addQueryOptions(parser);
    parser.addOptions({
        {QStringLiteral("requests-per-second"),
         QStringLiteral("Average demand in requests/s (required)."), QStringLiteral("R")},
        {QStringLiteral("peak-to-average"),
         QStringLiteral("Ratio of peak to average demand (default 1)."), QStringLiteral("F")},
        {QStringLiteral("sensitivity"),
         QStringLiteral("Move each cost input down and up by PCT percent, one at a time, and "
                        "show the winner at both ends (default 20)."),
         QStringLiteral("PCT"), QStringLiteral("20")},
        {QStringLiteral("format"), QStringLiteral("table, csv or json (default table)."),
         QStringLiteral("FORMAT"), QStringLiteral("table")},
    });
    const auto usage = [](const QString& message) { return usageError(message, "plan"); };
    QString format;
    QueryOptions options;
    if (const int done = readCommandLine("plan", parser, arguments, format, options); done >= 0)
        return done;
    QString optionError;
    Demand demand;
    if (!parser.isSet(QStringLiteral("requests-per-second")))
        return usage(QStringLiteral("--requests-per-second: the demand is required"));
    if (!readPositive(parser, QStringLiteral("requests-per-second"), &demand.requestsPerSecond,
                      &optionError) ||
        !readPositive(parser, QStringLiteral("peak-to-average"), &demand.peakToAverage,
                      &optionError))
        return usage(optionError);
    double percent = 20;
    if (!readPositive(parser, QStringLiteral("sensitivity"), &percent, &optionError))
        return usage(optionError);
    if (percent >= 100)
        return usage(
            QStringLiteral("--sensitivity: must be below 100 percent (got %1)").arg(percent));
    if (demand.peakToAverage < 1)
        return usage(QStringLiteral("--peak-to-average: the peak is at least the average (got %1)")
                         .arg(demand.peakToAverage));

    std::optional<data::CatalogStore> store = openCatalog("plan", options);
    if (!store)
        return exitFailed;
    RankedCatalog ranked;
    if (const int failed = rankCatalog("plan", *store, parser, options, ranked))
        return failed;
    // Each request is the scenario's ISL + OSL: the one --isl/--osl give, or the one every
    // kept series shares. Throughputs measured at other lengths would not size a fleet.
    demand.isl = ranked.workload.isl;
    demand.osl = ranked.workload.osl;
    if (!options.filter.isl || !options.filter.osl) {
        QStringList scenarios;
        for (const SeriesResult& result : ranked.ranking.series) {
            const SeriesKey& key = ranked.engine.seriesKey(result.series);
            const QString scenario = QStringLiteral("%1/%2").arg(key.isl).arg(key.osl);
            if (!scenarios.contains(scenario))
                scenarios << scenario;
            demand.isl = key.isl;
            demand.osl = key.osl;
        }
        if (scenarios.size() > 1)
            return usage(QStringLiteral("the series kept span %1 ISL/OSL scenarios (%2): pass "
                                        "--isl and --osl for the requests to plan")
                             .arg(scenarios.size())
                             .arg(scenarios.mid(0, 6).join(QStringLiteral(", ")) +
                                  (scenarios.size() > 6 ? QStringLiteral(", …") : QString())));
    }
    // G of each series' best point: the shown point's GPUs (the lower knot when interpolated,
    // of the same configuration).
    std::vector<std::optional<int>> gpus;
    std::size_t nextDetail = 0;
    for (const SeriesResult& result : ranked.ranking.series) {
        if (!shownPoint(result)) {
            gpus.emplace_back();
            continue;
        }
        const std::int32_t count = ranked.shownDetails[nextDetail++].gpus;
        gpus.push_back(count > 0 ? std::optional<int>(count) : std::nullopt);
    }
    const CapacityPlan plan = planCapacity(ranked.ranking, gpus, ranked.engine.offers(), demand);

    std::vector<Record> series;
    for (const SeriesPlan& one : plan.series)
        series.push_back(
            planSeriesRecord(ranked.engine, one, ranked.ranking.series[one.rank], options.sla));
    std::vector<Record> offers;
    for (const OfferPlan& one : plan.offers)
        offers.push_back(planOfferRecord(ranked.engine.offers()[one.offer], one));
    std::vector<Record> tornado;
    std::vector<std::optional<OwnershipInputs>> owned;
    for (const SeriesResult& result : ranked.ranking.series)
        owned.push_back(ranked.engine.ownershipInputs(result.series, options.cost));
    for (const SensitivityRow& row :
         sensitivity(ranked.ranking, gpus, ranked.engine.offers(), demand, options.cost.utilization,
                     percent / 100, owned))
        tornado.push_back(sensitivityRecord(ranked.engine, row, percent));
    const Record demandRecord = {
        {QStringLiteral("requests_per_second"), demand.requestsPerSecond},
        {QStringLiteral("peak_to_average"), demand.peakToAverage},
        {QStringLiteral("isl"), static_cast<double>(demand.isl)},
        {QStringLiteral("osl"), static_cast<double>(demand.osl)},
        {QStringLiteral("hours_per_month"), hoursPerMonth},
        {QStringLiteral("cost_basis"), options.cost.usdPerGpuHourOverride
                                           ? FieldValue{}
                                           : FieldValue(qs(options.cost.costBasisKey))},
        {QStringLiteral("usd_per_gpu_hour"), numberOrNull(options.cost.usdPerGpuHourOverride)}};

    QTextStream out(stdout);
    if (format == u"json") {
        out << "{\n  \"demand\": " << jsonObject(demandRecord)
            << ",\n  \"sla\": " << jsonObject(slaRecord(options.sla))
            << ",\n  \"cost\": " << jsonObject(costRecord(options.cost))
            << ",\n  \"series\": " << jsonArray(series) << ",\n  \"offers\": " << jsonArray(offers)
            << ",\n  \"sensitivity\": " << jsonArray(tornado) << "\n}\n";
        return 0;
    }
    if (format == u"csv") {
        out << csvOfKinds({{QStringLiteral("series"), series},
                           {QStringLiteral("offer"), offers},
                           {QStringLiteral("sensitivity"), tornado}});
        return 0;
    }
    out << describeSla(options.sla, options.cost) << "\n"
        << QStringLiteral("Demand: %1 requests/s on average, peak %2× average, %3 input + %4 "
                          "output tokens each; a month is 730 hours.\n\n")
               .arg(demand.requestsPerSecond)
               .arg(demand.peakToAverage)
               .arg(demand.isl)
               .arg(demand.osl)
        << "Self-hosted (cheapest month first):\n"
        << (series.empty() ? QStringLiteral("(none match the filters)\n")
                           : textTable(planSeriesColumns(), series))
        << "\nAPI offers:\n"
        << (offers.empty() ? QStringLiteral("(none match the filters)\n")
                           : textTable(planOfferColumns(), offers))
        << QStringLiteral("\nSensitivity (each input moved ±%1 %, the others held; the winner "
                          "has the lowest monthly bill):\n")
               .arg(percent)
        << textTable(sensitivityColumns(), tornado)
        << "\nBreak-even: the demand (req/s) from which the series costs no more a month than "
           "the cheapest API offer that meets the SLA; empty when the API stays cheaper.\n";
    return 0;
}

} // namespace tokenomics::app
