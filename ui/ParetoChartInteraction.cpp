// Mouse, keyboard, axes and tooltips of ParetoChart: dragging the SLA lines, zoom/pan, hovering.
#include "DashboardState.h"
#include "ParetoChart.h"
#include "PointTooltip.h"

#include <QHelpEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace tokenomics::ui {

namespace {
constexpr double grabDistancePixels = 6;
constexpr double tooltipDistancePixels = 10;

// "2.5M", "250k", "40": token rates per MW run to millions, too wide for "2,500,000".
QString compactLabel(double tick, const QLocale& locale) {
    if (std::abs(tick) >= 1e6)
        return locale.toString(tick / 1e6, 'g', 3) + QLatin1Char('M');
    if (std::abs(tick) >= 1e3)
        return locale.toString(tick / 1e3, 'g', 3) + QLatin1Char('k');
    return locale.toString(tick, 'g', 3);
}

class CompactTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar, int) override {
        return compactLabel(tick, locale);
    }
};

// Log-axis ticks at 1, 2 and 5 of every decade, or at 1 and 3, or at 1 alone, whichever is
// the densest that stays within a couple of ticks of the ticker's tick count; labelled as
// plain numbers ("20", "1,000", "0.05"). SLAs live between 15 and 100 tok/s/user, where
// powers of ten alone give no tick, and "1E+03" is no figure for a slide.
class DecadeTicker : public QCPAxisTicker {
public:
    explicit DecadeTicker(bool compact)
        : compact_(compact) {}

protected:
    double getTickStep(const QCPRange&) override { return 1; }
    QVector<double> createTickVector(double, const QCPRange& range) override {
        if (!(range.lower > 0) || !(range.upper > range.lower))
            return {};
        static const std::vector<std::vector<double>> mantissaSets = {{1, 2, 5}, {1, 3}, {1}};
        QVector<double> ticks;
        for (const std::vector<double>& mantissas : mantissaSets) {
            ticks = decadeTicks(range, mantissas);
            if (ticks.size() <= tickCount() + 2)
                break;
        }
        return ticks;
    }
    QVector<double> createSubTickVector(int, const QVector<double>&) override { return {}; }
    QString getTickLabel(double tick, const QLocale& locale, QChar, int) override {
        if (compact_)
            return compactLabel(tick, locale);
        if (tick >= 1)
            return locale.toString(tick, 'f', 0);
        return locale.toString(tick, 'g', 3);
    }

private:
    bool compact_ = false;

    // The ticks mantissa × 10^k inside the range (one decade beyond each end for the trim).
    static QVector<double> decadeTicks(const QCPRange& range,
                                       const std::vector<double>& mantissas) {
        QVector<double> ticks;
        const int first = int(std::floor(std::log10(range.lower)));
        const int last = int(std::ceil(std::log10(range.upper)));
        for (int decade = first; decade <= last; ++decade) {
            for (const double mantissa : mantissas) {
                const double tick = mantissa * std::pow(10.0, decade);
                if (tick >= range.lower && tick <= range.upper)
                    ticks.push_back(tick);
            }
        }
        return ticks;
    }
};

struct Extent {
    double low = std::numeric_limits<double>::max();
    double high = std::numeric_limits<double>::lowest();
    void add(double value, bool logarithmic) {
        if (!std::isfinite(value) || (logarithmic && value <= 0))
            return;
        low = std::min(low, value);
        high = std::max(high, value);
    }
    [[nodiscard]] QCPRange range(bool logarithmic) const {
        if (low > high)
            return logarithmic ? QCPRange(1, 1000) : QCPRange(0, 100); // whole-number ticks
        if (logarithmic)
            return QCPRange(low / 1.4, high * 1.4);
        return QCPRange(0, high > 0 ? high * 1.08 : 1);
    }
};
} // namespace

void ParetoChart::setScale(QCPAxis* axis, bool logarithmic) {
    axis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    const bool compact = axis == yAxis && metric_ == ChartMetric::TokensPerMw;
    if (logarithmic)
        axis->setTicker(QSharedPointer<DecadeTicker>::create(compact));
    else if (compact)
        axis->setTicker(QSharedPointer<CompactTicker>::create());
    else
        axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
}

void ParetoChart::setLogX(bool logarithmic) {
    setScale(xAxis, logarithmic);
    fitToData();
}

