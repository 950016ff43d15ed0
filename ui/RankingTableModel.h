#pragma once
/// The ranking table: per series its best point under the SLA, sorted by cost, infeasible last.

#include "ExportedTable.h"
#include "RankingEngine.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace tokenomics::ui {

class DashboardState;

class RankingTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SeriesColumn,
        CostPerMTotalColumn, // right after the name: never scrolled out of sight
        FeasibleColumn,
        InteractivityColumn,
        TputPerGpuColumn,
        TtftColumn,
        GoodputColumn,
        CostPerMGoodColumn,
        CostPerMOutputColumn,
        CostPerMInputColumn,
        TokensPerMwColumn,
        AccuracyColumn,
        ConfigurationColumn,
        UsdPerGpuHourColumn,
        CostBasisColumn,
        ColumnCount
    };
    /// Role giving the series index (catalog order) of a row.
    static constexpr int SeriesIndexRole = Qt::UserRole + 1;

    explicit RankingTableModel(DashboardState* state, QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    /// The engine's result behind a row.
    [[nodiscard]] const SeriesResult& resultAt(int row) const {
        return rows_.at(static_cast<std::size_t>(row));
    }

    /// The rows for a CSV file or the clipboard: the series' identity, then numbers with their
    /// units in the headers (unknown is an empty cell).
    [[nodiscard]] ExportedTable exported() const;

    /// Re-reads the state's ranking (visible series only).
    void refresh();

private:
    [[nodiscard]] QString text(const SeriesResult& result, int column) const;

    QPointer<DashboardState> state_;
    std::vector<SeriesResult> rows_;
};

/// "GSM8K 95.9 vs 95.9 fp8; MMLU ..." for a series, empty when the catalog has no score.
/// With `maxScores` > 0 only that many are listed, then "(+N more)".
QString accuracyText(const DashboardState& state, std::size_t series, int maxScores = 0);

} // namespace tokenomics::ui
