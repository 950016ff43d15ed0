// libFuzzer target for catalog files: each input is written as a `--db` file and opened as
// every verb opens one (the file check, the schema check, the migration of a blank file), then
// read as `query` reads it (into the ranking engine) and as the editor does (every row). A
// refusal is fine; a crash, hang, leak or undefined behaviour is a finding. Seeds: small real
// catalogs (512-byte pages) and the hostile ones of test_hostile_catalog, in
// tests/data/examples/catalogs/.
#include "CatalogStore.h"
#include "RankingEngine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace {

using namespace tokenomics;
using namespace tokenomics::data;

QString catalogPath() {
    static const auto folder = std::make_unique<QTemporaryDir>();
    return folder->filePath(QStringLiteral("fuzz.sqlite"));
}

void removeCatalog(const QString& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    // Qt SQL finds its SQLite driver through the application's library paths.
    static QCoreApplication application(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QString path = catalogPath();
    removeCatalog(path);
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size)) !=
                static_cast<qint64>(size))
            return 0;
    }
    {
        CatalogError error;
        std::optional<CatalogStore> store = CatalogStore::open(path, &error);
        if (store) {
            RankingEngine engine;
            (void)store->loadInto(engine, &error);
            (void)store->load(&error);
            (void)store->loadViews(&error);
        } else if (error.message.isEmpty()) {
            std::abort(); // a refusal always says why
        }
    }
    removeCatalog(path);
    return 0;
}
