#include "CatalogRowForms.h"

#include "CostModel.h"
#include "Formatting.h"

#include <QLocale>
#include <QObject>
#include <QRegularExpression>
#include <cmath>
#include <functional>
#include <limits>
#include <type_traits>

namespace tokenomics::ui {

namespace {

using Kind = FormField::Kind;

QString shown(double value) {
    return QString::number(value, 'g', 10);
}
QString shown(const std::optional<double>& value) {
    return value ? shown(*value) : QString();
}
QString shown(const std::optional<std::int32_t>& value) {
    return value ? QString::number(*value) : QString();
}

// Reads a number typed by a person: "1,200" and "$2.5" are fine, "abc" is not. A lone comma
// that cannot be a thousands separator ("2,5", as a German keyboard types it) is the decimal
// point; "1,2,3" or "1,5.0" is refused rather than guessed.
std::optional<double> readNumber(const QString& text, bool* ok) {
    QString cleaned = text.trimmed();
    cleaned.remove(QLatin1Char('$')).remove(QLatin1Char(' '));
    static const QRegularExpression thousands(
        QStringLiteral(R"(^[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?$)"));
    static const QRegularExpression decimalComma(QStringLiteral(R"(^[+-]?\d*,\d+$)"));
    if (thousands.match(cleaned).hasMatch())
        cleaned.remove(QLatin1Char(','));
    else if (decimalComma.match(cleaned).hasMatch())
        cleaned.replace(QLatin1Char(','), QLatin1Char('.'));
    *ok = true;
    if (cleaned.isEmpty())
        return std::nullopt;
    const double value = QLocale::c().toDouble(cleaned, ok);
    *ok = *ok && std::isfinite(value);
    return *ok ? std::optional<double>(value) : std::nullopt;
}

// One field of a row: how to show it and how to read it back (an error message when unreadable).
template <typename Row> struct Binding {
    FormField field;
    std::function<QString(const Row&)> get;
    std::function<QString(Row&, const QString&)> set;
};

template <typename Row>
Binding<Row> text(const QString& label, std::string Row::*member, const QString& tooltip = {}) {
    return {{label, tooltip, Kind::Text},
            [member](const Row& row) { return QString::fromStdString(row.*member); },
            [member](Row& row, const QString& value) {
                row.*member = value.trimmed().toStdString();
                return QString();
            }};
}

template <typename Row, typename Member>
Binding<Row> numberField(const QString& label, Member Row::*member, bool required,
                         const QString& tooltip = {}) {
    return {{label, tooltip, Kind::Number},
            [member](const Row& row) { return shown(row.*member); },
            [member, required](Row& row, const QString& value) -> QString {
                bool ok = false;
                const std::optional<double> number = readNumber(value, &ok);
                if (!ok)
                    return QObject::tr("must be a number (for example 2.5)");
                if (!number && required)
                    return QObject::tr("is required");
                if constexpr (std::is_same_v<Member, double>) {
                    row.*member = number.value_or(0);
                } else if constexpr (std::is_same_v<Member, std::optional<double>>) {
                    row.*member = number;
                } else {
                    if (number && (std::abs(*number) > std::numeric_limits<std::int32_t>::max() ||
                                   *number != std::trunc(*number)))
                        return QObject::tr("must be a whole number");
                    row.*member =
                        number ? std::optional<std::int32_t>(static_cast<std::int32_t>(*number))
                               : std::nullopt;
                }
                return QString();
            }};
}

template <typename Row> std::vector<Binding<Row>> provenanceBindings() {
    return {
        {{QObject::tr("Source"), QObject::tr("Where the figures come from"), Kind::Text},
         [](const Row& row) { return QString::fromStdString(row.provenance.source); },
         [](Row& row, const QString& value) {
             row.provenance.source = value.trimmed().toStdString();
             return QString();
         }},
        {{QObject::tr("Date"), QObject::tr("As published: 2026-04 or 2026-04-02"), Kind::Text},
         [](const Row& row) { return QString::fromStdString(row.provenance.date); },
         [](Row& row, const QString& value) {
             row.provenance.date = value.trimmed().toStdString();
             return QString();
         }},
        {{QObject::tr("Uncertain"), QObject::tr("Second-hand or conflicting source"), Kind::Flag},
         [](const Row& row) { return row.provenance.uncertain ? QStringLiteral("1") : QString(); },
         [](Row& row, const QString& value) {
             row.provenance.uncertain = value == QLatin1String("1");
             return QString();
         }}};
}

template <typename Row> Binding<Row> aliases() {
    return {
        {QObject::tr("Aliases"), QObject::tr("Names tools use, separated by commas"), Kind::Text},
        [](const Row& row) {
            QStringList names;
            for (const std::string& name : row.aliases)
                names << QString::fromStdString(name);
            return names.join(QStringLiteral(", "));
        },
        [](Row& row, const QString& value) {
            row.aliases.clear();
            for (const QString& name : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                if (!name.trimmed().isEmpty())
                    row.aliases.push_back(name.trimmed().toStdString());
            }
            return QString();
        }};
}

template <typename Row> class RowFormOf final : public RowForm {
public:
    using Rows = std::vector<Row> Catalog::*;
    RowFormOf(QString title, Rows rows, std::vector<Binding<Row>> bindings, Row blank,
              std::function<std::vector<FieldProblem>(const Row&)> validate,
              std::function<QString(const Row&)> label,
              std::function<QString(const Row&)> preview = {})
        : title_(std::move(title))
        , rows_(rows)
        , bindings_(std::move(bindings))
        , blank_(std::move(blank))
        , validate_(std::move(validate))
        , label_(std::move(label))
        , preview_(std::move(preview)) {
        for (const Binding<Row>& binding : bindings_)
            fields_.push_back(binding.field);
    }

    QString title() const override { return title_; }
    const std::vector<FormField>& fields() const override { return fields_; }
    int rowCount(const Catalog& catalog) const override {
        return static_cast<int>((catalog.*rows_).size());
    }
    QString rowLabel(const Catalog& catalog, int row) const override {
        return label_(rowAt(catalog, row));
    }
    int rowOfId(const Catalog& catalog, std::int64_t catalogId) const override {
        const std::vector<Row>& rows = catalog.*rows_;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows[i].catalogId == catalogId)
                return static_cast<int>(i);
        }
        return -1;
    }
    QStringList texts(const Catalog& catalog, int row) const override {
        const Row& value = row < 0 ? blank_ : rowAt(catalog, row);
        QStringList texts;
        for (const Binding<Row>& binding : bindings_)
            texts << binding.get(value);
        return texts;
    }
    std::vector<FieldProblem> check(const QStringList& texts) const override {
        std::vector<FieldProblem> problems;
        read(texts, &problems);
        if (problems.empty())
            problems = validate_(read(texts, &problems));
        return problems;
    }
    QString preview(const QStringList& texts) const override {
        std::vector<FieldProblem> problems;
        const Row row = read(texts, &problems);
        return preview_ && problems.empty() ? preview_(row) : QString();
    }
    QUndoCommand* save(CatalogEditor& editor, const Catalog& catalog, int row,
                       const QStringList& texts, EditNotifier notify,
                       EditResult* result) const override {
        std::vector<FieldProblem> problems = check(texts);
        if (!problems.empty()) {
            *result = EditResult::failure(joinProblems(problems));
            return nullptr;
        }
        std::optional<Row> before;
        Row after = read(texts, &problems);
        if (row >= 0) {
            before = rowAt(catalog, row);
            after.catalogId = before->catalogId;
        }
        return makeEdit(editor, before, std::optional<Row>(after), std::move(notify), result);
    }
    QUndoCommand* remove(CatalogEditor& editor, const Catalog& catalog, int row,
                         EditNotifier notify, EditResult* result) const override {
        return makeEdit(editor, std::optional<Row>(rowAt(catalog, row)), std::optional<Row>(),
                        std::move(notify), result);
    }

private:
    const Row& rowAt(const Catalog& catalog, int row) const {
        return (catalog.*rows_).at(static_cast<std::size_t>(row));
    }
    Row read(const QStringList& texts, std::vector<FieldProblem>* problems) const {
        Row row = blank_;
        for (std::size_t i = 0; i < bindings_.size(); ++i) {
            const QString text = i < static_cast<std::size_t>(texts.size())
                                     ? texts[static_cast<qsizetype>(i)]
                                     : QString();
            const QString problem = bindings_[i].set(row, text);
            if (!problem.isEmpty())
                problems->push_back(
                    {bindings_[i].field.label.toStdString(), problem.toStdString()});
        }
        return row;
    }

