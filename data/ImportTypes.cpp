#include "ImportTypes.h"

namespace tokenomics::data {

QString ImportError::message() const {
    QString text = file.isEmpty() ? QStringLiteral("import") : file;
    if (!location.isEmpty())
        text += QStringLiteral(": ") + location;
    if (!field.isEmpty())
        text += QStringLiteral(": field '%1'").arg(field);
    text += QStringLiteral(": ") + (reason.isEmpty() ? QStringLiteral("invalid input") : reason);
    return text;
}

} // namespace tokenomics::data
