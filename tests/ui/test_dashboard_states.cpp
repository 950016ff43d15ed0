// The dashboard as a buyer presents it: colours per series, filter shortcuts, empty and partial
// states, and the API offers' SLA verdicts on the cost chart.
#include "ChartArea.h"
#include "DashboardState.h"
#include "FiltersPanel.h"
#include "Formatting.h"
#include "IsoInteractivityModel.h"
#include "MainWindow.h"
#include "RankingTableModel.h"
#include "SlaPanel.h"
#include "SummaryStrip.h"
#include "UiTestCatalog.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QTest>

using namespace tokenomics;
using namespace tokenomics::ui;

namespace {
constexpr std::size_t alpha = 0, beta = 1, gammaSeries = 2, otherModel = 3;

/// Picks a combo box entry with the keyboard, as a user tabbing through the panel would.
void choose(QComboBox* combo, int index) {
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < index; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentIndex(), index);
}

void click(QPushButton* button) {
    QVERIFY(button != nullptr);
    QTest::mouseClick(button, Qt::LeftButton);
}

/// Clicks an entry of a list (making it current), off its check box.
void clickItem(QListWidget* list, const QString& text) {
    const QList<QListWidgetItem*> found = list->findItems(text, Qt::MatchExactly);
    QVERIFY2(found.size() == 1, qPrintable(text));
    const QRect rect = list->visualItemRect(found.front());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center() + QPoint(20, 0));
    QCOMPARE(list->currentItem(), found.front());
}

QStringList checkedTexts(const QListWidget* list) {
    QStringList texts;
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->checkState() == Qt::Checked)
            texts << list->item(row)->text();
    }
    return texts;
}

/// The pen colour of the curve whose legend name starts with a series' label.
QColor curveColor(const ParetoChart& chart, const DashboardState& state, std::size_t series) {
    const QString label = seriesLabel(state.engine().seriesKey(series));
    for (int g = 0; g < chart.graphCount(); ++g) {
        if (chart.graph(g)->name() == label)
            return chart.graph(g)->pen().color();
    }
    return {};
}

QColor tableColor(const RankingTableModel& model, std::size_t series) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.resultAt(row).series == series)
            return model.data(model.index(row, RankingTableModel::SeriesColumn), Qt::DecorationRole)
                .value<QColor>();
    }
    return {};
}

/// The test catalog with a later software run of Alpha, a model measured at 8k/1k only and an
/// MLPerf-style series without request lengths.
Catalog richerCatalog() {
    Catalog catalog = testing::uiTestCatalog();
    Series later = catalog.series[alpha];
    later.key.run = "2026-03";
    for (OperatingPoint& point : later.points)
        point.figures.tputPerGpu = *point.figures.tputPerGpu * 1.3;
    catalog.series.push_back(later); // index 4
    Series longContext = catalog.series[beta];
    longContext.key.model = "LongModel";
    longContext.key.isl = 8192;
    catalog.series.push_back(longContext); // index 5
    Series mlperf = catalog.series[otherModel];
    mlperf.key.model = "MlperfModel";
    mlperf.key.isl = 0;
    mlperf.key.osl = 0;
    catalog.series.push_back(mlperf); // index 6
    return catalog;
}
constexpr std::size_t alphaLater = 4, longContext = 5;
} // namespace

