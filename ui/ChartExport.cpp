#include "ChartExport.h"

#include "Formatting.h"
#include "ParetoChart.h"
#include "ReportRenderer.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QLocale>
#include <QMimeData>
#include <QSaveFile>

namespace tokenomics::ui {

namespace {

QString cell(const QVariant& value, QChar separator) {
    // Numbers as a spreadsheet reads them: no "$", no thousands separator, every digit.
    if (value.typeId() == QMetaType::Double)
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    QString text = spreadsheetSafe(value.toString().replace(QLatin1Char('\n'), QLatin1Char(' ')));
    if (separator == QLatin1Char('\t'))
        return text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    if (text.contains(separator) || text.contains(QLatin1Char('"')))
        return QLatin1Char('"') + text.replace(QLatin1String("\""), QLatin1String("\"\"")) +
               QLatin1Char('"');
    return text;
}

QString line(const QVariantList& values, QChar separator) {
    QStringList cells;
    for (const QVariant& value : values)
        cells << cell(value, separator);
    return cells.join(separator);
}

} // namespace

bool exportChart(ParetoChart& chart, const QString& path, QString* error) {
    return writeChartFigure(chart, path, QSize(chartExportWidth, chartExportHeight),
                            chartExportScale, error);
}

QImage chartImage(ParetoChart& chart) {
    return chartFigureImage(chart, QSize(chartExportWidth, chartExportHeight),
                            chartExportScale / 2);
}

QString tableText(const ExportedTable& table, QChar separator) {
    QStringList lines{line(QVariantList(table.header.begin(), table.header.end()), separator)};
    for (const QVariantList& row : table.rows)
        lines << line(row, separator);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool exportTableCsv(const ExportedTable& table, const QString& path, QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = QObject::tr("%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    file.write(tableText(table, QLatin1Char(',')).toUtf8());
    if (!file.commit()) {
        *error = QObject::tr("%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void copyTableToClipboard(const ExportedTable& table) {
    QGuiApplication::clipboard()->setText(tableText(table, QLatin1Char('\t')));
}

void copyChartToClipboard(ParetoChart& chart) {
    QGuiApplication::clipboard()->setImage(chartImage(chart));
}

} // namespace tokenomics::ui
