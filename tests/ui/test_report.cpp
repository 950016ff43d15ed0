// `tokenomics report`: PNG, SVG and PDF files with the right magic bytes, each rendered back
// to pixels and checked for its layout; usage errors exit 2.
#include "Commands.h"
#include "ReportRenderer.h"
#include "UiTestCatalog.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace tokenomics;

namespace {
QByteArray head(const QString& path, int bytes) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(bytes);
}

// The default view's report with a 30 tok/s/user SLA, written to `path`.
bool writeDefaultReport(const QString& path, QString* error) {
    ui::ReportRequest request;
    request.useDefaultView = true;
    request.sla.minInteractivity = 30;
    return ui::writeReport(testing::uiTestCatalog(), request, path, error);
}

// The pages of a written report as images, rendered by an independent reader where there is
// one (poppler's pdftoppm for PDF, Qt SVG for SVG).
QList<QImage> renderedPages(const QString& path, const QString& scratch) {
    if (path.endsWith(QLatin1String(".png")))
        return {QImage(path)};
    if (path.endsWith(QLatin1String(".svg"))) {
        QSvgRenderer renderer(path);
        if (!renderer.isValid())
            return {};
        QImage image(renderer.defaultSize(), QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        renderer.render(&painter);
        return {image};
    }
    const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
    if (pdftoppm.isEmpty())
        return {};
    QProcess process;
    process.start(pdftoppm, {QStringLiteral("-r"), QStringLiteral("110"), QStringLiteral("-png"),
                             path, QDir(scratch).filePath(QStringLiteral("page"))});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    QList<QImage> pages;
    for (const QString& name :
         QDir(scratch).entryList({QStringLiteral("page*.png")}, QDir::Files, QDir::Name))
        pages.append(QImage(QDir(scratch).filePath(name)));
    return pages;
}

bool isColoured(QRgb pixel) {
    const QColor colour = QColor::fromRgb(pixel);
    return colour.hsvSaturation() > 110 && colour.value() > 70;
}

bool isTableHeaderTint(QRgb pixel) { // the header row's #e8eef3
    return std::abs(qRed(pixel) - 0xe8) <= 4 && std::abs(qGreen(pixel) - 0xee) <= 4 &&
           std::abs(qBlue(pixel) - 0xf3) <= 4;
}

// Where the parts of a page are, in fractions of its width and height.
struct PageLayout {
    double tableTop = -1; // first row mostly in the table header's tint
    double tableLeft = 1, tableRight = 0;
    double colouredTop = 1, colouredBottom = -1; // chart ink (the table is greyscale)
    double colouredLeft = 1, colouredRight = 0;
    double inkBottom = -1; // lowest row with anything on it
};

PageLayout layoutOf(const QImage& page) {
    PageLayout layout;
    const QImage image = page.convertToFormat(QImage::Format_RGB32);
    const double width = image.width();
    const double height = image.height();
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        int tinted = 0, tintLeft = image.width(), tintRight = -1;
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = line[x];
            if (qGray(pixel) < 235)
                layout.inkBottom = y / height;
            if (isTableHeaderTint(pixel)) {
                ++tinted;
                tintLeft = std::min(tintLeft, x);
                tintRight = x;
            }
            if (isColoured(pixel)) {
                layout.colouredTop = std::min(layout.colouredTop, y / height);
                layout.colouredBottom = y / height;
                layout.colouredLeft = std::min(layout.colouredLeft, x / width);
                layout.colouredRight = std::max(layout.colouredRight, x / width);
            }
        }
        if (layout.tableTop < 0 && tinted > image.width() / 2) {
            layout.tableTop = y / height;
            layout.tableLeft = tintLeft / width;
            layout.tableRight = tintRight / width;
        }
    }
    return layout;
}
} // namespace

