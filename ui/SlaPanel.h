#pragma once
/// Spin boxes and selectors for the SLA and the cost settings; mirrors the dragged lines.

#include <QPointer>
#include <QWidget>

#include "DecimalSpinBox.h"

class QComboBox;

namespace tokenomics::ui {

class DashboardState;

class SlaPanel : public QWidget {
    Q_OBJECT
public:
    explicit SlaPanel(DashboardState* state, QWidget* parent = nullptr);

    [[nodiscard]] QDoubleSpinBox* minInteractivityBox() const { return minInteractivity_; }
    [[nodiscard]] QDoubleSpinBox* maxTtftBox() const { return maxTtft_; }
    [[nodiscard]] QDoubleSpinBox* maxE2elBox() const { return maxE2el_; }
    [[nodiscard]] QDoubleSpinBox* minAttainmentBox() const { return minAttainmentPercent_; }
    [[nodiscard]] QDoubleSpinBox* utilizationBox() const { return utilizationPercent_; }
    [[nodiscard]] QComboBox* percentileSelector() const { return percentile_; }
    [[nodiscard]] QComboBox* costBasisSelector() const { return costBasis_; }
    [[nodiscard]] QDoubleSpinBox* ownUsdPerGpuHourBox() const { return ownUsdPerGpuHour_; }

private:
    void showState();
    void pushSla();
    void pushCost();

    QPointer<DashboardState> state_;
    DecimalSpinBox* minInteractivity_ = nullptr;
    DecimalSpinBox* maxTtft_ = nullptr;
    DecimalSpinBox* maxE2el_ = nullptr;
    DecimalSpinBox* minAttainmentPercent_ = nullptr;
    QComboBox* percentile_ = nullptr;
    QComboBox* costBasis_ = nullptr;
    DecimalSpinBox* ownUsdPerGpuHour_ = nullptr;
    DecimalSpinBox* utilizationPercent_ = nullptr;
};

} // namespace tokenomics::ui
