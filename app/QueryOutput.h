#pragma once
/// Records of named values and their renderings for `tokenomics query`: JSON (numbers or null,
/// never NaN/Infinity), RFC 4180 CSV and an aligned text table with units.

#include <QString>
#include <QStringList>
#include <optional>
#include <variant>
#include <vector>

namespace tokenomics::app {

/// null (unknown), a number, text or a flag.
using FieldValue = std::variant<std::monostate, double, QString, bool>;

struct Field {
    QString name;
    FieldValue value;
};

/// One row of output: fields in the order they are printed.
using Record = std::vector<Field>;

/// A number when known and finite, else null.
FieldValue numberOrNull(std::optional<double> value);
/// Text, or null when empty.
FieldValue textOrNull(const QString& text);

/// The record's value of `name`, or null when it has no such field.
FieldValue valueOf(const Record& record, const QString& name);

/// {"name": value, ...} in field order.
QString jsonObject(const Record& record);
/// [record, ...]
QString jsonArray(const std::vector<Record>& records);

/// Header of `columns`, then one line per record; fields are quoted when they need it.
QString csvTable(const QStringList& columns, const std::vector<Record>& records);

/// A column of the text table: its title (with unit), the field it shows and how.
struct TableColumn {
    QString title;
    QString field;
    int decimals = 2;       // for numbers
    QString limitMarker;    // shown before the number when the record's limitField is true
    QString limitField;     // e.g. "latency_is_limit"
    bool alignLeft = false; // text columns
};

/// Aligned columns; unknown values print as "unknown".
QString textTable(const std::vector<TableColumn>& columns, const std::vector<Record>& records);

} // namespace tokenomics::app
