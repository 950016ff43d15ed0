#include "ChartExport.h"

#include "Formatting.h"
#include "ParetoChart.h"
#include "ReportRenderer.h"

#include <QAbstractItemModel>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QMimeData>
#include <QRegularExpression>
#include <QSaveFile>

namespace tokenomics::ui {

namespace {

QString cell(QString text, QChar separator) {
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    // "$1,234.5" and "12,345" are numbers to a reader; a spreadsheet needs "1234.5".
    static const QRegularExpression number(QStringLiteral("^\\$?-?[0-9][0-9,]*(\\.[0-9]+)?$"));
    if (number.match(text.trimmed()).hasMatch())
        text = text.trimmed().remove(QLatin1Char('$')).remove(QLatin1Char(','));
    else
        text = spreadsheetSafe(text);
    if (separator == QLatin1Char('\t')) {
        text.replace(QLatin1Char('\t'), QLatin1Char(' '));
        return text;
    }
    if (text.contains(separator) || text.contains(QLatin1Char('"')))
        return QLatin1Char('"') + text.replace(QLatin1String("\""), QLatin1String("\"\"")) +
               QLatin1Char('"');
    return text;
}

bool hasRowHeader(const QAbstractItemModel& model) {
    return model.rowCount() > 0 && model.headerData(0, Qt::Vertical, Qt::DisplayRole).isValid() &&
           model.headerData(0, Qt::Vertical, Qt::DisplayRole).toString() != QLatin1String("1");
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

QString tableText(const QAbstractItemModel& model, QChar separator) {
    const bool rowHeader = hasRowHeader(model);
    QStringList lines;
    QStringList header;
    if (rowHeader)
        header << cell(QObject::tr("Series"), separator);
    for (int column = 0; column < model.columnCount(); ++column)
        header << cell(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString(),
                       separator);
    lines << header.join(separator);
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        if (rowHeader)
            cells << cell(model.headerData(row, Qt::Vertical, Qt::DisplayRole).toString(),
                          separator);
        for (int column = 0; column < model.columnCount(); ++column)
            cells << cell(model.data(model.index(row, column), Qt::DisplayRole).toString(),
                          separator);
        lines << cells.join(separator);
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool exportTableCsv(const QAbstractItemModel& model, const QString& path, QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = QObject::tr("%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    file.write(tableText(model, QLatin1Char(',')).toUtf8());
    if (!file.commit()) {
        *error = QObject::tr("%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void copyTableToClipboard(const QAbstractItemModel& model) {
    QGuiApplication::clipboard()->setText(tableText(model, QLatin1Char('\t')));
}

void copyChartToClipboard(ParetoChart& chart) {
    QGuiApplication::clipboard()->setImage(chartImage(chart));
}

} // namespace tokenomics::ui
