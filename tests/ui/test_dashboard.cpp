// The dashboard window on a hand-made catalog: dragging, spin boxes, filters, tooltips, ranking.
#include "CapacityPanel.h"
#include "ChartArea.h"
#include "DashboardState.h"
#include "FiltersPanel.h"
#include "Formatting.h"
#include "IsoInteractivityModel.h"
#include "MainWindow.h"
#include "OfferTableModel.h"
#include "RankingTableModel.h"
#include "SlaPanel.h"
#include "SummaryStrip.h"
#include "UiTestCatalog.h"

#include <QApplication>
#include <QClipboard>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QToolTip>

using namespace tokenomics;
using namespace tokenomics::ui;

namespace {
constexpr std::size_t alpha = 0, beta = 1, gammaSeries = 2;

// $ per 1M tokens = $/h × 1e6 / (tok/s × 3600), written out for the hand checks.
double costPerM(double usdPerHour, double tokensPerSecond) {
    return usdPerHour * 1e6 / (tokensPerSecond * 3600);
}

int rowOf(const RankingTableModel& model, std::size_t series) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.resultAt(row).series == series)
            return row;
    }
    return -1;
}
} // namespace

class TestDashboard : public QObject {
    Q_OBJECT
private slots:
    void init() {
        window_ = std::make_unique<MainWindow>(testing::uiTestCatalog());
        window_->resize(1400, 900);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }
    void cleanup() { window_.reset(); }

    void opensOnTheRichestModelWithTheDefaultSla() {
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        // TestModel has three series, OtherModel one.
        QCOMPARE(chart->drawnSeries(), std::vector<std::size_t>({alpha, beta, gammaSeries}));
        QCOMPARE(window_->state()->sla().minInteractivity, std::optional<double>(30));
        QCOMPARE(window_->rankingModel()->rowCount(), 3);
        QVERIFY(window_->chartArea()->title()->text().contains(QStringLiteral("TestModel")));
    }

    void rankingAtTheLowestThresholdMatchesHandComputation() {
        // At 10 tok/s/user every series sits at its max-throughput point (Gamma starts at 20,
        // so it also takes its max): Beta $1/h at 6000 → 0.0463, Alpha $2/h at 10000 → 0.0556,
        // Gamma $3/h at 9000 → 0.0926.
        window_->state()->setMinInteractivity(10);
        const RankingTableModel& model = *window_->rankingModel();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.resultAt(0).series, beta);
        QCOMPARE(model.resultAt(1).series, alpha);
        QCOMPARE(model.resultAt(2).series, gammaSeries);
        QVERIFY(qAbs(*model.resultAt(0).costPerMTotal - costPerM(1, 6000)) < 1e-9);
        QVERIFY(qAbs(*model.resultAt(1).costPerMTotal - costPerM(2, 10000)) < 1e-9);
        QVERIFY(qAbs(*model.resultAt(2).costPerMTotal - costPerM(3, 9000)) < 1e-9);
        QCOMPARE(model.data(model.index(0, RankingTableModel::CostPerMTotalColumn), Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("$0.0463"));
    }

