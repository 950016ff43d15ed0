#pragma once
/// Shared pieces of the result parsers: parsed points, error filling and JSON reading with checks.

#include "ImportTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <optional>
#include <string>
#include <vector>

namespace tokenomics::data::importers {

/// One operating point read from a file, with its series and where it came from (for errors).
struct ParsedPoint {
    SeriesKey key;
    OperatingPoint point;
    QString file;
    qint64 line = 0;       // CSV: the record's first line (1-based, header = 1); 0 for JSON
    QString location;      // JSON path when line is 0
    double runSeconds = 0; // AIPerf benchmark_duration, for samples read from a separate file
};

/// What a number must be: rates and counts must be positive, latencies may be zero.
enum class NumberRule { Positive, NonNegative };

/// Fills *error (when given) and returns false, so readers can `return fail(...)`.
bool fail(ImportError* error, const QString& file, const QString& location, const QString& field,
          const QString& reason);

/// Fails for fields the file does not give, naming every option that supplies them at once:
/// "<problem>: pass --hardware and --gpus<alternative>". `options` go into missingOptions.
bool failMissing(ImportError* error, const QString& file, const QString& location,
                 const QString& problem, const QStringList& fields, const QStringList& options,
                 const QString& alternative = {});

/// Checks a parsed number against a rule; the reason when it breaks it, empty otherwise.
QString numberProblem(double value, NumberRule rule);

/// Why a token count read as a number is not one (whole, 0 to 1e9); empty when it is.
QString tokenCountProblem(double value);

/// True when the bytes are well-formed UTF-8.
bool isValidUtf8(const char* data, qsizetype size);

/// "line L, column C" of a byte offset, both 1-based.
QString lineColumnOf(const QByteArray& bytes, qsizetype offset);

/// A key that appears twice in one JSON object: Qt keeps one of the values without a word.
struct DuplicateKey {
    QString path; // "$.metrics.ttft"
    QString key;
    qsizetype offset = 0; // of the second occurrence
};
/// The first duplicate key of well-formed JSON, if any.
std::optional<DuplicateKey> firstDuplicateKey(const QByteArray& bytes);
/// Why a duplicate key is refused, naming where the second one is.
QString duplicateKeyReason(const QString& where);

/// The bytes without a leading UTF-8 byte-order mark.
QByteArray withoutByteOrderMark(const QByteArray& bytes);

/// Parses JSON, turning Qt's parse error offset into a line and column; refuses duplicate keys.
std::optional<QJsonDocument> parseJson(const QByteArray& bytes, const QString& file,
                                       ImportError* error);

/// Reads fields of one JSON object, naming "$[2].median_ttft"-style paths in its errors.
class JsonFields {
public:
    JsonFields(QJsonObject object, QString file, QString path, ImportError* error);

    [[nodiscard]] const QJsonObject& object() const { return m_object; }
    [[nodiscard]] bool has(const QString& key) const;
    [[nodiscard]] QString pathOf(const QString& key) const;
    /// A number (or a numeric string, as older tools write); absent or null → nullopt, true.
    bool number(const QString& key, NumberRule rule, std::optional<double>& out);
    bool requiredNumber(const QString& key, NumberRule rule, double& out);
    /// A whole positive number.
    bool count(const QString& key, std::optional<int>& out);
    /// A string (numbers are accepted and written as text); absent or null → nullopt, true.
    bool text(const QString& key, std::optional<std::string>& out);
    /// true/false, or the strings "true"/"false"/"True"/"False", or 0/1.
    bool flag(const QString& key, std::optional<bool>& out);
    /// A nested object, or nullopt when absent.
    bool child(const QString& key, std::optional<JsonFields>& out);
    bool failAt(const QString& key, const QString& reason) const;

private:
    QJsonObject m_object;
    QString m_file;
    QString m_path;
    ImportError* m_error;
};

/// Identity of a series read from a JSON result, before defaults and name canonicalisation.
struct IdentityFields {
    std::optional<std::string> model;
    std::optional<std::string> hardware;
    std::optional<std::string> engine;
    std::optional<std::string> precision;
    std::optional<int> gpus;
    std::optional<int> isl;
    std::optional<int> osl;
};

/// Applies command-line defaults over the file's identity (the options describe the run) and
/// fails naming the option to pass when a field is still unknown.
bool resolveIdentity(IdentityFields identity, const ImportDefaults& defaults, const QString& file,
                     const QString& location, ImportError* error, SeriesKey& key, int& gpus);

/// Fills ByStatistic of interactivity from TPOT seconds where interactivity itself is missing.
void interactivityFromTpot(ByStatistic& interactivity, const ByStatistic& tpotSeconds);

/// p50, p90, p99 of values (linear interpolation between order statistics, as numpy does).
ByStatistic percentilesOf(std::vector<double> values);

/// Per-point figures from per-request samples: latency percentiles (interactivity p99 = 1 / p99
/// TPOT, the slow tail) and throughput per GPU over the run's duration.
void figuresFromSamples(const SampleSet& samples, int gpus, PointFigures& figures);

} // namespace tokenomics::data::importers
