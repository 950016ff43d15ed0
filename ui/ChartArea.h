#pragma once
/// The central area: title, summary, the three charts as tabs, axis toggles and a sources footnote.

#include "ParetoChart.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QTabWidget;
class QCheckBox;

namespace tokenomics::ui {

class DashboardState;
class SummaryStrip;

class ChartArea : public QWidget {
    Q_OBJECT
public:
    explicit ChartArea(DashboardState* state, QWidget* parent = nullptr);

    [[nodiscard]] ParetoChart* chart(ChartMetric metric) const;
    /// Every chart, in tab order.
    [[nodiscard]] const std::vector<ParetoChart*>& charts() const { return charts_; }
    [[nodiscard]] ParetoChart* currentChart() const;
    [[nodiscard]] QTabWidget* tabs() const { return tabs_; }
    [[nodiscard]] SummaryStrip* summary() const { return summary_; }
    [[nodiscard]] QLabel* title() const { return title_; }

private:
    void refreshTexts();
    void syncAxisToggles();

    QPointer<DashboardState> state_;
    QLabel* title_ = nullptr;
    SummaryStrip* summary_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    std::vector<ParetoChart*> charts_;
    QCheckBox* logX_ = nullptr;
    QCheckBox* logY_ = nullptr;
    QLabel* footnote_ = nullptr;
};

} // namespace tokenomics::ui
