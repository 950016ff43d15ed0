#pragma once
/// A table as it leaves the dashboard (CSV file, clipboard): each header names its unit, each
/// cell is a number, text or empty (unknown), and every row starts with the series' identity.

#include "CatalogTypes.h"

#include <QList>
#include <QStringList>
#include <QVariant>

namespace tokenomics::ui {

struct ExportedTable {
    QStringList header;
    QList<QVariantList> rows; // a double, a QString, or an invalid QVariant for unknown
};

/// Model, ISL (tokens), OSL (tokens), Hardware, Engine, Precision, Spec decoding, Run.
QStringList seriesIdentityHeader();
/// The cells of seriesIdentityHeader() for one series.
QVariantList seriesIdentityCells(const SeriesKey& key);
/// A known finite number as a cell; unknown (empty cell) otherwise.
QVariant numberCell(std::optional<double> value);

} // namespace tokenomics::ui
