#include "ParetoChart.h"

#include "CostModel.h"
#include "DashboardState.h"
#include "Formatting.h"
#include "SeriesStyle.h"

#include <algorithm>
#include <cmath>

namespace tokenomics::ui {

namespace {
constexpr int frontierSamples = 64;
constexpr int crowdedFrontierSamples = 20;
constexpr std::size_t maxLegendEntries = 40;
constexpr std::size_t maxAntialiasedPoints = 2000;

QString valueAxisLabel(ChartMetric metric) {
    switch (metric) {
    case ChartMetric::CostPerMTotal:
        return QObject::tr("$ per 1M total tokens");
    case ChartMetric::Ttft:
        return QObject::tr("Time to first token (s)");
    case ChartMetric::TokensPerMw:
        return QObject::tr("Tokens/s per MW of all-in power");
    case ChartMetric::ThroughputPerGpu:
        break;
    }
    return QObject::tr("Throughput per GPU (tok/s)");
}

void setAxisPositions(QCPItemPosition* position, QCPItemPosition::PositionType typeX,
                      QCPItemPosition::PositionType typeY, double x, double y) {
    position->setTypeX(typeX);
    position->setTypeY(typeY);
    position->setCoords(x, y);
}
} // namespace

ParetoChart::ParetoChart(DashboardState* state, ChartMetric metric, QWidget* parent)
    : QCustomPlot(parent)
    , state_(state)
    , metric_(metric)
    , colors_(chartColors(palette())) {
    setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setNoAntialiasingOnDrag(true);
    setMinimumSize(360, 260); // the legend adapts its columns instead of forcing a width
    setUpAxes();
    // Labels above the curves and the offers' price lines, so no line runs through a label.
    addLayer(QStringLiteral("labels"), layer(QStringLiteral("main")), QCustomPlot::limAbove);
    setUpSlaItems();
    applyChartColors(*this, colors_);
    connect(this, &QCustomPlot::afterLayout, this, &ParetoChart::layOutOfferLabels);
    connect(this, &QCustomPlot::legendClick, this, &ParetoChart::onLegendClick);
    connect(state_, &DashboardState::curvesChanged, this, [this] {
        rebuild();
        // While a line is dragged the axes hold still: refitting under the mouse would move
        // the line's value with every step (held above the plot, max TTFT would climb).
        if (dragging_ == DragTarget::None)
            fitToData();
        else
            fitOnRelease_ = true;
    });
    connect(state_, &DashboardState::thresholdsChanged, this, &ParetoChart::applyThresholds);
    connect(state_, &DashboardState::seriesVisibilityChanged, this, [this] {
        if (metric_ == ChartMetric::CostPerMTotal)
            rebuild(); // the envelope depends on which series are shown
        else
            applyVisibility();
    });
    rebuild();
    fitToData();
}

void ParetoChart::setUpAxes() {
    QFont axisFont = font();
    axisFont.setPointSizeF(axisFont.pointSizeF() + 1);
    QFont tickFont = font();
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setLabelFont(axisFont);
        axis->setTickLabelFont(tickFont);
        axis->setNumberFormat(QStringLiteral("gb"));
        axis->grid()->setSubGridVisible(false);
        // Widths here; colours come from the palette (applyChartColors).
        axis->grid()->setPen(QPen(colors_.grid, 1));
    }
    xAxis->setLabel(tr("Interactivity (tok/s/user)"));
    yAxis->setLabel(valueAxisLabel(metric_));
    xAxis->setNumberFormat(QStringLiteral("f"));
    xAxis->setNumberPrecision(0);
    yAxis->setNumberFormat(QStringLiteral("f"));
    yAxis->setNumberPrecision(countsTokens() ? 0 : 2);
    setScale(yAxis, false);

