#pragma once
/// The one-line answer a buyer takes away: the best system under the SLA and the cheapest API.

#include <QLabel>
#include <QPointer>

namespace tokenomics::ui {

class DashboardState;

/// "Best: B200 · trt · fp4 — $0.053 per 1M tokens, goodput 9,800 tok/s/GPU; cheapest API
/// meeting the SLA: X at $Y" (rich text).
QString summaryText(const DashboardState& state);

class SummaryStrip : public QLabel {
    Q_OBJECT
public:
    explicit SummaryStrip(DashboardState* state, QWidget* parent = nullptr);
    void refresh();

private:
    QPointer<DashboardState> state_;
};

} // namespace tokenomics::ui