void ParetoChart::setLogY(bool logarithmic) {
    setScale(yAxis, logarithmic);
    if (!countsTokens()) {
        // Dollars and seconds span decades: 0.1, 1, 10 read better than 0.10, 1.00, 10.00.
        yAxis->setNumberFormat(logarithmic ? QStringLiteral("g") : QStringLiteral("f"));
        yAxis->setNumberPrecision(logarithmic ? 3 : 2);
    }
    fitToData();
}

void ParetoChart::resizeEvent(QResizeEvent* event) {
    updateLegendColumns();
    QCustomPlot::resizeEvent(event);
}

void ParetoChart::updateLegendColumns() {
    // As many legend columns as fit: the legend must never force the window wider.
    int widest = 1;
    for (int i = 0; i < legend->itemCount(); ++i) {
        if (QCPAbstractLegendItem* item = legend->item(i))
            widest = std::max(widest, item->minimumOuterSizeHint().width());
    }
    const int columns = std::max(1, (width() - 30) / (widest + legend->columnSpacing()));
    if (legend->wrap() != columns) {
        legend->setWrap(columns);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    }
}

void ParetoChart::fitToData() {
    const bool logX = xAxis->scaleType() == QCPAxis::stLogarithmic;
    const bool logY = yAxis->scaleType() == QCPAxis::stLogarithmic;
    Extent xs;
    Extent ys;
    for (const DrawnSeries& drawn : drawn_) {
        for (const DrawnPoint& point : drawn.points) {
            xs.add(point.interactivity, logX);
            ys.add(point.value, logY);
        }
    }
    for (const DrawnOffer& offer : offers_) {
        if (offer.speed)
            xs.add(*offer.speed, logX);
        ys.add(offer.price, logY);
    }
    if (state_ && state_->sla().minInteractivity)
        xs.add(*state_->sla().minInteractivity, logX);
    if (ttftLine_ && state_ && state_->sla().maxTtftSeconds)
        ys.add(*state_->sla().maxTtftSeconds, logY);
    xAxis->setRange(xs.range(logX));
    yAxis->setRange(ys.range(logY));
    applyThresholds();
}

std::vector<std::size_t> ParetoChart::drawnSeries() const {
    std::vector<std::size_t> series;
    for (const DrawnSeries& drawn : drawn_)
        series.push_back(drawn.series);
    return series;
}

int ParetoChart::visibleSeriesGraphCount() const {
    int count = 0;
    for (const DrawnSeries& drawn : drawn_)
        count += drawn.line->visible() ? 1 : 0;
    return count;
}

int ParetoChart::passingPointCount() const {
    int count = 0;
    for (const MarkerBucket& bucket : buckets_)
        count += bucket.passing ? bucket.graph->dataCount() : 0;
    return count;
}

int ParetoChart::failingPointCount() const {
    int count = 0;
    for (const MarkerBucket& bucket : buckets_)
        count += bucket.passing ? 0 : bucket.graph->dataCount();
    return count;
}

QString ParetoChart::tooltipAt(const QPointF& pixel) const {
    if (!state_)
        return {};
    double bestDistance = tooltipDistancePixels;
    QString text;
    auto consider = [&](double x, double y, const auto& makeText) {
        const double dx = xAxis->coordToPixel(x) - pixel.x();
        const double dy = yAxis->coordToPixel(y) - pixel.y();
        const double distance = std::hypot(dx, dy);
        if (distance < bestDistance) {
            bestDistance = distance;
            text = makeText();
        }
    };
    for (const DrawnSeries& drawn : drawn_) {
        if (state_->isHidden(drawn.series))
            continue;
        for (const DrawnPoint& point : drawn.points)
            consider(point.interactivity, point.value,
                     [&] { return pointTooltip(*state_, drawn.series, point.point); });
    }
    for (const DrawnOffer& offer : offers_) {
        if (!offerMarkers_ || !offerMarkers_->visible())
            continue;
        if (offer.speed) {
            consider(*offer.speed, offer.price, [&] { return offerTooltip(*state_, offer.offer); });
        } else if (std::fabs(yAxis->coordToPixel(offer.price) - pixel.y()) < bestDistance / 2) {
            bestDistance = std::fabs(yAxis->coordToPixel(offer.price) - pixel.y()) * 2;
            text = offerTooltip(*state_, offer.offer);
        }
    }
    return text;
}