    // Legend below the plot, several columns: it never covers the curves.
    legend->setVisible(true);
    legend->setBorderPen(Qt::NoPen);
    legend->setFont(font());
    legend->setIconSize(28, 12);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(4);
    legend->setSelectableParts(QCPLegend::spItems);
    axisRect()->insetLayout()->take(legend);
    plotLayout()->addElement(1, 0, legend);
    plotLayout()->setRowStretchFactor(1, 0.001);
    plotLayout()->setRowSpacing(2);
}

void ParetoChart::setUpSlaItems() {
    feasibleRegion_ = new QCPItemRect(this);
    feasibleRegion_->setLayer(QStringLiteral("grid"));
    feasibleRegion_->setPen(Qt::NoPen);
    feasibleRegion_->setClipToAxisRect(true);

    note_ = new QCPItemText(this);
    note_->setLayer(QStringLiteral("labels"));
    note_->position->setType(QCPItemPosition::ptAxisRectRatio);
    note_->position->setCoords(0.5, 0.3);
    note_->setPositionAlignment(Qt::AlignCenter);
    note_->setTextAlignment(Qt::AlignCenter);
    note_->setPadding(QMargins(10, 6, 10, 6));
    QFont noteFont = font();
    noteFont.setPointSizeF(noteFont.pointSizeF() + 1);
    note_->setFont(noteFont);
    note_->setVisible(false);

    interactivityLine_ = new QCPItemStraightLine(this);
    interactivityLine_->setSelectable(false);
    interactivityLabel_ = new QCPItemText(this);
    interactivityLabel_->setLayer(QStringLiteral("labels"));
    interactivityLabel_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    interactivityLabel_->setPadding(QMargins(4, 2, 4, 2));
    interactivityLabel_->setClipToAxisRect(true);

    if (metric_ == ChartMetric::Ttft) {
        ttftLine_ = new QCPItemStraightLine(this);
        ttftLine_->setSelectable(false);
        ttftLabel_ = new QCPItemText(this);
        ttftLabel_->setLayer(QStringLiteral("labels"));
        ttftLabel_->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        ttftLabel_->setPadding(QMargins(4, 2, 4, 2));
        ttftLabel_->setClipToAxisRect(true);
    }
    applyColors();
}

void ParetoChart::applyColors() {
    feasibleRegion_->setBrush(colors_.feasibleRegion);
    note_->setColor(colors_.text);
    note_->setBrush(colors_.labelBackground);
    note_->setPen(QPen(colors_.grid));
    for (QCPItemText* label : {interactivityLabel_, ttftLabel_}) {
        if (label) {
            label->setColor(colors_.sla);
            label->setBrush(colors_.labelBackground);
        }
    }
    // Line pens (width, dash) are set with the thresholds; only their colour follows the theme.
    for (QCPItemStraightLine* line : {interactivityLine_, ttftLine_}) {
        if (line) {
            QPen pen = line->pen();
            pen.setColor(colors_.sla);
            line->setPen(pen);
        }
    }
}

void ParetoChart::changeEvent(QEvent* event) {
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        // The SLA labels and the note follow the chart's font (an export page sets its own).
        for (QCPItemText* label : {interactivityLabel_, ttftLabel_}) {
            if (label)
                label->setFont(font());
        }
        return;
    }
    if (event->type() != QEvent::PaletteChange)
        return;
    colors_ = chartColors(palette());
    applyChartColors(*this, colors_);
    applyColors();
    rebuild(); // markers and offer labels take the new colours; the axis ranges stay
}

std::optional<double> ParetoChart::valueOfPoint(std::size_t series, std::size_t point) const {
    const RankingEngine& engine = state_->engine();
    const PointFigures figures = engine.pointFigures(series, point);
    switch (metric_) {
    case ChartMetric::ThroughputPerGpu:
        return figures.tputPerGpu;
    case ChartMetric::CostPerMTotal:
        return costPerMillionTokens(engine.usdPerGpuHour(series, state_->cost()),
                                    figures.tputPerGpu, state_->cost().utilization);
    case ChartMetric::Ttft:
        return figures.ttftSeconds.at(state_->sla().statistic);
    case ChartMetric::TokensPerMw:
        return tokensPerMegawatt(figures.tputPerGpu, engine.allInKwPerGpu(series));
    }
    return {};
}

