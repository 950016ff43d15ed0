// Temporary entry point until the verb lands: says so and exits non-zero.
#include "Commands.h"

#include <QTextStream>

namespace tokenomics::app {

int runImport(const QStringList&)
{
    QTextStream(stderr) << "tokenomics: 'import' is not available in this build\n";
    return 2;
}

} // namespace tokenomics::app
