#include "CsvRecordReader.h"

#include <QIODevice>
#include <algorithm>
#include <cstring>

namespace tokenomics::data::importers {

CsvRecordReader::CsvRecordReader(const char* data, std::size_t size)
    : m_data(data)
    , m_size(size) {
    skipByteOrderMark();
}

CsvRecordReader::CsvRecordReader(QIODevice& device, std::size_t blockBytes)
    : m_data(nullptr)
    , m_size(0)
    , m_device(&device)
    , m_blockBytes(blockBytes > 0 ? blockBytes : 1)
    , m_atEnd(false) {
    // The first block holds at least the three bytes of a byte-order mark unless the file is
    // shorter; a short first read (a pipe) is topped up.
    while (!m_atEnd && m_size < 3)
        refill(0, 0);
    skipByteOrderMark();
}

void CsvRecordReader::skipByteOrderMark() {
    // A UTF-8 byte-order mark is not part of the first column's name.
    if (m_size >= 3 && std::memcmp(m_data, "\xEF\xBB\xBF", 3) == 0)
        m_position = 3;
}

bool CsvRecordReader::refill(std::size_t keepFrom, std::size_t atLeast) {
    m_buffer.erase(0, keepFrom);
    m_consumedBefore += keepFrom;
    m_position -= keepFrom;
    const std::size_t kept = m_buffer.size();
    const std::size_t wanted = std::max(atLeast, m_blockBytes);
    m_buffer.resize(kept + wanted);
    // A pipe hands out less than asked: read until the block is in or the input ends. A file's
    // short read is its end (a pipe's atEnd() only says nothing is buffered).
    const auto fileEnded = [this] { return !m_device->isSequential() && m_device->atEnd(); };
    std::size_t filled = 0;
    qint64 got = 0;
    while (filled < wanted) {
        got = m_device->read(m_buffer.data() + kept + filled, static_cast<qint64>(wanted - filled));
        if (got <= 0)
            break;
        filled += static_cast<std::size_t>(got);
        if (fileEnded()) {
            got = 0;
            break;
        }
    }
    if (got < 0 && !fileEnded())
        m_problem = QStringLiteral("cannot read: %1").arg(m_device->errorString());
    m_buffer.resize(kept + filled);
    m_atEnd = got <= 0;
    m_data = m_buffer.data();
    m_size = m_buffer.size();
    return filled > 0;
}

CsvRecordReader::Outcome CsvRecordReader::readQuoted(FieldSpan& span) {
    const qint64 openingLine = m_line;
    std::size_t position = m_position + 1; // past the opening quote
    const std::size_t start = position;
    bool escaped = false;
    std::size_t scratchStart = 0;
    while (true) {
        const void* found =
            position < m_size ? std::memchr(m_data + position, '"', m_size - position) : nullptr;
        if (!found) {
            if (!m_atEnd)
                return Outcome::NeedMore;
            m_problem =
                QStringLiteral("quoted field opened on line %1 is never closed").arg(openingLine);
            return Outcome::Malformed;
        }
        const std::size_t quote =
            static_cast<std::size_t>(static_cast<const char*>(found) - m_data);
        // A quote that ends the block may be the first of a doubled pair.
        if (quote + 1 >= m_size && !m_atEnd)
            return Outcome::NeedMore;
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
            return Outcome::Malformed;
        }
        return Outcome::Record;
    }
}

CsvRecordReader::Outcome CsvRecordReader::readRecord() {
    // Blank lines between records carry nothing.
    while (m_position < m_size && (m_data[m_position] == '\n' || m_data[m_position] == '\r')) {
        if (m_data[m_position] == '\n')
            ++m_line;
        ++m_position;
    }
    if (m_position >= m_size)
        return m_atEnd ? Outcome::End : Outcome::NeedMore;
    m_recordLine = m_line;
    while (true) {
        FieldSpan span{m_position, 0, false};
        if (m_position < m_size && m_data[m_position] == '"') {
            if (const Outcome quoted = readQuoted(span); quoted != Outcome::Record)
                return quoted;
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
        // The end of a block is not the end of the record unless the input ends there.
        if (m_position >= m_size && !m_atEnd)
            return Outcome::NeedMore;
        // End of record: "\n", "\r\n", a lone "\r", or the end of the input.
        if (m_position < m_size && m_data[m_position] == '\r') {
            ++m_position;
            if (m_position >= m_size && !m_atEnd)
                return Outcome::NeedMore;
        }
        if (m_position < m_size && m_data[m_position] == '\n') {
            ++m_position;
            ++m_line;
        }
        return Outcome::Record;
    }
}

bool CsvRecordReader::next(std::vector<std::string_view>& fields) {
    fields.clear();
    while (true) {
        const std::size_t start = m_position;
        const qint64 line = m_line;
        m_spans.clear();
        m_scratch.clear();
        const Outcome outcome = readRecord();
        m_scannedBytes += (outcome == Outcome::NeedMore ? m_size : m_position) - start;
        if (outcome == Outcome::NeedMore) {
            // Read the record again once more is in. The part read so far at least doubles
            // each time, so a long record costs a few passes, not one per block.
            m_position = start;
            m_line = line;
            const std::size_t partial = m_size - start;
            if (partial >= maxRecordBytes) {
                m_recordLine = line;
                m_problem = QStringLiteral("a record longer than %1 MiB without a line break: "
                                           "this is not a CSV of results")
                                .arg(maxRecordBytes >> 20);
                return false;
            }
            refill(start, std::min(partial, maxRecordBytes - partial));
            if (!m_problem.isEmpty())
                return false;
            continue;
        }
        if (outcome != Outcome::Record)
            return false;
        break;
    }
    for (const FieldSpan& span : m_spans) {
        const char* base = span.inScratch ? m_scratch.data() : m_data;
        fields.emplace_back(base + span.start, span.size);
    }
    return true;
}

} // namespace tokenomics::data::importers