std::optional<double> ParetoChart::frontierValueAt(std::size_t series, double interactivity,
                                                   const Sla& sla) const {
    const RankingEngine& engine = state_->engine();
    switch (metric_) {
    case ChartMetric::CostPerMTotal:
        return engine.costPerMTotalAt(series, interactivity, sla, state_->cost());
    case ChartMetric::TokensPerMw:
        return tokensPerMegawatt(engine.tputPerGpuAt(series, interactivity, sla),
                                 engine.allInKwPerGpu(series));
    case ChartMetric::ThroughputPerGpu:
    case ChartMetric::Ttft:
        break;
    }
    return engine.tputPerGpuAt(series, interactivity, sla);
}

bool ParetoChart::countsTokens() const {
    return metric_ == ChartMetric::ThroughputPerGpu || metric_ == ChartMetric::TokensPerMw;
}

void ParetoChart::rebuild() {
    clearGraphs();
    for (QCPAbstractItem* item : offerItems_)
        removeItem(item);
    offerItems_.clear();
    drawn_.clear();
    buckets_.clear();
    offers_.clear();
    offerMarkers_ = nullptr;
    offerMarkersFailing_ = nullptr;
    offerMarkersUnknown_ = nullptr;
    if (!state_)
        return;
    if (metric_ == ChartMetric::CostPerMTotal)
        addEnvelope();
    for (std::size_t series : state_->visibleSeries())
        addSeries(series);
    if (metric_ == ChartMetric::CostPerMTotal)
        addOffers();
    note_->setText(emptyReason());
    note_->setVisible(!note_->text().isEmpty());
    // Large views: a legend of dozens of entries helps nobody and costs layout time on every
    // replot; thousands of antialiased markers make dragging stutter.
    std::size_t pointCount = 0;
    for (const DrawnSeries& drawn : drawn_)
        pointCount += drawn.points.size();
    legend->setVisible(drawn_.size() <= maxLegendEntries);
    const bool large = pointCount > maxAntialiasedPoints;
    setNotAntialiasedElements(large ? QCP::aeScatters | QCP::aePlottables : QCP::aeNone);
    // Crowded views draw thin solid lines, which QCustomPlot can draw as one polyline.
    setPlottingHint(QCP::phFastPolylines, drawn_.size() > maxLegendEntries);
    updateLegendColumns();
    applyVisibility();
    applyThresholds();
}

DashboardState* ParetoChart::state() const {
    return state_;
}

QString ParetoChart::note() const {
    return note_->visible() ? note_->text() : QString();
}

QString ParetoChart::emptyReason() const {
    const std::size_t visible = state_->visibleSeries().size();
    if (visible == 0)
        return tr("No series match these filters.\nTick a model, a scenario or hardware in the "
                  "filters.");
    if (state_->sla().minAttainment && state_->seriesWithoutSamples() == visible)
        return tr("No per-request samples for these series: an attainment target cannot be "
                  "judged\non summary figures. Set Min attainment to none in the SLA panel.");
    const bool anyPoint = std::any_of(drawn_.begin(), drawn_.end(), [](const DrawnSeries& drawn) {
        return !drawn.points.empty();
    });
    if (anyPoint)
        return {};
    const Statistic statistic = state_->sla().statistic;
    if (statistic != Statistic::P50 && state_->seriesWithoutStatistic() == visible)
        return tr("No %1 data for these series.\nTheir sources publish other statistics: pick "
                  "p50 in the SLA panel.")
            .arg(statisticLabel(statistic));
    switch (metric_) {
    case ChartMetric::CostPerMTotal:
        if (state_->seriesWithoutCost() == visible)
            return tr("No cost known for these series: their hardware has no '%1' cost basis.\n"
                      "Pick another cost basis or enter your own $/GPU-hour.")
                .arg(QString::fromStdString(state_->cost().costBasisKey));
        break;
    case ChartMetric::Ttft:
        return tr("TTFT not published for these series at %1.").arg(statisticLabel(statistic));
    case ChartMetric::TokensPerMw:
        return tr("No all-in power known for these series' hardware.\nTokens per MW needs a "
                  "cost basis with kW per GPU (Edit › Cost bases).");
    case ChartMetric::ThroughputPerGpu:
        break;
    }
    return tr("No operating point with a known throughput and interactivity.");
}