    // Input-token cost (InferenceX #552): the whole GPU-hour over the input tokens/s, where
    // the source publishes them; "unknown" where it does not, and the header says the rule.
    void rankingShowsTheInputTokenCostWherePublished() {
        Catalog catalog = testing::uiTestCatalog();
        for (OperatingPoint& point : catalog.series[alpha].points)
            point.figures.inputTputPerGpu = *point.figures.tputPerGpu / 4;
        MainWindow window(std::move(catalog));
        window.state()->setMinInteractivity(10); // Alpha at its 10,000 tok/s/GPU point
        const RankingTableModel& model = *window.rankingModel();
        const int alphaRow = rowOf(model, alpha);
        const int betaRow = rowOf(model, beta);
        QVERIFY(qAbs(*model.resultAt(alphaRow).costPerMInput - costPerM(2, 2500)) < 1e-12);
        QCOMPARE(model
                     .data(model.index(alphaRow, RankingTableModel::CostPerMInputColumn),
                           Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("$0.222"));
        QCOMPARE(
            model
                .data(model.index(betaRow, RankingTableModel::CostPerMInputColumn), Qt::DisplayRole)
                .toString(),
            QStringLiteral("unknown"));
        QVERIFY(
            model
                .headerData(RankingTableModel::CostPerMInputColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("whole GPU-hour charged to input tokens")));
    }

    // An attainment target typed into the SLA panel: a point counts only when that share of
    // its requests meets every threshold. Alpha's fastest point has 5 of 10 requests within
    // TTFT 2 s (50 %), its next 10 of 10; Beta and Gamma have no samples to judge.
    void attainmentTargetTypedInThePanelReranks() {
        Catalog catalog = testing::uiTestCatalog();
        for (std::size_t p = 0; p < catalog.series[alpha].points.size(); ++p) {
            SampleSet samples;
            samples.durationSeconds = 60;
            for (int r = 0; r < 10; ++r) {
                RequestSample request;
                request.ttftSeconds = (p == 0 && r % 2 == 1) ? 5.0 : 0.5;
                request.tpotSeconds = 0.01; // 100 tok/s/user
                request.e2elSeconds = request.ttftSeconds + 10;
                request.inputTokens = 1024;
                request.outputTokens = 1024;
                samples.requests.push_back(request);
            }
            catalog.series[alpha].points[p].samples = samples;
        }
        MainWindow window(std::move(catalog));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        DashboardState& state = *window.state();
        Sla sla = state.sla();
        sla.minInteractivity = 10;
        sla.maxTtftSeconds = 2;
        state.setSla(sla);
        const RankingTableModel& model = *window.rankingModel();
        QVERIFY(qAbs(*model.resultAt(rowOf(model, alpha)).costPerMTotal - costPerM(2, 10000)) <
                1e-9);

        QDoubleSpinBox* box = window.slaPanel()->minAttainmentBox();
        box->setFocus();
        box->findChild<QLineEdit*>()->selectAll();
        QTest::keyClicks(box, QStringLiteral("80"));
        QTest::keyClick(box, Qt::Key_Enter);
        QCOMPARE(state.sla().minAttainment, std::optional<double>(0.8));
        const SeriesResult& alphaResult = model.resultAt(rowOf(model, alpha));
        QVERIFY(alphaResult.feasible);
        QVERIFY(qAbs(*alphaResult.costPerMTotal - costPerM(2, 6000)) < 1e-9);
        QCOMPARE(alphaResult.sloAttainment, std::optional<double>(1.0));
        // Every request of that point was good: a good token costs what any token costs.
        const int alphaRow = rowOf(model, alpha);
        QCOMPARE(model.data(model.index(alphaRow, RankingTableModel::CostPerMGoodColumn),
                            Qt::DisplayRole),
                 model.data(model.index(alphaRow, RankingTableModel::CostPerMTotalColumn),
                            Qt::DisplayRole));
        QCOMPARE(model
                     .data(model.index(rowOf(model, beta), RankingTableModel::CostPerMGoodColumn),
                           Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("unknown"));
        QCOMPARE(model.resultAt(0).series, alpha);
        QVERIFY(!model.resultAt(rowOf(model, beta)).feasible);
        QVERIFY(!model.resultAt(rowOf(model, gammaSeries)).feasible);
        QVERIFY(window.chartArea()->summary()->text().contains(QStringLiteral("Best: AlphaGPU")));
    }

    // On a catalog without any samples the target cannot be judged: said, not "no system".
    void attainmentWithoutSamplesSaysWhy() {
        QDoubleSpinBox* box = window_->slaPanel()->minAttainmentBox();
        box->setFocus();
        box->findChild<QLineEdit*>()->selectAll();
        QTest::keyClicks(box, QStringLiteral("90"));
        QTest::keyClick(box, Qt::Key_Enter);
        const QString summary = window_->chartArea()->summary()->text();
        QVERIFY2(summary.contains(QStringLiteral("No per-request samples")), qPrintable(summary));
        QVERIFY(window_->chartArea()->currentChart()->note().contains(
            QStringLiteral("attainment target")));
        QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(box, Qt::Key_0);
        QTest::keyClick(box, Qt::Key_Enter);
        QCOMPARE(window_->state()->sla().minAttainment, std::nullopt);
        QVERIFY(window_->chartArea()->summary()->text().contains(QStringLiteral("Best:")));
    }

    void draggingTheInteractivityLineReranksLikeTheEngine() {
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        window_->chartArea()->tabs()->setCurrentWidget(chart);
        const int y = chart->axisRect()->center().y();
        const QPoint from(qRound(chart->xAxis->coordToPixel(30)), y);
        const QPoint to(qRound(chart->xAxis->coordToPixel(65)), y);
        QTest::mousePress(chart, Qt::LeftButton, {}, from);
        QTest::mouseMove(chart, QPoint((from.x() + to.x()) / 2, y));
        QTest::mouseMove(chart, to);
        QTest::mouseRelease(chart, Qt::LeftButton, {}, to);

        const std::optional<double> dragged = window_->state()->sla().minInteractivity;
        QVERIFY(dragged.has_value());
        QVERIFY2(qAbs(*dragged - 65) < 1.0, qPrintable(QString::number(*dragged)));
        QCOMPARE(chart->interactivityLine()->point1->coords().x(), *dragged);

        // Independently: a fresh engine over the same catalog, OtherModel left out.
        RankingEngine engine = RankingEngine::fromCatalog(testing::uiTestCatalog());
        engine.setSeriesEnabled(3, false);
        Sla sla;
        sla.minInteractivity = dragged;
        const Ranking expected = engine.rank(sla, CostSettings{}, Workload{1024, 1024});
        const RankingTableModel& model = *window_->rankingModel();
        QCOMPARE(std::size_t(model.rowCount()), expected.series.size());
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.resultAt(row).series, expected.series[std::size_t(row)].series);
            QCOMPARE(model.resultAt(row).costPerMTotal,
                     expected.series[std::size_t(row)].costPerMTotal);
        }
        // Beta's frontier ends at 80, Alpha's at 100, Gamma's at 120: all still feasible at 65.
        QVERIFY(model.resultAt(0).feasible);
        // Points below the line are greyed: Alpha 10, 30, 60; Beta 10, 40; Gamma 20, 50.
        QCOMPARE(chart->failingPointCount(), 7);
        QCOMPARE(chart->passingPointCount(), 3);
    }

