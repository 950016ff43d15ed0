#include "ViewSettings.h"

#include "ChartArea.h"
#include "DashboardState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTabWidget>
#include <map>

namespace tokenomics::ui {

namespace {

const std::pair<ChartMetric, const char*> chartNames[] = {
    {ChartMetric::ThroughputPerGpu, "throughput"},
    {ChartMetric::CostPerMTotal, "cost"},
    {ChartMetric::Ttft, "ttft"},
    {ChartMetric::TokensPerMw, "tokens-per-mw"}};
const std::pair<Statistic, const char*> statisticNames[] = {
    {Statistic::P50, "p50"}, {Statistic::P90, "p90"}, {Statistic::P99, "p99"}};

QJsonValue optionalNumber(const std::optional<double>& value) {
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonArray texts(const std::vector<std::string>& values) {
    QJsonArray array;
    for (const std::string& value : values)
        array.append(QString::fromStdString(value));
    return array;
}

// Reads an optional number; false when the field is there but is not a number or null.
bool readOptional(const QJsonObject& object, const char* field, std::optional<double>* value,
                  QString* error) {
    const QJsonValue json = object.value(QLatin1String(field));
    if (json.isUndefined() || json.isNull()) {
        value->reset();
        return true;
    }
    if (!json.isDouble()) {
        *error = QStringLiteral("field '%1' must be a number or null").arg(QLatin1String(field));
        return false;
    }
    *value = json.toDouble();
    return true;
}

bool readTexts(const QJsonObject& object, const char* field, std::vector<std::string>* values,
               QString* error) {
    values->clear();
    const QJsonValue json = object.value(QLatin1String(field));
    if (json.isUndefined())
        return true;
    if (!json.isArray()) {
        *error = QStringLiteral("field '%1' must be a list of names").arg(QLatin1String(field));
        return false;
    }
    for (const QJsonValue& item : json.toArray())
        values->push_back(item.toString().toStdString());
    return true;
}

// The catalog model whose name starts with `prefix` (any case) with the most series at the
// scenario (any scenario when isl is 0); empty when none.
std::string bestModel(const Catalog& catalog, const std::string& prefix, int isl, int osl) {
    std::map<std::string, int> counts;
    const QString wanted = QString::fromStdString(prefix);
    for (const Series& series : catalog.series) {
        if (!QString::fromStdString(series.key.model).startsWith(wanted, Qt::CaseInsensitive))
            continue;
        if (isl > 0 && (series.key.isl != isl || series.key.osl != osl))
            continue;
        ++counts[series.key.model];
    }
    std::string best;
    int most = 0;
    for (const auto& [model, count] : counts) {
        // Prefer the plain name ("DeepSeek-R1") over a variant on equal counts.
        if (count > most || (count == most && model.size() < best.size())) {
            best = model;
            most = count;
        }
    }
    return best;
}

// The scenario of a model with the most measured points (curves, not lone figures), preferring
// `isl`/`osl` when the catalog has it.
std::pair<int, int> scenarioOf(const Catalog& catalog, const std::string& model, int isl, int osl) {
    std::map<std::pair<int, int>, int> counts;
    for (const Series& series : catalog.series) {
        if (series.key.model == model && series.key.isl > 0)
            counts[{series.key.isl, series.key.osl}] += static_cast<int>(series.points.size());
    }
    if (counts.count({isl, osl}) || counts.empty())
        return {isl, osl};
    auto best = counts.begin();
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        if (it->second > best->second)
            best = it;
    }
    return best->first;
}

} // namespace

ViewSettings captureView(const DashboardState& state, const ChartArea* chartArea) {
    ViewSettings view;
    view.filter = state.seriesFilter();
    view.configuration = state.configurationFilter();
    view.paretoOnly = state.paretoOnly();
    view.sla = state.sla();
    view.cost = state.cost();
    if (chartArea && chartArea->currentChart())
        view.chart = chartArea->currentChart()->metric();
    return view;
}

void applyView(const ViewSettings& view, DashboardState& state, ChartArea* chartArea) {
    state.setConfigurationFilter(view.configuration);
    state.setSeriesFilter(view.filter);
    state.setParetoOnly(view.paretoOnly);
    state.setCost(view.cost);
    state.setSla(view.sla);
    if (chartArea && chartArea->chart(view.chart))
        chartArea->tabs()->setCurrentWidget(chartArea->chart(view.chart));
}

QString viewToJson(const ViewSettings& view) {
    QJsonObject filter{{QStringLiteral("models"), texts(view.filter.models)},
                       {QStringLiteral("hardware"), texts(view.filter.hardware)},
                       {QStringLiteral("engines"), texts(view.filter.engines)},
                       {QStringLiteral("precisions"), texts(view.filter.precisions)}};
    filter.insert(QStringLiteral("isl"),
                  view.filter.isl ? QJsonValue(*view.filter.isl) : QJsonValue(QJsonValue::Null));
    filter.insert(QStringLiteral("osl"),
                  view.filter.osl ? QJsonValue(*view.filter.osl) : QJsonValue(QJsonValue::Null));
    QJsonArray gpus;
    for (std::int32_t count : view.configuration.gpuCounts)
        gpus.append(count);
    filter.insert(QStringLiteral("gpus"), gpus);
    filter.insert(QStringLiteral("disaggregated"),
                  view.configuration.disaggregated ? QJsonValue(*view.configuration.disaggregated)
                                                   : QJsonValue(QJsonValue::Null));
    filter.insert(QStringLiteral("paretoOnly"), view.paretoOnly);
    QString statistic;
    for (const auto& [value, name] : statisticNames) {
        if (value == view.sla.statistic)
            statistic = QLatin1String(name);
    }
    const QJsonObject sla{
        {QStringLiteral("minInteractivity"), optionalNumber(view.sla.minInteractivity)},
        {QStringLiteral("maxTtftSeconds"), optionalNumber(view.sla.maxTtftSeconds)},
        {QStringLiteral("maxE2elSeconds"), optionalNumber(view.sla.maxE2elSeconds)},
        {QStringLiteral("minAttainment"), optionalNumber(view.sla.minAttainment)},
        {QStringLiteral("statistic"), statistic}};
    const QJsonObject cost{
        {QStringLiteral("costBasisKey"), QString::fromStdString(view.cost.costBasisKey)},
        {QStringLiteral("usdPerGpuHourOverride"), optionalNumber(view.cost.usdPerGpuHourOverride)},
        {QStringLiteral("utilization"), view.cost.utilization}};
    QString chart;
    for (const auto& [value, name] : chartNames) {
        if (value == view.chart)
            chart = QLatin1String(name);
    }
    const QJsonObject root{{QStringLiteral("filter"), filter},
                           {QStringLiteral("sla"), sla},
                           {QStringLiteral("cost"), cost},
                           {QStringLiteral("chart"), chart}};
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Compact));
}

