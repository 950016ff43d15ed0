#pragma once
/// Checkable lists and selectors that narrow which series and configurations are shown.

#include <QPointer>
#include <QWidget>

class QListWidget;
class QComboBox;
class QCheckBox;

namespace tokenomics::ui {

class DashboardState;

class FiltersPanel : public QWidget {
    Q_OBJECT
public:
    explicit FiltersPanel(DashboardState* state, QWidget* parent = nullptr);

    /// The list of a dimension ("model", "hardware", "engine", "precision", "gpus"), for tests.
    [[nodiscard]] QListWidget* list(const QString& dimension) const;
    [[nodiscard]] QComboBox* scenarioSelector() const { return scenario_; }
    [[nodiscard]] QComboBox* disaggregationSelector() const { return disaggregated_; }
    [[nodiscard]] QCheckBox* paretoOnlyBox() const { return paretoOnly_; }

private:
    QListWidget* addList(const QString& dimension, const QString& title, const QStringList& values,
                         const std::vector<std::string>& checked);
    void pushToState();

    QPointer<DashboardState> state_;
    std::vector<std::pair<QString, QListWidget*>> lists_;
    QComboBox* scenario_ = nullptr;
    QComboBox* disaggregated_ = nullptr;
    QCheckBox* paretoOnly_ = nullptr;
    bool updating_ = false;
};

} // namespace tokenomics::ui
