#include "OfferTableModel.h"

#include "DashboardState.h"
#include "Formatting.h"

#include <QBrush>
#include <QFont>
#include <algorithm>

namespace tokenomics::ui {

OfferVerdict offerVerdict(const OfferResult& result, const ProviderOffer& offer, const Sla& sla) {
    if (result.feasible)
        return OfferVerdict::Meets;
    // The engine counts an unknown speed as not meeting a min interactivity; whether the offer
    // fails for that alone depends on the one other threshold it is judged on, its TTFT.
    const bool ttftFails =
        sla.maxTtftSeconds && offer.ttftSeconds && *offer.ttftSeconds > *sla.maxTtftSeconds;
    return !result.speedKnown && sla.minInteractivity && !ttftFails ? OfferVerdict::Unknown
                                                                    : OfferVerdict::Fails;
}

OfferTableModel::OfferTableModel(DashboardState* state, QObject* parent)
    : QAbstractTableModel(parent)
    , state_(state) {
    connect(state_, &DashboardState::thresholdsChanged, this, &OfferTableModel::refresh);
    refresh();
}

void OfferTableModel::refresh() {
    beginResetModel();
    rows_ = state_ ? state_->ranking().offers : std::vector<OfferResult>{};
    std::stable_sort(rows_.begin(), rows_.end(),
                     [this](const OfferResult& a, const OfferResult& b) {
                         return static_cast<int>(verdictAt(a)) < static_cast<int>(verdictAt(b));
                     });
    endResetModel();
}

OfferVerdict OfferTableModel::verdictAt(const OfferResult& result) const {
    return offerVerdict(result, state_->catalog().offers.at(result.offer), state_->sla());
}

int OfferTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int OfferTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OfferTableModel::data(const QModelIndex& index, int role) const {
    if (!state_ || !index.isValid() || index.row() >= rowCount())
        return {};
    const OfferResult& result = rows_[static_cast<std::size_t>(index.row())];
    if (result.offer >= state_->catalog().offers.size())
        return {};
    const ProviderOffer& offer = state_->catalog().offers[result.offer];
    const OfferVerdict verdict = verdictAt(result);
    if (role == Qt::ForegroundRole)
        return verdict == OfferVerdict::Fails ? QVariant(QBrush(QColor(0x9a, 0x9a, 0x9a)))
                                              : QVariant();
    if (role == Qt::FontRole && verdict == OfferVerdict::Unknown &&
        index.column() == MeetsSlaColumn) {
        QFont italic;
        italic.setItalic(true);
        return italic;
    }
    if (role == Qt::ToolTipRole && index.column() == MeetsSlaColumn &&
        verdict == OfferVerdict::Unknown)
        return tr("The provider publishes no output speed: whether it reaches %1 tok/s/user "
                  "is unknown.")
            .arg(formatNumber(state_->sla().minInteractivity, 1));
    if (role == Qt::TextAlignmentRole)
        return index.column() >= WorkloadPriceColumn && index.column() <= TtftColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const QString uncertain = offer.provenance.uncertain ? QStringLiteral(" ≈") : QString();
    switch (index.column()) {
    case ProviderColumn:
        return QString::fromStdString(offer.provider);
    case ModelColumn:
        return QString::fromStdString(offer.model);
    case MeetsSlaColumn:
        switch (verdict) {
        case OfferVerdict::Meets:
            return result.speedKnown ? tr("yes") : tr("yes (speed unknown)");
        case OfferVerdict::Unknown:
            return tr("unknown (speed not published)");
        case OfferVerdict::Fails:
            break;
        }
        return tr("no");
    case WorkloadPriceColumn:
        return formatUsd(result.workloadUsdPerM) + uncertain;
    case BlendedPriceColumn:
        return formatUsd(result.blendedUsdPerM) + uncertain;
    case InputPriceColumn:
        return formatUsd(offer.inputUsdPerM);
    case OutputPriceColumn:
        return formatUsd(offer.outputUsdPerM);
    case SpeedColumn:
        return formatNumber(offer.outputTokensPerSecond, 0);
    case TtftColumn:
        return formatSeconds(offer.ttftSeconds);
    case SourceColumn:
        return QStringLiteral("%1 (%2)").arg(QString::fromStdString(offer.provenance.source),
                                             QString::fromStdString(offer.provenance.date));
    default:
        return {};
    }
}

QVariant OfferTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const Workload workload = state_ ? state_->workload() : Workload{};
    switch (section) {
    case ProviderColumn:
        return tr("API provider");
    case ModelColumn:
        return tr("Model");
    case MeetsSlaColumn:
        return tr("Meets SLA");
    case WorkloadPriceColumn:
        return tr("$ per 1M tokens\nat %1").arg(scenarioLabel(workload.isl, workload.osl));
    case BlendedPriceColumn:
        return tr("Blended\n3:1");
    case InputPriceColumn:
        return tr("Input\n$ per 1M");
    case OutputPriceColumn:
        return tr("Output\n$ per 1M");
    case SpeedColumn:
        return tr("Speed\n(tok/s/user)");
    case TtftColumn:
        return tr("TTFT");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

} // namespace tokenomics::ui
