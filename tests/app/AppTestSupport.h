#pragma once
// Runs the built `tokenomics` executable with a private home, so the default catalog of a
// test never touches the user's.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace tokenomics::testing {

struct RunResult {
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs `tokenomics ARGS...` with XDG_DATA_HOME = dataHome and without the environment
/// variables named in `unset`; waits up to 60 s.
RunResult runTokenomics(const QStringList& arguments, const QString& dataHome,
                        const QStringList& unset = {});

/// The environment runTokenomics gives: this process's, with XDG_DATA_HOME = dataHome.
QProcessEnvironment environmentWithHome(const QString& dataHome);

/// Starts `tokenomics ARGS...` in `process` (given its environment and any child set-up by the
/// caller), waits up to timeoutMs and collects the exit code and output.
RunResult runIn(QProcess& process, const QStringList& arguments, int timeoutMs = 60000);

/// Writes text to a file; false when it cannot.
bool writeTextFile(const QString& path, const QByteArray& text);

} // namespace tokenomics::testing
