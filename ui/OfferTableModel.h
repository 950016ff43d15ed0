#pragma once
/// API offers under the same SLA, priced for the workload's ISL/OSL; those that meet it first.

#include "RankingEngine.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace tokenomics::ui {

class DashboardState;

/// Whether an offer meets the SLA. Unknown: the SLA asks for a min interactivity, the provider
/// publishes no speed, and every figure it does publish passes — shown as unknown, not as failing.
enum class OfferVerdict { Meets, Unknown, Fails };
OfferVerdict offerVerdict(const OfferResult& result, const ProviderOffer& offer, const Sla& sla);

/// Known to meet the SLA first, then unknown, then failing; each group in the engine's price order.
class OfferTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ProviderColumn,
        ModelColumn,
        MeetsSlaColumn,
        WorkloadPriceColumn,
        BlendedPriceColumn,
        InputPriceColumn,
        OutputPriceColumn,
        SpeedColumn,
        TtftColumn,
        SourceColumn,
        ColumnCount
    };
    explicit OfferTableModel(DashboardState* state, QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    [[nodiscard]] const OfferResult& resultAt(int row) const {
        return rows_.at(static_cast<std::size_t>(row));
    }
    void refresh();

private:
    [[nodiscard]] OfferVerdict verdictAt(const OfferResult& result) const;

    QPointer<DashboardState> state_;
    std::vector<OfferResult> rows_;
};

} // namespace tokenomics::ui
