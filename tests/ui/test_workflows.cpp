// The dashboard's everyday workflows on a real catalog file: editing with undo, importing by
// drag-and-drop (good and bad files), exports, the clipboard, saved views, presentation mode.
#include "CatalogEditorDialog.h"
#include "CatalogFileSession.h"
#include "CatalogStore.h"
#include "ChartArea.h"
#include "ChartExport.h"
#include "DashboardState.h"
#include "FiltersPanel.h"
#include "ImportOptionsDialog.h"
#include "ImportRunner.h"
#include "IsoInteractivityModel.h"
#include "MainWindow.h"
#include "PresentationStyle.h"
#include "RankingTableModel.h"
#include "SlaPanel.h"
#include "ViewSettings.h"
#include "WorkflowController.h"
#include "WorkflowTestSupport.h"

#include <QClipboard>
#include <QDate>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDropEvent>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace tokenomics;
using namespace tokenomics::ui;

namespace {
constexpr std::size_t beta = 1;
} // namespace

class TestWorkflows : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(settingsDir_.isValid());
        testing::isolateSettings(settingsDir_.path());
    }
    void init() {
        QVERIFY(fixture_.setUp());
        dir_ = &*fixture_.dir;
        path_ = fixture_.path;
        session_ = fixture_.session.get();
        window_ = fixture_.window.get();
        controller_ = fixture_.controller;
    }
    void cleanup() { fixture_.tearDown(); }

    void editThenUndoRestoresTheCatalogAndTheRanking() {
        const RankingTableModel& ranking = *window_->rankingModel();
        // At 10 tok/s/user Beta ($1/h at 6000 tok/s/GPU) is cheapest: 0.0463 $/1M.
        QCOMPARE(ranking.resultAt(0).series, beta);
        QVERIFY(qAbs(*ranking.resultAt(0).costPerMTotal - testing::costPerM(1, 6000)) < 1e-9);

        RowEditorPage* page = controller_->editorDialog()->page(1);
        controller_->editorDialog()->show();
        const int row = testing::rowStartingWith(page->rows(), QStringLiteral("BetaGPU"));
        QVERIFY(row >= 0);
        page->rows()->setCurrentRow(row);
        testing::typeInto(page->input(QStringLiteral("Direct $/GPU-hour")), QStringLiteral("10"));
        QVERIFY(page->saveButton()->isEnabled());
        QTest::mouseClick(page->saveButton(), Qt::LeftButton);

        // $10/h makes Beta the dearest: 10e6 / (6000 × 3600) = 0.463 $/1M, after Alpha and Gamma.
        std::string error;
        std::optional<Catalog> saved = session_->editor().reload(&error);
        QVERIFY(saved);
        auto betaBasis = [](const Catalog& catalog) {
            for (const CostBasis& basis : catalog.costBases) {
                if (basis.hardware == "BetaGPU")
                    return basis.usdPerGpuHour.value_or(-1);
            }
            return -1.0;
        };
        QCOMPARE(betaBasis(*saved), 10.0);
        QCOMPARE(ranking.resultAt(2).series, beta);
        QVERIFY(qAbs(*ranking.resultAt(2).costPerMTotal - testing::costPerM(10, 6000)) < 1e-9);

        // Ctrl+Z in the main window: the file and the ranking are as before.
        window_->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window_));
        QTest::keyClick(window_, Qt::Key_Z, Qt::ControlModifier);
        saved = session_->editor().reload(&error);
        QCOMPARE(betaBasis(*saved), 1.0);
        QCOMPARE(saved->costBases.size(), std::size_t(3));
        QCOMPARE(ranking.resultAt(0).series, beta);
        QVERIFY(qAbs(*ranking.resultAt(0).costPerMTotal - testing::costPerM(1, 6000)) < 1e-9);

        // Ctrl+Shift+Z redoes it.
        QTest::keyClick(window_, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(betaBasis(*session_->editor().reload(&error)), 10.0);
        QCOMPARE(ranking.resultAt(2).series, beta);
    }

    // What a person types in a number field is read as they meant it or refused, never
    // silently scaled: "2,5" from a German keyboard is 2.5, not 25.
    void editorNumbersAreReadAsTyped_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("preview"); // empty: refused
        QTest::newRow("point") << "2.5"
                               << "$2.50";
        QTest::newRow("decimal comma") << "2,5"
                                       << "$2.50";
        QTest::newRow("dollar sign") << "$12.29"
                                     << "$12.29";
        QTest::newRow("thousands") << "1,200"
                                   << "$1,200";
        QTest::newRow("thousands with decimals") << "1,200.25"
                                                 << "$1,200";
        QTest::newRow("two commas") << "1,2,3"
                                    << "";
        QTest::newRow("comma and point") << "1,5.0"
                                         << "";
        QTest::newRow("infinity") << "inf"
                                  << "";
        QTest::newRow("not a number") << "nan"
                                      << "";
    }
    void editorNumbersAreReadAsTyped() {
        QFETCH(QString, typed);
        QFETCH(QString, preview);
        RowEditorPage* page = controller_->editorDialog()->page(1);
        page->rows()->setCurrentRow(
            testing::rowStartingWith(page->rows(), QStringLiteral("BetaGPU")));
        testing::typeInto(page->input(QStringLiteral("Direct $/GPU-hour")), typed);
        if (preview.isEmpty()) {
            QVERIFY2(page->problems()->text().contains(QStringLiteral("must be a number")),
                     qPrintable(page->problems()->text()));
            QVERIFY(!page->saveButton()->isEnabled());
        } else {
            QVERIFY2(page->problems()->text().isEmpty(), qPrintable(page->problems()->text()));
            QVERIFY2(page->preview()->text().contains(preview),
                     qPrintable(page->preview()->text()));
        }
    }

    void badValuesAreNamedAndNotSaved() {
        RowEditorPage* page = controller_->editorDialog()->page(1);
        page->rows()->setCurrentRow(
            testing::rowStartingWith(page->rows(), QStringLiteral("AlphaGPU")));
        testing::typeInto(page->input(QStringLiteral("Capex ($ per GPU)")),
                          QStringLiteral("30000"));
        testing::typeInto(page->input(QStringLiteral("Life (years)")), QStringLiteral("4"));
        testing::typeInto(page->input(QStringLiteral("Cost of capital (per year)")),
                          QStringLiteral("0.1"));
        testing::typeInto(page->input(QStringLiteral("Opex ($ per GPU-year)")),
                          QStringLiteral("1000"));
        testing::typeInto(page->input(QStringLiteral("Availability (0–1]")), QStringLiteral("1.5"));
        testing::typeInto(page->input(QStringLiteral("All-in kW per GPU (ownership)")),
                          QStringLiteral("1.5"));
        testing::typeInto(page->input(QStringLiteral("PUE")), QStringLiteral("1.3"));
        testing::typeInto(page->input(QStringLiteral("$ per kWh")), QStringLiteral("0.08"));
        QVERIFY(page->problems()->text().contains(QStringLiteral("availability")));
        QVERIFY(page->problems()->text().contains(QStringLiteral("(0, 1]")));
        QVERIFY(!page->saveButton()->isEnabled());
        testing::typeInto(page->input(QStringLiteral("PUE")), QStringLiteral("0.9"));
        QVERIFY(page->problems()->text().contains(QStringLiteral("PUE: must be ≥ 1")));

        // Fixed values: the live $/GPU-hour from the ownership formula once the direct figure
        // is cleared. CRF = 0.1 × 1.1⁴ / (1.1⁴ − 1) = 0.315471; (30000 × CRF + 1000) /
        // (8760 × 0.9) = 1.3273; power 1.5 × 1.3 × 0.08 = 0.156; total 1.4833 → "$1.48".
        testing::typeInto(page->input(QStringLiteral("Availability (0–1]")), QStringLiteral("0.9"));
        testing::typeInto(page->input(QStringLiteral("PUE")), QStringLiteral("1.3"));
        testing::typeInto(page->input(QStringLiteral("Direct $/GPU-hour")), QString());
        QVERIFY2(page->problems()->text().isEmpty(), qPrintable(page->problems()->text()));
        QVERIFY2(page->preview()->text().contains(QStringLiteral("$1.48")),
                 qPrintable(page->preview()->text()));
        QVERIFY(page->saveButton()->isEnabled());

        // Nothing was written while the form was wrong.
        std::string error;
        const Catalog catalog = *session_->editor().reload(&error);
        for (const CostBasis& basis : catalog.costBases)
            QVERIFY(!basis.ownership);
    }

    void offerAddDeleteAndUndo() {
        RowEditorPage* page = controller_->editorDialog()->page(2);
        QCOMPARE(page->rows()->count(), 2);
        QTest::mouseClick(page->newButton(), Qt::LeftButton);
        testing::typeInto(page->input(QStringLiteral("Provider")),
                          QStringLiteral("Cheap Tokens Inc"));
        testing::typeInto(page->input(QStringLiteral("Model")), QStringLiteral("TestModel"));
        testing::typeInto(page->input(QStringLiteral("Input $ per 1M tokens")),
                          QStringLiteral("0.05"));
        testing::typeInto(page->input(QStringLiteral("Output $ per 1M tokens")),
                          QStringLiteral("abc"));
        QVERIFY(page->problems()->text().contains(QStringLiteral("must be a number")));
        testing::typeInto(page->input(QStringLiteral("Output $ per 1M tokens")),
                          QStringLiteral("0.15"));
        QTest::mouseClick(page->saveButton(), Qt::LeftButton);
        QCOMPARE(window_->state()->catalog().offers.size(), std::size_t(3));
        QCOMPARE(page->rows()->count(), 3);
        QVERIFY(page->rows()->currentItem()->text().startsWith(QStringLiteral("Cheap Tokens Inc")));

        QTest::mouseClick(page->deleteButton(), Qt::LeftButton);
        QCOMPARE(window_->state()->catalog().offers.size(), std::size_t(2));
        controller_->undoStack()->undo();
        QCOMPARE(window_->state()->catalog().offers.size(), std::size_t(3));
        controller_->undoStack()->undo();
        QCOMPARE(window_->state()->catalog().offers.size(), std::size_t(2));
        std::string error;
        QCOMPARE(session_->editor().reload(&error)->offers.size(), std::size_t(2));
    }

    // The figure's title ("$ per 1M total tokens vs Interactivity — TestModel · ISL/OSL 1k/1k ·
    // p50 statistic") is one line at the export width: the first band of ink is one bold
    // line, and the next is the scenario sentence in body text, not the title's second line.
    void exportedFigureKeepsItsTitleOnOneLine() {
        const QImage figure = chartImage(*window_->chartArea()->currentChart());
        const double scale = figure.width() / double(chartExportWidth);
        const auto inked = [&figure](int y) {
            for (int x = 0; x < figure.width(); x += 2) {
                if (figure.pixelColor(x, y).lightness() < 100)
                    return true;
            }
            return false;
        };
        // Bands of rows with ink, in logical pixels, split at 4 blank logical rows.
        std::vector<std::pair<double, double>> bands;
        int blank = 0;
        for (int y = 0; y < figure.height() && bands.size() < 3; ++y) {
            if (!inked(y)) {
                ++blank;
                continue;
            }
            if (bands.empty() || blank >= int(4 * scale))
                bands.emplace_back(y / scale, y / scale);
            bands.back().second = y / scale;
            blank = 0;
        }
        QVERIFY(bands.size() >= 2);
        const double title = bands[0].second - bands[0].first;
        const double next = bands[1].second - bands[1].first;
        QVERIFY2(title > 18 && title < 40, qPrintable(QString::number(title)));
        QVERIFY2(next < 20, qPrintable(QStringLiteral("second band %1 px tall").arg(next)));
    }

    void exportsProduceFilesOfTheRightTypeAndSize() {
        QString error;
        const QString png = dir_->filePath(QStringLiteral("chart.png"));
        QVERIFY2(controller_->exportChart(png, &error), qPrintable(error));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(qRound(chartExportWidth * chartExportScale),
                                     qRound(chartExportHeight * chartExportScale)));
        QVERIFY(image.size().width() >= 3840);

        const QString svg = dir_->filePath(QStringLiteral("chart.svg"));
        QVERIFY2(controller_->exportChart(svg, &error), qPrintable(error));
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox(), QRect(0, 0, chartExportWidth, chartExportHeight));
        // The figure says what it shows: the view, the SLA and cost basis, the sources with
        // their dates and the day of the export.
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QString svgText = QString::fromUtf8(svgFile.readAll());
        for (const QString& expected :
             {window_->state()->viewTitle(), QStringLiteral("SLA"), QStringLiteral("cost basis"),
              QStringLiteral("Sources:"),
              QStringLiteral("Exported ") + QDate::currentDate().toString(Qt::ISODate)})
            QVERIFY2(svgText.contains(expected.toHtmlEscaped()), qPrintable(expected));
        if (!qEnvironmentVariableIsEmpty("TOKENOMICS_TEST_KEEP_PAGES"))
            QFile::copy(png, QDir(qEnvironmentVariable("TOKENOMICS_TEST_KEEP_PAGES"))
                                 .filePath(QStringLiteral("chart-export.png")));
        // A dark desktop still exports a light figure.
        QPalette dark = window_->palette();
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        window_->setPalette(dark);
        QVERIFY2(controller_->exportChart(png, &error), qPrintable(error));
        const QImage light(png);
        QCOMPARE(light.pixelColor(light.width() / 2, light.height() / 2).lightness() > 200, true);
        QCOMPARE(QColor(light.pixel(5, 5)), QColor(Qt::white));

        const QString pdf = dir_->filePath(QStringLiteral("chart.pdf"));
        QVERIFY2(controller_->exportChart(pdf, &error), qPrintable(error));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5) == "%PDF-");
        QVERIFY(pdfFile.size() > 5000);

        QVERIFY(!controller_->exportChart(dir_->filePath(QStringLiteral("chart.bmp")), &error));
        QVERIFY(error.contains(QStringLiteral("chart.bmp")));

        const QString csv = dir_->filePath(QStringLiteral("ranking.csv"));
        QVERIFY2(controller_->exportRanking(csv, &error), qPrintable(error));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines =
            QString::fromUtf8(csvFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), window_->rankingModel()->rowCount() + 1);
        // Numbers with their units in the header, the series' identity first: Beta ranks first
        // at 10 tok/s/user, at $1/GPU-hour over 6000 tok/s/GPU (full precision, no "$").
        const QStringList header = lines[0].split(QLatin1Char(','));
        const QStringList beta = lines[1].split(QLatin1Char(','));
        QCOMPARE(beta.size(), header.size());
        const auto field = [&](const QStringList& row, const QString& name) {
            return row.value(int(header.indexOf(name)));
        };
        QCOMPARE(field(beta, QStringLiteral("Model")), QStringLiteral("TestModel"));
        QCOMPARE(field(beta, QStringLiteral("Hardware")), QStringLiteral("BetaGPU"));
        QCOMPARE(field(beta, QStringLiteral("ISL (tokens)")), QStringLiteral("1024"));
        QCOMPARE(field(beta, QStringLiteral("Meets SLA")), QStringLiteral("yes"));
        bool isNumber = false;
        const double cost =
            field(beta, QStringLiteral("Cost per 1M total tokens (USD)")).toDouble(&isNumber);
        QVERIFY(isNumber);
        QVERIFY(std::abs(cost - 1e6 / (6000.0 * 3600)) < 1e-12);
        const double ttft = field(beta, QStringLiteral("TTFT (s)")).toDouble(&isNumber);
        QVERIFY(isNumber && ttft > 0 && ttft < 10);
        QVERIFY(field(beta, QStringLiteral("Interactivity (tok/s/user)")).toDouble(&isNumber) > 0);
        QVERIFY(isNumber);
        QVERIFY(QStringList({QStringLiteral("yes"), QStringLiteral("no")})
                    .contains(field(beta, QStringLiteral("Interpolated"))));

        const QString iso = dir_->filePath(QStringLiteral("iso.csv"));
        QVERIFY2(controller_->exportIsoTable(iso, &error), qPrintable(error));
        QFile isoFile(iso);
        QVERIFY(isoFile.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList isoLines =
            QString::fromUtf8(isoFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(isoLines.size(), window_->isoModel()->rowCount() + 1);
        QVERIFY(isoLines[0].startsWith(QStringLiteral("Model,ISL (tokens),OSL (tokens),Hardware")));
        QVERIFY(isoLines[0].contains(
            QStringLiteral("Cost per 1M total tokens at 10 tok/s/user (USD)")));
        for (const QString& isoLine : isoLines.mid(1)) {
            for (const QString& isoCell : isoLine.split(QLatin1Char(',')).mid(8)) {
                bool isNumber = false;
                isoCell.toDouble(&isNumber);
                QVERIFY2(isNumber || isoCell == QStringLiteral("unreachable") || isoCell.isEmpty(),
                         qPrintable(isoLine));
            }
        }
    }

    void clipboardHoldsTheTableAndTheChart() {
        controller_->action(QStringLiteral("copyRanking"))->trigger();
        const QStringList lines =
            QGuiApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const RankingTableModel& model = *window_->rankingModel();
        QCOMPARE(lines.size(), model.rowCount() + 1);
        const QStringList header = lines[0].split(QLatin1Char('\t'));
        QCOMPARE(header, model.exported().header);
        const QStringList first = lines[1].split(QLatin1Char('\t'));
        QCOMPARE(first.size(), header.size());
        const SeriesKey& top = window_->state()->engine().seriesKey(model.resultAt(0).series);
        QCOMPARE(first[int(header.indexOf(QStringLiteral("Hardware")))],
                 QString::fromStdString(top.hardware));
        // $1/GPU-hour × 1e6 / (6000 × 3600) = 0.046296… → shown "$0.0463", pasted in full.
        QCOMPARE(
            first[int(header.indexOf(QStringLiteral("Cost per 1M total tokens (USD)")))].toDouble(),
            *model.resultAt(0).costPerMTotal);
        QVERIFY(std::abs(*model.resultAt(0).costPerMTotal - 1e6 / (6000.0 * 3600)) < 1e-12);

        controller_->action(QStringLiteral("copyChart"))->trigger();
        const QImage image = QGuiApplication::clipboard()->image();
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= chartExportWidth);
    }

    void savedViewRestoresItsSettings() {
        DashboardState& state = *window_->state();
        Sla sla = state.sla();
        sla.minInteractivity = 55;
        sla.maxTtftSeconds = 0.9;
        sla.statistic = Statistic::P90;
        state.setSla(sla);
        CostSettings cost = state.cost();
        cost.usdPerGpuHourOverride = 2.5;
        cost.utilization = 0.8;
        state.setCost(cost);
        SeriesFilter filter = state.seriesFilter();
        filter.hardware = {"AlphaGPU", "GammaGPU"};
        state.setSeriesFilter(filter);
        state.setParetoOnly(true);
        state.setConfigurationFilter(ConfigurationFilter{{4}, std::nullopt});
        window_->chartArea()->tabs()->setCurrentIndex(1); // cost
        QString error;
        QVERIFY2(controller_->saveCurrentView(QStringLiteral("board meeting"), &error),
                 qPrintable(error));

        // Change everything, then restore.
        window_->chartArea()->tabs()->setCurrentIndex(0);
        state.setSla(Sla{});
        state.setCost(CostSettings{});
        state.setSeriesFilter(SeriesFilter{});
        state.setParetoOnly(false);
        state.setConfigurationFilter(ConfigurationFilter{});
        QVERIFY2(controller_->showSavedView(QStringLiteral("board meeting"), &error),
                 qPrintable(error));
        QCOMPARE(state.sla().minInteractivity, std::optional<double>(55));
        QCOMPARE(state.sla().maxTtftSeconds, std::optional<double>(0.9));
        QCOMPARE(state.sla().statistic, Statistic::P90);
        QCOMPARE(state.cost().usdPerGpuHourOverride, std::optional<double>(2.5));
        QCOMPARE(state.cost().utilization, 0.8);
        QCOMPARE(state.seriesFilter().hardware, (std::vector<std::string>{"AlphaGPU", "GammaGPU"}));
        QVERIFY(state.paretoOnly());
        QCOMPARE(window_->chartArea()->currentChart()->metric(), ChartMetric::CostPerMTotal);
        // The filter lists show the view: BetaGPU unchecked.
        QListWidget* hardware = window_->filtersPanel()->list(QStringLiteral("hardware"));
        QCOMPARE(
            hardware->findItems(QStringLiteral("BetaGPU"), Qt::MatchExactly).front()->checkState(),
            Qt::Unchecked);
        QCOMPARE(state.configurationFilter().gpuCounts, std::vector<std::int32_t>{4});
        QListWidget* gpus = window_->filtersPanel()->list(QStringLiteral("gpus"));
        QCOMPARE(gpus->findItems(QStringLiteral("8"), Qt::MatchExactly).front()->checkState(),
                 Qt::Unchecked);
        QCOMPARE(gpus->findItems(QStringLiteral("4"), Qt::MatchExactly).front()->checkState(),
                 Qt::Checked);
        QVERIFY(window_->filtersPanel()->paretoOnlyBox()->isChecked());
        // It lives in the catalog file.
        data::CatalogError catalogError;
        auto views = data::CatalogStore::open(path_, &catalogError)->loadViews(&catalogError);
        QVERIFY(views);
        QCOMPARE(views->size(), std::size_t(1));
        QCOMPARE(views->front().first, QStringLiteral("board meeting"));
        QVERIFY(!controller_->showSavedView(QStringLiteral("no such view"), &error));
        QVERIFY(error.contains(QStringLiteral("no such view")));
    }

    void presetViewsSetTheirSla() {
        const std::vector<PresetView> presets = presetViews(window_->state()->catalog());
        QCOMPARE(presets.size(), std::size_t(3));
        QCOMPARE(presets[0].name, QStringLiteral("Llama 3.3 70B chat: 2 s TTFT, 30 tok/s/user"));
        controller_->showView(presets[0].settings);
        QCOMPARE(window_->state()->sla().maxTtftSeconds, std::optional<double>(2));
        QCOMPARE(window_->state()->sla().minInteractivity, std::optional<double>(30));
        QCOMPARE(window_->state()->seriesFilter().models,
                 std::vector<std::string>{"Llama 3.3 70B"});
        QCOMPARE(presets[1].settings.filter.isl, std::optional<std::int32_t>(8192));
        QVERIFY(!presets[2].settings.sla.minInteractivity);
    }

    void presentationModeEnlargesAndRestores() {
        ParetoChart* chart = window_->chartArea()->currentChart();
        const double screenTicks = chart->xAxis->tickLabelFont().pointSizeF();
        QTest::keyClick(window_, Qt::Key_F11);
        QVERIFY(controller_->inPresentation());
        QTRY_VERIFY(window_->isFullScreen());
        QCOMPARE(chart->xAxis->tickLabelFont().pointSizeF(), presentationTickLabelPt);
        QCOMPARE(chart->legend->font().pointSizeF(), presentationLegendPt);
        for (QDockWidget* dock : window_->findChildren<QDockWidget*>())
            QVERIFY(!dock->isVisible());
        // A threshold change rebuilds curves; they stay presentation-sized.
        window_->state()->setMaxTtftSeconds(3.0);
        QCOMPARE(chart->xAxis->tickLabelFont().pointSizeF(), presentationTickLabelPt);
        QTest::keyClick(window_, Qt::Key_Escape);
        QVERIFY(!controller_->inPresentation());
        QTRY_VERIFY(!window_->isFullScreen());
        QCOMPARE(chart->xAxis->tickLabelFont().pointSizeF(), screenTicks);
        for (QDockWidget* dock : window_->findChildren<QDockWidget*>())
            QVERIFY(dock->isVisible());
    }

    void windowSizeIsRememberedAcrossSessions() {
        window_->resize(1200, 700);
        QTest::qWait(50);
        window_->close(); // saves the window state
        QVERIFY(QSettings().contains(QStringLiteral("window/geometry")));
        std::string error;
        MainWindow next(*session_->editor().reload(&error));
        WorkflowController nextController(&next, session_);
        QCOMPARE(next.size(), QSize(1200, 700));
        QCOMPARE(QSettings().value(QStringLiteral("catalog/last")).toString(),
                 QFileInfo(path_).absoluteFilePath());
    }

    // What the buyer set up is there the next morning: typed SLA, a hardware unchecked, the
    // cost tab. On another catalog only the SLA and the cost carry over.
    void lastSlaAndFiltersComeBackOnRestart() {
        const auto typeNumber = [](QDoubleSpinBox* box, const QString& text) {
            box->setFocus();
            box->findChild<QLineEdit*>()->selectAll();
            QTest::keyClicks(box, text);
            QTest::keyClick(box, Qt::Key_Enter);
        };
        typeNumber(window_->slaPanel()->minInteractivityBox(), QStringLiteral("42.5"));
        typeNumber(window_->slaPanel()->maxTtftBox(), QStringLiteral("1.25"));
        QListWidget* hardware = window_->filtersPanel()->list(QStringLiteral("hardware"));
        QListWidgetItem* beta =
            hardware->findItems(QStringLiteral("BetaGPU"), Qt::MatchExactly).front();
        const QRect box = hardware->visualItemRect(beta);
        QTest::mouseClick(hardware->viewport(), Qt::LeftButton, {},
                          QPoint(box.left() + box.height() / 2, box.center().y()));
        QCOMPARE(beta->checkState(), Qt::Unchecked);
        window_->chartArea()->tabs()->setCurrentIndex(1); // cost
        const SeriesFilter filter = window_->state()->seriesFilter();
        QVERIFY(std::find(filter.hardware.begin(), filter.hardware.end(), "BetaGPU") ==
                filter.hardware.end());
        window_->close();

        std::string error;
        MainWindow next(*session_->editor().reload(&error));
        WorkflowController nextController(&next, session_);
        QCOMPARE(next.state()->sla().minInteractivity, std::optional<double>(42.5));
        QCOMPARE(next.state()->sla().maxTtftSeconds, std::optional<double>(1.25));
        QCOMPARE(next.slaPanel()->minInteractivityBox()->value(), 42.5);
        QCOMPARE(next.slaPanel()->maxTtftBox()->value(), 1.25);
        QCOMPARE(next.state()->seriesFilter().hardware, filter.hardware);
        QListWidget* nextHardware = next.filtersPanel()->list(QStringLiteral("hardware"));
        QCOMPARE(nextHardware->findItems(QStringLiteral("BetaGPU"), Qt::MatchExactly)
                     .front()
                     ->checkState(),
                 Qt::Unchecked);
        QCOMPARE(next.chartArea()->currentChart()->metric(), ChartMetric::CostPerMTotal);

        // Another (new, empty) catalog: none of these names, the same SLA.
        const QString other = dir_->filePath(QStringLiteral("other.sqlite"));
        QString openError;
        auto otherSession = app::CatalogFileSession::openFile(other, &openError);
        QVERIFY2(otherSession, qPrintable(openError));
        MainWindow third(*otherSession->editor().reload(&error));
        WorkflowController thirdController(&third, otherSession.get());
        QCOMPARE(third.state()->sla().minInteractivity, std::optional<double>(42.5));
        QCOMPARE(third.state()->seriesFilter().hardware,
                 defaultSeriesFilter(third.state()->catalog()).hardware);
    }

    // F1 opens "How to read this"; Help › About, clicked in the menu bar, names the version,
    // the licence and the catalog open now.
    void helpExplainsTheConventionsAndTheProgram() {
        QTest::keyClick(window_, Qt::Key_F1);
        auto* howTo = window_->findChild<QDialog*>(QStringLiteral("howToRead"));
        QVERIFY(howTo);
        QTRY_VERIFY(howTo->isVisible());
        const QString text = howTo->findChild<QTextBrowser*>()->toPlainText();
        for (const char* phrase : {"Cost per 1M total tokens (input + output", "monotone cubic",
                                   "never extended past the first or last measured point", "MLPerf",
                                   "A cheap token that misses the SLA is worth nothing", "unknown"})
            QVERIFY2(text.contains(QLatin1String(phrase)), phrase);
        howTo->close();

        QMenuBar* bar = window_->menuBar();
        QAction* helpMenu = nullptr;
        for (QAction* entry : bar->actions())
            if (entry->text() == tr("&Help"))
                helpMenu = entry;
        QVERIFY(helpMenu && helpMenu->menu());
        QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(helpMenu).center());
        QMenu* menu = helpMenu->menu();
        QTRY_VERIFY(menu->isVisible());
        QAction* about = controller_->action(QStringLiteral("helpAbout"));
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(about).center());
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window_->findChild<QMessageBox*>(QStringLiteral("about"))) &&
                    box->isVisible());
        const QString aboutText = box->text() + box->informativeText();
        QVERIFY2(aboutText.contains(QStringLiteral(TOKENOMICS_VERSION)), qPrintable(aboutText));
        QVERIFY(
            aboutText.contains(QStringLiteral("GNU General Public License, version 3 or later")));
        QVERIFY(aboutText.contains(QDir::toNativeSeparators(path_)));
        box->close();
    }

    void openingAnotherCatalogSwitchesAndIsRemembered() {
        const QString other = dir_->filePath(QStringLiteral("other.sqlite"));
        QVERIFY(controller_->openCatalog(other)); // created empty
        QCOMPARE(session_->path(), other);
        QCOMPARE(window_->state()->catalog().series.size(), std::size_t(0));
        QCOMPARE(controller_->recentCatalogs().front(), QFileInfo(other).absoluteFilePath());
        QVERIFY(controller_->recentCatalogs().contains(QFileInfo(path_).absoluteFilePath()));
        QVERIFY(controller_->openCatalog(path_));
        QCOMPARE(window_->state()->catalog().series.size(), std::size_t(4));
        QVERIFY(!controller_->openCatalog(dir_->filePath(QStringLiteral("missing/x.sqlite"))));
        QCOMPARE(session_->path(), path_); // the open catalog stays open
    }

private:
    QTemporaryDir settingsDir_;
    testing::WorkflowFixture fixture_;
    QTemporaryDir* dir_ = nullptr;
    QString path_;
    app::CatalogFileSession* session_ = nullptr;
    MainWindow* window_ = nullptr;
    WorkflowController* controller_ = nullptr;
};

QTEST_MAIN(TestWorkflows)
#include "test_workflows.moc"
