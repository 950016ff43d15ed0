#include "MainWindow.h"

#include <QIcon>

namespace tokenomics::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Tokenomics"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tokenomics.svg")));
    resize(1440, 900);
}

} // namespace tokenomics::ui
