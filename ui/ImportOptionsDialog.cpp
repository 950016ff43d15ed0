#include "ImportOptionsDialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <set>

namespace tokenomics::ui {

namespace {
const QStringList countOptions{QStringLiteral("gpus"), QStringLiteral("isl"), QStringLiteral("osl"),
                               QStringLiteral("prefill-gpus"), QStringLiteral("decode-gpus")};

QStringList sorted(const std::set<std::string>& values) {
    QStringList list;
    for (const std::string& value : values) {
        if (!value.empty())
            list << QString::fromStdString(value);
    }
    return list;
}
} // namespace

ImportOptionsDialog::ImportOptionsDialog(const QStringList& files, const Catalog& catalog,
                                         QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Import results"));
    auto* layout = new QVBoxLayout(this);
    QStringList names;
    for (const QString& file : files)
        names << QFileInfo(file).fileName();
    auto* what =
        new QLabel(QStringLiteral("<b>%1</b> %2")
                       .arg(files.size() == 1 ? tr("File:") : tr("%1 files:").arg(files.size()),
                            names.join(QStringLiteral(", ")).toHtmlEscaped()),
                   this);
    what->setWordWrap(true);
    layout->addWidget(what);
    explanation_ = new QLabel(this);
    explanation_->setWordWrap(true);
    explanation_->setStyleSheet(QStringLiteral("color: #d9534f; font-weight: bold"));
    explanation_->hide();
    layout->addWidget(explanation_);

    auto* form = new QFormLayout;
    form_ = form;
    format_ = new QComboBox(this);
    const std::pair<const char*, QString> formats[] = {
        {"auto", tr("Detect from the file")},
        {"csv", tr("Canonical CSV")},
        {"inferencex", tr("InferenceX results JSON")},
        {"vllm", tr("vLLM bench serve JSON")},
        {"aiperf", tr("AIPerf export")},
        {"genai-perf", tr("GenAI-Perf export")}};
    for (const auto& [name, label] : formats)
        format_->addItem(label, QString::fromLatin1(name));
    form->addRow(tr("Format"), format_);

    std::set<std::string> hardware, models, engines, precisions;
    for (const Accelerator& accelerator : catalog.accelerators)
        hardware.insert(accelerator.name);
    for (const ModelInfo& model : catalog.models)
        models.insert(model.name);
    for (const Series& series : catalog.series) {
        hardware.insert(series.key.hardware);
        models.insert(series.key.model);
        engines.insert(series.key.engine);
        precisions.insert(series.key.precision);
    }
    const std::tuple<const char*, QString, QStringList, QString> options[] = {
        {"hardware", tr("Hardware"), sorted(hardware), tr("the accelerator that served the run")},
        {"model", tr("Model"), sorted(models), {}},
        {"engine", tr("Engine"), sorted(engines), tr("vllm, sglang, trt, ...")},
        {"precision", tr("Precision"), sorted(precisions), tr("fp8, fp4, bf16, ...")},
        {"gpus", tr("GPUs"), {}, tr("GPUs serving the results")},
        {"isl", tr("Input length (ISL)"), {}, tr("tokens")},
        {"osl", tr("Output length (OSL)"), {}, tr("tokens")},
        {"load", tr("Load level"), {}, tr("concurrency=64 or rate=16 (requests/s)")},
        {"prefill-gpus", tr("Prefill GPUs"), {}, tr("disaggregated runs only")},
        {"decode-gpus", tr("Decode GPUs"), {}, tr("disaggregated runs only")},
        {"spec-decoding",
         tr("Speculative decoding"),
         {"none", "mtp", "eagle", "eagle3"},
         tr("mtp, eagle3, ... (none when empty)")},
        {"run", tr("Run label"), {}, tr("a separate series per label")},
        {"config", tr("Configuration"), {}, tr("TP2, 4P+16D, ...")},
        {"map",
         tr("CSV column mapping"),
         {},
         tr("GPU=hardware, median_tpot_ms=tpot_p50:ms, notes=skip")}};
    for (const auto& [option, label, completions, hint] : options) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QLatin1String(option));
        edit->setPlaceholderText(hint.isEmpty() ? tr("as the file says") : hint);
        edit->setClearButtonEnabled(true);
        if (!completions.isEmpty()) {
            auto* completer = new QCompleter(completions, edit);
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            completer->setFilterMode(Qt::MatchContains);
            edit->setCompleter(completer);
        }
        if (countOptions.contains(QLatin1String(option)))
            edit->setValidator(new QIntValidator(1, 10000000, edit));
        form->addRow(label, edit);
        fields_.emplace_back(QLatin1String(option), edit);
    }
    layout->addLayout(form);
    auto* note = new QLabel(tr("<small>Leave a field empty when the file says it. Everything is "
                               "imported or nothing: a bad row names its file, line and "
                               "field.</small>"),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

QLineEdit* ImportOptionsDialog::field(const QString& option) const {
    for (const auto& [name, edit] : fields_) {
        if (name == option)
            return edit;
    }
    return nullptr;
}

ImportRequest ImportOptionsDialog::request() const {
    ImportRequest request;
    request.format = format_->currentData().toString();
    const auto text = [this](const char* option) {
        return field(QLatin1String(option))->text().trimmed();
    };
    const auto count = [&text](const char* option) -> std::optional<int> {
        bool ok = false;
        const int value = text(option).toInt(&ok);
        return ok && value > 0 ? std::optional<int>(value) : std::nullopt;
    };
    request.model = text("model");
    request.hardware = text("hardware");
    request.engine = text("engine");
    request.precision = text("precision");
    request.run = text("run");
    request.config = text("config");
    request.gpus = count("gpus");
    request.isl = count("isl");
    request.osl = count("osl");
    request.prefillGpus = count("prefill-gpus");
    request.decodeGpus = count("decode-gpus");
    request.specDecoding = text("spec-decoding");
    request.load = text("load");
    for (const QString& entry : text("map").split(u',', Qt::SkipEmptyParts)) {
        if (!entry.trimmed().isEmpty())
            request.columnMap << entry.trimmed();
    }
    return request;
}

void ImportOptionsDialog::setRequest(const ImportRequest& request) {
    format_->setCurrentIndex(std::max(0, format_->findData(request.format)));
    field(QStringLiteral("model"))->setText(request.model);
    field(QStringLiteral("hardware"))->setText(request.hardware);
    field(QStringLiteral("engine"))->setText(request.engine);
    field(QStringLiteral("precision"))->setText(request.precision);
    field(QStringLiteral("run"))->setText(request.run);
    field(QStringLiteral("config"))->setText(request.config);
    const auto shown = [](const std::optional<int>& value) {
        return value ? QString::number(*value) : QString();
    };
    field(QStringLiteral("gpus"))->setText(shown(request.gpus));
    field(QStringLiteral("isl"))->setText(shown(request.isl));
    field(QStringLiteral("osl"))->setText(shown(request.osl));
    field(QStringLiteral("prefill-gpus"))->setText(shown(request.prefillGpus));
    field(QStringLiteral("decode-gpus"))->setText(shown(request.decodeGpus));
    field(QStringLiteral("spec-decoding"))->setText(request.specDecoding);
    field(QStringLiteral("load"))->setText(request.load);
    field(QStringLiteral("map"))->setText(request.columnMap.join(QStringLiteral(", ")));
}

void ImportOptionsDialog::markMissing(const QStringList& options,
                                      const std::vector<std::pair<QString, QString>>& fileSays,
                                      bool fillIn) {
    QLineEdit* first = nullptr;
    for (const auto& [name, edit] : fields_) {
        const bool missing = options.contains(name);
        edit->setProperty("missing", missing);
        auto* label = qobject_cast<QLabel*>(form_->labelForField(edit));
        if (label) {
            QString text = label->text();
            text.remove(QStringLiteral(" *"));
            label->setText(missing ? text + QStringLiteral(" *") : text);
            label->setStyleSheet(missing ? QStringLiteral("color: #d9534f; font-weight: bold")
                                         : QString());
        }
        if (missing) {
            edit->setToolTip(tr("The file does not say this: it is needed to import"));
            if (!first && edit->text().isEmpty())
                first = edit;
        }
    }
    // What the file says is shown in its field; typed over, the option overrides the file.
    for (const auto& [name, value] : fileSays) {
        QLineEdit* edit = field(name);
        if (!edit || !edit->text().isEmpty())
            continue;
        if (fillIn)
            edit->setText(value);
        else
            edit->setPlaceholderText(tr("the file says %1").arg(value));
    }
    if (first)
        first->setFocus();
}

void ImportOptionsDialog::setExplanation(const QString& text) {
    explanation_->setText(text);
    explanation_->setVisible(!text.isEmpty());
}

QString ImportOptionsDialog::labelOf(const QString& option) const {
    QLineEdit* edit = field(option);
    auto* label = edit ? qobject_cast<QLabel*>(form_->labelForField(edit)) : nullptr;
    if (!label)
        return option;
    QString text = label->text();
    return text.remove(QStringLiteral(" *"));
}

} // namespace tokenomics::ui
