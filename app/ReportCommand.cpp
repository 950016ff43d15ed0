// `tokenomics report ... --out FILE.pdf|.png|.svg`: renders the chart and ranking headless.
#include "CommandOptions.h"
#include "Commands.h"
#include "DashboardSession.h"

#include "ReportRenderer.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace tokenomics::app {

namespace {
int usageError(const QString& message) {
    QTextStream(stderr) << "tokenomics report: " << message << "\n";
    return 2;
}
} // namespace

int runReport(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Renders the cost chart with the SLA line and the ranking table to a PDF, PNG or SVG.\n"
        "Without --model/--isl/--osl it shows the catalog's richest model and scenario."));
    parser.addHelpOption();
    addQueryOptions(parser);
    parser.addOption(
        {QStringLiteral("out"),
         QStringLiteral("Output file; the format follows the suffix: .pdf, .png, .svg."),
         QStringLiteral("FILE")});
    if (!parser.parse(QStringList{QStringLiteral("tokenomics report")} + arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().front()));
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty())
        return usageError(QStringLiteral("--out FILE.pdf|.png|.svg is required"));
    if (!ui::isSupportedImagePath(out))
        return usageError(
            QStringLiteral("--out: '%1' has an unsupported format; use .pdf, .png or .svg")
                .arg(out));
    QueryOptions options;
    QString error;
    if (!readQueryOptions(parser, &options, &error))
        return usageError(error);

    std::optional<Catalog> catalog = loadCatalog(options.databasePath, &error);
    if (!catalog) {
        QTextStream(stderr) << "tokenomics report: " << error << "\n";
        return 1;
    }
    ui::ReportRequest request;
    request.filter = options.filter;
    request.useDefaultView =
        options.filter.models.empty() && !options.filter.isl && !options.filter.osl;
    request.sla = options.sla;
    request.cost = options.cost;
    if (!ui::writeReport(*catalog, request, out, &error)) {
        QTextStream(stderr) << "tokenomics report: " << error << "\n";
        return 1;
    }
    QTextStream(stdout) << "wrote " << out << "\n";
    return 0;
}

} // namespace tokenomics::app
