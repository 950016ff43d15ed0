#pragma once
/// Per-request samples packed into one BLOB per point (40 bytes per request, little-endian).

#include "CatalogTypes.h"

#include <QByteArray>
#include <optional>

namespace tokenomics::data {

/// ttft, tpot, e2el as float64; input and output tokens as int32; success as int32.
QByteArray packRequestSamples(const std::vector<RequestSample>& requests);

/// The inverse of packRequestSamples; empty when the size is not a whole number of records.
std::optional<std::vector<RequestSample>> unpackRequestSamples(const void* data, int bytes);

} // namespace tokenomics::data
