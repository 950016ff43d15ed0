#pragma once
/// One QCustomPlot chart of the dashboard (throughput, cost or TTFT against interactivity)
/// with draggable SLA lines, greyed failing points, shaded feasible region and tooltips.

#include "ChartTheme.h"
#include "OfferTableModel.h"

#include <QPointer>
#include <qcustomplot.h>
#include <vector>

namespace tokenomics::ui {

class DashboardState;

/// What the vertical axis of a chart shows.
enum class ChartMetric { ThroughputPerGpu, CostPerMTotal, Ttft, TokensPerMw };

class ParetoChart : public QCustomPlot {
    Q_OBJECT
public:
    ParetoChart(DashboardState* state, ChartMetric metric, QWidget* parent = nullptr);

    [[nodiscard]] ChartMetric metric() const { return metric_; }
    [[nodiscard]] DashboardState* state() const;
    /// Rebuilds every curve from the state (filters, statistic, TTFT or cost changed).
    void rebuild();
    /// Moves the SLA lines and re-greys points; no curve is recomputed.
    void applyThresholds();
    void setLogX(bool logarithmic);
    void setLogY(bool logarithmic);
    /// Rescales both axes to what is drawn.
    void fitToData();

    /// Tooltip text of the point or offer nearest to a pixel (empty when none within reach).
    [[nodiscard]] QString tooltipAt(const QPointF& pixel) const;
    /// Series currently drawn, in catalog index terms (legend order).
    [[nodiscard]] std::vector<std::size_t> drawnSeries() const;
    /// Graphs of drawn, not hidden series (lines and markers).
    [[nodiscard]] int visibleSeriesGraphCount() const;
    [[nodiscard]] QCPItemStraightLine* interactivityLine() const { return interactivityLine_; }
    [[nodiscard]] QCPItemStraightLine* ttftLine() const { return ttftLine_; }
    /// Points drawn in colour (meeting the SLA) / in grey.
    [[nodiscard]] int passingPointCount() const;
    [[nodiscard]] int failingPointCount() const;
    /// Labels of the API offers on the cost chart; those without room are hidden (the offer
    /// stays in the tooltip, the legend and the offers table).
    [[nodiscard]] std::vector<QCPItemText*> offerLabels() const;
    /// The marker graph of the offers with a known speed and this SLA verdict: yellow when they
    /// meet it, grey when they fail, hollow with a "?" label when unknown.
    [[nodiscard]] QCPGraph* offerMarkers(OfferVerdict verdict) const;
    /// Why the chart draws no curve ("No p90 data for these series", "No cost known..."); empty
    /// when it draws one. Shown in the middle of the plot.
    [[nodiscard]] QString note() const;
    /// The colours the chart is drawn with (from its palette).
    [[nodiscard]] const ChartColors& colors() const { return colors_; }

protected:
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    enum class DragTarget { None, Interactivity, Ttft };
    struct DrawnPoint {
        double interactivity = 0;
        double value = 0;
        std::size_t point = 0;
    };
    struct DrawnSeries {
        std::size_t series = 0;
        QCPGraph* line = nullptr;
        std::size_t passingBucket = 0; // marker graph shared by series of one colour and shape
        std::size_t failingBucket = 0; // grey marker graph shared by series of one shape
        std::vector<DrawnPoint> points;
    };
    struct DrawnOffer {
        std::size_t offer = 0;
        double price = 0;
        std::optional<double> speed;
        QCPItemText* label = nullptr;
        QCPItemStraightLine* line = nullptr; // the price line of an offer of unknown speed
        QString text;                        // the label without its verdict
        QString provider;
        QString priceText;
        QString verdictText; // " · fails SLA", " · SLA ?" or empty
        QString verdictMark; // the same, short: " ✗", " ?"
        [[nodiscard]] QString fullText() const { return text + verdictText; }
    };

    void setUpAxes();
    void updateLegendColumns();
    void setUpSlaItems();
    void addSeries(std::size_t series);
    void addOffers();
    void addEnvelope();
    /// Moves each offer's marker to the graph of its verdict under the current SLA.
    void regreyOffers();
    /// Whether a label box at this place would cross a drawn curve.
    [[nodiscard]] bool crossesCurve(const QRectF& box) const;
    /// Places the offer labels where they overlap nothing (after every layout, before drawing).
    void layOutOfferLabels();
    /// Recolours the chart's own items and rebuilds the curves after a palette change.
    void applyColors();
    /// Splits every drawn point into the passing (coloured) and failing (grey) marker graphs.
    void regrey();
    std::size_t markerBucket(QColor color, QCPScatterStyle::ScatterShape shape, double size);
    void applyVisibility();
    [[nodiscard]] QString emptyReason() const;
    void onLegendClick(QCPLegend* legend, QCPAbstractLegendItem* item, QMouseEvent* event);
    [[nodiscard]] std::optional<double> valueOfPoint(std::size_t series, std::size_t point) const;
    /// The frontier's value of this chart's metric at an interactivity (the engine's
    /// interpolation; unknown past the frontier).
    [[nodiscard]] std::optional<double> frontierValueAt(std::size_t series, double interactivity,
                                                        const Sla& sla) const;
    /// Throughput and tokens per MW: token rates, whole numbers, curves crowding the top.
    [[nodiscard]] bool countsTokens() const;
    /// Linear or log scale with this chart's tick labels.
    void setScale(QCPAxis* axis, bool logarithmic);
    [[nodiscard]] double interactivityLinePixel() const;
    [[nodiscard]] double ttftLinePixel() const;
    [[nodiscard]] DragTarget targetNear(const QPointF& pixel) const;
    void dragTo(DragTarget target, const QPointF& pixel);

    QPointer<DashboardState> state_;
    ChartMetric metric_;
    ChartColors colors_;
    std::vector<DrawnSeries> drawn_;
    std::vector<DrawnOffer> offers_;
    // Markers are grouped by look, not by series: a few dozen graphs instead of hundreds keeps
    // the replot while dragging fast.
    struct MarkerBucket {
        QCPGraph* graph = nullptr;
        bool passing = false;
        QRgb color = 0;
        QCPScatterStyle::ScatterShape shape = QCPScatterStyle::ssNone;
        double size = 0;
        QVector<double> keys;
        QVector<double> values;
    };
    std::vector<MarkerBucket> buckets_;
    QCPItemStraightLine* interactivityLine_ = nullptr;
    QCPItemText* interactivityLabel_ = nullptr;
    QCPItemStraightLine* ttftLine_ = nullptr;
    QCPItemText* ttftLabel_ = nullptr;
    QCPItemRect* feasibleRegion_ = nullptr;
    QCPItemText* note_ = nullptr;
    std::vector<QCPAbstractItem*> offerItems_;
    QCPGraph* offerMarkers_ = nullptr; // meeting the SLA; the legend entry of all offers
    QCPGraph* offerMarkersFailing_ = nullptr;
    QCPGraph* offerMarkersUnknown_ = nullptr;
    DragTarget dragging_ = DragTarget::None;
    bool fitOnRelease_ = false; // the curves changed during a drag: fit when it ends
};

} // namespace tokenomics::ui
