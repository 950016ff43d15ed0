#pragma once
/// RFC 4180 record reader over an in-memory buffer: quoted fields with commas, doubled quotes
/// and line breaks; fields come back as views, so unquoted cells cost no allocation.

#include <QString>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tokenomics::data::importers {

class CsvRecordReader {
public:
    CsvRecordReader(const char* data, std::size_t size);

    /// Reads the next non-blank record into fields; false at the end or on malformed input
    /// (then problem() says why). Views stay valid until the next call.
    bool next(std::vector<std::string_view>& fields);
    /// 1-based line on which the last record started.
    [[nodiscard]] qint64 recordLine() const { return m_recordLine; }
    [[nodiscard]] std::size_t offset() const { return m_position; }
    [[nodiscard]] const QString& problem() const { return m_problem; }

private:
    struct FieldSpan {
        std::size_t start;
        std::size_t size;
        bool inScratch;
    };
    bool readQuoted(FieldSpan& span);

    const char* m_data;
    std::size_t m_size;
    std::size_t m_position = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    std::vector<FieldSpan> m_spans;
    std::string m_scratch; // unescaped text of quoted fields that contained doubled quotes
    QString m_problem;
};

} // namespace tokenomics::data::importers
