#include "AppTestSupport.h"

#include <QFile>
#include <QProcessEnvironment>

namespace tokenomics::testing {

QProcessEnvironment environmentWithHome(const QString& dataHome) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    return environment;
}

RunResult runIn(QProcess& process, const QStringList& arguments, int timeoutMs) {
    process.start(QStringLiteral(TOKENOMICS_EXECUTABLE), arguments);
    RunResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("did not finish");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

RunResult runTokenomics(const QStringList& arguments, const QString& dataHome,
                        const QStringList& unset) {
    QProcess process;
    QProcessEnvironment environment = environmentWithHome(dataHome);
    for (const QString& name : unset)
        environment.remove(name);
    process.setProcessEnvironment(environment);
    return runIn(process, arguments);
}

bool writeTextFile(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

} // namespace tokenomics::testing