    void typingIntoTheSpinBoxMovesTheLine() {
        QDoubleSpinBox* box = window_->slaPanel()->minInteractivityBox();
        box->setFocus();
        box->findChild<QLineEdit*>()->selectAll();
        QTest::keyClicks(box, QStringLiteral("60"));
        QCOMPARE(box->value(), 60.0);
        for (ChartMetric metric :
             {ChartMetric::ThroughputPerGpu, ChartMetric::CostPerMTotal, ChartMetric::Ttft})
            QCOMPARE(window_->chartArea()->chart(metric)->interactivityLine()->point1->coords().x(),
                     60.0);
        // By hand: Alpha's measured knot at 60 tok/s/user, 3000 tok/s at $2/h → $0.185 per 1M.
        const RankingTableModel& model = *window_->rankingModel();
        const int row = rowOf(model, alpha);
        QVERIFY(row >= 0);
        QVERIFY(!model.resultAt(row).interpolated);
        QVERIFY(qAbs(*model.resultAt(row).costPerMTotal - costPerM(2, 3000)) < 1e-9);
        // Alpha runs fp4; the catalog scores TestModel fp4 on GSM8K at 95.1 against 95.9 at fp8.
        QCOMPARE(model.data(model.index(row, RankingTableModel::AccuracyColumn), Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("GSM8K 95.1 vs 95.9 fp8"));
    }

    // Every numeric field takes what a user types, pastes or edits, decimals included, in
    // every locale: the figure the engine gets is the figure on the screen.
    void everyNumericFieldTakesTypedDecimals_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<double>("expected");
        const QStringList locales = {QStringLiteral("en_US"), QStringLiteral("de_DE")};
        struct Case {
            const char* field;
            const char* typed;
            double expected;
        };
        const Case cases[] = {{"own $/GPU-h", "2.00", 2.0},
                              {"own $/GPU-h", "2.5", 2.5},
                              {"own $/GPU-h", "12.29", 12.29},
                              {"min interactivity", "12.5", 12.5},
                              {"min interactivity", "1200", 1200},
                              {"max TTFT", "0.75", 0.75},
                              {"max TTFT", "2.5", 2.5},
                              {"max E2E", "12.5", 12.5},
                              {"utilisation", "85", 85},
                              {"min attainment", "92.5", 92.5},
                              {"min attainment", "92,5", 92.5},
                              {"own $/GPU-h", "2,5", 2.5},
                              {"max TTFT", "0,75", 0.75}};
        for (const QString& locale : locales) {
            for (const Case& c : cases)
                QTest::addRow("%s %s in %s", c.field, c.typed, qPrintable(locale))
                    << QString::fromLatin1(c.field) << locale << QString::fromLatin1(c.typed)
                    << c.expected;
        }
    }
    void everyNumericFieldTakesTypedDecimals() {
        QFETCH(QString, field);
        QFETCH(QString, locale);
        QFETCH(QString, typed);
        QFETCH(double, expected);
        QLocale::setDefault(QLocale(locale));
        init(); // a window built under the user's locale
        QDoubleSpinBox* box = numericField(field);
        box->setFocus();
        box->findChild<QLineEdit*>()->selectAll();
        QTest::keyClicks(box, typed);
        QCOMPARE(box->value(), expected);
        QCOMPARE(engineValueOf(field), expected);
        QTest::keyClick(box, Qt::Key_Enter);
        QCOMPARE(box->value(), expected);
        QCOMPARE(engineValueOf(field), expected);

        // Pasted over the whole text.
        box->setValue(box->minimum() + 1);
        QGuiApplication::clipboard()->setText(typed);
        box->findChild<QLineEdit*>()->selectAll();
        QTest::keyClick(box, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(box->value(), expected);
        QCOMPARE(engineValueOf(field), expected);

        // Edited: the last digit removed and typed again.
        // The cursor after the last digit, before the suffix.
        const QString lastDigit = box->cleanText().right(1);
        box->findChild<QLineEdit*>()->setCursorPosition(
            int(box->prefix().size() + box->cleanText().size()));
        QTest::keyClick(box, Qt::Key_Backspace);
        QCOMPARE(box->cleanText(), typed.left(typed.size() - 1).replace(',', '.'));
        QTest::keyClicks(box, lastDigit);
        QCOMPARE(box->value(), expected);
        QCOMPARE(engineValueOf(field), expected);
        QLocale::setDefault(QLocale::c());
    }

    // On a laptop screen the headline above the chart rewraps as the ranking changes under a
    // dragged line; the chart must not move under the mouse (it jumped ~17 px before).
    void chartHoldsStillWhileTheLineIsDragged() {
        window_->resize(1366, 768);
        QTest::qWait(20);
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        window_->chartArea()->tabs()->setCurrentWidget(chart);
        const auto place = [&] {
            return QRect(chart->mapTo(window_.get(), QPoint(0, 0)), chart->size());
        };
        const QRect before = place();
        const int y = chart->axisRect()->center().y();
        QPoint at(qRound(chart->xAxis->coordToPixel(30)), y);
        QTest::mousePress(chart, Qt::LeftButton, {}, at);
        QStringList headlines;
        for (double interactivity = 32; interactivity <= 130; interactivity += 4) {
            at.setX(qRound(chart->xAxis->coordToPixel(interactivity)));
            QTest::mouseMove(chart, at);
            QCoreApplication::processEvents(); // layout requests are posted
            QCOMPARE(place(), before);
            headlines << window_->chartArea()->findChild<SummaryStrip*>()->text();
        }
        QTest::mouseRelease(chart, Qt::LeftButton, {}, at);
        headlines.removeDuplicates();
        QVERIFY2(headlines.size() >= 3, "the drag should change the headline");
    }

    // Held above the plot, the TTFT line sets the value at the plot's top edge and stays
    // there: the axes do not refit under the mouse (each step raised max TTFT before, 1.0 to
    // 3.59 s in ten moves). They fit once the line is let go.
    void draggedTtftLineDoesNotFeedBack() {
        window_->slaPanel()->maxTtftBox()->setValue(1.0);
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::Ttft);
        window_->chartArea()->tabs()->setCurrentWidget(chart);
        chart->replot();
        const QCPRange range = chart->yAxis->range();
        const QRect area = chart->axisRect()->rect();
        const int x = area.center().x();
        QPoint at(x, qRound(chart->yAxis->coordToPixel(1.0)));
        QTest::mousePress(chart, Qt::LeftButton, {}, at);
        const double top = std::round(chart->yAxis->pixelToCoord(area.top()) * 100) / 100;
        for (int step = 0; step < 10; ++step) {
            at.setY(area.top() - 20); // above the plot
            QTest::mouseMove(chart, at);
            QCoreApplication::processEvents();
            QCOMPARE(chart->yAxis->range().lower, range.lower);
            QCOMPARE(chart->yAxis->range().upper, range.upper);
            QCOMPARE(*window_->state()->sla().maxTtftSeconds, top);
        }
        QTest::mouseRelease(chart, Qt::LeftButton, {}, at);
        QCOMPARE(*window_->state()->sla().maxTtftSeconds, top);
        // Let go, the chart fits its data and the line again.
        QVERIFY(chart->yAxis->range().upper >= top);
        QVERIFY(chart->yAxis->range().upper != range.upper);
    }

