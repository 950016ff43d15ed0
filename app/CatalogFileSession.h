#pragma once
/// The dashboard's catalog file: the ui's CatalogSession on top of data's CatalogEditorStore,
/// with imports on a worker thread through their own connection.

#include "CatalogSession.h"

#include <QString>
#include <memory>
#include <optional>

namespace tokenomics::data {
class CatalogEditorStore;
}

namespace tokenomics::app {

class CatalogFileSession final : public ui::CatalogSession {
public:
    /// Opens `path`, or the default catalog when empty; nullptr with *error when it cannot.
    static std::unique_ptr<CatalogFileSession> openFile(const QString& path, QString* error);
    ~CatalogFileSession() override;

    [[nodiscard]] QString path() const override;
    bool open(const QString& path, QString* error) override;
    CatalogEditor& editor() override;
    bool saveView(const QString& name, const QString& settingsJson, QString* error) override;
    std::optional<std::vector<ui::SavedView>> loadViews(QString* error) override;
    bool removeView(const QString& name, QString* error) override;
    ui::ImportOutcome importFiles(const QString& catalogPath, const QStringList& files,
                                  const ui::ImportRequest& request,
                                  const std::function<bool(qint64, qint64)>& progress) override;

private:
    CatalogFileSession() = default;
    std::unique_ptr<data::CatalogEditorStore> store_;
};

} // namespace tokenomics::app
