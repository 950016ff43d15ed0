#pragma once
/// The filter, SLA and cost options shared by `query` and `report` (PRODUCT.md §4).

#include "CatalogTypes.h"

#include <QCommandLineParser>
#include <QString>

namespace tokenomics::app {

/// What `query` and `report` were asked for.
struct QueryOptions {
    QString databasePath; // empty: the default catalog
    SeriesFilter filter;  // --model/--hardware/--engine/--precision (repeatable), --isl/--osl
    Sla sla;              // --min-interactivity, --max-ttft, --max-e2el, --percentile, --attainment
    CostSettings cost;    // --cost-basis, --usd-per-gpu-hour, --utilization
};

/// Adds --db and the filter, SLA and cost options to a parser.
void addQueryOptions(QCommandLineParser& parser);

/// Reads them back after parsing; false with a message naming the option and reason.
bool readQueryOptions(const QCommandLineParser& parser, QueryOptions* options, QString* error);

/// Spells filter values the way the catalog does: accelerator and model aliases ("h100" →
/// "H100 SXM", "meta-llama/Llama-3.3-70B-Instruct" → "Llama 3.3 70B"), then any name of a
/// series or offer that differs only in case ("VLLM" → "vllm").
void resolveFilterNames(const Catalog& catalog, SeriesFilter* filter);

} // namespace tokenomics::app
