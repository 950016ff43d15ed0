#include "CsvRecordReader.h"

#include <cstring>

namespace tokenomics::data::importers {

CsvRecordReader::CsvRecordReader(const char* data, std::size_t size)
    : m_data(data)
    , m_size(size) {
    // A UTF-8 byte-order mark is not part of the first column's name.
    if (m_size >= 3 && std::memcmp(m_data, "\xEF\xBB\xBF", 3) == 0)
        m_position = 3;
}

bool CsvRecordReader::readQuoted(FieldSpan& span) {
    const qint64 openingLine = m_line;
    std::size_t position = m_position + 1; // past the opening quote
    const std::size_t start = position;
    bool escaped = false;
    std::size_t scratchStart = 0;
    while (true) {
        const void* found =
            position < m_size ? std::memchr(m_data + position, '"', m_size - position) : nullptr;
        if (!found) {
            m_problem =
                QStringLiteral("quoted field opened on line %1 is never closed").arg(openingLine);
            return false;
        }
        const std::size_t quote =
            static_cast<std::size_t>(static_cast<const char*>(found) - m_data);
        for (std::size_t i = position; i < quote; ++i) {
            if (m_data[i] == '\n')
                ++m_line;
        }
        const bool doubled = quote + 1 < m_size && m_data[quote + 1] == '"';
        if (doubled && !escaped) {
            escaped = true;
            scratchStart = m_scratch.size();
            m_scratch.append(m_data + start, quote - start);
        } else if (escaped) {
            m_scratch.append(m_data + position, quote - position);
        }
        if (doubled) {
            m_scratch.push_back('"');
            position = quote + 2;
            continue;
        }
        span = escaped ? FieldSpan{scratchStart, m_scratch.size() - scratchStart, true}
                       : FieldSpan{start, quote - start, false};
        m_position = quote + 1;
        if (m_position < m_size && m_data[m_position] != ',' && m_data[m_position] != '\n' &&
            m_data[m_position] != '\r') {
            m_problem = QStringLiteral("unexpected character after a closing quote");
            return false;
        }
        return true;
    }
}

bool CsvRecordReader::next(std::vector<std::string_view>& fields) {
    fields.clear();
    m_spans.clear();
    m_scratch.clear();
    // Blank lines between records carry nothing.
    while (m_position < m_size && (m_data[m_position] == '\n' || m_data[m_position] == '\r')) {
        if (m_data[m_position] == '\n')
            ++m_line;
        ++m_position;
    }
    if (m_position >= m_size)
        return false;
    m_recordLine = m_line;
    while (true) {
        FieldSpan span{m_position, 0, false};
        if (m_position < m_size && m_data[m_position] == '"') {
            if (!readQuoted(span))
                return false;
        } else {
            std::size_t end = m_position;
            while (end < m_size && m_data[end] != ',' && m_data[end] != '\n' && m_data[end] != '\r')
                ++end;
            span.size = end - m_position;
            m_position = end;
        }
        m_spans.push_back(span);
        if (m_position < m_size && m_data[m_position] == ',') {
            ++m_position;
            continue;
        }
        // End of record: "\n", "\r\n", a lone "\r", or the end of the buffer.
        if (m_position < m_size && m_data[m_position] == '\r')
            ++m_position;
        if (m_position < m_size && m_data[m_position] == '\n') {
            ++m_position;
            ++m_line;
        }
        break;
    }
    for (const FieldSpan& span : m_spans) {
        const char* base = span.inScratch ? m_scratch.data() : m_data;
        fields.emplace_back(base + span.start, span.size);
    }
    return true;
}

} // namespace tokenomics::data::importers
