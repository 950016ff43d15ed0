// Temporary entry point until the verb lands: says so and exits non-zero.
#include "Commands.h"

#include <QTextStream>

namespace tokenomics::app {

int runReport(const QStringList&)
{
    QTextStream(stderr) << "tokenomics: 'report' is not available in this build\n";
    return 2;
}

} // namespace tokenomics::app