bool viewFromJson(const QString& json, ViewSettings* view, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("not a saved view: %1 at character %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    const QJsonObject root = document.object();
    const QJsonObject filter = root.value(QStringLiteral("filter")).toObject();
    const QJsonObject sla = root.value(QStringLiteral("sla")).toObject();
    const QJsonObject cost = root.value(QStringLiteral("cost")).toObject();
    ViewSettings result;
    std::optional<double> isl, osl, utilization;
    if (!readTexts(filter, "models", &result.filter.models, error) ||
        !readTexts(filter, "hardware", &result.filter.hardware, error) ||
        !readTexts(filter, "engines", &result.filter.engines, error) ||
        !readTexts(filter, "precisions", &result.filter.precisions, error) ||
        !readOptional(filter, "isl", &isl, error) || !readOptional(filter, "osl", &osl, error) ||
        !readOptional(sla, "minInteractivity", &result.sla.minInteractivity, error) ||
        !readOptional(sla, "maxTtftSeconds", &result.sla.maxTtftSeconds, error) ||
        !readOptional(sla, "maxE2elSeconds", &result.sla.maxE2elSeconds, error) ||
        !readOptional(sla, "minAttainment", &result.sla.minAttainment, error) ||
        !readOptional(cost, "usdPerGpuHourOverride", &result.cost.usdPerGpuHourOverride, error) ||
        !readOptional(cost, "utilization", &utilization, error))
        return false;
    if (isl)
        result.filter.isl = static_cast<std::int32_t>(*isl);
    if (osl)
        result.filter.osl = static_cast<std::int32_t>(*osl);
    for (const QJsonValue& count : filter.value(QStringLiteral("gpus")).toArray())
        result.configuration.gpuCounts.push_back(count.toInt());
    if (filter.value(QStringLiteral("disaggregated")).isBool())
        result.configuration.disaggregated = filter.value(QStringLiteral("disaggregated")).toBool();
    result.paretoOnly = filter.value(QStringLiteral("paretoOnly")).toBool();
    const QString statistic = sla.value(QStringLiteral("statistic")).toString();
    for (const auto& [value, name] : statisticNames) {
        if (statistic == QLatin1String(name))
            result.sla.statistic = value;
    }
    const QString basis = cost.value(QStringLiteral("costBasisKey")).toString();
    if (!basis.isEmpty())
        result.cost.costBasisKey = basis.toStdString();
    if (utilization) {
        if (*utilization <= 0 || *utilization > 1) {
            *error = QStringLiteral("field 'utilization' must be in (0, 1]");
            return false;
        }
        result.cost.utilization = *utilization;
    }
    const QString chart = root.value(QStringLiteral("chart")).toString();
    for (const auto& [value, name] : chartNames) {
        if (chart == QLatin1String(name))
            result.chart = value;
    }
    *view = result;
    return true;
}

std::vector<PresetView> presetViews(const Catalog& catalog) {
    std::vector<PresetView> presets;

    PresetView chat;
    chat.name = QObject::tr("Llama 3.3 70B chat: 2 s TTFT, 30 tok/s/user");
    const std::string llama = bestModel(catalog, "Llama 3.3 70B", 0, 0);
    chat.settings.filter.models = {llama.empty() ? std::string("Llama 3.3 70B") : llama};
    const auto [chatIsl, chatOsl] = scenarioOf(catalog, chat.settings.filter.models[0], 1024, 1024);
    chat.settings.filter.isl = chatIsl;
    chat.settings.filter.osl = chatOsl;
    chat.settings.sla.maxTtftSeconds = 2;
    chat.settings.sla.minInteractivity = 30;
    chat.settings.chart = ChartMetric::CostPerMTotal;
    presets.push_back(chat);

    PresetView reasoning;
    reasoning.name = QObject::tr("DeepSeek-R1 reasoning 8k/1k");
    const std::string deepseek = bestModel(catalog, "DeepSeek-R1", 8192, 1024);
    reasoning.settings.filter.models = {deepseek.empty() ? std::string("DeepSeek-R1") : deepseek};
    reasoning.settings.filter.isl = 8192;
    reasoning.settings.filter.osl = 1024;
    // A reasoning trace is long: readers wait on output speed more than on the first token.
    reasoning.settings.sla.minInteractivity = 20;
    reasoning.settings.chart = ChartMetric::CostPerMTotal;
    presets.push_back(reasoning);

    PresetView bulk;
    bulk.name = QObject::tr("cheapest bulk tokens");
    // Batch work has no latency target: every series at its highest-throughput point.
    bulk.settings.filter = defaultSeriesFilter(catalog);
    bulk.settings.paretoOnly = true;
    bulk.settings.chart = ChartMetric::CostPerMTotal;
    presets.push_back(bulk);
    return presets;
}

} // namespace tokenomics::ui
