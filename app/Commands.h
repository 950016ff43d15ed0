#pragma once
/// The verbs of the `tokenomics` executable (PRODUCT.md §4). Each returns the exit code.

#include <QStringList>

namespace tokenomics::app {

/// `tokenomics import ...`: arguments after the verb.
int runImport(const QStringList& arguments);
/// `tokenomics query ...`
int runQuery(const QStringList& arguments);
/// `tokenomics plan ...`: GPUs, monthly bill and break-even for a demand (PRODUCT.md §4)
int runPlan(const QStringList& arguments);
/// `tokenomics report ...` (headless rendering)
int runReport(const QStringList& arguments);
/// `tokenomics [--db FILE]`: the dashboard. Needs the QApplication created by main().
int runDashboard(const QStringList& arguments);

} // namespace tokenomics::app