double ParetoChart::interactivityLinePixel() const {
    const auto& threshold = state_->sla().minInteractivity;
    return threshold ? xAxis->coordToPixel(*threshold) : axisRect()->left();
}

double ParetoChart::ttftLinePixel() const {
    const auto& threshold = state_->sla().maxTtftSeconds;
    return threshold ? yAxis->coordToPixel(*threshold) : axisRect()->top();
}

ParetoChart::DragTarget ParetoChart::targetNear(const QPointF& pixel) const {
    if (!state_ || !axisRect()->rect().adjusted(-3, -3, 3, 3).contains(pixel.toPoint()))
        return DragTarget::None;
    if (std::fabs(pixel.x() - interactivityLinePixel()) <= grabDistancePixels)
        return DragTarget::Interactivity;
    if (ttftLine_ && std::fabs(pixel.y() - ttftLinePixel()) <= grabDistancePixels)
        return DragTarget::Ttft;
    return DragTarget::None;
}

void ParetoChart::dragTo(DragTarget target, const QPointF& pixel) {
    const QRect area = axisRect()->rect();
    if (target == DragTarget::Interactivity) {
        const double px = std::clamp(pixel.x(), double(area.left()), double(area.right()));
        const double value = std::max(0.0, std::round(xAxis->pixelToCoord(px) * 10) / 10);
        state_->setMinInteractivity(value);
    } else if (target == DragTarget::Ttft) {
        const double py = std::clamp(pixel.y(), double(area.top()), double(area.bottom()));
        const double value = std::max(0.0, std::round(yAxis->pixelToCoord(py) * 100) / 100);
        state_->setMaxTtftSeconds(value);
    }
}

void ParetoChart::mousePressEvent(QMouseEvent* event) {
    const DragTarget target =
        event->button() == Qt::LeftButton ? targetNear(event->position()) : DragTarget::None;
    if (target == DragTarget::None) {
        QCustomPlot::mousePressEvent(event);
        return;
    }
    dragging_ = target;
    setFocus(Qt::MouseFocusReason);
    event->accept();
}

bool ParetoChart::event(QEvent* event) {
    // A resting mouse shows the point under it; elsewhere nothing (the parent's help text
    // would otherwise replace the point's figures after a second).
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QCustomPlot::event(event);
}

void ParetoChart::mouseMoveEvent(QMouseEvent* event) {
    if (dragging_ != DragTarget::None) {
        dragTo(dragging_, event->position());
        event->accept();
        return;
    }
    const DragTarget hover = targetNear(event->position());
    if (hover == DragTarget::Interactivity)
        setCursor(Qt::SizeHorCursor);
    else if (hover == DragTarget::Ttft)
        setCursor(Qt::SizeVerCursor);
    else
        unsetCursor();
    if (event->buttons() == Qt::NoButton) {
        const QString text = tooltipAt(event->position());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), text, this);
    }
    QCustomPlot::mouseMoveEvent(event);
}

void ParetoChart::mouseReleaseEvent(QMouseEvent* event) {
    if (dragging_ != DragTarget::None) {
        dragTo(dragging_, event->position());
        dragging_ = DragTarget::None;
        if (std::exchange(fitOnRelease_, false))
            fitToData();
        event->accept();
        return;
    }
    QCustomPlot::mouseReleaseEvent(event);
}

void ParetoChart::keyPressEvent(QKeyEvent* event) {
    const bool large = event->modifiers().testFlag(Qt::ShiftModifier);
    const Sla& sla = state_->sla();
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const double step = (large ? 10.0 : 1.0) * (event->key() == Qt::Key_Left ? -1 : 1);
        const double from = sla.minInteractivity.value_or(std::max(0.0, xAxis->range().lower));
        state_->setMinInteractivity(std::max(0.0, from + step));
        event->accept();
        return;
    }
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (ttftLine_) {
            const double step = (large ? 0.5 : 0.05) * (event->key() == Qt::Key_Down ? -1 : 1);
            const double from = sla.maxTtftSeconds.value_or(yAxis->range().upper);
            state_->setMaxTtftSeconds(std::max(0.0, std::round((from + step) * 100) / 100));
            event->accept();
            return;
        }
        break;
    default:
        break;
    }
    QCustomPlot::keyPressEvent(event);
}

} // namespace tokenomics::ui
