#include "SlaPanel.h"

#include "DashboardState.h"
#include "DecimalSpinBox.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace tokenomics::ui {

namespace {
DecimalSpinBox* makeSpinBox(QWidget* parent, double maximum, double step, int decimals,
                            const QString& suffix, const QString& zeroText) {
    auto* box = new DecimalSpinBox(parent);
    box->setRange(0, maximum);
    box->setSingleStep(step);
    box->setDecimals(decimals);
    box->setSuffix(suffix);
    box->setSpecialValueText(zeroText); // 0 means "no threshold"
    box->setAccelerated(true);
    return box;
}

std::optional<double> thresholdOf(const QDoubleSpinBox* box) {
    return box->value() > 0 ? std::optional<double>(box->value()) : std::nullopt;
}
} // namespace

SlaPanel::SlaPanel(DashboardState* state, QWidget* parent)
    : QWidget(parent)
    , state_(state) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(6, 6, 6, 6);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    minInteractivity_ = makeSpinBox(this, 5000, 1, 1, tr(" tok/s/user"), tr("none"));
    minInteractivity_->setToolTip(tr("Slowest acceptable output speed per user (1 / TPOT). "
                                     "Drag the vertical red line on any chart, or use ←/→."));
    maxTtft_ = makeSpinBox(this, 600, 0.05, 2, tr(" s"), tr("none"));
    maxTtft_->setToolTip(tr("Longest acceptable time to first token. Drag the horizontal red "
                            "line on the TTFT chart, or use ↑/↓ there."));
    maxE2el_ = makeSpinBox(this, 3600, 1, 1, tr(" s"), tr("none"));
    minAttainmentPercent_ = makeSpinBox(this, 100, 5, 1, tr(" %"), tr("none"));
    minAttainmentPercent_->setToolTip(
        tr("Share of requests that must meet every threshold above (DistServe's SLO "
           "attainment, e.g. 90 %). Needs per-request samples (vLLM, AIPerf and GenAI-Perf "
           "files); points without them cannot show it and fail."));
    percentile_ = new QComboBox(this);
    percentile_->addItem(tr("p50 (median)"), int(Statistic::P50));
    percentile_->addItem(tr("p90"), int(Statistic::P90));
    percentile_->addItem(tr("p99 (slow tail)"), int(Statistic::P99));
    auto* slaTitle = new QLabel(tr("<b>SLA</b> — what a good request must meet"), this);
    form->addRow(slaTitle);
    form->addRow(tr("Min interactivity"), minInteractivity_);
    form->addRow(tr("Max TTFT"), maxTtft_);
    form->addRow(tr("Max E2E latency"), maxE2el_);
    form->addRow(tr("Min attainment"), minAttainmentPercent_);
    form->addRow(tr("Statistic"), percentile_);

    costBasis_ = new QComboBox(this);
    for (const std::string& key : state_->engine().costBasisKeys())
        costBasis_->addItem(QString::fromStdString(key));
    ownUsdPerGpuHour_ = makeSpinBox(this, 1000, 0.1, 2, QString(), tr("use cost basis"));
    ownUsdPerGpuHour_->setPrefix(QStringLiteral("$"));
    ownUsdPerGpuHour_->setToolTip(
        tr("Your own $/GPU-hour; overrides the cost basis for every system"));
    utilizationPercent_ = new DecimalSpinBox(this);
    utilizationPercent_->setRange(5, 100);
    utilizationPercent_->setSingleStep(5);
    utilizationPercent_->setDecimals(0);
    utilizationPercent_->setSuffix(QStringLiteral(" %"));
    utilizationPercent_->setToolTip(
        tr("Share of paid GPU time that serves traffic; cost per token × 1/u"));
    form->addRow(new QLabel(tr("<b>Cost</b> — how GPU time is priced"), this));
    form->addRow(tr("Cost basis"), costBasis_);
    form->addRow(tr("Own $/GPU-hour"), ownUsdPerGpuHour_);
    form->addRow(tr("Utilisation"), utilizationPercent_);
    auto* note = new QLabel(tr("<small>Cost per 1M output (or input) tokens charges the full "
                               "GPU-hour to output (or input) tokens (InferenceX "
                               "convention).</small>"),
                            this);
    note->setWordWrap(true);
    form->addRow(note);

    showState();
    for (QDoubleSpinBox* box : {minInteractivity_, maxTtft_, maxE2el_, minAttainmentPercent_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &SlaPanel::pushSla);
    connect(percentile_, &QComboBox::currentIndexChanged, this, &SlaPanel::pushSla);
    connect(costBasis_, &QComboBox::currentIndexChanged, this, &SlaPanel::pushCost);
    connect(ownUsdPerGpuHour_, &QDoubleSpinBox::valueChanged, this, &SlaPanel::pushCost);
    connect(utilizationPercent_, &QDoubleSpinBox::valueChanged, this, &SlaPanel::pushCost);
    connect(state_, &DashboardState::thresholdsChanged, this, &SlaPanel::showState);
}

void SlaPanel::showState() {
    if (!state_)
        return;
    const Sla& sla = state_->sla();
    const CostSettings& cost = state_->cost();
    const QSignalBlocker blockers[] = {
        QSignalBlocker(minInteractivity_), QSignalBlocker(maxTtft_),
        QSignalBlocker(maxE2el_),          QSignalBlocker(minAttainmentPercent_),
        QSignalBlocker(percentile_),       QSignalBlocker(costBasis_),
        QSignalBlocker(ownUsdPerGpuHour_), QSignalBlocker(utilizationPercent_)};
    minInteractivity_->showValue(sla.minInteractivity.value_or(0));
    maxTtft_->showValue(sla.maxTtftSeconds.value_or(0));
    maxE2el_->showValue(sla.maxE2elSeconds.value_or(0));
    minAttainmentPercent_->showValue(sla.minAttainment.value_or(0) * 100);
    percentile_->setCurrentIndex(percentile_->findData(int(sla.statistic)));
    const int basis = costBasis_->findText(QString::fromStdString(cost.costBasisKey));
    if (basis >= 0)
        costBasis_->setCurrentIndex(basis);
    ownUsdPerGpuHour_->showValue(cost.usdPerGpuHourOverride.value_or(0));
    utilizationPercent_->showValue(cost.utilization * 100);
}

void SlaPanel::pushSla() {
    Sla sla = state_->sla();
    sla.minInteractivity = thresholdOf(minInteractivity_);
    sla.maxTtftSeconds = thresholdOf(maxTtft_);
    sla.maxE2elSeconds = thresholdOf(maxE2el_);
    const std::optional<double> attainmentPercent = thresholdOf(minAttainmentPercent_);
    sla.minAttainment =
        attainmentPercent ? std::optional<double>(*attainmentPercent / 100) : std::nullopt;
    sla.statistic = static_cast<Statistic>(percentile_->currentData().toInt());
    state_->setSla(sla);
}

void SlaPanel::pushCost() {
    CostSettings cost = state_->cost();
    if (costBasis_->currentIndex() >= 0)
        cost.costBasisKey = costBasis_->currentText().toStdString();
    cost.usdPerGpuHourOverride = thresholdOf(ownUsdPerGpuHour_);
    cost.utilization = utilizationPercent_->value() / 100.0;
    state_->setCost(cost);
}

} // namespace tokenomics::ui
