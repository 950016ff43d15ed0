#pragma once
/// The dashboard window: assembles docks and controllers around one DashboardState.

#include "CatalogTypes.h"

#include <QMainWindow>

class QTableView;
class QAbstractItemModel;
class QTabWidget;

namespace tokenomics::ui {

class DashboardState;
class ChartArea;
class FiltersPanel;
class SlaPanel;
class RankingTableModel;
class OfferTableModel;
class IsoInteractivityModel;
class DetailsPane;
class CapacityPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// Opens on the catalog's richest model and scenario with a 30 tok/s/user SLA.
    explicit MainWindow(Catalog catalog, QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] DashboardState* state() const { return state_; }
    [[nodiscard]] ChartArea* chartArea() const { return chartArea_; }
    [[nodiscard]] FiltersPanel* filtersPanel() const { return filters_; }
    [[nodiscard]] SlaPanel* slaPanel() const { return slaPanel_; }
    [[nodiscard]] RankingTableModel* rankingModel() const { return rankingModel_; }
    [[nodiscard]] OfferTableModel* offerModel() const { return offerModel_; }
    [[nodiscard]] IsoInteractivityModel* isoModel() const { return isoModel_; }
    [[nodiscard]] QTableView* rankingView() const { return rankingView_; }
    [[nodiscard]] CapacityPanel* capacityPanel() const { return capacity_; }
    /// Builds the SLA and filter panels again from the state's catalog (after a reload).
    void rebuildControls();

private:
    QTableView* makeTable(QAbstractItemModel* model);
    /// The SLA panel above the filters, both built from the state's catalog.
    QWidget* makeControls(QWidget* parent);
    void buildDocks();
    void buildMenus();
    void exportCurrentChart();

    DashboardState* state_ = nullptr;
    ChartArea* chartArea_ = nullptr;
    FiltersPanel* filters_ = nullptr;
    SlaPanel* slaPanel_ = nullptr;
    RankingTableModel* rankingModel_ = nullptr;
    OfferTableModel* offerModel_ = nullptr;
    IsoInteractivityModel* isoModel_ = nullptr;
    DetailsPane* details_ = nullptr;
    CapacityPanel* capacity_ = nullptr;
    QTableView* rankingView_ = nullptr;
};

} // namespace tokenomics::ui
