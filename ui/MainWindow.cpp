#include "MainWindow.h"

#include "CapacityPanel.h"
#include "ChartArea.h"
#include "ChartExport.h"
#include "DashboardState.h"
#include "DetailsPane.h"
#include "FiltersPanel.h"
#include "IsoInteractivityModel.h"
#include "OfferTableModel.h"
#include "RankingTableModel.h"
#include "ReportRenderer.h"
#include "SlaPanel.h"

#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QIcon>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace tokenomics::ui {

namespace {
constexpr double defaultMinInteractivity = 30; // tok/s/user: a comfortable reading speed

/// Scrolls the controls vertically only, so it asks for their full width plus the scroll bar:
/// the dock then never clips a spin box, whatever the font or the screen.
class ControlsScrollArea : public QScrollArea {
public:
    using QScrollArea::QScrollArea;
    [[nodiscard]] QSize minimumSizeHint() const override {
        const QSize base = QScrollArea::minimumSizeHint();
        if (!widget())
            return base;
        const int contentWidth =
            std::max(widget()->sizeHint().width(), widget()->minimumSizeHint().width());
        return {contentWidth + verticalScrollBar()->sizeHint().width() + 2 * frameWidth(),
                base.height()};
    }
    [[nodiscard]] QSize sizeHint() const override {
        return {minimumSizeHint().width(), QScrollArea::sizeHint().height()};
    }
};
} // namespace

MainWindow::MainWindow(Catalog catalog, QWidget* parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("Tokenomics — economics of AI inference"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tokenomics.svg")));
    const SeriesFilter initialFilter = defaultSeriesFilter(catalog);
    state_ = new DashboardState(std::move(catalog), this);
    state_->setSeriesFilter(initialFilter);
    state_->setMinInteractivity(defaultMinInteractivity);

    chartArea_ = new ChartArea(state_, this);
    setCentralWidget(chartArea_);
    buildDocks();
    buildMenus();
    connect(state_, &DashboardState::catalogReplaced, this, &MainWindow::rebuildControls);
    // Fill most of the screen, whatever its size (1366×768 laptops included).
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1440, 900);
    resize(std::min(1600, available.width() * 95 / 100),
           std::min(1000, available.height() * 92 / 100));
}

MainWindow::~MainWindow() = default;

QTableView* MainWindow::makeTable(QAbstractItemModel* model) {
    auto* view = new QTableView(this);
    view->setModel(model);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->setVisible(model == isoModel_);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setMinimumHeight(view->fontMetrics().height() * 2 + 10);
    view->setWordWrap(false);
    connect(model, &QAbstractItemModel::modelReset, view,
            [view] { view->resizeColumnsToContents(); });
    view->resizeColumnsToContents();
    return view;
}

QWidget* MainWindow::makeControls(QWidget* parent) {
    // SLA and cost first (what a buyer changes most), then the filters.
    auto* controls = new QWidget(parent);
    auto* controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    slaPanel_ = new SlaPanel(state_, controls);
    filters_ = new FiltersPanel(state_, controls);
    controlsLayout->addWidget(slaPanel_);
    controlsLayout->addWidget(filters_);
    return controls;
}

void MainWindow::buildDocks() {
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);

    // Left: the controls, scrolling when the window is short.
    auto* scroll = new ControlsScrollArea(this);
    scroll->setWidget(makeControls(scroll));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* controlsDock = new QDockWidget(tr("SLA, cost and filters"), this);
    controlsDock->setObjectName(QStringLiteral("controls"));
    controlsDock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, controlsDock);

    // Bottom: the ranking, the offers and the iso-interactivity table, with the details beside.
    rankingModel_ = new RankingTableModel(state_, this);
    offerModel_ = new OfferTableModel(state_, this);
    isoModel_ = new IsoInteractivityModel(state_, this);
    details_ = new DetailsPane(state_, this);
    auto* tables = new QTabWidget(this);
    rankingView_ = makeTable(rankingModel_);
    tables->addTab(rankingView_, tr("Ranking under the SLA"));
    tables->addTab(makeTable(offerModel_), tr("API offers"));
    tables->addTab(makeTable(isoModel_), tr("Cost every 10 tok/s/user"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(tables);
    splitter->addWidget(details_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto* rankingDock = new QDockWidget(tr("Ranking"), this);
    rankingDock->setObjectName(QStringLiteral("ranking"));
    rankingDock->setWidget(splitter);
    addDockWidget(Qt::BottomDockWidgetArea, rankingDock);
    // Beside the ranking: how many GPUs a demand needs and what they cost a month.
    capacity_ = new CapacityPanel(state_, this);
    auto* capacityDock = new QDockWidget(tr("Capacity and bill"), this);
    capacityDock->setObjectName(QStringLiteral("capacity"));
    capacityDock->setWidget(capacity_);
    addDockWidget(Qt::BottomDockWidgetArea, capacityDock);
    tabifyDockWidget(rankingDock, capacityDock);
    rankingDock->raise();
    // Small screens give the chart the room; large ones show more ranking rows.
    const int screenHeight = screen() ? screen()->availableGeometry().height() : 900;
    resizeDocks({rankingDock}, {screenHeight < 900 ? 200 : 300}, Qt::Vertical);
    resizeDocks({controlsDock}, {controlsDock->minimumSizeHint().width()}, Qt::Horizontal);

    connect(
        rankingView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            if (current.isValid())
                details_->showSeries(
                    rankingModel_->data(current, RankingTableModel::SeriesIndexRole).toULongLong());
        });
}

void MainWindow::rebuildControls() {
    auto* dock = findChild<QDockWidget*>(QStringLiteral("controls"));
    auto* scroll = dock ? qobject_cast<QScrollArea*>(dock->widget()) : nullptr;
    if (!scroll)
        return;
    scroll->setWidget(makeControls(scroll)); // deletes the old panels
    scroll->updateGeometry();                // new lists may be wider: the dock follows
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Export chart (PNG, SVG, PDF)…"), QKeySequence::Save, this,
                    &MainWindow::exportCurrentChart);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Full screen"), QKeySequence::FullScreen, this,
                    [this] { isFullScreen() ? showNormal() : showFullScreen(); });
}

void MainWindow::exportCurrentChart() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export chart"), QStringLiteral("tokenomics-chart.png"),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportChart(*chartArea_->currentChart(), path, &error))
        QMessageBox::warning(this, tr("Export chart"), error);
}

} // namespace tokenomics::ui
