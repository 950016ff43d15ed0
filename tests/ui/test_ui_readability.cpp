// What a buyer sees in a meeting: the controls dock shows every field whole, the charts follow a
// dark palette, offer labels never overlap, offers of unknown speed read "unknown", and the
// winner's band is drawn from the costs the envelope was chosen with.
#include "ChartArea.h"
#include "DashboardSession.h"
#include "DashboardState.h"
#include "Formatting.h"
#include "IsoInteractivityModel.h"
#include "MainWindow.h"
#include "OfferTableModel.h"
#include "PresentationStyle.h"
#include "RankingTableModel.h"
#include "SlaPanel.h"
#include "SummaryStrip.h"
#include "UiTestCatalog.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QScrollArea>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace tokenomics;
using namespace tokenomics::ui;

namespace {

ProviderOffer offer(const std::string& provider, double inputUsdPerM, double outputUsdPerM,
                    std::optional<double> tokensPerSecond, std::optional<double> ttftSeconds = {}) {
    ProviderOffer result;
    result.model = "TestModel";
    result.provider = provider;
    result.inputUsdPerM = inputUsdPerM;
    result.outputUsdPerM = outputUsdPerM;
    result.outputTokensPerSecond = tokensPerSecond;
    result.ttftSeconds = ttftSeconds;
    result.provenance.source = "offer-source";
    return result;
}

/// A Fusion-style dark palette, as a dark desktop theme gives.
QPalette darkPalette() {
    QPalette palette;
    const QColor window(0x35, 0x35, 0x35);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xee, 0xee, 0xee);
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        palette.setColor(group, QPalette::Window, window);
        palette.setColor(group, QPalette::WindowText, text);
        palette.setColor(group, QPalette::Base, base);
        palette.setColor(group, QPalette::AlternateBase, window);
        palette.setColor(group, QPalette::Text, text);
        palette.setColor(group, QPalette::Button, window);
        palette.setColor(group, QPalette::ButtonText, text);
    }
    return palette;
}

/// Lightness of the plot's own background: a pixel of the margin left of the axis labels.
int backgroundLightness(ParetoChart& chart) {
    const QImage image = chart.toPixmap(chart.width(), chart.height()).toImage();
    return image.pixelColor(2, 2).lightness();
}

QRectF boxOf(const QCPItemText& label) {
    return QRectF(label.topLeft->pixelPosition(), label.bottomRight->pixelPosition()).normalized();
}

QTableView* viewOf(MainWindow& window, const QAbstractItemModel* model) {
    for (QTableView* view : window.findChildren<QTableView*>()) {
        if (view->model() == model)
            return view;
    }
    return nullptr;
}

} // namespace