class TestDashboardStates : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { window_.reset(); }

    void softwareRunsOnOneGpuHaveTheirOwnColourEverywhere() {
        open(richerCatalog());
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        QCOMPARE(chart->drawnSeries(),
                 std::vector<std::size_t>({alpha, beta, gammaSeries, alphaLater}));
        const DashboardState& state = *window_->state();
        // Each series its own colour: Alpha and its later run are told apart.
        const QColor alphaColor = curveColor(*chart, state, alpha);
        QVERIFY(alphaColor.isValid());
        QVERIFY(alphaColor != curveColor(*chart, state, alphaLater));
        std::set<QRgb> colours;
        for (std::size_t series : chart->drawnSeries()) {
            const QColor color = curveColor(*chart, state, series);
            colours.insert(color.rgb());
            // The same colour on every chart, in the ranking and in the iso table.
            for (ChartMetric metric : {ChartMetric::CostPerMTotal, ChartMetric::Ttft})
                QCOMPARE(curveColor(*window_->chartArea()->chart(metric), state, series), color);
            QCOMPARE(tableColor(*window_->rankingModel(), series), color);
        }
        QCOMPARE(colours.size(), std::size_t(4));
        const IsoInteractivityModel& iso = *window_->isoModel();
        QVERIFY(iso.rowCount() > 0);
        bool isoHasSwatch = false;
        for (int row = 0; row < iso.rowCount(); ++row)
            isoHasSwatch |=
                iso.headerData(row, Qt::Vertical, Qt::DecorationRole).value<QColor>().isValid();
        QVERIFY(isoHasSwatch);

        // Colour by hardware: Alpha's two runs share AlphaGPU's colour; by run they differ again
        // while Beta and Gamma (no run label) share one.
        QComboBox* groupBy = window_->filtersPanel()->colorGroupingSelector();
        choose(groupBy, groupBy->findText(QStringLiteral("hardware")));
        QCOMPARE(state.colorGrouping(), ColorGrouping::Hardware);
        QCOMPARE(curveColor(*chart, state, alpha), curveColor(*chart, state, alphaLater));
        QVERIFY(curveColor(*chart, state, alpha) != curveColor(*chart, state, beta));
        QCOMPARE(tableColor(*window_->rankingModel(), alphaLater),
                 curveColor(*chart, state, alpha));
        choose(groupBy, groupBy->findText(QStringLiteral("run (software over time)")));
        QVERIFY(curveColor(*chart, state, alpha) != curveColor(*chart, state, alphaLater));
        QCOMPARE(curveColor(*chart, state, beta), curveColor(*chart, state, gammaSeries));

        // Deterministic: the same identity gets the same colour, whatever else is filtered.
        choose(groupBy, 0);
        const QColor before = curveColor(*chart, state, gammaSeries);
        click(window_->filtersPanel()->selectNoneButton(QStringLiteral("engine")));
        QListWidget* engines = window_->filtersPanel()->list(QStringLiteral("engine"));
        clickItem(engines, QStringLiteral("sglang"));
        click(window_->filtersPanel()->selectOnlyButton(QStringLiteral("engine")));
        QCOMPARE(chart->drawnSeries(), std::vector<std::size_t>({gammaSeries}));
        QCOMPARE(curveColor(*chart, state, gammaSeries), before);
        std::vector<SeriesKey> keys;
        for (const Series& series : richerCatalog().series)
            keys.push_back(series.key);
        QCOMPARE(SeriesColors(keys, ColorGrouping::Series).color(keys[gammaSeries]), before);
    }

    void everyFilterListHasAllNoneAndOnlyThis() {
        open(testing::uiTestCatalog());
        FiltersPanel* panel = window_->filtersPanel();
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        for (const QString& dimension :
             {QStringLiteral("model"), QStringLiteral("hardware"), QStringLiteral("engine"),
              QStringLiteral("precision"), QStringLiteral("gpus")}) {
            QVERIFY2(panel->selectAllButton(dimension) && panel->selectNoneButton(dimension) &&
                         panel->selectOnlyButton(dimension),
                     qPrintable(dimension));
            QVERIFY(panel->selectAllButton(dimension)->isVisible());
        }
        QListWidget* hardware = panel->list(QStringLiteral("hardware"));
        click(panel->selectNoneButton(QStringLiteral("hardware")));
        QVERIFY(checkedTexts(hardware).isEmpty());
        QVERIFY(chart->drawnSeries().empty());
        click(panel->selectAllButton(QStringLiteral("hardware")));
        QCOMPARE(checkedTexts(hardware).size(), hardware->count());
        QCOMPARE(chart->drawnSeries(), std::vector<std::size_t>({alpha, beta, gammaSeries}));

        // "Only this" acts on the highlighted entry; nothing highlighted, nothing to act on.
        QVERIFY(!panel->selectOnlyButton(QStringLiteral("hardware"))->isEnabled());
        clickItem(hardware, QStringLiteral("BetaGPU"));
        QVERIFY(panel->selectOnlyButton(QStringLiteral("hardware"))->isEnabled());
        click(panel->selectOnlyButton(QStringLiteral("hardware")));
        QCOMPARE(checkedTexts(hardware), QStringList{QStringLiteral("BetaGPU")});
        QCOMPARE(chart->drawnSeries(), std::vector<std::size_t>({beta}));
        QCOMPARE(window_->rankingModel()->rowCount(), 1);

        // The same from the list's context menu: right-click an entry, "Only …".
        QListWidget* precision = panel->list(QStringLiteral("precision"));
        click(panel->selectAllButton(QStringLiteral("hardware")));
        const QListWidgetItem* fp4 =
            precision->findItems(QStringLiteral("fp4"), Qt::MatchExactly).front();
        const QPoint at = precision->visualItemRect(fp4).center();
        QContextMenuEvent event(QContextMenuEvent::Mouse, at,
                                precision->viewport()->mapToGlobal(at));
        QApplication::sendEvent(precision->viewport(), &event);
        QMenu* menu = panel->contextMenu();
        QVERIFY(menu != nullptr);
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        QAction* only = menu->actions().front();
        QCOMPARE(only->text(), QStringLiteral("Only “fp4”"));
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(only).center());
        QCOMPARE(checkedTexts(precision), QStringList{QStringLiteral("fp4")});
        QCOMPARE(chart->drawnSeries(), std::vector<std::size_t>({alpha}));
    }

    void choosingAModelPicksAScenarioWithItsData() {
        open(richerCatalog());
        FiltersPanel* panel = window_->filtersPanel();
        QListWidget* models = panel->list(QStringLiteral("model"));
        clickItem(models, QStringLiteral("LongModel"));
        click(panel->selectOnlyButton(QStringLiteral("model")));
        // LongModel is measured at 8k/1k only: the scenario follows it.
        QCOMPARE(window_->state()->seriesFilter().isl, std::optional<std::int32_t>(8192));
        QVERIFY(panel->scenarioSelector()->currentText().startsWith(QStringLiteral("8k/1k")));
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        QCOMPARE(chart->drawnSeries(), std::vector<std::size_t>({longContext}));
        QVERIFY(chart->note().isEmpty());
        const QString title = window_->chartArea()->title()->text();
        QVERIFY2(title.startsWith(QStringLiteral("LongModel · ISL/OSL 8k/1k")), qPrintable(title));
        QVERIFY(!title.contains(QStringLiteral("0 models")));
    }

    void scenarioWithoutModelDataSaysSoInsteadOfZeroCounts() {
        open(richerCatalog());
        FiltersPanel* panel = window_->filtersPanel();
        // The user picks 8k/1k while TestModel is the model: nothing to draw, said in words.
        choose(panel->scenarioSelector(),
               panel->scenarioSelector()->findText(QStringLiteral("8k/1k"), Qt::MatchStartsWith));
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        QVERIFY(chart->drawnSeries().empty());
        QVERIFY(chart->note().startsWith(QStringLiteral("No series match these filters")));
        const QString title = window_->chartArea()->title()->text();
        QVERIFY2(!title.contains(QStringLiteral("0 models")), qPrintable(title));
        QVERIFY(!window_->chartArea()->summary()->text().contains(QStringLiteral("0 models")));
        // Whole-number ticks on an empty linear axis, not 0, 0, 0, 1.
        chart->setLogX(false);
        QVERIFY(chart->xAxis->range().upper >= 10);
    }

    void mlperfRowsWithoutLengthsAreNeverZeroK() {
        open(richerCatalog());
        QCOMPARE(scenarioLabel(0, 0), QStringLiteral("unknown ISL/OSL"));
        QComboBox* scenario = window_->filtersPanel()->scenarioSelector();
        for (int i = 0; i < scenario->count(); ++i)
            QVERIFY2(!scenario->itemText(i).contains(QStringLiteral("0k")),
                     qPrintable(scenario->itemText(i)));
        const int unknown =
            scenario->findText(QStringLiteral("unknown ISL/OSL"), Qt::MatchStartsWith);
        QVERIFY(unknown > 0);
        QListWidget* models = window_->filtersPanel()->list(QStringLiteral("model"));
        clickItem(models, QStringLiteral("MlperfModel"));
        click(window_->filtersPanel()->selectOnlyButton(QStringLiteral("model")));
        QCOMPARE(scenario->currentIndex(), unknown);
        const QString title = window_->chartArea()->title()->text();
        QVERIFY2(title.startsWith(QStringLiteral("MlperfModel · unknown ISL/OSL")),
                 qPrintable(title));
        QVERIFY(!title.contains(QStringLiteral("0k")));
    }

    void percentileWithoutDataNamesTheMissingStatistic() {
        open(testing::uiTestCatalog()); // p50 figures only
        QComboBox* percentile = window_->slaPanel()->percentileSelector();
        choose(percentile, percentile->findData(int(Statistic::P90)));
        QCOMPARE(window_->state()->sla().statistic, Statistic::P90);
        const QString summary = window_->chartArea()->summary()->text();
        QVERIFY2(summary.contains(QStringLiteral("No p90 data for these series")),
                 qPrintable(summary));
        QVERIFY(!summary.contains(QStringLiteral("No system meets this SLA")));
        // The ranking calls no series failing: each one's verdict is unknown, naming the figure.
        const RankingTableModel& ranking = *window_->rankingModel();
        QVERIFY(ranking.rowCount() > 0);
        for (int row = 0; row < ranking.rowCount(); ++row)
            QCOMPARE(
                ranking.data(ranking.index(row, RankingTableModel::FeasibleColumn), Qt::DisplayRole)
                    .toString(),
                QStringLiteral("unknown (no interactivity_p90)"));
        for (ChartMetric metric :
             {ChartMetric::ThroughputPerGpu, ChartMetric::CostPerMTotal, ChartMetric::Ttft})
            QVERIFY(window_->chartArea()->chart(metric)->note().startsWith(
                QStringLiteral("No p90 data for these series")));
        choose(percentile, percentile->findData(int(Statistic::P50)));
        QVERIFY(window_->chartArea()->chart(ChartMetric::ThroughputPerGpu)->note().isEmpty());
    }

    void catalogWithoutCostsOpensOnAChartWithData() {
        Catalog catalog = testing::uiTestCatalog();
        catalog.costBases.clear();
        open(std::move(catalog));
        ChartArea* area = window_->chartArea();
        QCOMPARE(area->currentChart()->metric(), ChartMetric::ThroughputPerGpu);
        QVERIFY(area->currentChart()->note().isEmpty());
        QCOMPARE(area->currentChart()->drawnSeries().size(), std::size_t(3));
        QVERIFY(area->chart(ChartMetric::CostPerMTotal)
                    ->note()
                    .startsWith(QStringLiteral("No cost known for these series")));
        QVERIFY(area->summary()->text().contains(QStringLiteral("No cost known for these series")));
        // With costs, the dashboard still opens on cost.
        open(testing::uiTestCatalog());
        QCOMPARE(window_->chartArea()->currentChart()->metric(), ChartMetric::CostPerMTotal);
        QVERIFY(window_->chartArea()->currentChart()->note().isEmpty());
    }

    void offerMarkersGreyOutWhenTheyFailTheSla() {
        open(testing::uiTestCatalog());
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::CostPerMTotal);
        window_->chartArea()->tabs()->setCurrentWidget(chart);
        chart->replot();
        // At 30 tok/s/user FastAPI Co (150 tok/s) meets the SLA, in yellow.
        QCOMPARE(chart->offerMarkers(OfferVerdict::Meets)->dataCount(), 1);
        QCOMPARE(chart->offerMarkers(OfferVerdict::Fails)->dataCount(), 0);
        const QColor yellow =
            chart->offerMarkers(OfferVerdict::Meets)->scatterStyle().brush().color();
        QVERIFY(yellow != chart->colors().failingPoint);

        // Typing 160 tok/s/user: faster than the provider serves, it fails and greys out.
        QDoubleSpinBox* box = window_->slaPanel()->minInteractivityBox();
        box->setFocus();
        box->findChild<QLineEdit*>()->selectAll();
        QTest::keyClicks(box, QStringLiteral("160"));
        QTest::keyClick(box, Qt::Key_Enter);
        QCOMPARE(window_->state()->sla().minInteractivity, std::optional<double>(160));
        QCOMPARE(chart->offerMarkers(OfferVerdict::Meets)->dataCount(), 0);
        QCOMPARE(chart->offerMarkers(OfferVerdict::Fails)->dataCount(), 1);
        QCOMPARE(chart->offerMarkers(OfferVerdict::Fails)->scatterStyle().brush().color(),
                 chart->colors().failingPoint);
        QCOMPARE(chart->offerMarkers(OfferVerdict::Fails)->data()->begin()->key, 150.0);
        // Mystery Cloud publishes no speed: unknown, neither meets nor fails.
        QStringList texts;
        for (const QCPItemText* label : chart->offerLabels())
            texts << label->text();
        QVERIFY2(texts.contains(QStringLiteral("FastAPI Co $0.200 · fails SLA")),
                 qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY2(texts.contains(QStringLiteral("API Mystery Cloud $0.200 · speed unknown · SLA ?")),
                 qPrintable(texts.join(QLatin1Char('|'))));

        // Dragging the line back below 150 makes it meet again.
        chart->replot();
        const int y = chart->axisRect()->center().y();
        const QPoint from(qRound(chart->xAxis->coordToPixel(160)), y);
        const QPoint to(qRound(chart->xAxis->coordToPixel(100)), y);
        QTest::mousePress(chart, Qt::LeftButton, {}, from);
        QTest::mouseMove(chart, QPoint((from.x() + to.x()) / 2, y));
        QTest::mouseMove(chart, to);
        QTest::mouseRelease(chart, Qt::LeftButton, {}, to);
        QVERIFY(*window_->state()->sla().minInteractivity < 150);
        QCOMPARE(chart->offerMarkers(OfferVerdict::Meets)->dataCount(), 1);
        QCOMPARE(chart->offerMarkers(OfferVerdict::Fails)->dataCount(), 0);
    }

    void offerLabelsDoNotCoverCurves() {
        open(testing::uiTestCatalog());
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::CostPerMTotal);
        window_->chartArea()->tabs()->setCurrentWidget(chart);
        chart->setLogY(false); // linear: the curves sweep across where the labels sit
        chart->replot();
        int shown = 0;
        for (const QCPItemText* label : chart->offerLabels()) {
            if (!label->visible())
                continue;
            ++shown;
            const QRectF box =
                QRectF(label->topLeft->pixelPosition(), label->bottomRight->pixelPosition())
                    .normalized();
            for (int g = 0; g < chart->graphCount(); ++g) {
                const QCPGraph* curve = chart->graph(g);
                if (!curve->visible() || curve->lineStyle() == QCPGraph::lsNone)
                    continue;
                // Sampled densely along each drawn segment.
                for (auto it = curve->data()->constBegin();
                     it != curve->data()->constEnd() && it + 1 != curve->data()->constEnd(); ++it) {
                    const QPointF a(chart->xAxis->coordToPixel(it->key),
                                    chart->yAxis->coordToPixel(it->value));
                    const QPointF b(chart->xAxis->coordToPixel((it + 1)->key),
                                    chart->yAxis->coordToPixel((it + 1)->value));
                    for (int step = 0; step <= 20; ++step) {
                        const QPointF at = a + (b - a) * (step / 20.0);
                        QVERIFY2(
                            !box.contains(at),
                            qPrintable(label->text() + QStringLiteral(" covers ") + curve->name()));
                    }
                }
            }
        }
        QVERIFY(shown >= 1);
    }

private:
    void open(Catalog catalog) {
        window_.reset();
        window_ = std::make_unique<MainWindow>(std::move(catalog));
        window_->resize(1366, 768);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }

    std::unique_ptr<MainWindow> window_;
};

QTEST_MAIN(TestDashboardStates)
#include "test_dashboard_states.moc"
