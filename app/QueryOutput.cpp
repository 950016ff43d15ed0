#include "QueryOutput.h"

#include "Formatting.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace tokenomics::app {

namespace {

// Appends `text` as a JSON string; most text needs no escaping and is appended whole.
void appendJsonString(QString& out, const QString& text) {
    out += u'"';
    const auto needsEscape = [](QChar c) { return c.unicode() < 0x20 || c == u'"' || c == u'\\'; };
    if (std::none_of(text.begin(), text.end(), needsEscape)) {
        out += text;
        out += u'"';
        return;
    }
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            out += QStringLiteral("\\\"");
            break;
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
}

// Shortest text that reads back as the same double.
void appendJsonNumber(QString& out, double value) {
    if (!std::isfinite(value))
        out += QStringLiteral("null");
    else
        out += QString::number(value, 'g', QLocale::FloatingPointShortest);
}

void appendJsonValue(QString& out, const FieldValue& value) {
    if (const auto* number = std::get_if<double>(&value))
        appendJsonNumber(out, *number);
    else if (const auto* text = std::get_if<QString>(&value))
        appendJsonString(out, *text);
    else if (const auto* flag = std::get_if<bool>(&value))
        out += *flag ? QStringLiteral("true") : QStringLiteral("false");
    else
        out += QStringLiteral("null");
}

// {"name": value, ...} appended to `out`: the whole answer is built in one string.
void appendJsonObject(QString& out, const Record& record) {
    out += u'{';
    bool first = true;
    for (const Field& field : record) {
        if (!first)
            out += QStringLiteral(", ");
        first = false;
        appendJsonString(out, field.name);
        out += QStringLiteral(": ");
        appendJsonValue(out, field.value);
    }
    out += u'}';
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
        return csvField(ui::spreadsheetSafe(*text));
    if (const auto* flag = std::get_if<bool>(&value))
        return *flag ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

// A name printed to a terminal cannot move the cursor, recolour it or cut the line: control
// characters (C0, DEL, C1: escape sequences, NUL, CR) are shown as U+FFFD.
QString printable(QString text) {
    for (QChar& c : text) {
        const char16_t code = c.unicode();
        if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
            c = QChar::ReplacementCharacter;
    }
    return text;
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
        return printable(*text);
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
    QString out;
    appendJsonObject(out, record);
    return out;
}

QString jsonArray(const std::vector<Record>& records) {
    if (records.empty())
        return QStringLiteral("[]");
    QString out = QStringLiteral("[\n");
    // A series record prints about 700 characters: one allocation for most answers.
    constexpr qsizetype charactersPerRecord = 768;
    out.reserve(static_cast<qsizetype>(records.size()) * charactersPerRecord);
    bool first = true;
    for (const Record& record : records) {
        if (!first)
            out += QStringLiteral(",\n");
        first = false;
        out += QStringLiteral("    ");
        appendJsonObject(out, record);
    }
    out += QStringLiteral("\n  ]");
    return out;
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
