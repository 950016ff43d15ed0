#include "ExportedTable.h"

#include <QObject>
#include <cmath>

namespace tokenomics::ui {

QStringList seriesIdentityHeader() {
    return {QObject::tr("Model"),         QObject::tr("ISL (tokens)"), QObject::tr("OSL (tokens)"),
            QObject::tr("Hardware"),      QObject::tr("Engine"),       QObject::tr("Precision"),
            QObject::tr("Spec decoding"), QObject::tr("Run")};
}

QVariantList seriesIdentityCells(const SeriesKey& key) {
    const auto text = [](const std::string& value) {
        return QVariant(QString::fromStdString(value));
    };
    // ISL/OSL 0 is "unknown" in the catalog (MLPerf rows), not a length of zero.
    const auto length = [](std::int32_t tokens) {
        return tokens > 0 ? QVariant(double(tokens)) : QVariant();
    };
    return {text(key.model),  length(key.isl),     length(key.osl),        text(key.hardware),
            text(key.engine), text(key.precision), text(key.specDecoding), text(key.run)};
}

QVariant numberCell(std::optional<double> value) {
    return value && std::isfinite(*value) ? QVariant(*value) : QVariant();
}

} // namespace tokenomics::ui
