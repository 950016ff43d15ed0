// The replot follows tests/ui/bench_replot.cpp (what one mouse move does: move the threshold,
// re-rank and re-grey, replot). Window start reproduces app/DashboardCommand.cpp without --db,
// because `tokenomics` has no hook that reports its first paint.
#include "GuiBench.h"

#include "BenchCatalog.h"
#include "BenchSupport.h"
#include "CatalogFileSession.h"
#include "DashboardState.h"
#include "MainWindow.h"
#include "ParetoChart.h"
#include "WorkflowController.h"

#include <QApplication>
#include <QTimer>
#include <cstdio>
#include <ctime>

namespace tokenomics::bench {

namespace {
double threadCpuMilliseconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

/// Notes the end of the first paint pass: the first Paint event of any widget starts it;
/// a zero timer fires once the pass (one UpdateRequest/expose of the window) has returned.
class FirstPaintWatcher : public QObject {
public:
    explicit FirstPaintWatcher(double openStartedAt)
        : openStartedAt_(openStartedAt) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (!seen_ && event->type() == QEvent::Paint) {
            seen_ = true;
            QTimer::singleShot(0, this, [this] {
                const double paintedAt = monotonicSeconds();
                std::printf("%.6f %.6f\n", paintedAt, paintedAt - openStartedAt_);
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    double openStartedAt_;
    bool seen_ = false;
};
} // namespace

ReplotTimes measureReplot(int moves) {
    ui::DashboardState state(makeCatalog(200, 7u));
    state.setMinInteractivity(10);
    ui::ParetoChart chart(&state, ui::ChartMetric::ThroughputPerGpu);
    chart.resize(1920, 1080);
    chart.show();
    chart.replot(QCustomPlot::rpImmediateRefresh);
    ReplotTimes times;
    for (int step = 0; step < moves; ++step) {
        const double cpuStart = threadCpuMilliseconds();
        state.setMinInteractivity(5 + (step % 100) * 0.8); // the vertical SLA line, dragged
        chart.replot(QCustomPlot::rpImmediateRefresh);
        times.dragStepCpuMs.push_back(threadCpuMilliseconds() - cpuStart);
        times.replotMs.push_back(chart.replotTime());
    }
    return times;
}

int runChildWindowStart() {
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenomics"));
    QCoreApplication::setApplicationName(QStringLiteral("tokenomics"));
    const double openStartedAt = monotonicSeconds();
    QString error;
    // An empty path is the default catalog, laid out from the seed on first start.
    std::unique_ptr<app::CatalogFileSession> session =
        app::CatalogFileSession::openFile({}, &error);
    std::optional<Catalog> catalog;
    if (session) {
        std::string reason;
        catalog = session->editor().reload(&reason);
        error = QString::fromStdString(reason);
    }
    if (!catalog) {
        std::fprintf(stderr, "cannot open the default catalog: %s\n", qPrintable(error));
        return 1;
    }
    FirstPaintWatcher watcher(openStartedAt);
    qApp->installEventFilter(&watcher);
    ui::MainWindow window(std::move(*catalog));
    ui::WorkflowController workflows(&window, session.get());
    window.show();
    return QApplication::exec();
}

} // namespace tokenomics::bench
