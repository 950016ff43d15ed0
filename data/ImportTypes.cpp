#include "ImportTypes.h"

#include <algorithm>
#include <cmath>

namespace tokenomics::data {

bool parseLoadLevel(const QString& text, LoadLevel& load, QString* reason) {
    const QString value = text.trimmed();
    const qsizetype equals = value.indexOf(u'=');
    const QString kind = equals < 0 ? QStringLiteral("concurrency") : value.left(equals).trimmed();
    const QString number = equals < 0 ? value : value.mid(equals + 1).trimmed();
    bool ok = false;
    const double figure = number.toDouble(&ok);
    const bool rate = kind == u"rate";
    if (!rate && kind != u"concurrency") {
        *reason = QStringLiteral("'%1': say concurrency=N or rate=R (requests/s)").arg(text);
        return false;
    }
    if (!ok || !std::isfinite(figure) || figure <= 0 || figure > maxWholeCount) {
        *reason = QStringLiteral("'%1': the %2 must be a number above 0")
                      .arg(text, rate ? QStringLiteral("rate") : QStringLiteral("concurrency"));
        return false;
    }
    load = rate ? LoadLevel{0, figure} : LoadLevel{figure, 0};
    return true;
}

bool parseColumnMapping(const QString& entry, ColumnMap& map, QString* reason) {
    const qsizetype equals = entry.indexOf(u'=');
    const QString column = entry.left(equals).trimmed();
    QString target = entry.mid(equals + 1).trimmed();
    if (equals <= 0 || column.isEmpty() || target.isEmpty()) {
        *reason = QStringLiteral("'%1': say COLUMN=FIELD, e.g. GPU=hardware").arg(entry);
        return false;
    }
    ColumnMapping mapping;
    if (const qsizetype colon = target.indexOf(u':'); colon >= 0) {
        const QString unit = target.mid(colon + 1).trimmed();
        target = target.left(colon).trimmed();
        // The canonical latency fields hold seconds.
        const double unitSeconds = unit == u"s"    ? 1.0
                                   : unit == u"ms" ? 1e-3
                                   : unit == u"us" ? 1e-6
                                                   : 0;
        const bool latency = target.startsWith(u"ttft_") || target.startsWith(u"tpot_") ||
                             target.startsWith(u"e2el_");
        if (unitSeconds == 0 || !latency) {
            *reason = QStringLiteral("'%1': a unit (s, ms or us) goes with a ttft_, tpot_ or "
                                     "e2el_ field")
                          .arg(entry);
            return false;
        }
        mapping.scale = unitSeconds;
    }
    const auto& names = canonicalColumnNames();
    if (target != u"skip") {
        if (std::find(names.begin(), names.end(), target.toStdString()) == names.end()) {
            QStringList known;
            for (const std::string& name : names)
                known << QString::fromStdString(name);
            *reason = QStringLiteral("'%1': '%2' is not a field; fields: %3, or skip")
                          .arg(entry, target, known.join(QStringLiteral(", ")));
            return false;
        }
        mapping.field = target.toStdString();
    }
    if (!map.emplace(column.toStdString(), mapping).second) {
        *reason = QStringLiteral("'%1': column '%2' is mapped twice").arg(entry, column);
        return false;
    }
    return true;
}

QString ImportError::message() const {
    QString text = file.isEmpty() ? QStringLiteral("import") : file;
    if (!location.isEmpty())
        text += QStringLiteral(": ") + location;
    if (!field.isEmpty() && missingOptions.isEmpty()) // the reason names missing fields itself
        text += QStringLiteral(": field '%1'").arg(field);
    text += QStringLiteral(": ") + (reason.isEmpty() ? QStringLiteral("invalid input") : reason);
    return text;
}

} // namespace tokenomics::data