void ParetoChart::addSeries(std::size_t series) {
    const RankingEngine& engine = state_->engine();
    const SeriesKey& key = engine.seriesKey(series);
    const Sla curveSla = state_->curveSla();
    const Statistic statistic = curveSla.statistic;
    const QColor color = state_->seriesColor(series);

    DrawnSeries drawn;
    drawn.series = series;
    const std::vector<FrontierKnot> knots = engine.frontier(series, curveSla);
    std::vector<bool> onFrontier(engine.pointCount(series), false);
    for (const FrontierKnot& knot : knots) {
        if (knot.point < onFrontier.size())
            onFrontier[knot.point] = true;
    }
    for (std::size_t p = 0; p < engine.pointCount(series); ++p) {
        if (state_->paretoOnly() && !onFrontier[p])
            continue;
        const PointFigures figures = engine.pointFigures(series, p);
        if (!configurationMatches(state_->configurationFilter(), figures))
            continue;
        const std::optional<double> x = figures.interactivity.at(statistic);
        const std::optional<double> y = valueOfPoint(series, p);
        if (x && y && std::isfinite(*x) && std::isfinite(*y))
            drawn.points.push_back({*x, *y, p});
    }

    // The frontier line: the engine's interpolation sampled densely between its knots.
    QVector<double> lineX;
    QVector<double> lineY;
    if (metric_ == ChartMetric::Ttft) {
        for (const FrontierKnot& knot : knots) {
            const std::optional<double> ttft = valueOfPoint(series, knot.point);
            if (ttft) {
                lineX << knot.interactivity;
                lineY << *ttft;
            }
        }
    } else if (!knots.empty()) {
        const double from = knots.front().interactivity;
        const double to = knots.back().interactivity;
        std::vector<double> xs;
        const int samples = state_->visibleSeries().size() > maxLegendEntries
                                ? crowdedFrontierSamples
                                : frontierSamples;
        for (int i = 0; i <= samples; ++i)
            xs.push_back(from + (to - from) * i / samples);
        for (const FrontierKnot& knot : knots)
            xs.push_back(knot.interactivity);
        std::sort(xs.begin(), xs.end());
        for (double x : xs) {
            const std::optional<double> y = frontierValueAt(series, x, curveSla);
            if (y && std::isfinite(*y)) {
                lineX << x;
                lineY << *y;
            }
        }
    }

    drawn.line = addGraph();
    QString name = seriesLabel(key, state_->viewTitle().contains(tr("models")) ||
                                        state_->viewTitle().contains(tr("scenarios")));
    // A legend entry with nothing drawn says why, instead of leaving the reader to search.
    if (drawn.points.empty() && lineX.isEmpty())
        name += metric_ == ChartMetric::Ttft ? tr(" — TTFT unknown") : tr(" — no point shown");
    drawn.line->setName(name);
    // Crowded views (dozens of series) draw thin solid lines and small markers: styles no longer
    // tell series apart there, and cosmetic pens keep dragging smooth.
    const bool crowded = state_->visibleSeries().size() > maxLegendEntries;
    drawn.line->setPen(crowded ? QPen(color, 1) : QPen(color, 2.2, engineLineStyle(key.engine)));
    drawn.line->setData(lineX, lineY, true);

    const QCPScatterStyle::ScatterShape shape = precisionMarker(key.precision);
    drawn.passingBucket = markerBucket(color, shape, crowded ? 5 : 8);
    drawn.failingBucket = markerBucket(colors_.failingPoint, shape, crowded ? 4 : 7);
    buckets_[drawn.passingBucket].passing = true;
    drawn_.push_back(std::move(drawn));
}

