#pragma once
/// The one-line answer a buyer takes away: the best system under the SLA and the cheapest API.

#include <QColor>
#include <QLabel>
#include <QPointer>

namespace tokenomics::ui {

class DashboardState;

/// "Best: B200 · trt · fp4 — $0.053 per 1M tokens, goodput 9,800 tok/s/GPU; cheapest API
/// meeting the SLA: X at $Y" (rich text); the envelope line in `secondaryColor`.
QString summaryText(const DashboardState& state,
                    const QColor& secondaryColor = QColor(0x55, 0x55, 0x55));

/// The strip's height holds still while a threshold moves (the chart below must not jump when
/// the text rewraps): it reserves three lines, grows when a text needs more, and gives the room
/// back only when its width changes.
class SummaryStrip : public QLabel {
    Q_OBJECT
public:
    explicit SummaryStrip(DashboardState* state, QWidget* parent = nullptr);
    void refresh();
    [[nodiscard]] int heightForWidth(int width) const override;

protected:
    void changeEvent(QEvent* event) override;

private:
    QPointer<DashboardState> state_;
    mutable int reservedWidth_ = -1;
    mutable int reservedHeight_ = 0;
};

} // namespace tokenomics::ui