    // The Capacity dock: a typed demand sizes every series' fleet at its best point, by the
    // formulas of PRODUCT.md §4 worked here from the ranking's own figures, and it follows
    // the SLA line as the line moves.
    void capacityDockSizesTheFleetForATypedDemand() {
        CapacityPanel* panel = window_->capacityPanel();
        QVERIFY(panel);
        panel->peakBox()->setValue(1.0);
        panel->demandBox()->clear();
        QTest::keyClicks(panel->demandBox(), QStringLiteral("24"));
        QTest::keyClick(panel->demandBox(), Qt::Key_Enter);
        QCOMPARE(panel->demandBox()->value(), 24.0);
        const auto check = [&] {
            const DashboardState& state = *window_->state();
            const double tokens = state.workload().isl + state.workload().osl;
            int checked = 0;
            for (const SeriesResult& result : state.ranking().series) {
                if (!result.feasible || !result.usdPerGpuHour)
                    continue;
                const auto point = result.point ? result.point : result.lowerKnotPoint;
                const int gpus = state.engine().pointFigures(result.series, *point).gpus;
                const double perInstance = *result.tputPerGpu * gpus / tokens;
                const double instances = std::ceil(24 / perInstance);
                const double month = instances * gpus * *result.usdPerGpuHour * 730;
                const QString label = seriesLabel(state.engine().seriesKey(result.series));
                int row = -1;
                for (int r = 0; r < panel->table()->rowCount(); ++r) {
                    if (panel->table()->item(r, CapacityPanel::SystemColumn)->text() == label)
                        row = r;
                }
                if (row < 0)
                    return false;
                const auto cell = [&](int column) {
                    return panel->table()->item(row, column)->text();
                };
                if (cell(CapacityPanel::InstancesColumn) != QString::number(instances) ||
                    cell(CapacityPanel::GpusColumn) != formatNumber(instances * gpus) ||
                    cell(CapacityPanel::MonthColumn) != formatUsd(month))
                    return false;
                ++checked;
            }
            return checked >= 2;
        };
        QVERIFY(check());
        // Drag the SLA line with the keyboard: the ranking moves, the plan follows.
        const double before = *window_->state()->sla().minInteractivity;
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        chart->setFocus();
        for (int step = 0; step < 3; ++step)
            QTest::keyClick(chart, Qt::Key_Right, Qt::ShiftModifier);
        QVERIFY(*window_->state()->sla().minInteractivity > before);
        QVERIFY(check());
        QVERIFY(panel->summary()->text().contains(QStringLiteral("a month")));
    }

