#include "ImportSupport.h"

#include "ResultImporter.h"

#include <QJsonParseError>
#include <QSet>
#include <algorithm>
#include <charconv>
#include <cmath>

namespace tokenomics::data::importers {

bool fail(ImportError* error, const QString& file, const QString& location, const QString& field,
          const QString& reason) {
    if (error)
        *error = ImportError{file, location, field, reason, {}, {}};
    return false;
}

bool failMissing(ImportError* error, const QString& file, const QString& location,
                 const QString& problem, const QStringList& fields, const QStringList& options,
                 const QString& alternative) {
    QStringList flags;
    for (const QString& option : options) {
        flags << (option == u"load" ? QStringLiteral("--load concurrency=N (or rate=R)")
                                    : QStringLiteral("--") + option);
    }
    const QString list = flags.size() > 1 ? flags.mid(0, flags.size() - 1).join(u", ") +
                                                QStringLiteral(" and ") + flags.last()
                                          : flags.join(u", ");
    if (error) {
        *error = ImportError{file,
                             location,
                             fields.join(u", "),
                             QStringLiteral("%1: pass %2%3").arg(problem, list, alternative),
                             options,
                             {}};
    }
    return false;
}

QString numberProblem(double value, NumberRule rule) {
    if (!std::isfinite(value))
        return QStringLiteral("not a finite number");
    if (rule == NumberRule::Positive && value <= 0)
        return QStringLiteral("must be > 0");
    if (rule == NumberRule::NonNegative && value < 0)
        return QStringLiteral("must be ≥ 0");
    return {};
}

QString tokenCountProblem(double value) {
    // Counts become 32-bit integers; past 1e9 tokens a request is not a measurement.
    if (!std::isfinite(value) || value < 0 || value > 1e9 || value != std::floor(value))
        return QStringLiteral("expected a whole number of tokens from 0 to 1e9, found %1")
            .arg(value);
    return {};
}

bool isValidUtf8(const char* data, qsizetype size) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(data);
    qsizetype i = 0;
    while (i < size) {
        const unsigned char lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned minimum = 0;
        unsigned codePoint = 0;
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
            minimum = 0x80;
            codePoint = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            minimum = 0x800;
            codePoint = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            minimum = 0x10000;
            codePoint = lead & 0x07;
        } else {
            return false;
        }
        if (i + length > size)
            return false;
        for (int k = 1; k < length; ++k) {
            if ((bytes[i + k] & 0xC0) != 0x80)
                return false;
            codePoint = (codePoint << 6) | (bytes[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if (codePoint < minimum || codePoint > 0x10FFFF ||
            (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

QString lineColumnOf(const QByteArray& bytes, qsizetype offset) {
    offset = std::clamp<qsizetype>(offset, 0, bytes.size());
    qsizetype line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (bytes[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(offset - lineStart + 1);
}

namespace {

/// The text of a JSON string whose quotes are at open and close, escapes decoded.
QString jsonStringText(const QByteArray& bytes, qsizetype open, qsizetype close) {
    const QByteArray raw = bytes.mid(open, close - open + 1);
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw.mid(1, raw.size() - 2));
    return QJsonDocument::fromJson('[' + raw + ']').array().first().toString();
}

} // namespace

std::optional<DuplicateKey> firstDuplicateKey(const QByteArray& bytes) {
    // One frame per open object or array: the keys seen so far, or the index reached.
    struct Frame {
        bool isObject = false;
        qsizetype index = 0;
        QString key;
        QSet<QString> keys;
    };
    std::vector<Frame> open;
    bool expectKey = false;
    const auto pathTo = [&open](const QString& key) {
        QString path = QStringLiteral("$");
        for (std::size_t i = 0; i + 1 < open.size(); ++i)
            path +=
                open[i].isObject ? u'.' + open[i].key : QStringLiteral("[%1]").arg(open[i].index);
        return path + u'.' + key;
    };
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        switch (bytes[i]) {
        case '{':
            open.push_back(Frame{true, 0, {}, {}});
            expectKey = true;
            break;
        case '[':
            open.push_back(Frame{false, 0, {}, {}});
            break;
        case '}':
        case ']':
            if (!open.empty())
                open.pop_back();
            break;
        case ',':
            if (!open.empty() && !open.back().isObject)
                ++open.back().index;
            expectKey = !open.empty() && open.back().isObject;
            break;
        case '"': {
            const qsizetype start = i;
            for (++i; i < bytes.size() && bytes[i] != '"'; ++i) {
                if (bytes[i] == '\\')
                    ++i;
            }
            if (!expectKey || open.empty())
                break;
            expectKey = false;
            Frame& object = open.back();
            object.key = jsonStringText(bytes, start, i);
            if (object.keys.contains(object.key))
                return DuplicateKey{pathTo(object.key), object.key, start};
            object.keys.insert(object.key);
            break;
        }
        default:
            break;
        }
    }
    return std::nullopt;
}

QByteArray withoutByteOrderMark(const QByteArray& bytes) {
    return bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
}

std::optional<QJsonDocument> parseJson(const QByteArray& withMark, const QString& file,
                                       ImportError* error) {
    // Editors on Windows save UTF-8 with a byte-order mark; JSON itself has none.
    const QByteArray bytes = withoutByteOrderMark(withMark);
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(error, file, lineColumnOf(bytes, parseError.offset), {},
             QStringLiteral("malformed JSON: %1").arg(parseError.errorString()));
        return std::nullopt;
    }
    if (const auto duplicate = firstDuplicateKey(bytes)) {
        fail(error, file, duplicate->path, duplicate->key,
             duplicateKeyReason(lineColumnOf(bytes, duplicate->offset)));
        return std::nullopt;
    }
    return document;
}

QString duplicateKeyReason(const QString& where) {
    return QStringLiteral("the key appears twice in one object (again at %1), so which value "
                          "is meant is unclear")
        .arg(where);
}

JsonFields::JsonFields(QJsonObject object, QString file, QString path, ImportError* error)
    : m_object(std::move(object))
    , m_file(std::move(file))
    , m_path(std::move(path))
    , m_error(error) {}

bool JsonFields::has(const QString& key) const {
    const QJsonValue value = m_object.value(key);
    return !value.isUndefined() && !value.isNull();
}

QString JsonFields::pathOf(const QString& key) const {
    return m_path + u'.' + key;
}

bool JsonFields::failAt(const QString& key, const QString& reason) const {
    return fail(m_error, m_file, pathOf(key), key, reason);
}

namespace {

QString typeName(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("null");
    }
}

std::optional<double> numberFromString(const QString& text) {
    const QByteArray utf8 = text.trimmed().toUtf8();
    double value = 0;
    const char* end = utf8.constData() + utf8.size();
    const auto [ptr, ec] = std::from_chars(utf8.constData(), end, value);
    if (utf8.isEmpty() || ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

} // namespace

bool JsonFields::number(const QString& key, NumberRule rule, std::optional<double>& out) {
    out.reset();
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    double number = 0;
    if (value.isDouble()) {
        number = value.toDouble();
    } else if (value.isString()) {
        const auto parsed = numberFromString(value.toString());
        if (!parsed)
            return failAt(
                key,
                QStringLiteral("expected a number, found \"%1\"").arg(value.toString().left(40)));
        number = *parsed;
    } else {
        return failAt(key, QStringLiteral("expected a number, found %1").arg(typeName(value)));
    }
    if (const QString problem = numberProblem(number, rule); !problem.isEmpty())
        return failAt(key, problem);
    out = number;
    return true;
}

bool JsonFields::requiredNumber(const QString& key, NumberRule rule, double& out) {
    std::optional<double> value;
    if (!number(key, rule, value))
        return false;
    if (!value)
        return failAt(key, QStringLiteral("required field missing"));
    out = *value;
    return true;
}

bool JsonFields::count(const QString& key, std::optional<int>& out) {
    out.reset();
    std::optional<double> value;
    if (!number(key, NumberRule::Positive, value))
        return false;
    if (!value)
        return true;
    if (*value != std::floor(*value) || *value > 1e9)
        return failAt(key, QStringLiteral("expected a whole number, found %1").arg(*value));
    out = static_cast<int>(*value);
    return true;
}

bool JsonFields::text(const QString& key, std::optional<std::string>& out) {
    out.reset();
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (value.isString()) {
        out = value.toString().toStdString();
        return true;
    }
    if (value.isDouble()) {
        out = QString::number(value.toDouble()).toStdString();
        return true;
    }
    return failAt(key, QStringLiteral("expected a string, found %1").arg(typeName(value)));
}

bool JsonFields::flag(const QString& key, std::optional<bool>& out) {
    out.reset();
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (value.isBool()) {
        out = value.toBool();
        return true;
    }
    if (value.isDouble() && (value.toDouble() == 0 || value.toDouble() == 1)) {
        out = value.toDouble() == 1;
        return true;
    }
    const QString lower = value.toString().toLower();
    if (value.isString() && (lower == u"true" || lower == u"false")) {
        out = lower == u"true";
        return true;
    }
    return failAt(key, QStringLiteral("expected true or false, found %1").arg(typeName(value)));
}

bool JsonFields::child(const QString& key, std::optional<JsonFields>& out) {
    out.reset();
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isObject())
        return failAt(key, QStringLiteral("expected an object, found %1").arg(typeName(value)));
    out.emplace(value.toObject(), m_file, pathOf(key), m_error);
    return true;
}

namespace {
std::vector<std::pair<QString, QString>> saidBy(const IdentityFields& identity) {
    std::vector<std::pair<QString, QString>> said;
    for (const auto& [option, text] :
         {std::pair{"model", &identity.model}, std::pair{"hardware", &identity.hardware},
          std::pair{"engine", &identity.engine}, std::pair{"precision", &identity.precision}}) {
        if (*text && !(*text)->empty())
            said.emplace_back(QLatin1String(option), QString::fromStdString(**text));
    }
    for (const auto& [option, count] :
         {std::pair{"gpus", &identity.gpus}, std::pair{"isl", &identity.isl},
          std::pair{"osl", &identity.osl}}) {
        if (*count && **count > 0)
            said.emplace_back(QLatin1String(option), QString::number(**count));
    }
    return said;
}
} // namespace

bool resolveIdentity(IdentityFields identity, const ImportDefaults& defaults, const QString& file,
                     const QString& location, ImportError* error, SeriesKey& key, int& gpus) {
    const IdentityFields stated = identity;
    auto pick = [](const auto& fromDefaults, auto& fromFile) {
        if (fromDefaults)
            fromFile = fromDefaults;
    };
    pick(defaults.model, identity.model);
    pick(defaults.hardware, identity.hardware);
    pick(defaults.engine, identity.engine);
    pick(defaults.precision, identity.precision);
    pick(defaults.gpus, identity.gpus);
    pick(defaults.isl, identity.isl);
    pick(defaults.osl, identity.osl);
    // Prefill + decode GPUs are all the GPUs of a disaggregated run.
    if (defaults.prefillGpus && defaults.decodeGpus && !defaults.gpus)
        identity.gpus = *defaults.prefillGpus + *defaults.decodeGpus;
    auto empty = [](const std::optional<std::string>& text) { return !text || text->empty(); };
    auto unknown = [](const std::optional<int>& count) { return !count || *count <= 0; };
    // Everything the file lacks is named at once, so one retry can give it all.
    QStringList missing;
    for (const auto& [option, lacking] :
         {std::pair{"model", empty(identity.model)},
          std::pair{"hardware", empty(identity.hardware)},
          std::pair{"engine", empty(identity.engine)},
          std::pair{"precision", empty(identity.precision)},
          std::pair{"gpus", unknown(identity.gpus)}, std::pair{"isl", unknown(identity.isl)},
          std::pair{"osl", unknown(identity.osl)}}) {
        if (lacking)
            missing << QLatin1String(option);
    }
    if (!missing.isEmpty()) {
        failMissing(error, file, location, missing.join(u", ") + QStringLiteral(" unknown"),
                    missing, missing);
        if (error)
            error->fileSays = saidBy(stated);
        return false;
    }
    if (defaults.prefillGpus && defaults.decodeGpus &&
        *defaults.prefillGpus + *defaults.decodeGpus != *identity.gpus)
        return fail(error, file, location, QStringLiteral("gpus"),
                    QStringLiteral("--gpus %1 is not --prefill-gpus + --decode-gpus (%2)")
                        .arg(*identity.gpus)
                        .arg(*defaults.prefillGpus + *defaults.decodeGpus));
    key.model = canonicalModelName(*identity.model);
    key.hardware = canonicalHardwareName(*identity.hardware);
    key.engine = *identity.engine;
    key.precision = *identity.precision;
    key.isl = *identity.isl;
    key.osl = *identity.osl;
    key.run = defaults.run.value_or(std::string());
    key.specDecoding = defaults.specDecoding.value_or(key.specDecoding);
    gpus = *identity.gpus;
    return true;
}

void interactivityFromTpot(ByStatistic& interactivity, const ByStatistic& tpotSeconds) {
    auto fill = [](std::optional<double>& target, const std::optional<double>& tpot) {
        if (!target && tpot && *tpot > 0)
            target = 1.0 / *tpot;
    };
    fill(interactivity.p50, tpotSeconds.p50);
    fill(interactivity.p90, tpotSeconds.p90);
    fill(interactivity.p99, tpotSeconds.p99);
}

ByStatistic percentilesOf(std::vector<double> values) {
    ByStatistic result;
    if (values.empty())
        return result;
    std::sort(values.begin(), values.end());
    auto at = [&](double percent) {
        const double rank = percent / 100.0 * static_cast<double>(values.size() - 1);
        const auto lower = static_cast<std::size_t>(std::floor(rank));
        const std::size_t upper = std::min(lower + 1, values.size() - 1);
        const double fraction = rank - static_cast<double>(lower);
        return values[lower] + (values[upper] - values[lower]) * fraction;
    };
    result.p50 = at(50);
    result.p90 = at(90);
    result.p99 = at(99);
    return result;
}

void figuresFromSamples(const SampleSet& samples, int gpus, PointFigures& figures) {
    std::vector<double> ttft;
    std::vector<double> tpot;
    std::vector<double> e2el;
    double inputTokens = 0;
    double outputTokens = 0;
    for (const RequestSample& request : samples.requests) {
        if (!request.success)
            continue;
        ttft.push_back(request.ttftSeconds);
        e2el.push_back(request.e2elSeconds);
        if (request.outputTokens > 1 && request.tpotSeconds > 0)
            tpot.push_back(request.tpotSeconds);
        inputTokens += request.inputTokens;
        outputTokens += request.outputTokens;
    }
    if (!figures.ttftSeconds.p50)
        figures.ttftSeconds = percentilesOf(ttft);
    if (!figures.e2elSeconds.p50)
        figures.e2elSeconds = percentilesOf(e2el);
    if (!figures.interactivity.p50)
        interactivityFromTpot(figures.interactivity, percentilesOf(tpot));
    if (samples.durationSeconds > 0 && gpus > 0) {
        const double perGpuSecond = samples.durationSeconds * gpus;
        if (!figures.tputPerGpu && inputTokens + outputTokens > 0)
            figures.tputPerGpu = (inputTokens + outputTokens) / perGpuSecond;
        if (!figures.outputTputPerGpu && outputTokens > 0)
            figures.outputTputPerGpu = outputTokens / perGpuSecond;
        if (!figures.inputTputPerGpu && inputTokens > 0)
            figures.inputTputPerGpu = inputTokens / perGpuSecond;
    }
}

} // namespace tokenomics::data::importers
