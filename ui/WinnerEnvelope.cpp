#include "WinnerEnvelope.h"

#include <QLocale>

namespace tokenomics::ui {

std::vector<EnvelopeStretch>
winnerEnvelope(const std::vector<double>& grid,
               const std::vector<std::vector<std::optional<double>>>& costs,
               const std::vector<std::size_t>& candidateIds) {
    std::vector<EnvelopeStretch> stretches;
    bool open = false;
    for (std::size_t g = 0; g < grid.size(); ++g) {
        std::optional<std::size_t> winner;
        double winnerCost = 0;
        for (std::size_t c = 0; c < costs.size() && c < candidateIds.size(); ++c) {
            if (g >= costs[c].size() || !costs[c][g])
                continue;
            if (!winner || *costs[c][g] < winnerCost) {
                winner = c;
                winnerCost = *costs[c][g];
            }
        }
        if (!winner) {
            open = false;
            continue;
        }
        const std::size_t id = candidateIds[*winner];
        if (open && stretches.back().series == id) {
            stretches.back().lastIndex = g;
            stretches.back().toInteractivity = grid[g];
            continue;
        }
        stretches.push_back({id, g, g, grid[g], grid[g]});
        open = true;
    }
    return stretches;
}

QString envelopeSummary(const std::vector<EnvelopeStretch>& stretches,
                        const std::function<QString(std::size_t)>& nameOf) {
    if (stretches.empty())
        return {};
    if (stretches.size() == 1)
        return QStringLiteral("%1 is cheapest at every interactivity it reaches")
            .arg(nameOf(stretches.front().series));
    const QLocale english(QLocale::English);
    QStringList parts;
    for (std::size_t i = 0; i < stretches.size(); ++i) {
        const QString name = nameOf(stretches[i].series);
        if (i == 0) {
            parts << QStringLiteral("below %1 tok/s/user %2 wins")
                         .arg(english.toString(stretches[1].fromInteractivity, 'f', 0), name);
        } else if (i + 1 == stretches.size()) {
            parts << QStringLiteral("above it %1").arg(name);
        } else {
            parts << QStringLiteral("up to %1 %2")
                         .arg(english.toString(stretches[i + 1].fromInteractivity, 'f', 0), name);
        }
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace tokenomics::ui