    void draggedLineUpdatesTheSpinBox() {
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        chart->setFocus();
        QTest::keyClick(chart, Qt::Key_Right);
        QCOMPARE(window_->slaPanel()->minInteractivityBox()->value(), 31.0);
        QTest::keyClick(chart, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(window_->slaPanel()->minInteractivityBox()->value(), 41.0);
    }

    void ttftThresholdMakesGammaInfeasibleAndGreyed() {
        QDoubleSpinBox* box = window_->slaPanel()->maxTtftBox();
        box->setValue(2.0);
        ParetoChart* ttftChart = window_->chartArea()->chart(ChartMetric::Ttft);
        QVERIFY(ttftChart->ttftLine() != nullptr);
        QCOMPARE(ttftChart->ttftLine()->point1->coords().y(), 2.0);
        // Every Gamma point has TTFT ≥ 2.5 s: it cannot meet the SLA and goes to the bottom.
        const RankingTableModel& model = *window_->rankingModel();
        const int last = model.rowCount() - 1;
        QCOMPARE(model.resultAt(last).series, gammaSeries);
        QVERIFY(!model.resultAt(last).feasible);
        QVERIFY(model.data(model.index(last, 0), Qt::ForegroundRole).isValid());
        QCOMPARE(model.data(model.index(last, RankingTableModel::FeasibleColumn), Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("no"));
    }

    void hardwareFilterChangesTheSeriesSet() {
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        const int legendBefore = chart->legend->itemCount();
        QListWidget* hardware = window_->filtersPanel()->list(QStringLiteral("hardware"));
        QVERIFY(hardware);
        const auto items = hardware->findItems(QStringLiteral("AlphaGPU"), Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        items.front()->setCheckState(Qt::Unchecked);
        QCOMPARE(chart->drawnSeries(), std::vector<std::size_t>({beta, gammaSeries}));
        QCOMPARE(chart->legend->itemCount(), legendBefore - 1);
        QCOMPARE(window_->rankingModel()->rowCount(), 2);
    }

    void legendClickHidesAndShowsASeries() {
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        window_->chartArea()->tabs()->setCurrentWidget(chart);
        chart->replot();
        QCPAbstractLegendItem* first = chart->legend->item(0);
        const QPoint centre = first->outerRect().center();
        QTest::mouseClick(chart, Qt::LeftButton, {}, centre);
        QVERIFY(window_->state()->isHidden(alpha));
        QCOMPARE(chart->visibleSeriesGraphCount(), 2);
        QTest::mouseClick(chart, Qt::LeftButton, {}, centre);
        QVERIFY(!window_->state()->isHidden(alpha));
        QCOMPARE(chart->visibleSeriesGraphCount(), 3);
    }

    void tooltipNamesTheSource() {
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        const QPointF pixel(chart->xAxis->coordToPixel(10), chart->yAxis->coordToPixel(10000));
        const QString text = chart->tooltipAt(pixel);
        QVERIFY2(text.contains(QStringLiteral("alpha-source")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("10,000")));
        QVERIFY(chart->tooltipAt(QPointF(-100, -100)).isEmpty());
        ParetoChart* costChart = window_->chartArea()->chart(ChartMetric::CostPerMTotal);
        // The offer with a known speed sits at 150 tok/s/user and (1024×0.10 + 1024×0.30)/2048 =
        // $0.20.
        const QPointF offerPixel(costChart->xAxis->coordToPixel(150),
                                 costChart->yAxis->coordToPixel(0.20));
        QVERIFY(costChart->tooltipAt(offerPixel).contains(QStringLiteral("offer-source")));
    }

    // The point's tooltip is the one that stays when the mouse rests (Qt then sends a ToolTip
    // event), not the chart area's help text.
    void restingOnAPointKeepsItsTooltip() {
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        window_->chartArea()->tabs()->setCurrentWidget(chart);
        chart->replot();
        const QPoint pixel(qRound(chart->xAxis->coordToPixel(10)),
                           qRound(chart->yAxis->coordToPixel(10000)));
        QTest::mouseMove(chart, pixel);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("alpha-source")),
                 qPrintable(QToolTip::text()));
        QHelpEvent rest(QEvent::ToolTip, pixel, chart->mapToGlobal(pixel));
        QApplication::sendEvent(chart, &rest);
        QTest::qWait(50);
        QVERIFY2(QToolTip::text().contains(QStringLiteral("alpha-source")),
                 qPrintable(QToolTip::text()));

        // Resting on empty plot: no help text covers the curves.
        const QPoint empty(chart->axisRect()->center().x(), chart->axisRect()->top() + 5);
        QTest::mouseMove(chart, empty);
        QHelpEvent restEmpty(QEvent::ToolTip, empty, chart->mapToGlobal(empty));
        QApplication::sendEvent(chart, &restEmpty);
        QTRY_VERIFY(!QToolTip::isVisible() ||
                    !QToolTip::text().contains(QStringLiteral("wheel zooms")));
    }

    // Log axes tick at 1, 2 and 5 of each decade (1 and 3 when that is too many) with plain
    // labels: 20 and 50 tok/s/user are marked, and no label is written like "1E+03".
    void logAxesTickWhereSlasLive() {
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        window_->chartArea()->tabs()->setCurrentWidget(chart);
        chart->setLogX(true);
        chart->setLogY(true);
        chart->xAxis->setRange(10, 200);
        chart->yAxis->setRange(100, 20000);
        chart->replot();
        const QVector<double> xTicks = chart->xAxis->tickVector();
        for (const double expected : {10.0, 20.0, 50.0, 100.0, 200.0})
            QVERIFY2(xTicks.contains(expected), qPrintable(QString::number(expected)));
        const QStringList xLabels = chart->xAxis->tickVectorLabels().toList();
        QVERIFY2(xLabels.contains(QStringLiteral("20")) && xLabels.contains(QStringLiteral("50")),
                 qPrintable(xLabels.join(u' ')));
        const QStringList yLabels = chart->yAxis->tickVectorLabels().toList();
        QVERIFY2(yLabels.contains(QStringLiteral("1,000")) &&
                     yLabels.contains(QStringLiteral("10,000")),
                 qPrintable(yLabels.join(u' ')));
        for (const QString& label : xLabels + yLabels)
            QVERIFY2(!label.contains(u'E') && !label.contains(u'e'), qPrintable(label));
        // Small figures (dollars per 1M on a log cost axis) keep their decimals.
        ParetoChart* cost = window_->chartArea()->chart(ChartMetric::CostPerMTotal);
        cost->setLogY(true);
        cost->yAxis->setRange(0.01, 2);
        cost->replot();
        const QStringList costLabels = cost->yAxis->tickVectorLabels().toList();
        QVERIFY2(costLabels.contains(QStringLiteral("0.03")) &&
                     costLabels.contains(QStringLiteral("0.3")),
                 qPrintable(costLabels.join(u' ')));
    }

    // Tokens per MW = tok/s/GPU × 1000 / all-in kW per GPU (PRODUCT.md §2): a tab of its own,
    // each point where that formula puts it, a series without a power figure said so, and
    // ticks written "3M" rather than "3,000,000".
    void tokensPerMegawattChartPlacesEachPointByItsPower() {
        Catalog catalog = testing::uiTestCatalog();
        catalog.costBases[1].allInKwPerGpu = 1.5;   // BetaGPU
        catalog.costBases[2].allInKwPerGpu.reset(); // GammaGPU: power unknown
        MainWindow window(std::move(catalog));
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTabWidget* tabs = window.chartArea()->tabs();
        int tab = -1;
        for (int i = 0; i < tabs->count(); ++i)
            tab = tabs->tabText(i) == QStringLiteral("Tokens per MW") ? i : tab;
        QVERIFY(tab >= 0);
        QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {},
                          tabs->tabBar()->tabRect(tab).center());
        auto* chart = qobject_cast<ParetoChart*>(tabs->currentWidget());
        QVERIFY(chart);
        QCOMPARE(chart->metric(), ChartMetric::TokensPerMw);
        chart->replot();
        const auto tooltipAt = [chart](double interactivity, double value) {
            return chart->tooltipAt(QPointF(chart->xAxis->coordToPixel(interactivity),
                                            chart->yAxis->coordToPixel(value)));
        };
        QVERIFY(tooltipAt(10, 10000 * 1000 / 1.0).contains(QStringLiteral("alpha-source")));
        QVERIFY(tooltipAt(40, 3000 * 1000 / 1.5).contains(QStringLiteral("beta-source")));
        QVERIFY(!tooltipAt(40, 3000 * 1000 / 1.0).contains(QStringLiteral("beta-source")));
        bool gammaSaysWhy = false;
        for (int i = 0; i < chart->graphCount(); ++i)
            gammaSaysWhy = gammaSaysWhy || (chart->graph(i)->name().startsWith(u"GammaGPU") &&
                                            chart->graph(i)->name().contains(u"no point shown"));
        QVERIFY(gammaSaysWhy);
        const QStringList labels = chart->yAxis->tickVectorLabels().toList();
        QVERIFY2(labels.contains(QStringLiteral("1M")) || labels.contains(QStringLiteral("3M")),
                 qPrintable(labels.join(u' ')));
        for (const QString& label : labels)
            QVERIFY2(label.size() <= 4 && !label.contains(u'E'), qPrintable(label));
    }

