#pragma once
/// Spin boxes and selectors for the SLA and the cost settings; mirrors the dragged lines.

#include <QPointer>
#include <QWidget>

class QDoubleSpinBox;
class QComboBox;

namespace tokenomics::ui {

class DashboardState;

class SlaPanel : public QWidget {
    Q_OBJECT
public:
    explicit SlaPanel(DashboardState* state, QWidget* parent = nullptr);

    [[nodiscard]] QDoubleSpinBox* minInteractivityBox() const { return minInteractivity_; }
    [[nodiscard]] QDoubleSpinBox* maxTtftBox() const { return maxTtft_; }
    [[nodiscard]] QComboBox* percentileSelector() const { return percentile_; }
    [[nodiscard]] QComboBox* costBasisSelector() const { return costBasis_; }
    [[nodiscard]] QDoubleSpinBox* ownUsdPerGpuHourBox() const { return ownUsdPerGpuHour_; }

private:
    void showState();
    void pushSla();
    void pushCost();

    QPointer<DashboardState> state_;
    QDoubleSpinBox* minInteractivity_ = nullptr;
    QDoubleSpinBox* maxTtft_ = nullptr;
    QDoubleSpinBox* maxE2el_ = nullptr;
    QComboBox* percentile_ = nullptr;
    QComboBox* costBasis_ = nullptr;
    QDoubleSpinBox* ownUsdPerGpuHour_ = nullptr;
    QDoubleSpinBox* utilizationPercent_ = nullptr;
};

} // namespace tokenomics::ui
