#pragma once
/// RFC 4180 record reader over an in-memory buffer or a file read in blocks: quoted fields with
/// commas, doubled quotes and line breaks; fields come back as views, so unquoted cells cost no
/// allocation, and a file of any size needs only a block (and its longest record) in memory.

#include <QString>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

class QIODevice;

namespace tokenomics::data::importers {

class CsvRecordReader {
public:
    /// No results file has a record this long; beyond it the input is refused (a file with no
    /// line breaks, such as /dev/zero, would otherwise be read into memory without end).
    static constexpr std::size_t maxRecordBytes = std::size_t(16) << 20;

    /// Reads bytes the caller keeps alive for the reader's lifetime.
    CsvRecordReader(const char* data, std::size_t size);
    /// Reads the device from its current position, blockBytes at a time.
    explicit CsvRecordReader(QIODevice& device, std::size_t blockBytes = std::size_t(1) << 20);

    /// Reads the next non-blank record into fields; false at the end or on malformed input
    /// (then problem() says why). Views stay valid until the next call.
    bool next(std::vector<std::string_view>& fields);
    /// 1-based line on which the last record started.
    [[nodiscard]] qint64 recordLine() const { return m_recordLine; }
    /// Bytes of the input consumed so far (for progress).
    [[nodiscard]] std::size_t offset() const { return m_consumedBefore + m_position; }
    [[nodiscard]] const QString& problem() const { return m_problem; }
    /// Bytes examined so far, a record counted again each time it is read anew after more of
    /// it came in: the reader's work, linear in the input.
    [[nodiscard]] std::size_t scannedBytes() const { return m_scannedBytes; }

private:
    struct FieldSpan {
        std::size_t start;
        std::size_t size;
        bool inScratch;
    };
    enum class Outcome { Record, End, Malformed, NeedMore };
    Outcome readRecord();
    Outcome readQuoted(FieldSpan& span);
    /// Drops the bytes before keepFrom and appends at least a block (atLeast bytes when more),
    /// fewer only at the end of input; false when nothing more came.
    bool refill(std::size_t keepFrom, std::size_t atLeast);
    void skipByteOrderMark();

    const char* m_data;
    std::size_t m_size;
    QIODevice* m_device = nullptr;
    std::size_t m_blockBytes = 0;
    std::string m_buffer;             // the device's unread bytes (device mode only)
    bool m_atEnd = true;              // nothing more to read beyond m_size
    std::size_t m_consumedBefore = 0; // bytes dropped from the buffer's front
    std::size_t m_position = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    std::size_t m_scannedBytes = 0;
    std::vector<FieldSpan> m_spans;
    std::string m_scratch; // unescaped text of quoted fields that contained doubled quotes
    QString m_problem;
};

} // namespace tokenomics::data::importers
