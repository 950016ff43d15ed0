#pragma once
/// A small RFC 4180 CSV table for the bundled seed files (reference rows, not result files).

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace tokenomics::data {

class SeedTable {
public:
    /// Parses `text`; false with a message naming the line when quoting is broken or a row's
    /// field count differs from the header's.
    static std::optional<SeedTable> parse(const QString& name, const QByteArray& text,
                                          QString* error);

    [[nodiscard]] int rowCount() const { return static_cast<int>(rows_.size()); }
    /// 1-based line in the file where the row starts, for messages.
    [[nodiscard]] int lineOf(int row) const { return lines_[static_cast<std::size_t>(row)]; }
    [[nodiscard]] bool hasColumn(const QString& column) const { return header_.contains(column); }
    /// The field, trimmed; empty when the column is missing.
    [[nodiscard]] QString text(int row, const QString& column) const;
    /// Empty field → nullopt; a number → its value; anything else → nullopt and `ok` false.
    [[nodiscard]] std::optional<double> number(int row, const QString& column, bool* ok) const;

private:
    QStringList header_;
    std::vector<QStringList> rows_;
    std::vector<int> lines_;
};

} // namespace tokenomics::data
