// The shared filter/SLA/cost options of `query` and `report`, and filter name resolution.
#include "CommandOptions.h"

#include <QtTest>

using namespace tokenomics;
using namespace tokenomics::app;

namespace {

bool read(const QStringList& arguments, QueryOptions* options, QString* error) {
    QCommandLineParser parser;
    addQueryOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("tokenomics")} + arguments)) {
        *error = parser.errorText();
        return false;
    }
    return readQueryOptions(parser, options, error);
}

} // namespace

class TestCommandOptions : public QObject {
    Q_OBJECT

private slots:
    void defaults();
    void everyOptionIsRead();
    void badValuesNameTheOption();
    void filterNamesFollowTheCatalog();
};

void TestCommandOptions::defaults() {
    QueryOptions options;
    QString error;
    QVERIFY2(read({}, &options, &error), qPrintable(error));
    QVERIFY(options.databasePath.isEmpty());
    QCOMPARE(options.sla.statistic, Statistic::P50);
    QVERIFY(!options.sla.maxTtftSeconds && !options.sla.minInteractivity);
    QCOMPARE(options.cost.costBasisKey, std::string("hyperscaler"));
    QCOMPARE(options.cost.utilization, 1.0);
    QVERIFY(!options.cost.usdPerGpuHourOverride);
}

void TestCommandOptions::everyOptionIsRead() {
    QueryOptions options;
    QString error;
    QVERIFY2(read({"--db",
                   "c.sqlite",
                   "--model",
                   "A",
                   "--model",
                   "B",
                   "--hardware",
                   "h100",
                   "--engine",
                   "vllm",
                   "--precision",
                   "fp8",
                   "--isl",
                   "8192",
                   "--osl",
                   "1024",
                   "--min-interactivity",
                   "30",
                   "--max-ttft",
                   "2",
                   "--max-e2el",
                   "40",
                   "--percentile",
                   "99",
                   "--attainment",
                   "0.9",
                   "--cost-basis",
                   "rental",
                   "--usd-per-gpu-hour",
                   "2.5",
                   "--utilization",
                   "0.6"},
                  &options, &error),
             qPrintable(error));
    QCOMPARE(options.databasePath, QStringLiteral("c.sqlite"));
    QCOMPARE(options.filter.models, (std::vector<std::string>{"A", "B"}));
    QCOMPARE(options.filter.hardware, (std::vector<std::string>{"h100"}));
    QCOMPARE(*options.filter.isl, 8192);
    QCOMPARE(*options.filter.osl, 1024);
    QCOMPARE(*options.sla.minInteractivity, 30.0);
    QCOMPARE(*options.sla.maxTtftSeconds, 2.0);
    QCOMPARE(*options.sla.maxE2elSeconds, 40.0);
    QCOMPARE(options.sla.statistic, Statistic::P99);
    QCOMPARE(*options.sla.minAttainment, 0.9);
    QCOMPARE(options.cost.costBasisKey, std::string("rental"));
    QCOMPARE(*options.cost.usdPerGpuHourOverride, 2.5);
    QCOMPARE(options.cost.utilization, 0.6);
}

void TestCommandOptions::badValuesNameTheOption() {
    const QList<QStringList> cases = {
        {"--percentile", "95"},       {"--max-ttft", "0"},     {"--max-e2el", "-3"},
        {"--min-interactivity", "x"}, {"--attainment", "1.2"}, {"--utilization", "0"},
        {"--usd-per-gpu-hour", "-1"}, {"--isl", "8k"},         {"--osl", "-1"},
        {"--max-ttft", "inf"},        {"--max-ttft", "nan"},
    };
    for (const QStringList& arguments : cases) {
        QueryOptions options;
        QString error;
        QVERIFY2(!read(arguments, &options, &error), qPrintable(arguments.join(' ')));
        QVERIFY2(error.contains(arguments.front()), qPrintable(error));
    }
}

void TestCommandOptions::filterNamesFollowTheCatalog() {
    Catalog catalog;
    Accelerator h100;
    h100.name = "H100 SXM";
    h100.aliases = {"h100", "NVIDIA H100 80GB HBM3"};
    catalog.accelerators.push_back(h100);
    ModelInfo llama;
    llama.name = "Llama 3.3 70B";
    llama.aliases = {"meta-llama/Llama-3.3-70B-Instruct"};
    catalog.models.push_back(llama);
    Series series;
    series.key = {"Llama 3.3 70B", "H100 SXM", "vllm", "fp8", "none", 1024, 1024, ""};
    catalog.series.push_back(series);
    ProviderOffer offer;
    offer.model = "Other Model";
    catalog.offers.push_back(offer);

    SeriesFilter filter;
    filter.models = {"META-LLAMA/llama-3.3-70b-instruct", "other model", "Unknown"};
    filter.hardware = {"H100"};
    filter.engines = {"VLLM"};
    filter.precisions = {"FP8"};
    resolveFilterNames(catalog, &filter);
    QCOMPARE(filter.models, (std::vector<std::string>{"Llama 3.3 70B", "Other Model", "Unknown"}));
    QCOMPARE(filter.hardware, (std::vector<std::string>{"H100 SXM"}));
    QCOMPARE(filter.engines, (std::vector<std::string>{"vllm"}));
    QCOMPARE(filter.precisions, (std::vector<std::string>{"fp8"}));
    QVERIFY(filter.matches(series.key));
}

QTEST_GUILESS_MAIN(TestCommandOptions)
#include "test_command_options.moc"
