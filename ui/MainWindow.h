#pragma once
/// The dashboard window: assembles docks and controllers.

#include <QMainWindow>

namespace tokenomics::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace tokenomics::ui
