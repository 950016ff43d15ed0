#include "Commands.h"

#include "MainWindow.h"

#include <QApplication>

namespace tokenomics::app {

int runDashboard(const QStringList&)
{
    ui::MainWindow window;
    window.show();
    return QApplication::exec();
}

} // namespace tokenomics::app
