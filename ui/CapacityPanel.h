#pragma once
/// The Capacity dock: for a demand (requests/s and peak-to-average), each series' instances,
/// GPUs, monthly bill, average utilisation, effective cost per 1M and break-even against the
/// cheapest API offer that meets the SLA, and each offer's monthly bill. It follows the
/// ranking live (a dragged SLA line re-plans); the figures come from core's planCapacity,
/// the same as `tokenomics plan`.

#include "CapacityPlan.h"

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QTableWidget;

namespace tokenomics::ui {

class DashboardState;

class CapacityPanel : public QWidget {
    Q_OBJECT
public:
    explicit CapacityPanel(DashboardState* state, QWidget* parent = nullptr);

    [[nodiscard]] QDoubleSpinBox* demandBox() const { return demand_; }
    [[nodiscard]] QDoubleSpinBox* peakBox() const { return peak_; }
    [[nodiscard]] QTableWidget* table() const { return table_; }
    [[nodiscard]] QLabel* summary() const { return summary_; }
    /// The plan the table shows.
    [[nodiscard]] const CapacityPlan& plan() const { return plan_; }

    /// Table columns.
    enum Column {
        SystemColumn,
        SlaColumn,
        GpusPerInstanceColumn,
        InstancesColumn,
        GpusColumn,
        MonthColumn,
        UtilizationColumn,
        EffectiveCostColumn,
        BreakEvenColumn,
        ColumnCount
    };

private:
    void replan();

    DashboardState* state_;
    QDoubleSpinBox* demand_ = nullptr;
    QDoubleSpinBox* peak_ = nullptr;
    QLabel* summary_ = nullptr;
    QTableWidget* table_ = nullptr;
    CapacityPlan plan_;
};

} // namespace tokenomics::ui