class TestUiReadability : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // The default catalog is laid out in a folder of the test's own, never the user's.
        QVERIFY(dataHome_.isValid());
        qputenv("XDG_DATA_HOME", dataHome_.path().toUtf8());
    }

    void controlsDockShowsEverySpinBoxWhole_data() {
        QTest::addColumn<QSize>("windowSize");
        QTest::newRow("1920x1080") << QSize(1920, 1080);
        QTest::newRow("1366x768") << QSize(1366, 768);
    }
    void controlsDockShowsEverySpinBoxWhole() {
        QFETCH(QSize, windowSize);
        QString error;
        std::optional<Catalog> catalog = app::loadCatalog(QString(), &error);
        QVERIFY2(catalog, qPrintable(error));
        MainWindow window(std::move(*catalog));
        window.resize(windowSize);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("controls"));
        QVERIFY(dock);
        auto* scroll = qobject_cast<QScrollArea*>(dock->widget());
        QVERIFY(scroll);
        const QRect viewport = scroll->viewport()->rect();
        QList<QWidget*> fields;
        for (QAbstractSpinBox* box : window.slaPanel()->findChildren<QAbstractSpinBox*>())
            fields << box;
        for (QComboBox* box : window.slaPanel()->findChildren<QComboBox*>())
            fields << box;
        // 6 spin boxes (3 SLA limits, attainment, $/GPU-hour, utilisation), 2 selectors.
        QCOMPARE(fields.size(), 8);
        for (QWidget* field : fields) {
            const QRect inViewport(field->mapTo(scroll->viewport(), QPoint(0, 0)), field->size());
            QVERIFY2(field->width() >= field->sizeHint().width(),
                     qPrintable(QStringLiteral("%1 is %2 px wide, needs %3")
                                    .arg(field->toolTip().left(30))
                                    .arg(field->width())
                                    .arg(field->sizeHint().width())));
            QVERIFY2(viewport.contains(inViewport),
                     qPrintable(QStringLiteral("field at %1..%2 outside 0..%3")
                                    .arg(inViewport.left())
                                    .arg(inViewport.right())
                                    .arg(viewport.right())));
        }
        // The chart stays the main thing: the dock takes well under a third of the window.
        QVERIFY2(dock->width() < window.width() / 3, qPrintable(QString::number(dock->width())));
    }

    // On a laptop screen the legend sits below the plot in as many columns as fit: it never
    // takes the plot's room (the cost chart's 8 entries once took more than half of it).
    void legendsLeaveThePlotMostOfItsChart() {
        QString error;
        std::optional<Catalog> catalog = app::loadCatalog(QString(), &error);
        QVERIFY2(catalog, qPrintable(error));
        MainWindow window(std::move(*catalog));
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (ParetoChart* chart : window.chartArea()->charts()) {
            window.chartArea()->tabs()->setCurrentWidget(chart);
            QTest::qWait(20);
            chart->replot();
            QVERIFY(chart->legend->visible());
            const double share = double(chart->axisRect()->height()) / chart->height();
            QVERIFY2(share >= 0.55, qPrintable(QStringLiteral("%1: plot %2 of %3 px")
                                                   .arg(chart->yAxis->label())
                                                   .arg(chart->axisRect()->height())
                                                   .arg(chart->height())));
        }
    }

    void chartsFollowADarkApplicationPalette() {
        MainWindow window(testing::uiTestCatalog());
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QPalette original = QApplication::palette();
        const int lightBackground =
            backgroundLightness(*window.chartArea()->chart(ChartMetric::CostPerMTotal));
        QVERIFY2(lightBackground > 200, qPrintable(QString::number(lightBackground)));

        QApplication::setPalette(darkPalette());
        QCoreApplication::processEvents();
        for (ChartMetric metric :
             {ChartMetric::ThroughputPerGpu, ChartMetric::CostPerMTotal, ChartMetric::Ttft}) {
            ParetoChart* chart = window.chartArea()->chart(metric);
            window.chartArea()->tabs()->setCurrentWidget(chart);
            QCoreApplication::processEvents();
            // The dark palette's base is #1e1e1e (lightness 30): the plot is drawn on it.
            const int background = backgroundLightness(*chart);
            QVERIFY2(background < 60, qPrintable(QString::number(background)));
            // Every text on it stands out by at least half the lightness scale.
            QList<QColor> inks{chart->xAxis->tickLabelColor(), chart->yAxis->tickLabelColor(),
                               chart->xAxis->labelColor(), chart->yAxis->labelColor(),
                               chart->legend->textColor()};
            for (int i = 0; i < chart->legend->itemCount(); ++i) {
                if (QCPAbstractLegendItem* item = chart->legend->item(i))
                    inks << item->textColor();
            }
            for (QCPItemText* label : chart->offerLabels())
                inks << label->color();
            for (const QColor& ink : inks)
                QVERIFY2(ink.lightness() - background > 128, qPrintable(ink.name()));
            // Axes and grid are visible but quieter than the text.
            const int axis = chart->xAxis->basePen().color().lightness();
            const int grid = chart->xAxis->grid()->pen().color().lightness();
            QVERIFY2(axis > background + 40 && axis < 0xee, qPrintable(QString::number(axis)));
            QVERIFY2(grid > background + 8 && grid < axis, qPrintable(QString::number(grid)));
            QVERIFY(chart->legend->brush().color().lightness() < 60);
        }

        // The summary card above the charts turns dark with them, its text light.
        SummaryStrip* summary = window.chartArea()->summary();
        const QImage card = summary->grab().toImage();
        QVERIFY(card.pixelColor(card.width() - 4, card.height() / 2).lightness() < 80);
        QVERIFY(summary->palette().color(summary->foregroundRole()).lightness() > 200);

        QApplication::setPalette(original);
        QCoreApplication::processEvents();
        ParetoChart* cost = window.chartArea()->chart(ChartMetric::CostPerMTotal);
        QVERIFY(backgroundLightness(*cost) > 200);
        QVERIFY(cost->xAxis->tickLabelColor().lightness() < 80);
    }

    void offerLabelsNeverOverlap() {
        // Eight offers within a few cents and a few tok/s of each other, three of unknown speed
        // at nearly one price: drawn where they are, their labels would pile on each other.
        Catalog catalog = testing::uiTestCatalog();
        catalog.offers = {offer("Alpha Cloud", 0.10, 0.30, 150),
                          offer("Beta Cloud", 0.10, 0.31, 151),
                          offer("Gamma Cloud", 0.11, 0.30, 149),
                          offer("Delta Cloud", 0.10, 0.32, 152),
                          offer("Epsilon Cloud", 0.09, 0.30, 150),
                          offer("Zeta Cloud", 0.10, 0.30, 155),
                          offer("Eta Cloud", 0.10, 0.295, 148),
                          offer("Theta Cloud", 0.12, 0.30, 150),
                          offer("Unknown One", 0.20, 0.60, std::nullopt),
                          offer("Unknown Two", 0.20, 0.61, std::nullopt),
                          offer("Unknown Three", 0.21, 0.60, std::nullopt)};
        MainWindow window(std::move(catalog));
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ParetoChart* chart = window.chartArea()->chart(ChartMetric::CostPerMTotal);
        window.chartArea()->tabs()->setCurrentWidget(chart);
        QCOMPARE(chart->offerLabels().size(), std::size_t(11));

        const auto visibleBoxes = [chart] {
            std::vector<QRectF> boxes;
            for (QCPItemText* label : chart->offerLabels()) {
                if (label->visible())
                    boxes.push_back(boxOf(*label));
            }
            return boxes;
        };
        const auto checkApart = [](const std::vector<QRectF>& boxes, const QRectF& area,
                                   const char* when) {
            // Epsilon ($0.195) is the cheapest: it always keeps its label.
            QVERIFY2(boxes.size() >= 2, when);
            for (const QRectF& box : boxes)
                QVERIFY2(area.contains(box), when);
            for (std::size_t a = 0; a < boxes.size(); ++a) {
                for (std::size_t b = a + 1; b < boxes.size(); ++b)
                    QVERIFY2(!boxes[a].intersects(boxes[b]), when);
            }
        };
        const auto checkNoOverlap = [&](const char* when) {
            chart->replot();
            checkApart(visibleBoxes(), chart->axisRect()->rect(), when);
        };
        checkNoOverlap("log axes");
        QVERIFY(chart->offerLabels()[4]->visible());
        QVERIFY(chart->offerLabels()[4]->text().startsWith(QStringLiteral("Epsilon Cloud")));
        chart->setLogY(false);
        checkNoOverlap("linear axes");
        // Zooming in by the mouse wheel moves every marker: the labels follow without overlap.
        const QPoint centre(qRound(chart->xAxis->coordToPixel(150)),
                            qRound(chart->yAxis->coordToPixel(0.2)));
        QWheelEvent wheel(centre, chart->mapToGlobal(centre), QPoint(), QPoint(0, 240),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(chart, &wheel);
        checkNoOverlap("zoomed in");
        applyPresentationStyle(*chart, true);
        checkNoOverlap("presentation fonts");
        // An export lays the chart out at its own size (1600 × 900 here): the labels too.
        const int onScreenWidth = chart->axisRect()->rect().width();
        std::vector<QRectF> exported;
        QRectF exportedArea;
        const QMetaObject::Connection watch = connect(chart, &QCustomPlot::afterLayout, this, [&] {
            exported = visibleBoxes();
            exportedArea = chart->axisRect()->rect();
        });
        const QImage image = chart->toPixmap(1600, 900).toImage();
        disconnect(watch);
        QCOMPARE(image.width(), 1600);
        QVERIFY(exportedArea.width() > onScreenWidth); // laid out anew, wider than on screen
        checkApart(exported, exportedArea, "exported");
        // Every offer, labelled or not, is listed in the offers table.
        QCOMPARE(window.offerModel()->rowCount(), 11);
    }

    void unknownSpeedOffersShowAsUnknownAfterTheKnownFeasible() {
        Catalog catalog = testing::uiTestCatalog();
        // 1k/1k prices are the mean of input and output: $0.20, $0.10, $0.05.
        catalog.offers = {offer("FastAPI Co", 0.10, 0.30, 150, 0.5),
                          offer("Mystery Cloud", 0.05, 0.15, std::nullopt, 3.0),
                          offer("Cheap Slow", 0.02, 0.08, 20, 0.5)};
        MainWindow window(std::move(catalog));
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QDoubleSpinBox* minInteractivity = window.slaPanel()->minInteractivityBox();
        minInteractivity->setFocus();
        minInteractivity->findChild<QLineEdit*>()->selectAll();
        QTest::keyClicks(minInteractivity, QStringLiteral("40"));
        QCOMPARE(window.state()->sla().minInteractivity, std::optional<double>(40));

        // At ≥ 40 tok/s/user: FastAPI (150) meets it, Mystery's speed is unknown, Cheap Slow (20)
        // fails. Known-feasible first, unknown next, failing last, whatever the prices.
        QTableView* table = viewOf(window, window.offerModel());
        QVERIFY(table);
        const QAbstractItemModel& model = *table->model();
        const auto cell = [&model](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        const QStringList providers{cell(0, OfferTableModel::ProviderColumn).toString(),
                                    cell(1, OfferTableModel::ProviderColumn).toString(),
                                    cell(2, OfferTableModel::ProviderColumn).toString()};
        QCOMPARE(providers,
                 QStringList({QStringLiteral("FastAPI Co"), QStringLiteral("Mystery Cloud"),
                              QStringLiteral("Cheap Slow")}));
        QCOMPARE(cell(0, OfferTableModel::MeetsSlaColumn).toString(), QStringLiteral("yes"));
        QCOMPARE(cell(1, OfferTableModel::MeetsSlaColumn).toString(),
                 QStringLiteral("unknown (speed not published)"));
        QCOMPARE(cell(2, OfferTableModel::MeetsSlaColumn).toString(), QStringLiteral("no"));
        // Only the failing offer is greyed; the unknown one reads like any other row.
        QVERIFY(!cell(1, OfferTableModel::ProviderColumn, Qt::ForegroundRole).isValid());
        QVERIFY(cell(2, OfferTableModel::ProviderColumn, Qt::ForegroundRole).isValid());

        // The summary names the cheaper offer of unknown speed beside the one known to meet it.
        const QString summary = summaryText(*window.state());
        QVERIFY2(summary.contains(QStringLiteral("<b>FastAPI Co</b>")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Mystery Cloud at $0.100, speed unknown")),
                 qPrintable(summary));

        // Hovering Mystery's dashed price line on the cost chart says the same.
        ParetoChart* chart = window.chartArea()->chart(ChartMetric::CostPerMTotal);
        window.chartArea()->tabs()->setCurrentWidget(chart);
        chart->replot();
        const QPointF onLine(chart->axisRect()->center().x(), chart->yAxis->coordToPixel(0.10));
        const QString tooltip = chart->tooltipAt(onLine);
        QVERIFY2(tooltip.contains(QStringLiteral("Mystery Cloud")) &&
                     tooltip.contains(QStringLiteral("unknown (speed not published)")),
                 qPrintable(tooltip));

        // A TTFT limit Mystery is known to miss (3 s > 2 s) makes it fail, not unknown.
        window.slaPanel()->maxTtftBox()->setValue(2.0);
        QCOMPARE(cell(1, OfferTableModel::ProviderColumn).toString(), QStringLiteral("Cheap Slow"));
        QCOMPARE(cell(2, OfferTableModel::ProviderColumn).toString(),
                 QStringLiteral("Mystery Cloud"));
        QCOMPARE(cell(2, OfferTableModel::MeetsSlaColumn).toString(), QStringLiteral("no"));
    }

    void winnersBandIsDrawnFromTheEnvelopesCosts() {
        MainWindow window(testing::uiTestCatalog());
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ParetoChart* chart = window.chartArea()->chart(ChartMetric::CostPerMTotal);
        window.chartArea()->tabs()->setCurrentWidget(chart);
        chart->replot();

        const auto checkBands = [&window, chart](const char* when) {
            const DashboardState& state = *window.state();
            std::vector<QCPGraph*> bands;
            for (int i = 0; i < chart->graphCount(); ++i) {
                if (chart->graph(i)->name() == QStringLiteral("Cheapest system at each speed"))
                    bands.push_back(chart->graph(i));
            }
            QVERIFY2(bands.size() == state.envelope().size(), when);
            const std::vector<double>& grid = state.envelopeGrid();
            for (std::size_t b = 0; b < bands.size(); ++b) {
                const EnvelopeStretch& stretch = state.envelope()[b];
                QVERIFY2(bands[b]->dataCount() > 0, when);
                for (int i = 0; i < bands[b]->dataCount(); ++i) {
                    const double x = bands[b]->data()->at(i)->key;
                    // Within its stretch, or one grid step past it (no gaps between stretches).
                    const std::size_t last = std::min(stretch.lastIndex + 1, grid.size() - 1);
                    QVERIFY2(x >= grid[stretch.firstIndex] && x <= grid[last], when);
                    // Independently: the state's own evaluation of that series at x.
                    const std::optional<double> cost = state.costToMeet(stretch.series, x);
                    QVERIFY2(cost.has_value(), when);
                    QVERIFY2(qAbs(bands[b]->data()->at(i)->value - *cost) < 1e-9 * *cost, when);
                }
            }
        };
        checkBands("all series");
        // Hiding the first series from the legend redraws the band without it.
        QCPAbstractLegendItem* first = nullptr;
        for (int i = 0; i < chart->legend->itemCount() && !first; ++i) {
            auto* item = qobject_cast<QCPPlottableLegendItem*>(chart->legend->item(i));
            if (item && item->plottable()->name().contains(QStringLiteral("BetaGPU")))
                first = item;
        }
        QVERIFY(first);
        QTest::mouseClick(chart, Qt::LeftButton, {}, first->outerRect().center());
        QVERIFY(window.state()->isHidden(1));
        chart->replot();
        checkBands("Beta hidden");
        for (const EnvelopeStretch& stretch : window.state()->envelope())
            QVERIFY(stretch.series != 1);
    }

    void seriesWithoutTtftSayUnknownInTheTtftLegend() {
        Catalog catalog = testing::uiTestCatalog();
        for (OperatingPoint& point : catalog.series[1].points) // BetaGPU publishes no TTFT
            point.figures.ttftSeconds.p50.reset();
        MainWindow window(std::move(catalog));
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto legendNames = [](ParetoChart* chart) {
            QStringList names;
            for (int i = 0; i < chart->legend->itemCount(); ++i) {
                if (auto* item = qobject_cast<QCPPlottableLegendItem*>(chart->legend->item(i)))
                    names << item->plottable()->name();
            }
            return names;
        };
        const QStringList ttft = legendNames(window.chartArea()->chart(ChartMetric::Ttft));
        QCOMPARE(ttft.filter(QStringLiteral("TTFT unknown")).size(), 1);
        QVERIFY2(ttft.filter(QStringLiteral("TTFT unknown"))
                     .front()
                     .startsWith(QStringLiteral("BetaGPU")),
                 qPrintable(ttft.join(QStringLiteral(" | "))));
        // Throughput is known for every point: no entry there says anything is missing.
        const QStringList throughput =
            legendNames(window.chartArea()->chart(ChartMetric::ThroughputPerGpu));
        QCOMPARE(throughput.size(), 3);
        QCOMPARE(throughput.filter(QStringLiteral(" — ")).size(), 0);
    }

    void detailsListAccuracyPerBenchmarkWithItsLoss() {
        MainWindow window(testing::uiTestCatalog());
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTableView* ranking = window.rankingView();
        int alphaRow = -1;
        for (int row = 0; row < ranking->model()->rowCount(); ++row) {
            if (ranking->model()->index(row, 0).data(RankingTableModel::SeriesIndexRole) == 0)
                alphaRow = row;
        }
        QVERIFY(alphaRow >= 0);
        QTest::mouseClick(ranking->viewport(), Qt::LeftButton, {},
                          ranking->visualRect(ranking->model()->index(alphaRow, 0)).center());
        auto* details = window.findChild<QTextBrowser*>();
        QVERIFY(details);
        const QString text = details->toPlainText();
        // Alpha (fp4) scores 95.1 on GSM8K against 95.9 at fp8: 0.8 points lost, by hand.
        QVERIFY2(text.contains(QStringLiteral("AlphaGPU")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("GSM8K")) && text.contains(QStringLiteral("95.1")) &&
                     text.contains(QStringLiteral("95.9 fp8")) &&
                     text.contains(QStringLiteral("−0.8")),
                 qPrintable(text));
        // Beta (fp8) has no published score: unknown, not blank.
        int betaRow = -1;
        for (int row = 0; row < ranking->model()->rowCount(); ++row) {
            if (ranking->model()->index(row, 0).data(RankingTableModel::SeriesIndexRole) == 1)
                betaRow = row;
        }
        QVERIFY(betaRow >= 0);
        QTest::mouseClick(ranking->viewport(), Qt::LeftButton, {},
                          ranking->visualRect(ranking->model()->index(betaRow, 0)).center());
        QVERIFY2(details->toPlainText().contains(QStringLiteral("vs baseline: unknown")),
                 qPrintable(details->toPlainText()));
    }

    void isoTableAgreesWithTheRankingBelowEveryFrontier() {
        MainWindow window(testing::uiTestCatalog());
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTableView* iso = viewOf(window, window.isoModel());
        QVERIFY(iso);
        const QAbstractItemModel& model = *iso->model();
        // Gamma's slowest point is at 20 tok/s/user; at 10 its max-throughput point serves, as
        // in the ranking: $3/h at 9000 tok/s/GPU = 3e6 / (9000 × 3600) = $0.0926.
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("$0.0926"));
        QVERIFY(model.index(2, 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("max-throughput point")));
        // Every cell, independently: a fresh engine ranking at that min interactivity.
        RankingEngine engine = RankingEngine::fromCatalog(testing::uiTestCatalog());
        engine.setSeriesEnabled(3, false); // OtherModel is filtered out of the view
        for (int column = 0; column < model.columnCount(); ++column) {
            Sla sla;
            sla.minInteractivity = 10.0 * (column + 1);
            const Ranking ranking = engine.rank(sla, CostSettings{}, Workload{1024, 1024});
            for (const SeriesResult& result : ranking.series) {
                const QString expected = result.feasible ? formatUsd(result.costPerMTotal)
                                                         : QStringLiteral("unreachable");
                QCOMPARE(model.index(int(result.series), column).data().toString(), expected);
            }
        }
    }

private:
    QTemporaryDir dataHome_;
};

QTEST_MAIN(TestUiReadability)
#include "test_ui_readability.moc"
