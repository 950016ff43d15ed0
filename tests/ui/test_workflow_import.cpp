// Importing by drag-and-drop on a real catalog file: a good file, a bad one (named file, line,
// field; nothing imported), a file lacking its hardware (asked for), a cancelled import.
#include "DashboardState.h"
#include "FiltersPanel.h"
#include "ImportOptionsDialog.h"
#include "ImportRunner.h"
#include "RankingTableModel.h"
#include "WorkflowTestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressDialog>
#include <QTest>

using namespace tokenomics;
using namespace tokenomics::ui;
using testing::dropFile;
using testing::seriesInFile;

class TestWorkflowImport : public QObject {
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
        window_ = fixture_.window.get();
        controller_ = fixture_.controller;
    }
    void cleanup() { fixture_.tearDown(); }

    void droppedFileIsImported() {
        const QString file = dir_->filePath(QStringLiteral("delta.csv"));
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                  "interactivity_p50,ttft_p50,gpus\n"
                  "TestModel,DeltaGPU,vllm,fp8,1024,1024,8,2000,90,0.3,8\n"
                  "TestModel,DeltaGPU,vllm,fp8,1024,1024,64,7000,35,0.6,8\n");
        csv.close();
        QCOMPARE(seriesInFile(path_), std::size_t(4));
        dropFile(window_, file);
        QTRY_COMPARE(window_->state()->catalog().series.size(), std::size_t(5));
        QCOMPARE(seriesInFile(path_), std::size_t(5));
        // The new series is ranked (it has no cost basis: cost unknown, so after the others).
        bool ranked = false;
        for (int row = 0; row < window_->rankingModel()->rowCount(); ++row)
            ranked = ranked || window_->state()
                                       ->engine()
                                       .seriesKey(window_->rankingModel()->resultAt(row).series)
                                       .hardware == "DeltaGPU";
        QVERIFY(ranked);
        QVERIFY(window_->filtersPanel()
                    ->list(QStringLiteral("hardware"))
                    ->findItems(QStringLiteral("DeltaGPU"), Qt::MatchExactly)
                    .size() == 1);
    }

    void exportedTableCannotRunFormulas() {
        // A hostile file names its hardware and engine as formulas; the ranking's CSV export
        // keeps them as text (a leading ') and its numbers as numbers.
        const QString file = dir_->filePath(QStringLiteral("formula.csv"));
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                  "interactivity_p50,ttft_p50,gpus\n"
                  "TestModel,=1+2,@SUM(A1),fp8,1024,1024,8,2000,90,0.3,8\n"
                  "TestModel,=1+2,@SUM(A1),fp8,1024,1024,64,7000,35,0.6,8\n");
        csv.close();
        dropFile(window_, file);
        QTRY_COMPARE(window_->state()->catalog().series.size(), std::size_t(5));
        const QString exported = dir_->filePath(QStringLiteral("ranking.csv"));
        QString error;
        QVERIFY2(controller_->exportRanking(exported, &error), qPrintable(error));
        QFile out(exported);
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(out.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), window_->rankingModel()->rowCount() + 1);
        bool sawFormula = false;
        int numbers = 0;
        for (const QString& line : lines) {
            for (QString field : line.split(QLatin1Char(','))) {
                if (field.startsWith(QLatin1Char('"')))
                    field.remove(0, 1);
                bool isNumber = false;
                field.toDouble(&isNumber);
                numbers += isNumber ? 1 : 0;
                QVERIFY2(isNumber || field.isEmpty() ||
                             !QStringLiteral("=+-@\t\r").contains(field.front()),
                         qPrintable(field));
                sawFormula = sawFormula || field.startsWith(QStringLiteral("'=1+2"));
            }
        }
        QVERIFY(sawFormula);
        QVERIFY(numbers > 0);
    }

    void badDroppedFileLeavesTheCatalogUnchanged() {
        const QString file = dir_->filePath(QStringLiteral("bad.csv"));
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                  "interactivity_p50,ttft_p50,gpus\n"
                  "TestModel,DeltaGPU,vllm,fp8,1024,1024,8,2000,90,0.3,8\n"
                  "TestModel,DeltaGPU,vllm,fp8,1024,1024,64,fast,35,0.6,8\n");
        csv.close();
        dropFile(window_, file);
        QTRY_VERIFY(controller_->importRunner()->errorDialog());
        QMessageBox* box = controller_->importRunner()->errorDialog();
        QVERIFY(box->text().contains(QStringLiteral("bad.csv")));
        QVERIFY(box->text().contains(QStringLiteral("line 3")));
        QVERIFY(box->text().contains(QStringLiteral("tput_per_gpu")));
        QVERIFY(box->text().contains(QStringLiteral("fast")));
        box->accept();
        QCOMPARE(seriesInFile(path_), std::size_t(4));
        QCOMPARE(window_->state()->catalog().series.size(), std::size_t(4));
    }

    void aFileWithoutItsIdentityAsksForAllOfItAtOnce() {
        // vLLM's bench serve JSON names the model but not the GPU it ran on, nor how many.
        // From CMake, not __FILE__: that is a relative path when a compiler cache builds.
        const QString vllm =
            QStringLiteral(TOKENOMICS_TESTS_SOURCE_DIR "/data/examples/vllm_llama70b_c8.json");
        QVERIFY(QFileInfo::exists(vllm));
        dropFile(window_, vllm);
        // Dropped, it is tried at once; what it lacks is asked for in one dialog.
        QTRY_VERIFY(controller_->importOptionsDialog());
        QVERIFY(!controller_->importRunner()->errorDialog()); // asked, not refused
        auto* options = qobject_cast<ImportOptionsDialog*>(controller_->importOptionsDialog());
        QVERIFY(options);
        // The file's backend names its engine.
        QCOMPARE(options->field(QStringLiteral("engine"))->text(), QStringLiteral("vllm"));
        // Every field the file lacks is marked in the one dialog; what it says is filled in.
        const auto marked = [options](const char* option) {
            return options->field(QLatin1String(option))->property("missing").toBool();
        };
        for (const char* lacking : {"hardware", "precision", "gpus"})
            QVERIFY2(marked(lacking), lacking);
        for (const char* given : {"model", "engine", "run", "load"}) // the file says these
            QVERIFY2(!marked(given), given);
        QCOMPARE(options->field(QStringLiteral("model"))->text(),
                 QStringLiteral("meta-llama/Llama-3.3-70B-Instruct")); // the file's model_id
        const QLabel* explanation = nullptr;
        for (const QLabel* label : options->findChildren<QLabel*>()) {
            if (label->text().contains(QStringLiteral("does not say")))
                explanation = label;
        }
        QVERIFY(explanation);
        QVERIFY(explanation->text().contains(QStringLiteral("hardware")));
        QVERIFY(explanation->text().contains(QStringLiteral("GPUs")));
        QTest::keyClicks(options->field(QStringLiteral("hardware")), QStringLiteral("BetaGPU"));
        QTest::keyClicks(options->field(QStringLiteral("precision")), QStringLiteral("fp8"));
        for (const char* count : {"gpus", "isl", "osl"}) {
            if (marked(count))
                QTest::keyClicks(options->field(QLatin1String(count)), QStringLiteral("8"));
        }
        options->accept();
        QTRY_COMPARE(window_->state()->catalog().series.size(), std::size_t(5));
        QVERIFY(controller_->importOptionsDialog() == nullptr ||
                !controller_->importOptionsDialog()->isVisible()); // not asked a third time
        QCOMPARE(seriesInFile(path_), std::size_t(5));
        bool found = false;
        for (const Series& series : window_->state()->catalog().series)
            found = found || (series.key.hardware == "BetaGPU" && series.key.engine == "vllm" &&
                              series.key.model != "TestModel");
        QVERIFY(found);
    }

    void cancelledImportLeavesTheCatalogUnchanged() {
        const QString file = dir_->filePath(QStringLiteral("sweep.csv"));
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("model,hardware,engine,precision,isl,osl,concurrency,tput_per_gpu,"
                  "interactivity_p50\n");
        for (int row = 1; row <= 100000; ++row)
            csv.write(QStringLiteral("TestModel,DeltaGPU,vllm,fp8,1024,1024,%1,%2,%3\n")
                          .arg(row)
                          .arg(100000.0 / row)
                          .arg(5 + row % 100)
                          .toUtf8());
        csv.close();
        QVERIFY(controller_->importFiles({file}));
        QVERIFY(controller_->importRunner()->isRunning());
        QVERIFY(!controller_->importFiles({file}));                     // one import at a time
        emit controller_->importRunner()->progressDialog()->canceled(); // the Cancel button
        QTRY_VERIFY_WITH_TIMEOUT(!controller_->importRunner()->isRunning(), 60000);
        QVERIFY(!controller_->importRunner()->errorDialog()); // a cancel is not an error
        QCOMPARE(seriesInFile(path_), std::size_t(4));
        QCOMPARE(window_->state()->catalog().series.size(), std::size_t(4));
    }

private:
    QTemporaryDir settingsDir_;
    testing::WorkflowFixture fixture_;
    QTemporaryDir* dir_ = nullptr;
    QString path_;
    MainWindow* window_ = nullptr;
    WorkflowController* controller_ = nullptr;
};

QTEST_MAIN(TestWorkflowImport)
#include "test_workflow_import.moc"
