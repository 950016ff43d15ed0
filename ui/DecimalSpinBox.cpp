#include "DecimalSpinBox.h"

#include <QLocale>

namespace tokenomics::ui {

namespace {
QLocale numberLocale() {
    QLocale locale(QLocale::English, QLocale::UnitedStates);
    locale.setNumberOptions(QLocale::OmitGroupSeparator | QLocale::RejectGroupSeparator);
    return locale;
}

// The text between prefix and suffix with "," read as the decimal point.
QString withDecimalPoint(QString text) {
    text.replace(QLatin1Char(','), QLatin1Char('.'));
    return text;
}
} // namespace

DecimalSpinBox::DecimalSpinBox(QWidget* parent)
    : QDoubleSpinBox(parent) {
    setLocale(numberLocale());
    setGroupSeparatorShown(false);
}

void DecimalSpinBox::showValue(double value) {
    if (valueFromText(textFromValue(value)) != this->value())
        setValue(value);
}

QValidator::State DecimalSpinBox::validate(QString& input, int& pos) const {
    input = withDecimalPoint(input);
    return QDoubleSpinBox::validate(input, pos);
}

double DecimalSpinBox::valueFromText(const QString& text) const {
    return QDoubleSpinBox::valueFromText(withDecimalPoint(text));
}

void DecimalSpinBox::fixup(QString& input) const {
    input = withDecimalPoint(input);
    QDoubleSpinBox::fixup(input);
}

} // namespace tokenomics::ui
