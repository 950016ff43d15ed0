// What the verbs write cannot be turned against the reader: CSV cells that a spreadsheet would
// run as formulas, terminal escape codes in table output, integer options that overflow, an
// empty --db that falls back to the default catalog, and a dashboard asked for --help on a
// machine without a display.
#include "AppTestSupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace tokenomics::testing;

namespace {

// Names a hostile sender could put in a result file; the second row is an ordinary one.
const QByteArray hostileCsv =
    "model,hardware,engine,precision,isl,osl,concurrency,gpus,tput_per_gpu,interactivity_p50,"
    "ttft_p50,source,date\n"
    "\"=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\",@SUM(A1),+cmd,-fp8,1024,1024,4,8,"
    "1000,100,0.1,\"\x1b[31mred\x1b[0m\",2026-01\n"
    "\"=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\",@SUM(A1),+cmd,-fp8,1024,1024,16,8,"
    "4000,50,0.5,\"\x1b[31mred\x1b[0m\",2026-01\n"
    "Plain,\"B200\x1b]0;owned\x07\",vllm,fp8,1024,1024,4,8,2000,60,0.2,lab,2026-02\n";

// RFC 4180 fields of one line (quotes doubled inside quoted fields).
QStringList csvFields(const QString& line) {
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            fields << field;
            field.clear();
        } else {
            field += c;
        }
    }
    fields << field;
    return fields;
}

bool isNumber(const QString& text) {
    bool ok = false;
    text.toDouble(&ok);
    return ok;
}

} // namespace

