#pragma once
/// Asks what `tokenomics import` takes as options: the format and the identity a result file
/// may lack (vLLM, AIPerf and GenAI-Perf results do not name their hardware).

#include "CatalogSession.h"
#include "CatalogTypes.h"

#include <QDialog>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace tokenomics::ui {

class ImportOptionsDialog : public QDialog {
    Q_OBJECT
public:
    /// Offers the catalog's hardware, model, engine and precision names as completions.
    ImportOptionsDialog(const QStringList& files, const Catalog& catalog,
                        QWidget* parent = nullptr);

    [[nodiscard]] ImportRequest request() const;
    void setRequest(const ImportRequest& request);
    /// A line above the fields saying why the dialog asks (empty hides it).
    void setExplanation(const QString& text);
    /// Marks every field the files lack (by option name) and focuses the first empty one; what
    /// the file does say fills its field in (`fillIn`, one file) or shows as its placeholder.
    void markMissing(const QStringList& options,
                     const std::vector<std::pair<QString, QString>>& fileSays, bool fillIn);
    /// The field's label without the missing mark ("Hardware").
    [[nodiscard]] QString labelOf(const QString& option) const;
    /// The input of an option by its command-line name ("hardware", "gpus", ...).
    [[nodiscard]] QLineEdit* field(const QString& option) const;
    [[nodiscard]] QComboBox* formatSelector() const { return format_; }

private:
    QLabel* explanation_ = nullptr;
    QFormLayout* form_ = nullptr;
    QComboBox* format_ = nullptr;
    std::vector<std::pair<QString, QLineEdit*>> fields_;
};

} // namespace tokenomics::ui
