#include "FiltersPanel.h"

#include "DashboardState.h"
#include "Formatting.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <map>
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
        scenario_->addItem(
            isl > 0 && osl > 0
                ? tr("%1 (ISL %2, OSL %3)").arg(scenarioLabel(isl, osl)).arg(isl).arg(osl)
                : tr("%1 (MLPerf-style rows)").arg(scenarioLabel(isl, osl)),
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
    colorGrouping_ = new QComboBox(this);
    colorGrouping_->setObjectName(QStringLiteral("colorGrouping"));
    const std::pair<ColorGrouping, QString> groupings[] = {
        {ColorGrouping::Series, tr("each series")},
        {ColorGrouping::Hardware, tr("hardware")},
        {ColorGrouping::Engine, tr("engine")},
        {ColorGrouping::Precision, tr("precision")},
        {ColorGrouping::Run, tr("run (software over time)")}};
    for (const auto& [grouping, name] : groupings) {
        colorGrouping_->addItem(name, static_cast<int>(grouping));
        if (grouping == state_->colorGrouping())
            colorGrouping_->setCurrentIndex(colorGrouping_->count() - 1);
    }
    colorGrouping_->setToolTip(tr("Which series share a colour in the charts, legends and tables"));
    form->addRow(tr("Colour by"), colorGrouping_);
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

    connect(scenario_, &QComboBox::currentIndexChanged, this, [this] { pushToState(true); });
    connect(disaggregated_, &QComboBox::currentIndexChanged, this, [this] { pushToState(); });
    connect(paretoOnly_, &QCheckBox::toggled, state_, &DashboardState::setParetoOnly);
    connect(colorGrouping_, &QComboBox::currentIndexChanged, this, [this] {
        if (state_)
            state_->setColorGrouping(
                static_cast<ColorGrouping>(colorGrouping_->currentData().toInt()));
    });
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
    list->setContextMenuPolicy(Qt::CustomContextMenu);
    // All / None / Only this: one click instead of unticking dozens of entries.
    FilterList entry{dimension, list, new QPushButton(tr("All"), this),
                     new QPushButton(tr("None"), this), new QPushButton(tr("Only this"), this)};
    entry.only->setToolTip(tr("Show only the highlighted entry of this list"));
    entry.only->setEnabled(false);
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    for (QPushButton* button : {entry.all, entry.none, entry.only}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    auto* header = new QHBoxLayout;
    header->addWidget(label);
    header->addStretch(1);
    qobject_cast<QVBoxLayout*>(layout())->addLayout(header);
    layout()->addWidget(list);
    qobject_cast<QVBoxLayout*>(layout())->addLayout(buttons);
    lists_.push_back(entry);
    connect(list, &QListWidget::itemChanged, this, [this] { pushToState(); });
    connect(entry.all, &QPushButton::clicked, this, [this, list] { setChecked(list, true); });
    connect(entry.none, &QPushButton::clicked, this, [this, list] { setChecked(list, false); });
    connect(entry.only, &QPushButton::clicked, this, [this, list] {
        if (list->currentItem())
            setChecked(list, false, list->currentItem());
    });
    connect(
        list, &QListWidget::currentItemChanged, entry.only,
        [only = entry.only](QListWidgetItem* current) { only->setEnabled(current != nullptr); });
    connect(list, &QListWidget::customContextMenuRequested, this,
            [this, list](const QPoint& position) { showContextMenu(list, position); });
    return list;
}

void FiltersPanel::setChecked(QListWidget* list, bool checked, const QListWidgetItem* only) {
    updating_ = true;
    for (int row = 0; row < list->count(); ++row) {
        QListWidgetItem* item = list->item(row);
        item->setCheckState(checked || item == only ? Qt::Checked : Qt::Unchecked);
    }
    updating_ = false;
    pushToState();
}

void FiltersPanel::showContextMenu(QListWidget* list, const QPoint& position) {
    delete contextMenu_;
    contextMenu_ = new QMenu(this);
    QListWidgetItem* item = list->itemAt(position);
    if (item) {
        list->setCurrentItem(item);
        contextMenu_->addAction(tr("Only “%1”").arg(item->text()), this,
                                [this, list, item] { setChecked(list, false, item); });
    }
    contextMenu_->addAction(tr("Select all"), this, [this, list] { setChecked(list, true); });
    contextMenu_->addAction(tr("Select none"), this, [this, list] { setChecked(list, false); });
    contextMenu_->popup(list->viewport()->mapToGlobal(position));
}

const FiltersPanel::FilterList* FiltersPanel::filterList(const QString& dimension) const {
    for (const FilterList& entry : lists_) {
        if (entry.dimension == dimension)
            return &entry;
    }
    return nullptr;
}

QListWidget* FiltersPanel::list(const QString& dimension) const {
    const FilterList* entry = filterList(dimension);
    return entry ? entry->list : nullptr;
}

QPushButton* FiltersPanel::selectAllButton(const QString& dimension) const {
    const FilterList* entry = filterList(dimension);
    return entry ? entry->all : nullptr;
}

QPushButton* FiltersPanel::selectNoneButton(const QString& dimension) const {
    const FilterList* entry = filterList(dimension);
    return entry ? entry->none : nullptr;
}

QPushButton* FiltersPanel::selectOnlyButton(const QString& dimension) const {
    const FilterList* entry = filterList(dimension);
    return entry ? entry->only : nullptr;
}

void FiltersPanel::pickScenarioWithData(SeriesFilter& filter) {
    const std::vector<Series>& allSeries = state_->catalog().series;
    const auto matchesAny = [&](const SeriesFilter& candidate) {
        return std::any_of(allSeries.begin(), allSeries.end(),
                           [&](const Series& series) { return candidate.matches(series.key); });
    };
    if (!filter.isl || matchesAny(filter))
        return;
    SeriesFilter anyScenario = filter;
    anyScenario.isl.reset();
    anyScenario.osl.reset();
    // Known lengths before unknown, then the scenario with the most series.
    std::map<std::pair<int, int>, std::pair<bool, int>> counts;
    for (const Series& series : allSeries) {
        if (anyScenario.matches(series.key)) {
            auto& [known, count] = counts[{series.key.isl, series.key.osl}];
            known = series.key.isl > 0 && series.key.osl > 0;
            ++count;
        }
    }
    if (counts.empty())
        return; // nothing matches in any scenario: the chart says so
    const auto best =
        std::max_element(counts.begin(), counts.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    filter.isl = best->first.first;
    filter.osl = best->first.second;
    const QSignalBlocker blocker(scenario_);
    scenario_->setCurrentIndex(
        scenario_->findData(QVariant(QList<QVariant>{best->first.first, best->first.second})));
}

void FiltersPanel::pushToState(bool scenarioChosen) {
    if (!state_ || lists_.size() < 5 || updating_)
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
    if (!scenarioChosen)
        pickScenarioWithData(filter);
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
