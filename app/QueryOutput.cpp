#include "QueryOutput.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace tokenomics::app {

namespace {

QString jsonString(const QString& text) {
    QString escaped;
    escaped.reserve(text.size() + 2);
    escaped += u'"';
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            escaped += QStringLiteral("\\\"");
            break;
        case '\\':
            escaped += QStringLiteral("\\\\");
            break;
        case '\n':
            escaped += QStringLiteral("\\n");
            break;
        case '\r':
            escaped += QStringLiteral("\\r");
            break;
        case '\t':
            escaped += QStringLiteral("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                escaped += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                escaped += c;
        }
    }
    escaped += u'"';
    return escaped;
}

// Shortest text that reads back as the same double.
QString jsonNumber(double value) {
    if (!std::isfinite(value))
        return QStringLiteral("null");
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString jsonValue(const FieldValue& value) {
    if (const auto* number = std::get_if<double>(&value))
        return jsonNumber(*number);
    if (const auto* text = std::get_if<QString>(&value))
        return jsonString(*text);
    if (const auto* flag = std::get_if<bool>(&value))
        return *flag ? QStringLiteral("true") : QStringLiteral("false");
    return QStringLiteral("null");
}

QString csvField(const QString& text) {
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') &&
        !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QString csvValue(const FieldValue& value) {
    if (const auto* number = std::get_if<double>(&value))
        return std::isfinite(*number)
                   ? QString::number(*number, 'g', QLocale::FloatingPointShortest)
                   : QString();
    if (const auto* text = std::get_if<QString>(&value))
        return csvField(*text);
    if (const auto* flag = std::get_if<bool>(&value))
        return *flag ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

QString tableValue(const TableColumn& column, const Record& record) {
    const FieldValue value = valueOf(record, column.field);
    if (const auto* number = std::get_if<double>(&value)) {
        if (!std::isfinite(*number))
            return QStringLiteral("unknown");
        QString text = QString::number(*number, 'f', column.decimals);
        if (!column.limitField.isEmpty()) {
            const FieldValue limit = valueOf(record, column.limitField);
            if (const auto* isLimit = std::get_if<bool>(&limit); isLimit && *isLimit)
                text = column.limitMarker + text;
        }
        return text;
    }
    if (const auto* text = std::get_if<QString>(&value))
        return *text;
    if (const auto* flag = std::get_if<bool>(&value))
        return *flag ? QStringLiteral("yes") : QStringLiteral("no");
    return QStringLiteral("unknown");
}

} // namespace

FieldValue numberOrNull(std::optional<double> value) {
    if (value && std::isfinite(*value))
        return *value;
    return std::monostate{};
}

FieldValue textOrNull(const QString& text) {
    if (text.isEmpty())
        return std::monostate{};
    return text;
}

FieldValue valueOf(const Record& record, const QString& name) {
    for (const Field& field : record) {
        if (field.name == name)
            return field.value;
    }
    return std::monostate{};
}

QString jsonObject(const Record& record) {
    QStringList parts;
    for (const Field& field : record)
        parts.append(jsonString(field.name) + QStringLiteral(": ") + jsonValue(field.value));
    return u'{' + parts.join(QStringLiteral(", ")) + u'}';
}

QString jsonArray(const std::vector<Record>& records) {
    if (records.empty())
        return QStringLiteral("[]");
    QStringList parts;
    for (const Record& record : records)
        parts.append(QStringLiteral("    ") + jsonObject(record));
    return QStringLiteral("[\n") + parts.join(QStringLiteral(",\n")) + QStringLiteral("\n  ]");
}

QString csvTable(const QStringList& columns, const std::vector<Record>& records) {
    QString text;
    QStringList header;
    for (const QString& column : columns)
        header.append(csvField(column));
    text += header.join(u',') + QStringLiteral("\r\n");
    for (const Record& record : records) {
        QStringList fields;
        for (const QString& column : columns)
            fields.append(csvValue(valueOf(record, column)));
        text += fields.join(u',') + QStringLiteral("\r\n");
    }
    return text;
}

QString textTable(const std::vector<TableColumn>& columns, const std::vector<Record>& records) {
    std::vector<std::vector<QString>> cells;
    std::vector<qsizetype> widths;
    for (const TableColumn& column : columns)
        widths.push_back(column.title.size());
    for (const Record& record : records) {
        std::vector<QString> row;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            row.push_back(tableValue(columns[i], record));
            widths[i] = std::max(widths[i], row.back().size());
        }
        cells.push_back(std::move(row));
    }
    const auto line = [&](const std::vector<QString>& row) {
        QStringList padded;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const int width = static_cast<int>(widths[i]);
            padded.append(columns[i].alignLeft ? row[i].leftJustified(width)
                                               : row[i].rightJustified(width));
        }
        QString text = padded.join(QStringLiteral("  "));
        while (text.endsWith(u' '))
            text.chop(1);
        return text + u'\n';
    };
    std::vector<QString> titles;
    for (const TableColumn& column : columns)
        titles.push_back(column.title);
    QString text = line(titles);
    for (const auto& row : cells)
        text += line(row);
    return text;
}

} // namespace tokenomics::app
