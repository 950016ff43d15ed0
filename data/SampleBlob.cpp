#include "SampleBlob.h"

#include <QtEndian>
#include <cstring>

namespace tokenomics::data {

namespace {

constexpr int recordBytes = 40;

void putDouble(char* at, double value) {
    quint64 bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    qToLittleEndian(bits, at);
}

double getDouble(const uchar* at) {
    const quint64 bits = qFromLittleEndian<quint64>(at);
    double value = 0;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

} // namespace

QByteArray packRequestSamples(const std::vector<RequestSample>& requests) {
    QByteArray blob(static_cast<qsizetype>(requests.size()) * recordBytes, '\0');
    char* at = blob.data();
    for (const RequestSample& request : requests) {
        putDouble(at, request.ttftSeconds);
        putDouble(at + 8, request.tpotSeconds);
        putDouble(at + 16, request.e2elSeconds);
        qToLittleEndian<qint32>(request.inputTokens, at + 24);
        qToLittleEndian<qint32>(request.outputTokens, at + 28);
        qToLittleEndian<qint32>(request.success ? 1 : 0, at + 32);
        at += recordBytes;
    }
    return blob;
}

std::optional<std::vector<RequestSample>> unpackRequestSamples(const void* data, int bytes) {
    if (bytes < 0 || bytes % recordBytes != 0 || (bytes > 0 && !data))
        return std::nullopt;
    std::vector<RequestSample> requests(static_cast<std::size_t>(bytes / recordBytes));
    const auto* at = static_cast<const uchar*>(data);
    for (RequestSample& request : requests) {
        request.ttftSeconds = getDouble(at);
        request.tpotSeconds = getDouble(at + 8);
        request.e2elSeconds = getDouble(at + 16);
        request.inputTokens = qFromLittleEndian<qint32>(at + 24);
        request.outputTokens = qFromLittleEndian<qint32>(at + 28);
        request.success = qFromLittleEndian<qint32>(at + 32) != 0;
        at += recordBytes;
    }
    return requests;
}

} // namespace tokenomics::data