    void tooltipMarksLimitsAndUncertainFigures() {
        SeriesFilter other;
        other.models = {"OtherModel"};
        window_->state()->setSeriesFilter(other);
        ParetoChart* chart = window_->chartArea()->chart(ChartMetric::ThroughputPerGpu);
        QCOMPARE(chart->drawnSeries(), std::vector<std::size_t>({3}));
        const QString text = chart->tooltipAt(
            QPointF(chart->xAxis->coordToPixel(10), chart->yAxis->coordToPixel(500)));
        QVERIFY2(text.contains(QStringLiteral("≤ 2.0 s (scenario limit)")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("≈ uncertain")));
        QVERIFY(text.contains(QStringLiteral("other-source")));
    }

    void tablesNeverShowNan() {
        window_->state()->setMinInteractivity(500); // beyond every frontier
        for (QAbstractItemModel* model : std::initializer_list<QAbstractItemModel*>{
                 window_->rankingModel(), window_->offerModel(), window_->isoModel()}) {
            for (int row = 0; row < model->rowCount(); ++row) {
                for (int column = 0; column < model->columnCount(); ++column) {
                    const QString text = model->index(row, column).data().toString().toLower();
                    QVERIFY2(!text.contains(QStringLiteral("nan")) &&
                                 !text.contains(QStringLiteral("inf")),
                             qPrintable(text));
                }
            }
        }
        // Every 10 tok/s/user up to the highest frontier end (Gamma, 120): 12 columns;
        // Beta stops at 80, so its 90 tok/s/user cell says "unreachable".
        IsoInteractivityModel* iso = window_->isoModel();
        QCOMPARE(iso->columnCount(), 12);
        QCOMPARE(iso->index(int(beta), 8).data().toString(), QStringLiteral("unreachable"));
        QCOMPARE(iso->index(int(alpha), 5).data().toString(), QStringLiteral("$0.185"));
    }