std::size_t ParetoChart::markerBucket(QColor color, QCPScatterStyle::ScatterShape shape,
                                      double size) {
    for (std::size_t b = 0; b < buckets_.size(); ++b) {
        const MarkerBucket& bucket = buckets_[b];
        if (bucket.color == color.rgb() && bucket.shape == shape && bucket.size == size)
            return b;
    }
    MarkerBucket bucket;
    bucket.color = color.rgb();
    bucket.shape = shape;
    bucket.size = size;
    bucket.graph = addGraph();
    bucket.graph->setLineStyle(QCPGraph::lsNone);
    const QCPScatterStyle style(shape, color.darker(120), color, size);
    if (state_->visibleSeries().size() > maxLegendEntries) {
        // Crowded views blit one pre-drawn marker per point: far cheaper than painting shapes.
        const int side = static_cast<int>(std::ceil(size)) + 3;
        QPixmap marker(side, side);
        marker.fill(Qt::transparent);
        {
            QCPPainter painter(&marker);
            painter.setRenderHint(QPainter::Antialiasing);
            style.applyTo(&painter, QPen(color.darker(120)));
            style.drawShape(&painter, side / 2.0, side / 2.0);
        }
        bucket.graph->setScatterStyle(QCPScatterStyle(marker));
    } else {
        bucket.graph->setScatterStyle(style);
    }
    bucket.graph->removeFromLegend();
    buckets_.push_back(bucket);
    return buckets_.size() - 1;
}

void ParetoChart::regrey() {
    for (MarkerBucket& bucket : buckets_) {
        bucket.keys.clear();
        bucket.values.clear();
    }
    const Sla& sla = state_->sla();
    for (const DrawnSeries& drawn : drawn_) {
        if (state_->isHidden(drawn.series))
            continue;
        for (const DrawnPoint& point : drawn.points) {
            MarkerBucket& bucket =
                buckets_[state_->engine().pointMeetsSla(drawn.series, point.point, sla)
                             ? drawn.passingBucket
                             : drawn.failingBucket];
            bucket.keys << point.interactivity;
            bucket.values << point.value;
        }
    }
    for (MarkerBucket& bucket : buckets_)
        bucket.graph->setData(bucket.keys, bucket.values);
}

