#include "CapacityPanel.h"

#include "DashboardState.h"
#include "DecimalSpinBox.h"
#include "Formatting.h"
#include "SlaVerdict.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace tokenomics::ui {

namespace {
QString wholeNumber(std::optional<double> value) {
    return formatNumber(value, 0);
}
} // namespace

CapacityPanel::CapacityPanel(DashboardState* state, QWidget* parent)
    : QWidget(parent)
    , state_(state) {
    auto* layout = new QVBoxLayout(this);
    auto* inputs = new QHBoxLayout;
    demand_ = new DecimalSpinBox(this);
    demand_->setObjectName(QStringLiteral("demand"));
    demand_->setRange(0.01, 1e7);
    demand_->setDecimals(2);
    demand_->setValue(10);
    demand_->setSuffix(tr(" requests/s"));
    demand_->setToolTip(tr("Average demand; each request is the scenario's ISL + OSL tokens"));
    peak_ = new DecimalSpinBox(this);
    peak_->setObjectName(QStringLiteral("peak"));
    peak_->setRange(1, 100);
    peak_->setDecimals(2);
    peak_->setValue(1.5);
    peak_->setSuffix(QStringLiteral(" ×"));
    peak_->setToolTip(tr("Peak-to-average: the fleet is sized for the peak"));
    auto* form = new QFormLayout;
    form->addRow(tr("Demand"), demand_);
    auto* peakForm = new QFormLayout;
    peakForm->addRow(tr("Peak / average"), peak_);
    inputs->addLayout(form);
    inputs->addLayout(peakForm);
    inputs->addStretch(1);
    layout->addLayout(inputs);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    layout->addWidget(summary_);
    table_ = new QTableWidget(0, ColumnCount, this);
    table_->setHorizontalHeaderLabels(
        {tr("System"), tr("Meets SLA"), tr("GPUs per\ninstance"), tr("Instances"),
         tr("GPUs\nneeded"), tr("$ per month"), tr("Average\nutilisation"),
         tr("Effective $ per\n1M total tokens"), tr("Break-even\n(requests/s)")});
    table_->horizontalHeaderItem(MonthColumn)
        ->setToolTip(tr("GPUs needed × $/GPU-hour × 730 hours: the fleet is paid for whether "
                        "busy or not. API offers: demand × their price for the scenario."));
    table_->horizontalHeaderItem(BreakEvenColumn)
        ->setToolTip(tr("From this demand on, self-hosting costs no more a month than the "
                        "cheapest API offer that meets the SLA; empty when the API stays "
                        "cheaper at every volume"));
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->horizontalHeader()->setSectionResizeMode(SystemColumn, QHeaderView::Stretch);
    for (int column = 1; column < ColumnCount; ++column)
        table_->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    layout->addWidget(table_, 1);
    const auto changed = [this] { replan(); };
    connect(demand_, &QDoubleSpinBox::valueChanged, this, changed);
    connect(peak_, &QDoubleSpinBox::valueChanged, this, changed);
    connect(state_, &DashboardState::thresholdsChanged, this, changed);
    replan();
}

