#include "SeedTable.h"

#include <cmath>

namespace tokenomics::data {

namespace {

// Splits RFC 4180 text into records; quoted fields may hold commas, quotes ("") and newlines.
bool splitRecords(const QString& text, std::vector<QStringList>* records, std::vector<int>* lines,
                  QString* error) {
    QStringList record;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false;
    int line = 1;
    int recordLine = 1;
    const auto endRecord = [&] {
        record.append(field);
        if (!(record.size() == 1 && record.front().isEmpty() && !fieldStarted)) {
            records->push_back(record);
            lines->push_back(recordLine);
        }
        record.clear();
        field.clear();
        fieldStarted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < text.size() && text[i + 1] == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            inQuotes = true;
            fieldStarted = true;
        } else if (c == u',') {
            record.append(field);
            field.clear();
            fieldStarted = true;
        } else if (c == u'\n') {
            endRecord();
            ++line;
            recordLine = line;
        } else if (c != u'\r') {
            field += c;
            fieldStarted = true;
        }
    }
    if (inQuotes) {
        *error = QStringLiteral("line %1: a quoted field is not closed").arg(recordLine);
        return false;
    }
    if (fieldStarted || !field.isEmpty() || !record.isEmpty())
        endRecord();
    return true;
}

} // namespace

std::optional<SeedTable> SeedTable::parse(const QString& name, const QByteArray& text,
                                          QString* error) {
    std::vector<QStringList> records;
    std::vector<int> lines;
    QString reason;
    if (!splitRecords(QString::fromUtf8(text), &records, &lines, &reason)) {
        *error = QStringLiteral("%1: %2").arg(name, reason);
        return std::nullopt;
    }
    if (records.empty()) {
        *error = QStringLiteral("%1: no header").arg(name);
        return std::nullopt;
    }
    SeedTable table;
    for (const QString& column : records.front())
        table.header_.append(column.trimmed());
    for (std::size_t i = 1; i < records.size(); ++i) {
        if (records[i].size() != table.header_.size()) {
            *error = QStringLiteral("%1: line %2: %3 fields where the header has %4")
                         .arg(name)
                         .arg(lines[i])
                         .arg(records[i].size())
                         .arg(table.header_.size());
            return std::nullopt;
        }
        table.rows_.push_back(records[i]);
        table.lines_.push_back(lines[i]);
    }
    return table;
}

QString SeedTable::text(int row, const QString& column) const {
    const qsizetype index = header_.indexOf(column);
    if (index < 0)
        return {};
    return rows_[static_cast<std::size_t>(row)][index].trimmed();
}

std::optional<double> SeedTable::number(int row, const QString& column, bool* ok) const {
    const QString field = text(row, column);
    *ok = true;
    if (field.isEmpty())
        return std::nullopt;
    bool parsed = false;
    const double value = field.toDouble(&parsed);
    if (!parsed || !std::isfinite(value)) {
        *ok = false;
        return std::nullopt;
    }
    return value;
}

} // namespace tokenomics::data