void ParetoChart::applyThresholds() {
    if (!state_)
        return;
    const Sla& sla = state_->sla();
    regrey();
    regreyOffers();

    const bool hasInteractivity = sla.minInteractivity.has_value();
    const double x = hasInteractivity ? *sla.minInteractivity : xAxis->range().lower;
    setAxisPositions(interactivityLine_->point1, QCPItemPosition::ptPlotCoords,
                     QCPItemPosition::ptAxisRectRatio, x, 0);
    setAxisPositions(interactivityLine_->point2, QCPItemPosition::ptPlotCoords,
                     QCPItemPosition::ptAxisRectRatio, x, 1);
    interactivityLine_->setPen(QPen(colors_.sla, hasInteractivity ? 2 : 1,
                                    hasInteractivity ? Qt::SolidLine : Qt::DotLine));
    // Throughput curves crowd the top-left, cost curves the bottom-left: label where it is empty.
    const bool labelAtBottom = countsTokens();
    setAxisPositions(interactivityLabel_->position, QCPItemPosition::ptPlotCoords,
                     QCPItemPosition::ptAxisRectRatio, x, labelAtBottom ? 0.99 : 0.01);
    // Keep the label inside the plot: right of the line, or left of it near the right edge.
    const bool nearRightEdge =
        xAxis->coordToPixel(x) > axisRect()->left() + axisRect()->width() * 0.75;
    interactivityLabel_->setPositionAlignment((nearRightEdge ? Qt::AlignRight : Qt::AlignLeft) |
                                              (labelAtBottom ? Qt::AlignBottom : Qt::AlignTop));
    interactivityLabel_->setText(hasInteractivity ? tr("≥ %1 tok/s/user ⇔").arg(formatNumber(x, 1))
                                                  : tr("no min interactivity ⇔ drag"));

    double topRatioOrTtft = 0;
    bool ttftInCoords = false;
    if (ttftLine_) {
        const bool hasTtft = sla.maxTtftSeconds.has_value();
        const double y = hasTtft ? *sla.maxTtftSeconds : yAxis->range().upper;
        setAxisPositions(ttftLine_->point1, QCPItemPosition::ptAxisRectRatio,
                         QCPItemPosition::ptPlotCoords, 0, y);
        setAxisPositions(ttftLine_->point2, QCPItemPosition::ptAxisRectRatio,
                         QCPItemPosition::ptPlotCoords, 1, y);
        ttftLine_->setPen(
            QPen(colors_.sla, hasTtft ? 2 : 1, hasTtft ? Qt::SolidLine : Qt::DotLine));
        setAxisPositions(ttftLabel_->position, QCPItemPosition::ptAxisRectRatio,
                         QCPItemPosition::ptPlotCoords, 0.99, y);
        // Without a threshold the line rests on the top edge: label it below so it stays visible.
        ttftLabel_->setPositionAlignment(Qt::AlignRight |
                                         (hasTtft ? Qt::AlignBottom : Qt::AlignTop));
        ttftLabel_->setText(hasTtft ? tr("TTFT ≤ %1 ⇕").arg(formatSeconds(y))
                                    : tr("no max TTFT ⇕ drag down"));
        if (hasTtft) {
            topRatioOrTtft = y;
            ttftInCoords = true;
        }
    }
    setAxisPositions(feasibleRegion_->topLeft, QCPItemPosition::ptPlotCoords,
                     ttftInCoords ? QCPItemPosition::ptPlotCoords
                                  : QCPItemPosition::ptAxisRectRatio,
                     hasInteractivity ? x : 0, topRatioOrTtft);
    setAxisPositions(feasibleRegion_->bottomRight, QCPItemPosition::ptAxisRectRatio,
                     QCPItemPosition::ptAxisRectRatio, 1, 1);
    if (!hasInteractivity)
        feasibleRegion_->topLeft->setTypeX(QCPItemPosition::ptAxisRectRatio);
    replot(QCustomPlot::rpQueuedReplot);
}

void ParetoChart::applyVisibility() {
    for (DrawnSeries& drawn : drawn_) {
        const bool hidden = state_->isHidden(drawn.series);
        drawn.line->setVisible(!hidden);
        if (auto* item = legend->itemWithPlottable(drawn.line))
            item->setTextColor(hidden ? colors_.mutedText : colors_.text);
    }
    regrey();
    replot(QCustomPlot::rpQueuedReplot);
}

void ParetoChart::onLegendClick(QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
    auto* plottableItem = qobject_cast<QCPPlottableLegendItem*>(item);
    if (!plottableItem)
        return;
    for (const DrawnSeries& drawn : drawn_) {
        if (drawn.line == plottableItem->plottable()) {
            state_->setHidden(drawn.series, !state_->isHidden(drawn.series));
            return;
        }
    }
    if (offerMarkers_ && plottableItem->plottable() == offerMarkers_) {
        const bool show = !offerMarkers_->visible();
        for (QCPGraph* graph : {offerMarkers_, offerMarkersFailing_, offerMarkersUnknown_})
            graph->setVisible(show);
        for (QCPAbstractItem* offerItem : offerItems_)
            offerItem->setVisible(show);
        plottableItem->setTextColor(show ? colors_.text : colors_.mutedText);
        replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace tokenomics::ui