class TestReport : public QObject {
    Q_OBJECT
private slots:
    void writesEachFormat_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("png") << QStringLiteral("report.png") << QByteArray("\x89PNG\r\n\x1a\n");
        QTest::newRow("pdf") << QStringLiteral("report.pdf") << QByteArray("%PDF-");
        QTest::newRow("svg") << QStringLiteral("report.svg") << QByteArray("<?xml");
    }

    void writesEachFormat() {
        QFETCH(QString, name);
        QFETCH(QByteArray, magic);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(name);
        QString error;
        QVERIFY2(writeDefaultReport(path, &error), qPrintable(error));
        QCOMPARE(head(path, magic.size()), magic);
        if (name.endsWith(QLatin1String(".png"))) {
            const QImage image(path);
            QVERIFY(image.width() >= 1600);
        }
        if (name.endsWith(QLatin1String(".svg"))) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray svg = file.readAll();
            QVERIFY(svg.contains("<svg"));
            QVERIFY(svg.contains("alpha-source")); // the sources footnote
        }
    }

    // Each format, read back by another renderer, is one page: the chart across the page's width
    // above the table, nothing of the chart on the table, the table as wide as the page's text,
    // and the page filled down to its footnote (no large gap from a mis-scaled part).
    void eachFormatLaysOutTheChartAboveTheTable_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("png") << QStringLiteral("report.png");
        QTest::newRow("pdf") << QStringLiteral("report.pdf");
        QTest::newRow("svg") << QStringLiteral("report.svg");
    }

    void eachFormatLaysOutTheChartAboveTheTable() {
        QFETCH(QString, name);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(name);
        QString error;
        QVERIFY2(writeDefaultReport(path, &error), qPrintable(error));
        const QList<QImage> pages = renderedPages(path, dir.path());
        QVERIFY2(pages.size() == 1,
                 qPrintable(QStringLiteral("%1 rendered to %2 pages (is pdftoppm installed?)")
                                .arg(name)
                                .arg(pages.size())));
        const QImage& page = pages.front();
        QVERIFY(page.width() >= 1000);
        if (!qEnvironmentVariableIsEmpty("TOKENOMICS_TEST_KEEP_PAGES"))
            page.save(QDir(qEnvironmentVariable("TOKENOMICS_TEST_KEEP_PAGES"))
                          .filePath(name + QStringLiteral(".png")));
        const PageLayout layout = layoutOf(page);
        const auto where = [&] {
            return qPrintable(QStringLiteral("table top %1 (%2–%3), chart %4–%5 high, %6–%7 wide, "
                                             "ink to %8")
                                  .arg(layout.tableTop)
                                  .arg(layout.tableLeft)
                                  .arg(layout.tableRight)
                                  .arg(layout.colouredTop)
                                  .arg(layout.colouredBottom)
                                  .arg(layout.colouredLeft)
                                  .arg(layout.colouredRight)
                                  .arg(layout.inkBottom));
        };
        QVERIFY2(layout.tableTop > 0.3 && layout.tableTop < 0.8, where());
        QVERIFY2(layout.tableLeft < 0.05 && layout.tableRight > 0.95, where());
        QVERIFY2(layout.colouredTop > 0.05 && layout.colouredBottom < layout.tableTop, where());
        QVERIFY2(layout.colouredLeft < 0.15 && layout.colouredRight > 0.75, where());
        QVERIFY2(layout.inkBottom > layout.tableTop + 0.1, where());
    }

    void unsupportedOutputIsRefused() {
        QString error;
        QVERIFY(!ui::writeReport(testing::uiTestCatalog(), {}, QStringLiteral("/tmp/report.txt"),
                                 &error));
        QVERIFY(error.contains(QStringLiteral("report.txt")));
    }

    void verbNeedsAnOutFile() {
        QCOMPARE(app::runReport({}), 2);
        QCOMPARE(app::runReport({QStringLiteral("--out"), QStringLiteral("chart.gif")}), 2);
        QCOMPARE(app::runReport({QStringLiteral("--min-interactivity"), QStringLiteral("x"),
                                 QStringLiteral("--out"), QStringLiteral("a.png")}),
                 2);
    }
};

QTEST_MAIN(TestReport)
#include "test_report.moc"
