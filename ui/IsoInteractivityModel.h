#pragma once
/// Cost per 1M total tokens of each series at every 10 tok/s/user, counted as the ranking counts
/// a min interactivity: below its slowest point a series' max-throughput point serves;
/// "unreachable" past its frontier.

#include "ExportedTable.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <optional>
#include <vector>

namespace tokenomics::ui {

class DashboardState;

class IsoInteractivityModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr double stepTokensPerSecond = 10;

    explicit IsoInteractivityModel(DashboardState* state, QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    /// Interactivity of a column (tok/s/user).
    [[nodiscard]] double interactivityAt(int column) const;
    void refresh();
    /// The rows for a CSV file or the clipboard: the series' identity, then one cost per
    /// column in USD ("unreachable" past the frontier, empty when unknown).
    [[nodiscard]] ExportedTable exported() const;

private:
    struct Row {
        std::size_t series = 0;
        std::vector<std::optional<double>> costs; // per column
        std::vector<bool> reachable;              // frontier reaches the column
        double slowestInteractivity = 0;          // first knot: below it the fastest point serves
    };
    QPointer<DashboardState> state_;
    std::vector<Row> rows_;
    int columns_ = 0;
};

} // namespace tokenomics::ui