class TestHostileOutput : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        home_ = folder_.filePath(QStringLiteral("home"));
        db_ = folder_.filePath(QStringLiteral("hostile.sqlite"));
        const QString csv = folder_.filePath(QStringLiteral("hostile.csv"));
        QVERIFY(writeTextFile(csv, hostileCsv));
        const RunResult run =
            runTokenomics({QStringLiteral("import"), QStringLiteral("--db"), db_, csv}, home_);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void csvTextCellsCannotRunAsFormulas() {
        const RunResult run = runTokenomics({QStringLiteral("query"), QStringLiteral("--db"), db_,
                                             QStringLiteral("--format"), QStringLiteral("csv")},
                                            home_);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 2);
        const QStringList header = csvFields(lines[0]);
        int numbers = 0;
        bool sawModel = false;
        for (qsizetype row = 1; row < lines.size(); ++row) {
            const QStringList fields = csvFields(lines[row]);
            QCOMPARE(fields.size(), header.size());
            for (qsizetype i = 0; i < fields.size(); ++i) {
                const QString& field = fields[i];
                if (isNumber(field)) { // numbers stay numbers, negative ones included
                    ++numbers;
                    continue;
                }
                QVERIFY2(field.isEmpty() || !QStringLiteral("=+-@\t\r").contains(field.front()),
                         qPrintable(header[i] + QStringLiteral(": ") + field));
            }
            const QString model = fields[header.indexOf(QStringLiteral("model"))];
            if (model.contains(QStringLiteral("HYPERLINK"))) {
                sawModel = true;
                // The text itself is kept, behind the apostrophe a spreadsheet hides.
                QCOMPARE(model, QStringLiteral("'=HYPERLINK(\"http://x.example\",\"click\")"));
                QCOMPARE(fields[header.indexOf(QStringLiteral("hardware"))],
                         QStringLiteral("'@SUM(A1)"));
                QCOMPARE(fields[header.indexOf(QStringLiteral("engine"))], QStringLiteral("'+cmd"));
                QCOMPARE(fields[header.indexOf(QStringLiteral("precision"))],
                         QStringLiteral("'-fp8"));
                QCOMPARE(fields[header.indexOf(QStringLiteral("isl"))], QStringLiteral("1024"));
            }
        }
        QVERIFY(sawModel);
        QVERIFY(numbers > 10);
    }

    void tableOutputHasNoControlCharacters() {
        const RunResult run =
            runTokenomics({QStringLiteral("query"), QStringLiteral("--db"), db_}, home_);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const QChar c : run.out) {
            const char16_t code = c.unicode();
            QVERIFY2(code == u'\n' ||
                         (code >= 0x20 && code != 0x7f && !(code > 0x7f && code < 0xa0)),
                     qPrintable(QStringLiteral("control character U+%1 in the table")
                                    .arg(int(code), 4, 16, QLatin1Char('0'))));
        }
        QVERIFY(run.out.contains(QStringLiteral("B200")));
        QVERIFY(run.out.contains(QStringLiteral("=HYPERLINK")));
    }

    void integerOptionsAreBounded() {
        for (const QString& verb : {QStringLiteral("query"), QStringLiteral("import")}) {
            for (const QString& option : {QStringLiteral("--isl"), QStringLiteral("--osl")}) {
                QStringList arguments = {verb, QStringLiteral("--db"), db_, option,
                                         QStringLiteral("2147483647")};
                if (verb == QStringLiteral("import"))
                    arguments << folder_.filePath(QStringLiteral("hostile.csv"));
                const RunResult run = runTokenomics(arguments, home_);
                QCOMPARE(run.exitCode, 2);
                QVERIFY2(run.err.contains(option) && run.err.contains(QStringLiteral("1000000000")),
                         qPrintable(run.err));
            }
        }
        const RunResult gpus = runTokenomics(
            {QStringLiteral("import"), QStringLiteral("--db"), db_, QStringLiteral("--gpus"),
             QStringLiteral("99999999999"), folder_.filePath(QStringLiteral("hostile.csv"))},
            home_);
        QCOMPARE(gpus.exitCode, 2);
        QVERIFY2(gpus.err.contains(QStringLiteral("--gpus")), qPrintable(gpus.err));
    }

    void largestWorkloadPricesOffersCorrectly() {
        // isl + osl = 2 × 10^9 overflows a 32-bit sum and product; priced in doubles it is
        // the plain weighted mean of the two prices.
        const RunResult run = runTokenomics(
            {QStringLiteral("query"), QStringLiteral("--model"), QStringLiteral("Llama 3.3 70B"),
             QStringLiteral("--isl"), QStringLiteral("1000000000"), QStringLiteral("--osl"),
             QStringLiteral("999999999"), QStringLiteral("--format"), QStringLiteral("json")},
            home_);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray offers = QJsonDocument::fromJson(run.out.toUtf8())
                                      .object()
                                      .value(QStringLiteral("offers"))
                                      .toArray();
        QVERIFY(!offers.isEmpty());
        for (const QJsonValue& value : offers) {
            const QJsonObject offer = value.toObject();
            const double input = offer.value(QStringLiteral("input_usd_per_m")).toDouble();
            const double output = offer.value(QStringLiteral("output_usd_per_m")).toDouble();
            const double expected = (1e9 * input + 999999999.0 * output) / (1e9 + 999999999.0);
            const double workload = offer.value(QStringLiteral("workload_usd_per_m")).toDouble();
            QVERIFY2(std::abs(workload - expected) <= 1e-9 * std::max(1.0, expected),
                     qPrintable(QString::number(workload)));
            QVERIFY(workload > 0);
        }
    }

    void emptyDbIsRefusedEverywhere() {
        const QString csv = folder_.filePath(QStringLiteral("hostile.csv"));
        const QString freshHome = folder_.filePath(QStringLiteral("fresh-home"));
        const QList<QStringList> cases = {
            {QStringLiteral("import"), QStringLiteral("--db"), QString(), csv},
            {QStringLiteral("import"), QStringLiteral("--db"), QStringLiteral(" "), csv},
            {QStringLiteral("query"), QStringLiteral("--db"), QString()},
            {QStringLiteral("report"), QStringLiteral("--db"), QString(), QStringLiteral("--out"),
             folder_.filePath(QStringLiteral("r.pdf"))},
            {QStringLiteral("--db"), QString()},
        };
        for (const QStringList& arguments : cases) {
            const RunResult run = runTokenomics(arguments, freshHome);
            QVERIFY2(run.exitCode == 2,
                     qPrintable(arguments.join(u' ') + QStringLiteral(": ") + run.err));
            QVERIFY2(run.err.contains(QStringLiteral("--db")), qPrintable(run.err));
        }
        // Nothing fell back to the default catalog: it was never created.
        QVERIFY(!QFileInfo::exists(freshHome + QStringLiteral("/tokenomics/catalog.sqlite")));
    }

    void dashboardHelpNeedsNoDisplay() {
        const QStringList noDisplay = {QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY"),
                                       QStringLiteral("QT_QPA_PLATFORM")};
        const RunResult help = runTokenomics({QStringLiteral("--help")}, home_, noDisplay);
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QStringLiteral("--db")), qPrintable(help.err));
        const RunResult version = runTokenomics({QStringLiteral("--version")}, home_, noDisplay);
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(QStringLiteral("tokenomics ")));
        // The window itself cannot open: a sentence that says why, not an abort.
        const RunResult window = runTokenomics({}, home_, noDisplay);
        QCOMPARE(window.exitCode, 1);
        QVERIFY2(window.err.contains(QStringLiteral("display")), qPrintable(window.err));
    }

private:
    QTemporaryDir folder_;
    QString home_;
    QString db_;
};

QTEST_GUILESS_MAIN(TestHostileOutput)
#include "test_hostile_output.moc"
