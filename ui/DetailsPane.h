#pragma once
/// Everything known about the selected series' best point: figures, configuration, sources.

#include <QPointer>
#include <QTextBrowser>
#include <optional>

namespace tokenomics::ui {

class DashboardState;

class DetailsPane : public QTextBrowser {
    Q_OBJECT
public:
    explicit DetailsPane(DashboardState* state, QWidget* parent = nullptr);
    /// Shows a series (catalog index); empty shows the best-ranked one.
    void showSeries(std::optional<std::size_t> series);
    void refresh();

private:
    QPointer<DashboardState> state_;
    std::optional<std::size_t> series_;
};

} // namespace tokenomics::ui
