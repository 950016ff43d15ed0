// `tokenomics report`: PNG, SVG and PDF files with the right magic bytes; usage errors exit 2.
#include "Commands.h"
#include "ReportRenderer.h"
#include "UiTestCatalog.h"

#include <QFile>
#include <QImage>
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
        ui::ReportRequest request;
        request.useDefaultView = true;
        request.sla.minInteractivity = 30;
        QString error;
        const QString path = dir.filePath(name);
        QVERIFY2(ui::writeReport(testing::uiTestCatalog(), request, path, &error),
                 qPrintable(error));
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
