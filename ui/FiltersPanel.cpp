#include "FiltersPanel.h"

#include "DashboardState.h"
#include "Formatting.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <set>

namespace tokenomics::ui {

namespace {
// A list where nothing is checked must show nothing, yet an empty filter list means "all".
const std::string matchesNothing = "\x01(none)";

QStringList sortedValues(const std::set<std::string>& values) {
    QStringList list;
    for (const std::string& value : values)
        list << QString::fromStdString(value);
    return list;
}

std::vector<std::string> checkedValues(const QListWidget* list) {
    std::vector<std::string> values;
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->checkState() == Qt::Checked)
            values.push_back(list->item(row)->text().toStdString());
    }
    if (values.empty())
        return {matchesNothing};
    if (static_cast<int>(values.size()) == list->count())
        return {}; // all
    return values;
}
} // namespace

FiltersPanel::FiltersPanel(DashboardState* state, QWidget* parent)
    : QWidget(parent)
    , state_(state) {
    const Catalog& catalog = state_->catalog();
    std::set<std::string> models, hardware, engines, precisions;
    std::set<std::pair<int, int>> scenarios;
    std::set<int> gpuCounts;
    for (const Series& series : catalog.series) {
        models.insert(series.key.model);
        hardware.insert(series.key.hardware);
        engines.insert(series.key.engine);
        precisions.insert(series.key.precision);
        scenarios.insert({series.key.isl, series.key.osl});
        for (const OperatingPoint& point : series.points) {
            if (point.figures.gpus > 0)
                gpuCounts.insert(point.figures.gpus);
        }
    }
    const SeriesFilter& filter = state_->seriesFilter();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* form = new QFormLayout;
    scenario_ = new QComboBox(this);
    scenario_->addItem(tr("All scenarios"), QVariant());
    for (const auto& [isl, osl] : scenarios) {
        scenario_->addItem(tr("%1 (ISL %2, OSL %3)").arg(scenarioLabel(isl, osl)).arg(isl).arg(osl),
                           QVariant(QList<QVariant>{isl, osl}));
        if (filter.isl == isl && filter.osl == osl)
            scenario_->setCurrentIndex(scenario_->count() - 1);
    }
    form->addRow(tr("ISL/OSL"), scenario_);
    disaggregated_ = new QComboBox(this);
    disaggregated_->addItem(tr("any"));
    disaggregated_->addItem(tr("only disaggregated"));
    disaggregated_->addItem(tr("no disaggregated"));
    form->addRow(tr("Prefill/decode"), disaggregated_);
    layout->addLayout(form);
    paretoOnly_ = new QCheckBox(tr("Pareto-only (hide dominated points)"), this);
    layout->addWidget(paretoOnly_);

    addList(QStringLiteral("model"), tr("Model"), sortedValues(models), filter.models);
    addList(QStringLiteral("hardware"), tr("Hardware"), sortedValues(hardware), filter.hardware);
    addList(QStringLiteral("engine"), tr("Engine"), sortedValues(engines), filter.engines);
    addList(QStringLiteral("precision"), tr("Precision"), sortedValues(precisions),
            filter.precisions);
    QStringList gpuValues;
    for (int count : gpuCounts)
        gpuValues << QString::number(count);
    // A saved view may narrow the configurations: show its choice.
    const ConfigurationFilter& configuration = state_->configurationFilter();
    std::vector<std::string> gpusChecked;
    for (std::int32_t count : configuration.gpuCounts)
        gpusChecked.push_back(std::to_string(count));
    addList(QStringLiteral("gpus"), tr("GPUs per configuration"), gpuValues, gpusChecked);
    if (configuration.disaggregated)
        disaggregated_->setCurrentIndex(*configuration.disaggregated ? 1 : 2);
    paretoOnly_->setChecked(state_->paretoOnly());
    layout->addStretch(1);

    connect(scenario_, &QComboBox::currentIndexChanged, this, &FiltersPanel::pushToState);
    connect(disaggregated_, &QComboBox::currentIndexChanged, this, &FiltersPanel::pushToState);
    connect(paretoOnly_, &QCheckBox::toggled, state_, &DashboardState::setParetoOnly);
}

QListWidget* FiltersPanel::addList(const QString& dimension, const QString& title,
                                   const QStringList& values,
                                   const std::vector<std::string>& checked) {
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(title), this);
    auto* list = new QListWidget(this);
    list->setObjectName(dimension);
    for (const QString& value : values) {
        auto* item = new QListWidgetItem(value, list);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        const bool isChecked = checked.empty() || std::find(checked.begin(), checked.end(),
                                                            value.toStdString()) != checked.end();
        item->setCheckState(isChecked ? Qt::Checked : Qt::Unchecked);
    }
    const int rowHeight = list->sizeHintForRow(0) > 0 ? list->sizeHintForRow(0) : 18;
    list->setFixedHeight(std::min(6, std::max(2, static_cast<int>(values.size()))) * rowHeight + 6);
    layout()->addWidget(label);
    layout()->addWidget(list);
    lists_.emplace_back(dimension, list);
    connect(list, &QListWidget::itemChanged, this, &FiltersPanel::pushToState);
    return list;
}

QListWidget* FiltersPanel::list(const QString& dimension) const {
    for (const auto& [name, list] : lists_) {
        if (name == dimension)
            return list;
    }
    return nullptr;
}

void FiltersPanel::pushToState() {
    if (!state_ || lists_.size() < 5)
        return;
    SeriesFilter filter;
    filter.models = checkedValues(list(QStringLiteral("model")));
    filter.hardware = checkedValues(list(QStringLiteral("hardware")));
    filter.engines = checkedValues(list(QStringLiteral("engine")));
    filter.precisions = checkedValues(list(QStringLiteral("precision")));
    const QList<QVariant> scenario = scenario_->currentData().toList();
    if (scenario.size() == 2) {
        filter.isl = scenario[0].toInt();
        filter.osl = scenario[1].toInt();
    }
    ConfigurationFilter configuration;
    for (const std::string& gpus : checkedValues(list(QStringLiteral("gpus"))))
        configuration.gpuCounts.push_back(gpus == matchesNothing ? -1 : std::stoi(gpus));
    if (disaggregated_->currentIndex() == 1)
        configuration.disaggregated = true;
    else if (disaggregated_->currentIndex() == 2)
        configuration.disaggregated = false;
    state_->setConfigurationFilter(configuration);
    state_->setSeriesFilter(filter);
}

} // namespace tokenomics::ui
