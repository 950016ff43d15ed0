#pragma once
/// Checkable lists and selectors that narrow which series and configurations are shown.

#include "CatalogTypes.h"

#include <QPointer>
#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QComboBox;
class QCheckBox;
class QMenu;
class QPushButton;

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
    /// Colour by: each series, hardware, engine, precision or run.
    [[nodiscard]] QComboBox* colorGroupingSelector() const { return colorGrouping_; }
    /// The "All", "None" and "Only this" buttons under a dimension's list.
    [[nodiscard]] QPushButton* selectAllButton(const QString& dimension) const;
    [[nodiscard]] QPushButton* selectNoneButton(const QString& dimension) const;
    [[nodiscard]] QPushButton* selectOnlyButton(const QString& dimension) const;
    /// The context menu of a list (All, None, Only this), open while it is shown.
    [[nodiscard]] QMenu* contextMenu() const { return contextMenu_; }

private:
    struct FilterList {
        QString dimension;
        QListWidget* list = nullptr;
        QPushButton* all = nullptr;
        QPushButton* none = nullptr;
        QPushButton* only = nullptr;
    };
    QListWidget* addList(const QString& dimension, const QString& title, const QStringList& values,
                         const std::vector<std::string>& checked);
    /// Checks every item, none, or only `only` (when given), then pushes the filters once.
    void setChecked(QListWidget* list, bool checked, const QListWidgetItem* only = nullptr);
    void showContextMenu(QListWidget* list, const QPoint& position);
    [[nodiscard]] const FilterList* filterList(const QString& dimension) const;
    /// `scenarioChosen`: the user picked the scenario, which is kept even without series.
    void pushToState(bool scenarioChosen = false);
    /// After a list change leaves the chosen scenario without series, picks the scenario with
    /// the most series for the rest of the filter (the model's own, say).
    void pickScenarioWithData(SeriesFilter& filter);

    QPointer<DashboardState> state_;
    std::vector<FilterList> lists_;
    QComboBox* scenario_ = nullptr;
    QComboBox* colorGrouping_ = nullptr;
    QMenu* contextMenu_ = nullptr;
    QComboBox* disaggregated_ = nullptr;
    QCheckBox* paretoOnly_ = nullptr;
    bool updating_ = false;
};

} // namespace tokenomics::ui