void CapacityPanel::replan() {
    const Ranking& ranking = state_->ranking();
    const RankingEngine& engine = state_->engine();
    Demand demand;
    demand.requestsPerSecond = demand_->value();
    demand.peakToAverage = peak_->value();
    const Workload workload = state_->workload();
    demand.isl = workload.isl;
    demand.osl = workload.osl;
    // G of each best point: the measured point's, or the lower knot's when interpolated.
    std::vector<std::optional<int>> gpus;
    for (const SeriesResult& result : ranking.series) {
        const auto point = result.point ? result.point : result.lowerKnotPoint;
        const int count = point ? engine.pointFigures(result.series, *point).gpus : 0;
        gpus.push_back(count > 0 ? std::optional<int>(count) : std::nullopt);
    }
    plan_ = planCapacity(ranking, gpus, engine.offers(), demand);

    const int rows = static_cast<int>(plan_.series.size() + plan_.offers.size());
    table_->setRowCount(rows);
    // Cells are rewritten in place: the selection and scroll position survive a drag.
    const auto set = [this](int row, int column, const QString& text, bool numeric = true) {
        QTableWidgetItem* item = table_->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            table_->setItem(row, column, item);
        }
        item->setText(text);
        item->setTextAlignment(numeric ? Qt::AlignRight | Qt::AlignVCenter
                                       : Qt::AlignLeft | Qt::AlignVCenter);
    };
    int row = 0;
    for (const SeriesPlan& one : plan_.series) {
        const SeriesVerdict verdict =
            seriesVerdict(engine, ranking.series[one.rank], state_->sla());
        set(row, SystemColumn, seriesLabel(engine.seriesKey(one.series)), false);
        set(row, SlaColumn,
            verdict.verdict == SlaVerdict::Meets   ? tr("yes")
            : verdict.verdict == SlaVerdict::Fails ? tr("no")
                                                   : tr("unknown"),
            false);
        set(row, GpusPerInstanceColumn,
            one.gpusPerInstance ? QString::number(*one.gpusPerInstance) : tr("unknown"));
        set(row, InstancesColumn, one.feasible ? wholeNumber(one.instances) : QString());
        set(row, GpusColumn, one.feasible ? wholeNumber(one.gpusNeeded) : QString());
        set(row, MonthColumn, one.feasible ? formatUsd(one.usdPerMonth) : QString());
        set(row, UtilizationColumn,
            one.averageUtilization
                ? QStringLiteral("%1 %").arg(formatNumber(*one.averageUtilization * 100, 1))
                : QString());
        set(row, EffectiveCostColumn,
            one.feasible ? formatUsd(one.effectiveCostPerMTotal) : QString());
        set(row, BreakEvenColumn,
            one.breakEvenRequestsPerSecond ? formatNumber(one.breakEvenRequestsPerSecond, 2)
            : one.feasible && plan_.cheapestMeetingOffer ? tr("API cheaper")
                                                         : QString());
        ++row;
    }
    for (const OfferPlan& one : plan_.offers) {
        const ProviderOffer& offer = engine.offers().at(one.offer);
        set(row, SystemColumn, tr("API: %1").arg(QString::fromStdString(offer.provider)), false);
        set(row, SlaColumn,
            one.feasible && one.speedKnown ? tr("yes")
            : one.feasible                 ? tr("unknown")
                                           : tr("no"),
            false);
        for (const int column : {GpusPerInstanceColumn, InstancesColumn, GpusColumn,
                                 UtilizationColumn, EffectiveCostColumn, BreakEvenColumn})
            set(row, column, QString());
        set(row, MonthColumn, formatUsd(one.usdPerMonth));
        ++row;
    }

    const auto best =
        std::find_if(plan_.series.begin(), plan_.series.end(),
                     [](const SeriesPlan& one) { return one.usdPerMonth.has_value(); });
    QString text =
        tr("Sized for the peak of %1 requests/s (%2 × %3 average), %4 input + %5 "
           "output tokens each; a month is 730 hours.")
            .arg(formatNumber(demand.requestsPerSecond * demand.peakToAverage, 2),
                 formatNumber(demand.peakToAverage, 2), formatNumber(demand.requestsPerSecond, 2))
            .arg(demand.isl)
            .arg(demand.osl);
    if (best != plan_.series.end())
        text += tr(" Cheapest self-hosted: <b>%1</b>, %2 GPUs, <b>%3</b> a month.")
                    .arg(seriesLabel(engine.seriesKey(best->series)).toHtmlEscaped(),
                         wholeNumber(best->gpusNeeded), formatUsd(best->usdPerMonth));
    else
        text += tr(" No self-hosted system meets the SLA with a known cost.");
    if (plan_.cheapestMeetingOffer) {
        const OfferPlan& offer = plan_.offers[*plan_.cheapestMeetingOffer];
        text += tr(" Cheapest API meeting the SLA: <b>%1</b>, %2 a month.")
                    .arg(QString::fromStdString(engine.offers().at(offer.offer).provider)
                             .toHtmlEscaped(),
                         formatUsd(offer.usdPerMonth));
    }
    summary_->setText(text);
}

} // namespace tokenomics::ui
