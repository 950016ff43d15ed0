// Canonical operating-point CSV (PRODUCT.md §4) → parsed points.
#include "CsvRecordReader.h"
#include "FormatReaders.h"
#include "ImportSupport.h"
#include "ResultImporter.h"

#include <array>
#include <charconv>
#include <cmath>

namespace tokenomics::data::importers {
namespace {

enum Column : int {
    Model,
    Hardware,
    Engine,
    Precision,
    Isl,
    Osl,
    Concurrency,
    TputPerGpu,
    OutputTputPerGpu,
    InteractivityP50,
    TpotP50,
    Gpus,
    SpecDecoding,
    Disaggregated,
    PrefillGpus,
    DecodeGpus,
    InputTputPerGpu,
    InteractivityP90,
    InteractivityP99,
    TtftP50,
    TtftP90,
    TtftP99,
    TpotP90,
    TpotP99,
    E2elP50,
    E2elP90,
    E2elP99,
    PowerW,
    Run,
    Config,
    Note,
    Uncertain,
    Source,
    Date,
    ColumnCount
};

constexpr std::array<std::string_view, ColumnCount> kColumnNames{
    "model",
    "hardware",
    "engine",
    "precision",
    "isl",
    "osl",
    "concurrency",
    "tput_per_gpu",
    "output_tput_per_gpu",
    "interactivity_p50",
    "tpot_p50",
    "gpus",
    "spec_decoding",
    "disaggregated",
    "prefill_gpus",
    "decode_gpus",
    "input_tput_per_gpu",
    "interactivity_p90",
    "interactivity_p99",
    "ttft_p50",
    "ttft_p90",
    "ttft_p99",
    "tpot_p90",
    "tpot_p99",
    "e2el_p50",
    "e2el_p90",
    "e2el_p99",
    "power_w",
    "run",
    "config",
    "note",
    "uncertain",
    "source",
    "date",
};

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

QString qText(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

/// Where each field is in a file and what the file calls it (a --map entry may rename it and
/// convert its unit).
struct Header {
    std::array<int, ColumnCount> positions{};
    std::array<QString, ColumnCount> names;
    std::array<double, ColumnCount> scales{};
};

/// Reads one data row; each cell is looked up through the header's column positions.
class RowReader {
public:
    RowReader(const QString& file, const ImportDefaults& defaults, ImportError* error,
              const Header& header)
        : m_file(file)
        , m_defaults(defaults)
        , m_error(error)
        , m_header(header)
        , m_positions(header.positions) {}

    /// Reads one row into point and the index of its series in collector.
    bool read(const std::vector<std::string_view>& cells, qint64 line, SeriesCollector& collector,
              std::size_t& series, OperatingPoint& point);

private:
    std::string_view cell(Column column) const {
        const int position = m_positions[column];
        return position < 0 ? std::string_view{} : trimmed((*m_cells)[position]);
    }
    bool failAt(Column column, const QString& reason) const {
        return fail(m_error, m_file, QStringLiteral("line %1").arg(m_line), m_header.names[column],
                    reason);
    }
    bool number(Column column, NumberRule rule, std::optional<double>& out) const;
    bool count(Column column, std::optional<int>& out) const;
    bool flag(Column column, bool& out) const;
    bool text(Column column, std::string& out, const std::optional<std::string>& fallback = {},
              bool required = false) const;

    const QString& m_file;
    const ImportDefaults& m_defaults;
    ImportError* m_error;
    const Header& m_header;
    const std::array<int, ColumnCount>& m_positions;
    bool readKey(SeriesCollector& collector);

    const std::vector<std::string_view>* m_cells = nullptr;
    qint64 m_line = 0;
    // Rows of one series usually come together: while the key cells repeat, the series (and
    // its canonical names) is reused without building a key.
    static constexpr std::array<Column, 8> kKeyColumns{Model, Hardware, Engine,       Precision,
                                                       Isl,   Osl,      SpecDecoding, Run};
    std::array<std::string, kKeyColumns.size()> m_lastKeyCells;
    bool m_hasLastKey = false;
    std::size_t m_series = 0;
};

bool RowReader::number(Column column, NumberRule rule, std::optional<double>& out) const {
    out.reset();
    const std::string_view value = cell(column);
    if (value.empty())
        return true;
    double parsed = 0;
    const char* end = value.data() + value.size();
    const char* begin = value.data() + (value.front() == '+' ? 1 : 0);
    const auto [ptr, ec] = std::from_chars(begin, end, parsed);
    if (ec == std::errc::result_out_of_range)
        return failAt(column, QStringLiteral("not a finite number"));
    if (ec != std::errc() || ptr != end)
        return failAt(column,
                      QStringLiteral("expected a number, found \"%1\"").arg(qText(value).left(40)));
    if (const QString problem = numberProblem(parsed, rule); !problem.isEmpty())
        return failAt(column, problem);
    out = parsed * m_header.scales[column];
    return true;
}

bool RowReader::count(Column column, std::optional<int>& out) const {
    out.reset();
    std::optional<double> value;
    if (!number(column, NumberRule::Positive, value))
        return false;
    if (!value)
        return true;
    if (*value != std::floor(*value) || *value > maxWholeCount)
        return failAt(column, QStringLiteral("expected a whole number, found %1").arg(*value));
    out = static_cast<int>(*value);
    return true;
}

bool RowReader::flag(Column column, bool& out) const {
    const std::string_view value = cell(column);
    if (value.empty() || value == "0" || value == "false" || value == "FALSE" || value == "False") {
        out = false;
        return true;
    }
    if (value == "1" || value == "true" || value == "TRUE" || value == "True") {
        out = true;
        return true;
    }
    return failAt(column,
                  QStringLiteral("expected 0, 1, true or false, found \"%1\"").arg(qText(value)));
}

bool RowReader::text(Column column, std::string& out, const std::optional<std::string>& fallback,
                     bool required) const {
    const std::string_view value = cell(column);
    if (!isValidUtf8(value.data(), static_cast<qsizetype>(value.size())))
        return failAt(column, QStringLiteral("invalid UTF-8"));
    if (value.empty() && m_positions[column] < 0 && fallback)
        out = *fallback;
    else
        out.assign(value);
    if (required && out.empty())
        return failAt(column, QStringLiteral("required value missing"));
    return true;
}

bool RowReader::readKey(SeriesCollector& collector) {
    SeriesKey key;
    if (!text(Model, key.model, m_defaults.model, true) ||
        !text(Hardware, key.hardware, m_defaults.hardware, true) ||
        !text(Engine, key.engine, m_defaults.engine, true) ||
        !text(Precision, key.precision, m_defaults.precision, true) ||
        !text(SpecDecoding, key.specDecoding, m_defaults.specDecoding) ||
        !text(Run, key.run, m_defaults.run))
        return false;
    key.model = canonicalModelName(key.model);
    key.hardware = canonicalHardwareName(key.hardware);
    if (key.specDecoding.empty())
        key.specDecoding = "none";
    std::optional<int> isl;
    std::optional<int> osl;
    if (!count(Isl, isl) || !count(Osl, osl))
        return false;
    isl = isl ? isl : (m_positions[Isl] < 0 ? m_defaults.isl : std::nullopt);
    osl = osl ? osl : (m_positions[Osl] < 0 ? m_defaults.osl : std::nullopt);
    if (!isl)
        return failAt(Isl, QStringLiteral("required value missing"));
    if (!osl)
        return failAt(Osl, QStringLiteral("required value missing"));
    key.isl = *isl;
    key.osl = *osl;
    m_series = collector.seriesFor(key);
    for (std::size_t i = 0; i < kKeyColumns.size(); ++i)
        m_lastKeyCells[i].assign(cell(kKeyColumns[i]));
    m_hasLastKey = true;
    return true;
}

bool RowReader::read(const std::vector<std::string_view>& cells, qint64 line,
                     SeriesCollector& collector, std::size_t& series, OperatingPoint& point) {
    m_cells = &cells;
    m_line = line;
    bool sameKey = m_hasLastKey;
    for (std::size_t i = 0; sameKey && i < kKeyColumns.size(); ++i)
        sameKey = cell(kKeyColumns[i]) == m_lastKeyCells[i];
    if (!sameKey && !readKey(collector))
        return false;
    series = m_series;
    const SeriesKey& key = collector.keyOf(series);
    PointFigures& figures = point.figures;
    if (!text(Config, point.config, m_defaults.config) || !text(Note, point.note) ||
        !text(Source, point.provenance.source) || !text(Date, point.provenance.date))
        return false;

    std::optional<int> gpus;
    std::optional<int> prefillGpus;
    std::optional<int> decodeGpus;
    std::optional<double> concurrency;
    if (!number(Concurrency, NumberRule::Positive, concurrency) || !count(Gpus, gpus) ||
        !count(PrefillGpus, prefillGpus) || !count(DecodeGpus, decodeGpus) ||
        !flag(Disaggregated, figures.disaggregated) || !flag(Uncertain, point.provenance.uncertain))
        return false;
    gpus = gpus ? gpus : (m_positions[Gpus] < 0 ? m_defaults.gpus : std::nullopt);
    if (m_positions[PrefillGpus] < 0 && m_positions[DecodeGpus] < 0 && m_defaults.prefillGpus &&
        m_defaults.decodeGpus) {
        prefillGpus = m_defaults.prefillGpus;
        decodeGpus = m_defaults.decodeGpus;
        figures.disaggregated = figures.disaggregated || m_positions[Disaggregated] < 0;
    }
    if (!concurrency && m_positions[Concurrency] < 0 && m_defaults.load) {
        figures.concurrency = m_defaults.load->concurrency;
        figures.requestRate = m_defaults.load->requestRate;
    } else if (!concurrency) {
        return failAt(Concurrency, QStringLiteral("required value missing"));
    } else {
        figures.concurrency = *concurrency;
    }
    figures.prefillGpus = prefillGpus.value_or(0);
    figures.decodeGpus = decodeGpus.value_or(0);
    figures.gpus = gpus.value_or(prefillGpus && decodeGpus ? *prefillGpus + *decodeGpus : 0);

    if (!number(TputPerGpu, NumberRule::Positive, figures.tputPerGpu) ||
        !number(OutputTputPerGpu, NumberRule::Positive, figures.outputTputPerGpu) ||
        !number(InputTputPerGpu, NumberRule::Positive, figures.inputTputPerGpu))
        return false;
    if (!figures.tputPerGpu && !figures.outputTputPerGpu)
        return fail(m_error, m_file, QStringLiteral("line %1").arg(line),
                    QStringLiteral("tput_per_gpu"),
                    QStringLiteral("either tput_per_gpu or output_tput_per_gpu is required"));
    if (!figures.tputPerGpu || !figures.outputTputPerGpu) {
        // Total tokens per output token is (isl + osl) / osl. Disaggregated points count output
        // per decode GPU but total per all GPUs, so the GPU ratio joins the conversion there.
        double totalPerOutput = (static_cast<double>(key.isl) + key.osl) / key.osl;
        if (figures.disaggregated && figures.decodeGpus > 0 && figures.gpus > 0)
            totalPerOutput *= static_cast<double>(figures.decodeGpus) / figures.gpus;
        if (!figures.tputPerGpu)
            figures.tputPerGpu = *figures.outputTputPerGpu * totalPerOutput;
        else
            figures.outputTputPerGpu = *figures.tputPerGpu / totalPerOutput;
        figures.tputDerived = true;
    }

    ByStatistic tpot;
    if (!number(InteractivityP50, NumberRule::Positive, figures.interactivity.p50) ||
        !number(InteractivityP90, NumberRule::Positive, figures.interactivity.p90) ||
        !number(InteractivityP99, NumberRule::Positive, figures.interactivity.p99) ||
        !number(TpotP50, NumberRule::Positive, tpot.p50) ||
        !number(TpotP90, NumberRule::Positive, tpot.p90) ||
        !number(TpotP99, NumberRule::Positive, tpot.p99) ||
        !number(TtftP50, NumberRule::NonNegative, figures.ttftSeconds.p50) ||
        !number(TtftP90, NumberRule::NonNegative, figures.ttftSeconds.p90) ||
        !number(TtftP99, NumberRule::NonNegative, figures.ttftSeconds.p99) ||
        !number(E2elP50, NumberRule::NonNegative, figures.e2elSeconds.p50) ||
        !number(E2elP90, NumberRule::NonNegative, figures.e2elSeconds.p90) ||
        !number(E2elP99, NumberRule::NonNegative, figures.e2elSeconds.p99) ||
        !number(PowerW, NumberRule::Positive, figures.powerWatts))
        return false;
    interactivityFromTpot(figures.interactivity, tpot);
    if (!figures.interactivity.p50)
        return fail(m_error, m_file, QStringLiteral("line %1").arg(line),
                    QStringLiteral("interactivity_p50"),
                    QStringLiteral("either interactivity_p50 or tpot_p50 is required"));
    return true;
}

/// Reads every record of one file into the collector, one reused point at a time.
bool readRecords(const QString& file, CsvRecordReader& reader, const ImportDefaults& defaults,
                 SeriesCollector& collector, ImportError* error,
                 const std::function<bool(qint64)>& progress) {
    std::vector<std::string_view> cells;
    if (!reader.next(cells)) {
        if (!reader.problem().isEmpty())
            return fail(error, file, QStringLiteral("line 1"), {}, reader.problem());
        return fail(error, file, QStringLiteral("line 1"), {}, QStringLiteral("empty file"));
    }
    Header header;
    std::array<int, ColumnCount>& positions = header.positions;
    positions.fill(-1);
    header.scales.fill(1.0);
    for (int index = 0; index < static_cast<int>(cells.size()); ++index) {
        const std::string_view inFile = trimmed(cells[index]);
        std::string_view name = inFile;
        double scale = 1.0;
        const auto mapped = defaults.columnMap.find(std::string(inFile));
        if (mapped != defaults.columnMap.end()) {
            if (mapped->second.field.empty())
                continue; // --map COLUMN=skip
            name = mapped->second.field;
            scale = mapped->second.scale;
        }
        int column = 0;
        while (column < ColumnCount && kColumnNames[column] != name)
            ++column;
        if (column == ColumnCount)
            return fail(error, file, QStringLiteral("line 1"), qText(name),
                        QStringLiteral("unknown column '%1': pass --map '%1=FIELD' with a field "
                                       "of the canonical CSV, or --map '%1=skip'")
                            .arg(qText(name)));
        if (positions[column] >= 0)
            return fail(error, file, QStringLiteral("line 1"), qText(inFile),
                        QStringLiteral("column '%1' appears twice").arg(qText(name)));
        positions[column] = index;
        header.names[column] = mapped == defaults.columnMap.end()
                                   ? qText(name)
                                   : QStringLiteral("%1 (as %2)").arg(qText(inFile), qText(name));
        header.scales[column] = scale;
    }
    // Each required column, the option that stands in for it, and whether it was given.
    const std::array<std::tuple<Column, const char*, bool>, 7> required{{
        {Model, "model", defaults.model.has_value()},
        {Hardware, "hardware", defaults.hardware.has_value()},
        {Engine, "engine", defaults.engine.has_value()},
        {Precision, "precision", defaults.precision.has_value()},
        {Isl, "isl", defaults.isl.has_value()},
        {Osl, "osl", defaults.osl.has_value()},
        {Concurrency, "load", defaults.load.has_value()},
    }};
    QStringList missingColumns;
    QStringList missingOptions;
    for (const auto& [column, option, hasDefault] : required) {
        if (positions[column] < 0 && !hasDefault) {
            missingColumns << qText(kColumnNames[column]);
            missingOptions << QLatin1String(option);
        }
    }
    if (!missingColumns.isEmpty()) {
        QStringList quoted;
        for (const QString& column : missingColumns)
            quoted << u'\'' + column + u'\'';
        return failMissing(
            error, file, QStringLiteral("line 1"),
            QStringLiteral("required column%1 %2 missing")
                .arg(quoted.size() > 1 ? QStringLiteral("s") : QString(), quoted.join(u", ")),
            missingColumns, missingOptions,
            quoted.size() > 1 ? QStringLiteral(", or --map columns of the file to them")
                              : QStringLiteral(", or --map a column of the file to it"));
    }
    if (positions[TputPerGpu] < 0 && positions[OutputTputPerGpu] < 0)
        return fail(error, file, QStringLiteral("line 1"), QStringLiteral("tput_per_gpu"),
                    QStringLiteral("a tput_per_gpu or output_tput_per_gpu column is required"));
    if (positions[InteractivityP50] < 0 && positions[TpotP50] < 0)
        return fail(error, file, QStringLiteral("line 1"), QStringLiteral("interactivity_p50"),
                    QStringLiteral("an interactivity_p50 or tpot_p50 column is required"));

    const std::size_t columnCount = cells.size();
    RowReader rowReader(file, defaults, error, header);
    const int fileIndex = collector.fileIndex(file);
    std::size_t rowsRead = 0;
    // One point for every row: its strings keep their capacity from row to row.
    OperatingPoint point;
    PointOrigin origin{fileIndex, 0, {}};
    while (reader.next(cells)) {
        if (cells.size() != columnCount)
            return fail(
                error, file, QStringLiteral("line %1").arg(reader.recordLine()), {},
                QStringLiteral("expected %1 fields, found %2").arg(columnCount).arg(cells.size()));
        point.figures = PointFigures{};
        std::size_t series = 0;
        origin.line = reader.recordLine();
        if (!rowReader.read(cells, reader.recordLine(), collector, series, point) ||
            !collector.addPoint(series, point, origin, error))
            return false;
        // Reporting every row would cost more than the parse itself.
        if (progress && ++rowsRead % 16384 == 0 && !progress(static_cast<qint64>(reader.offset())))
            return fail(error, file, {}, {}, QStringLiteral("cancelled"));
    }
    if (!reader.problem().isEmpty())
        return fail(error, file, QStringLiteral("line %1").arg(reader.recordLine()), {},
                    reader.problem());
    return true;
}

} // namespace

bool readCanonicalCsv(const QString& file, const QByteArray& bytes, const ImportDefaults& defaults,
                      SeriesCollector& collector, ImportError* error,
                      const std::function<bool(qint64)>& progress) {
    CsvRecordReader reader(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    return readRecords(file, reader, defaults, collector, error, progress);
}

bool readCanonicalCsv(const QString& file, QIODevice& device, const ImportDefaults& defaults,
                      SeriesCollector& collector, ImportError* error,
                      const std::function<bool(qint64)>& progress) {
    CsvRecordReader reader(device);
    return readRecords(file, reader, defaults, collector, error, progress);
}

} // namespace tokenomics::data::importers

namespace tokenomics::data {

const std::vector<std::string>& canonicalColumnNames() {
    static const std::vector<std::string> names(importers::kColumnNames.begin(),
                                                importers::kColumnNames.end());
    return names;
}

} // namespace tokenomics::data
