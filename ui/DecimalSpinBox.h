#pragma once
/// A QDoubleSpinBox that reads what a user types the same way in every locale: the dashboard
/// shows numbers in English, so "." is the decimal point, "," is taken as one too (as a
/// German keyboard types it), and no group separator can turn "2.00" into 200.

#include <QDoubleSpinBox>

namespace tokenomics::ui {

class DecimalSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    explicit DecimalSpinBox(QWidget* parent = nullptr);

    /// Sets the value only when it differs from the shown one, so a model echoing the value
    /// back never rewrites the text (and moves the cursor) while the user is typing.
    void showValue(double value);

    QValidator::State validate(QString& input, int& pos) const override;
    [[nodiscard]] double valueFromText(const QString& text) const override;
    void fixup(QString& input) const override;
};

} // namespace tokenomics::ui