    void envelopeWinnerIsTheRankingsBestAtEveryThreshold() {
        // The band a buyer takes away must agree with the ranking: at each interactivity the
        // envelope names the series the ranking puts first with that min interactivity.
        DashboardState* state = window_->state();
        const std::vector<double> grid = state->envelopeGrid();
        const std::vector<EnvelopeStretch> stretches = state->envelope();
        QVERIFY(!stretches.empty());
        for (const EnvelopeStretch& stretch : stretches) {
            for (std::size_t g = stretch.firstIndex; g <= stretch.lastIndex; ++g) {
                Sla sla = state->sla();
                sla.minInteractivity = grid[g];
                const Ranking ranking = state->engine().rank(sla, state->cost());
                QVERIFY(!ranking.series.empty() && ranking.series.front().feasible);
                QCOMPARE(stretch.series, ranking.series.front().series);
            }
        }
        // At 10 tok/s/user, below every frontier, Beta's max-throughput point is cheapest
        // ($1/h at 6000 tok/s/GPU, see the hand computation above), so Beta wins there.
        QCOMPARE(stretches.front().series, beta);
    }

private:
    QDoubleSpinBox* numericField(const QString& field) const {
        SlaPanel* panel = window_->slaPanel();
        if (field == QLatin1String("own $/GPU-h"))
            return panel->ownUsdPerGpuHourBox();
        if (field == QLatin1String("min interactivity"))
            return panel->minInteractivityBox();
        if (field == QLatin1String("max TTFT"))
            return panel->maxTtftBox();
        if (field == QLatin1String("max E2E"))
            return panel->maxE2elBox();
        if (field == QLatin1String("min attainment"))
            return panel->minAttainmentBox();
        return panel->utilizationBox();
    }
    double engineValueOf(const QString& field) const {
        const Sla& sla = window_->state()->sla();
        const CostSettings& cost = window_->state()->cost();
        if (field == QLatin1String("own $/GPU-h"))
            return cost.usdPerGpuHourOverride.value_or(-1);
        if (field == QLatin1String("min interactivity"))
            return sla.minInteractivity.value_or(-1);
        if (field == QLatin1String("max TTFT"))
            return sla.maxTtftSeconds.value_or(-1);
        if (field == QLatin1String("max E2E"))
            return sla.maxE2elSeconds.value_or(-1);
        if (field == QLatin1String("min attainment"))
            return sla.minAttainment.value_or(-0.01) * 100;
        return cost.utilization * 100;
    }

    std::unique_ptr<MainWindow> window_;
};

QTEST_MAIN(TestDashboard)
#include "test_dashboard.moc"
