#include "IsoInteractivityModel.h"

#include "DashboardState.h"
#include "Formatting.h"

#include <QBrush>
#include <QFont>
#include <cmath>

namespace tokenomics::ui {

namespace {
constexpr int maxColumns = 60; // 10 .. 600 tok/s/user
}

IsoInteractivityModel::IsoInteractivityModel(DashboardState* state, QObject* parent)
    : QAbstractTableModel(parent)
    , state_(state) {
    connect(state_, &DashboardState::curvesChanged, this, &IsoInteractivityModel::refresh);
    refresh();
}

double IsoInteractivityModel::interactivityAt(int column) const {
    return stepTokensPerSecond * (column + 1);
}

void IsoInteractivityModel::refresh() {
    beginResetModel();
    rows_.clear();
    columns_ = 0;
    if (state_) {
        const Sla sla = state_->curveSla();
        double highest = 0;
        for (std::size_t series : state_->visibleSeries()) {
            const auto knots = state_->engine().frontier(series, sla);
            if (!knots.empty())
                highest = std::max(highest, knots.back().interactivity);
        }
        columns_ =
            std::min(maxColumns, static_cast<int>(std::floor(highest / stepTokensPerSecond)));
        for (std::size_t series : state_->visibleSeries()) {
            Row row;
            row.series = series;
            const auto knots = state_->engine().frontier(series, sla);
            row.slowestInteractivity = knots.empty() ? 0 : knots.front().interactivity;
            for (int c = 0; c < columns_; ++c) {
                // The ranking's own answer for "at least this interactivity", so the table, the
                // ranking and the winner's envelope always agree.
                Sla atColumn = sla;
                atColumn.minInteractivity = interactivityAt(c);
                const SeriesResult result =
                    state_->engine().evaluate(series, atColumn, state_->cost());
                row.reachable.push_back(result.feasible);
                row.costs.push_back(result.feasible ? result.costPerMTotal : std::nullopt);
            }
            rows_.push_back(std::move(row));
        }
    }
    endResetModel();
}

ExportedTable IsoInteractivityModel::exported() const {
    ExportedTable table;
    table.header = seriesIdentityHeader();
    for (int column = 0; column < columns_; ++column)
        table.header << tr("Cost per 1M total tokens at %1 tok/s/user (USD)")
                            .arg(interactivityAt(column), 0, 'f', 0);
    if (!state_)
        return table;
    for (const Row& row : rows_) {
        QVariantList cells = seriesIdentityCells(state_->engine().seriesKey(row.series));
        for (std::size_t column = 0; column < row.costs.size(); ++column)
            cells << (row.reachable[column] ? numberCell(row.costs[column])
                                            : QVariant(tr("unreachable")));
        table.rows << cells;
    }
    return table;
}

int IsoInteractivityModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int IsoInteractivityModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : columns_;
}

QVariant IsoInteractivityModel::data(const QModelIndex& index, int role) const {
    if (!state_ || !index.isValid() || index.row() >= rowCount() || index.column() >= columns_)
        return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    const auto column = static_cast<std::size_t>(index.column());
    if (role == Qt::DisplayRole) {
        if (!row.reachable[column])
            return tr("unreachable");
        return row.costs[column] ? formatUsd(row.costs[column]) : tr("unknown");
    }
    if (role == Qt::ForegroundRole && !row.reachable[column])
        return QBrush(QColor(0xb0, 0xb0, 0xb0));
    const bool belowFrontier =
        row.reachable[column] && interactivityAt(index.column()) < row.slowestInteractivity;
    if (role == Qt::ToolTipRole && belowFrontier)
        return tr("Slower than its slowest measured point (%1 tok/s/user): its max-throughput "
                  "point serves, faster than asked, at this cost — as the ranking counts it.")
            .arg(formatNumber(row.slowestInteractivity, 1));
    if (role == Qt::FontRole && belowFrontier) {
        QFont italic;
        italic.setItalic(true);
        return italic;
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant IsoInteractivityModel::headerData(int section, Qt::Orientation orientation,
                                           int role) const {
    if (role == Qt::DecorationRole && state_ && orientation == Qt::Vertical && section < rowCount())
        return state_->seriesColor(rows_[static_cast<std::size_t>(section)].series);
    if (role != Qt::DisplayRole || !state_)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal)
        return tr("%1 tok/s/user").arg(interactivityAt(section), 0, 'f', 0);
    if (section < rowCount())
        return seriesLabel(
            state_->engine().seriesKey(rows_[static_cast<std::size_t>(section)].series));
    return {};
}

} // namespace tokenomics::ui
