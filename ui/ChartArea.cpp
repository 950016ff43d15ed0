#include "ChartArea.h"

#include "DashboardState.h"
#include "SummaryStrip.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace tokenomics::ui {

ChartArea::ChartArea(DashboardState* state, QWidget* parent)
    : QWidget(parent)
    , state_(state) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 4);
    layout->setSpacing(4);
    title_ = new QLabel(this);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.45);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    layout->addWidget(title_);
    summary_ = new SummaryStrip(state_, this);
    layout->addWidget(summary_);

    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    const std::pair<ChartMetric, QString> views[] = {
        {ChartMetric::ThroughputPerGpu, tr("Throughput/GPU")},
        {ChartMetric::CostPerMTotal, tr("Cost per 1M tokens")},
        {ChartMetric::Ttft, tr("TTFT")},
        {ChartMetric::TokensPerMw, tr("Tokens per MW")}};
    for (const auto& [metric, name] : views) {
        auto* chart = new ParetoChart(state_, metric, tabs_);
        // Throughput and cost span decades across systems: log scale keeps every curve readable.
        if (metric != ChartMetric::Ttft)
            chart->setLogY(true);
        charts_.push_back(chart);
        tabs_->addTab(chart, name);
    }
    // Axis toggles sit in the tab bar's corner: no extra row taken from the chart.
    auto* toggles = new QWidget(this);
    auto* togglesLayout = new QHBoxLayout(toggles);
    togglesLayout->setContentsMargins(0, 0, 4, 0);
    logX_ = new QCheckBox(tr("Log interactivity"), toggles);
    logY_ = new QCheckBox(tr("Log vertical"), toggles);
    auto* fit = new QPushButton(tr("Fit"), toggles);
    fit->setToolTip(tr("Rescale both axes to the data"));
    togglesLayout->addWidget(logX_);
    togglesLayout->addWidget(logY_);
    togglesLayout->addWidget(fit);
    tabs_->setCornerWidget(toggles, Qt::TopRightCorner);
    const QString help =
        tr("Drag the red SLA lines (arrow keys nudge, Shift for larger steps) · "
           "wheel zooms · drag the background pans · click a legend entry to hide it");
    for (int tab = 0; tab < tabs_->count(); ++tab)
        tabs_->setTabToolTip(tab, help);
    layout->addWidget(tabs_, 1);
    footnote_ = new QLabel(this);
    footnote_->setWordWrap(true);
    footnote_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    footnote_->setFont(small);
    // Quieter than the text in light and dark palettes alike (a fixed grey vanishes on dark).
    footnote_->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(footnote_);

    connect(logX_, &QCheckBox::toggled, this, [this](bool on) {
        for (ParetoChart* chart : charts_)
            chart->setLogX(on);
    });
    connect(logY_, &QCheckBox::toggled, this, [this](bool on) { currentChart()->setLogY(on); });
    connect(fit, &QPushButton::clicked, this, [this] { currentChart()->fitToData(); });
    connect(tabs_, &QTabWidget::currentChanged, this, &ChartArea::syncAxisToggles);
    connect(state_, &DashboardState::curvesChanged, this, &ChartArea::refreshTexts);
    refreshTexts();
    // Open on cost: the buyer's question, with the winner's envelope and the API offers. A
    // catalog without costs opens on throughput instead; the summary says why.
    const bool costKnown = state_->seriesWithoutCost() < state_->visibleSeries().size();
    tabs_->setCurrentWidget(
        chart(costKnown ? ChartMetric::CostPerMTotal : ChartMetric::ThroughputPerGpu));
    syncAxisToggles();
}

ParetoChart* ChartArea::chart(ChartMetric metric) const {
    for (ParetoChart* chart : charts_) {
        if (chart->metric() == metric)
            return chart;
    }
    return nullptr;
}

ParetoChart* ChartArea::currentChart() const {
    return qobject_cast<ParetoChart*>(tabs_->currentWidget());
}

void ChartArea::syncAxisToggles() {
    const QSignalBlocker blocker(logY_);
    logY_->setChecked(currentChart()->yAxis->scaleType() == QCPAxis::stLogarithmic);
}

void ChartArea::refreshTexts() {
    if (!state_)
        return;
    title_->setText(state_->viewTitle());
    const QStringList sources = state_->visibleSources();
    QString text =
        tr("Sources: %1.").arg(sources.isEmpty() ? tr("none") : sources.join(QStringLiteral("; ")));
    footnote_->setToolTip(text);
    const int limit = 170;
    if (text.size() > limit)
        text = text.left(limit) + tr("… (hover for all)");
    footnote_->setText(text + tr(" Grey points miss the SLA; drag the red lines to change it. "
                                 "API offers: grey fails the SLA, hollow unknown, dashed line "
                                 "speed unknown. Frontiers: monotone cubic on throughput, cost "
                                 "derived from it."));
}

} // namespace tokenomics::ui
