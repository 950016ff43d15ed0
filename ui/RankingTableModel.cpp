#include "RankingTableModel.h"

#include "CostModel.h"
#include "DashboardState.h"
#include "Formatting.h"
#include "PointTooltip.h"
#include "SlaVerdict.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

namespace tokenomics::ui {

QString accuracyText(const DashboardState& state, std::size_t series, int maxScores) {
    QStringList parts;
    const QLocale english(QLocale::English);
    const std::vector<QualityScore> scores = state.engine().qualityOf(series);
    for (const QualityScore& score : scores) {
        if (maxScores > 0 && parts.size() == maxScores) {
            parts.back() += QObject::tr(" (+%1 more)").arg(scores.size() - std::size_t(maxScores));
            break;
        }
        parts << QStringLiteral("%1 %2 vs %3 %4%5")
                     .arg(QString::fromStdString(score.benchmark),
                          english.toString(score.score, 'f', 1),
                          english.toString(score.baselineScore, 'f', 1),
                          QString::fromStdString(score.baselinePrecision),
                          score.provenance.uncertain ? QStringLiteral(" ≈") : QString());
    }
    return parts.join(QStringLiteral("; "));
}

namespace {
// "yes", "no", or "unknown (no ttft_p90)": a missing figure is not a failure.
QString verdictText(const SeriesVerdict& verdict) {
    switch (verdict.verdict) {
    case SlaVerdict::Meets:
        return QObject::tr("yes");
    case SlaVerdict::Unknown:
        return QObject::tr("unknown (no %1)").arg(QString::fromStdString(verdict.unknownBecause));
    case SlaVerdict::Fails:
        break;
    }
    return QObject::tr("no");
}

// How the one-sided costs count: the whole GPU-hour charged to one kind of token.
QString headerToolTip(int column) {
    switch (column) {
    case RankingTableModel::CostPerMTotalColumn:
        return QObject::tr("GPU cost per 1M input + output tokens processed (InferenceX "
                           "convention); compare with an API's price for the same workload");
    case RankingTableModel::CostPerMGoodColumn:
        return QObject::tr("Cost per 1M total tokens ÷ SLO attainment: what the tokens of "
                           "requests that met the SLA cost. Needs per-request samples");
    case RankingTableModel::CostPerMOutputColumn:
        return QObject::tr("The whole GPU-hour charged to output tokens (InferenceX costn): "
                           "compare with an API's output price");
    case RankingTableModel::CostPerMInputColumn:
        return QObject::tr("The whole GPU-hour charged to input tokens, per prefill GPU when "
                           "disaggregated: compare with an API's input price");
    default:
        return {};
    }
}
} // namespace

RankingTableModel::RankingTableModel(DashboardState* state, QObject* parent)
    : QAbstractTableModel(parent)
    , state_(state) {
    connect(state_, &DashboardState::thresholdsChanged, this, &RankingTableModel::refresh);
    refresh();
}

void RankingTableModel::refresh() {
    beginResetModel();
    rows_ = state_ ? state_->ranking().series : std::vector<SeriesResult>{};
    endResetModel();
}

int RankingTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int RankingTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString RankingTableModel::text(const SeriesResult& result, int column) const {
    const std::size_t series = result.series;
    switch (column) {
    case SeriesColumn:
        return seriesLabel(state_->engine().seriesKey(series),
                           state_->viewTitle().contains(QLatin1String("models")) ||
                               state_->viewTitle().contains(QLatin1String("scenarios")));
    case FeasibleColumn:
        return verdictText(seriesVerdict(state_->engine(), result, state_->sla()));
    case InteractivityColumn:
        return formatNumber(result.interactivity, 1) +
               (result.interpolated ? QStringLiteral(" ~") : QString());
    case TputPerGpuColumn:
        return formatNumber(result.tputPerGpu, 0);
    case TtftColumn:
        return formatSeconds(result.ttftSeconds);
    case GoodputColumn:
        return formatNumber(result.goodputPerGpu, 0);
    case CostPerMGoodColumn:
        return formatUsd(costPerMillionGoodTokens(result.costPerMTotal, result.sloAttainment));
    case CostPerMTotalColumn:
        return formatUsd(result.costPerMTotal);
    case CostPerMOutputColumn:
        return formatUsd(result.costPerMOutput);
    case CostPerMInputColumn:
        return formatUsd(result.costPerMInput);
    case TokensPerMwColumn:
        return formatNumber(result.tokensPerMw, 0);
    case AccuracyColumn: {
        const QString accuracy = accuracyText(*state_, series, 1); // all of them in the tooltip
        return accuracy.isEmpty() ? tr("unknown") : accuracy;
    }
    case ConfigurationColumn:
        if (result.point)
            return configurationText(*state_, series, *result.point);
        if (result.lowerKnotPoint)
            return tr("between points, from %1")
                .arg(configurationText(*state_, series, *result.lowerKnotPoint));
        return tr("none meets the SLA");
    case UsdPerGpuHourColumn:
        return formatUsd(result.usdPerGpuHour);
    case CostBasisColumn:
        return state_->costBasisName(series);
    default:
        return {};
    }
}

ExportedTable RankingTableModel::exported() const {
    ExportedTable table;
    table.header = seriesIdentityHeader();
    table.header << tr("Meets SLA") << tr("Interactivity (tok/s/user)") << tr("Interpolated")
                 << tr("Throughput (tok/s/GPU)") << tr("TTFT (s)") << tr("Goodput (tok/s/GPU)")
                 << tr("Cost per 1M good tokens (USD)") << tr("Cost per 1M total tokens (USD)")
                 << tr("Cost per 1M output tokens (USD)") << tr("Cost per 1M input tokens (USD)")
                 << tr("Tokens/s per MW") << tr("Price per GPU-hour (USD)") << tr("Cost basis")
                 << tr("Configuration") << tr("Accuracy vs baseline");
    if (!state_)
        return table;
    const auto yesNo = [](bool flag) { return flag ? tr("yes") : tr("no"); };
    for (const SeriesResult& result : rows_) {
        QVariantList cells = seriesIdentityCells(state_->engine().seriesKey(result.series));
        cells << text(result, FeasibleColumn) << numberCell(result.interactivity)
              << yesNo(result.interpolated) << numberCell(result.tputPerGpu)
              << numberCell(result.ttftSeconds) << numberCell(result.goodputPerGpu)
              << numberCell(costPerMillionGoodTokens(result.costPerMTotal, result.sloAttainment))
              << numberCell(result.costPerMTotal) << numberCell(result.costPerMOutput)
              << numberCell(result.costPerMInput) << numberCell(result.tokensPerMw)
              << numberCell(result.usdPerGpuHour) << text(result, CostBasisColumn)
              << text(result, ConfigurationColumn) << accuracyText(*state_, result.series);
        table.rows << cells;
    }
    return table;
}

QVariant RankingTableModel::data(const QModelIndex& index, int role) const {
    if (!state_ || !index.isValid() || index.row() >= rowCount())
        return {};
    const SeriesResult& result = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return text(result, index.column());
    case Qt::ToolTipRole:
        if (index.column() == AccuracyColumn)
            return accuracyText(*state_, result.series)
                .replace(QStringLiteral("; "), QStringLiteral("\n"));
        if (index.column() == ConfigurationColumn || index.column() == CostBasisColumn ||
            index.column() == SeriesColumn)
            return text(result, index.column());
        if (index.column() == InteractivityColumn && result.interpolated)
            return tr("Interpolated on the frontier (monotone cubic) between two measured points");
        if (const QString tip = headerToolTip(index.column()); !tip.isEmpty())
            return tip;
        return {};
    case Qt::ForegroundRole:
        return result.feasible ? QVariant() : QVariant(QBrush(QColor(0x9a, 0x9a, 0x9a)));
    case Qt::FontRole:
        if (index.column() == CostPerMTotalColumn && result.feasible) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if ((index.column() >= InteractivityColumn && index.column() <= TokensPerMwColumn) ||
            index.column() == CostPerMTotalColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == UsdPerGpuHourColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DecorationRole:
        // The series' colour swatch, as on the charts and in their legends.
        return index.column() == SeriesColumn ? QVariant(state_->seriesColor(result.series))
                                              : QVariant();
    case SeriesIndexRole:
        return QVariant::fromValue<qulonglong>(result.series);
    default:
        return {};
    }
}

QVariant RankingTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return headerToolTip(section);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeriesColumn:
        return tr("System (hardware · engine · precision)");
    case FeasibleColumn:
        return tr("Meets SLA");
    case InteractivityColumn:
        return tr("Interactivity\n(tok/s/user)");
    case TputPerGpuColumn:
        return tr("Throughput\n(tok/s/GPU)");
    case TtftColumn:
        return tr("TTFT");
    case GoodputColumn:
        return tr("Goodput\n(tok/s/GPU)");
    case CostPerMGoodColumn:
        return tr("$ per 1M\ngood tokens");
    case CostPerMTotalColumn:
        return tr("$ per 1M\ntotal tokens");
    case CostPerMOutputColumn:
        return tr("$ per 1M\noutput tokens");
    case CostPerMInputColumn:
        return tr("$ per 1M\ninput tokens");
    case TokensPerMwColumn:
        return tr("Tokens/s\nper MW");
    case AccuracyColumn:
        return tr("Accuracy vs baseline");
    case ConfigurationColumn:
        return tr("Configuration");
    case UsdPerGpuHourColumn:
        return tr("$/GPU-hour");
    case CostBasisColumn:
        return tr("Cost basis");
    default:
        return {};
    }
}

} // namespace tokenomics::ui