    QString title_;
    Rows rows_;
    std::vector<Binding<Row>> bindings_;
    std::vector<FormField> fields_;
    Row blank_;
    std::function<std::vector<FieldProblem>(const Row&)> validate_;
    std::function<QString(const Row&)> label_;
    std::function<QString(const Row&)> preview_;
};

template <typename Row>
std::vector<Binding<Row>> joined(std::vector<Binding<Row>> first,
                                 const std::vector<Binding<Row>>& second) {
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

std::unique_ptr<RowForm> hardwareForm() {
    using A = Accelerator;
    std::vector<Binding<A>> fields = {
        text<A>(QObject::tr("Name"), &A::name, QObject::tr("As the catalog's series name it")),
        text<A>(QObject::tr("Vendor"), &A::vendor),
        numberField<A>(QObject::tr("Memory (GB)"), &A::memoryGb, false),
        numberField<A>(QObject::tr("Memory bandwidth (TB/s)"), &A::memoryBwTbps, false),
        numberField<A>(QObject::tr("BF16 TFLOPS (dense)"), &A::bf16Tflops, false),
        numberField<A>(QObject::tr("FP8 TFLOPS (dense)"), &A::fp8Tflops, false),
        numberField<A>(QObject::tr("FP4 TFLOPS (dense)"), &A::fp4Tflops, false),
        numberField<A>(QObject::tr("TDP (W)"), &A::tdpWatts, false),
        numberField<A>(QObject::tr("Scale-up domain (GPUs)"), &A::scaleupDomain, false),
        numberField<A>(QObject::tr("Scale-up bandwidth (GB/s)"), &A::scaleupBwGbpsBidir, false),
        text<A>(QObject::tr("Form factor"), &A::formFactor),
        aliases<A>()};
    return std::make_unique<RowFormOf<A>>(
        QObject::tr("Hardware"), &Catalog::accelerators, joined(fields, provenanceBindings<A>()),
        A{}, validateAccelerator, [](const A& row) { return QString::fromStdString(row.name); });
}

// Ownership inputs live in an optional block: present when capex is given.
Binding<CostBasis> ownershipField(const QString& label, double OwnershipInputs::*member,
                                  const QString& tooltip) {
    return {{label, tooltip, Kind::Number},
            [member](const CostBasis& basis) {
                return basis.ownership ? shown((*basis.ownership).*member) : QString();
            },
            [member](CostBasis& basis, const QString& value) -> QString {
                bool ok = false;
                const std::optional<double> number = readNumber(value, &ok);
                if (!ok)
                    return QObject::tr("must be a number (for example 2.5)");
                if (!number) {
                    if (basis.ownership)
                        return QObject::tr("is needed with a capex (ownership formula)");
                    return QString();
                }
                if (!basis.ownership) {
                    if (member != &OwnershipInputs::capexUsd)
                        return QObject::tr("needs a capex too (the ownership formula starts "
                                           "from it), or clear it");
                    basis.ownership = OwnershipInputs{};
                }
                (*basis.ownership).*member = *number;
                return QString();
            }};
}

QString ownershipPreview(const CostBasis& basis) {
    const std::optional<double> total = usdPerGpuHour(basis);
    if (!total)
        return QObject::tr("Resulting $/GPU-hour: unknown — give a $/GPU-hour or a capex");
    if (basis.usdPerGpuHour || !basis.ownership)
        return QObject::tr("Resulting $/GPU-hour: <b>%1</b> (the direct figure%2)")
            .arg(formatUsd(total),
                 basis.ownership ? QObject::tr("; the ownership inputs are kept for reference")
                                 : QString());
    const OwnershipInputs& inputs = *basis.ownership;
    const double hours = 8760 * inputs.availability;
    const double capital =
        inputs.capexUsd *
        capitalRecoveryFactor(inputs.costOfCapital, inputs.lifeYears).value_or(0) / hours;
    return QObject::tr("Resulting $/GPU-hour: <b>%1</b> = capital %2 + opex %3 + power %4")
        .arg(formatUsd(total), formatUsd(capital), formatUsd(inputs.opexUsdPerYear / hours),
             formatUsd(inputs.allInKw * inputs.pue * inputs.usdPerKwh));
}

std::unique_ptr<RowForm> costBasisForm() {
    using B = CostBasis;
    using O = OwnershipInputs;
    std::vector<Binding<B>> fields = {
        text<B>(QObject::tr("Hardware"), &B::hardware, QObject::tr("Accelerator name")),
        text<B>(QObject::tr("Key"), &B::key,
                QObject::tr("Short name the cost-basis selector shows: hyperscaler, rental, ...")),
        text<B>(QObject::tr("Name"), &B::name, QObject::tr("As published")),
        numberField<B>(QObject::tr("Direct $/GPU-hour"), &B::usdPerGpuHour, false,
                       QObject::tr("Leave empty to build the figure from the ownership inputs")),
        // Capex first: its presence is what turns the ownership block on.
        ownershipField(QObject::tr("Capex ($ per GPU)"), &O::capexUsd,
                       QObject::tr("Purchase price per GPU incl. its share of the system")),
        ownershipField(QObject::tr("Life (years)"), &O::lifeYears, {}),
        ownershipField(QObject::tr("Cost of capital (per year)"), &O::costOfCapital,
                       QObject::tr("0.1 is 10% a year")),
        ownershipField(QObject::tr("Opex ($ per GPU-year)"), &O::opexUsdPerYear, {}),
        ownershipField(QObject::tr("Availability (0–1]"), &O::availability,
                       QObject::tr("Fraction of the year the GPU can serve")),
        ownershipField(QObject::tr("All-in kW per GPU (ownership)"), &O::allInKw,
                       QObject::tr("Per GPU including host and network")),
        ownershipField(QObject::tr("PUE"), &O::pue, QObject::tr("Facility power / IT power, ≥ 1")),
        ownershipField(QObject::tr("$ per kWh"), &O::usdPerKwh, {}),
        numberField<B>(QObject::tr("All-in kW per GPU (tokens/MW)"), &B::allInKwPerGpu, false,
                       QObject::tr("For tokens per MW and J/token"))};
    B blank;
    blank.key = "own";
    return std::make_unique<RowFormOf<B>>(
        QObject::tr("Cost bases"), &Catalog::costBases, joined(fields, provenanceBindings<B>()),
        blank, validateCostBasis,
        [](const B& row) {
            return QStringLiteral("%1 · %2 — %3")
                .arg(QString::fromStdString(row.hardware), QString::fromStdString(row.key),
                     formatUsd(usdPerGpuHour(row)));
        },
        ownershipPreview);
}

std::unique_ptr<RowForm> offerForm() {
    using P = ProviderOffer;
    std::vector<Binding<P>> fields = {
        text<P>(QObject::tr("Provider"), &P::provider),
        text<P>(QObject::tr("Model"), &P::model),
        numberField<P>(QObject::tr("Input $ per 1M tokens"), &P::inputUsdPerM, true),
        numberField<P>(QObject::tr("Output $ per 1M tokens"), &P::outputUsdPerM, true),
        numberField<P>(QObject::tr("Output speed (tok/s/user)"), &P::outputTokensPerSecond, false,
                       QObject::tr("Measured or advertised; places the offer on the "
                                   "interactivity axis")),
        numberField<P>(QObject::tr("TTFT (s)"), &P::ttftSeconds, false)};
    return std::make_unique<RowFormOf<P>>(
        QObject::tr("API offers"), &Catalog::offers, joined(fields, provenanceBindings<P>()), P{},
        validateOffer, [](const P& row) {
            return QStringLiteral("%1 · %2 — %3 in / %4 out")
                .arg(QString::fromStdString(row.provider), QString::fromStdString(row.model),
                     formatUsd(row.inputUsdPerM), formatUsd(row.outputUsdPerM));
        });
}

std::unique_ptr<RowForm> modelForm() {
    using M = ModelInfo;
    std::vector<Binding<M>> fields = {
        text<M>(QObject::tr("Name"), &M::name),
        numberField<M>(QObject::tr("Total parameters (B)"), &M::totalParamsB, false),
        numberField<M>(QObject::tr("Active parameters (B)"), &M::activeParamsB, false,
                       QObject::tr("Per token, for mixture-of-experts models")),
        numberField<M>(QObject::tr("Layers"), &M::layers, false),
        numberField<M>(QObject::tr("Hidden size"), &M::hiddenSize, false),
        numberField<M>(QObject::tr("Attention heads"), &M::attentionHeads, false),
        numberField<M>(QObject::tr("KV heads"), &M::kvHeads, false),
        numberField<M>(QObject::tr("Head size"), &M::headDim, false),
        numberField<M>(QObject::tr("KV LoRA rank (MLA)"), &M::kvLoraRank, false),
        numberField<M>(QObject::tr("MoE experts"), &M::moeExperts, false),
        numberField<M>(QObject::tr("Active MoE experts"), &M::moeActiveExperts, false),
        numberField<M>(QObject::tr("Context length (tokens)"), &M::contextLength, false),
        aliases<M>()};
    return std::make_unique<RowFormOf<M>>(
        QObject::tr("Models"), &Catalog::models, joined(fields, provenanceBindings<M>()), M{},
        validateModel, [](const M& row) { return QString::fromStdString(row.name); });
}

} // namespace

std::vector<std::unique_ptr<RowForm>> catalogRowForms() {
    std::vector<std::unique_ptr<RowForm>> forms;
    forms.push_back(hardwareForm());
    forms.push_back(costBasisForm());
    forms.push_back(offerForm());
    forms.push_back(modelForm());
    return forms;
}

} // namespace tokenomics::ui
