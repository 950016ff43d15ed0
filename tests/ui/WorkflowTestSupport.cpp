#include "WorkflowTestSupport.h"

#include "CatalogStore.h"
#include "DashboardState.h"
#include "UiTestCatalog.h"

#include <QApplication>
#include <QDropEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QSettings>
#include <QTest>

namespace tokenomics::testing {

namespace {
// The test catalog written into a real file: series by import, cost bases and offers by edits.
bool writeCatalog(const QString& path) {
    Catalog catalog = uiTestCatalog();
    // The catalog tells points apart by concurrency (the hand-made ones all say 64).
    for (Series& series : catalog.series) {
        for (std::size_t i = 0; i < series.points.size(); ++i)
            series.points[i].figures.concurrency = double(1 << i);
    }
    data::CatalogError error;
    std::optional<data::CatalogStore> store = data::CatalogStore::open(path, &error);
    if (!store || !store->import(data::ImportBatch{catalog.series}, &error)) {
        qWarning() << error.message;
        return false;
    }
    QString message;
    std::unique_ptr<app::CatalogFileSession> session =
        app::CatalogFileSession::openFile(path, &message);
    for (const CostBasis& basis : catalog.costBases) {
        const EditResult result = session->editor().upsertCostBasis(basis);
        if (!result.ok) {
            qWarning() << result.error.c_str();
            return false;
        }
    }
    for (const ProviderOffer& offer : catalog.offers) {
        if (!session->editor().upsertOffer(offer).ok)
            return false;
    }
    return true;
}
} // namespace

double costPerM(double usdPerHour, double tokensPerSecond) {
    return usdPerHour * 1e6 / (tokensPerSecond * 3600);
}

void typeInto(QWidget* input, const QString& text) {
    auto* line = qobject_cast<QLineEdit*>(input);
    QVERIFY2(line, "expected a line edit");
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Backspace);
    if (!text.isEmpty())
        QTest::keyClicks(line, text);
}

int rowStartingWith(QListWidget* list, const QString& prefix) {
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->text().startsWith(prefix))
            return row;
    }
    return -1;
}

void dropFile(QWidget* target, const QString& file) {
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file)});
    const QPointF where(target->width() / 2.0, target->height() / 2.0);
    QDragEnterEvent enter(where.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropEvent(where, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropEvent);
}

std::size_t seriesInFile(const QString& path) {
    data::CatalogError error;
    std::optional<data::CatalogStore> store = data::CatalogStore::open(path, &error);
    std::optional<Catalog> catalog = store ? store->load(&error) : std::nullopt;
    return catalog ? catalog->series.size() : 0;
}

bool WorkflowFixture::setUp() {
    if (!dir.emplace().isValid())
        return false;
    path = dir->filePath(QStringLiteral("catalog.sqlite"));
    QString error;
    if (!writeCatalog(path) || !(session = app::CatalogFileSession::openFile(path, &error)))
        return false;
    std::string reason;
    std::optional<Catalog> catalog = session->editor().reload(&reason);
    if (!catalog)
        return false;
    window = std::make_unique<ui::MainWindow>(std::move(*catalog));
    QSettings().remove(QStringLiteral("view")); // each test starts from the default view
    controller = new ui::WorkflowController(window.get(), session.get());
    window->resize(1366, 768);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return false;
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        return false;
    window->state()->setMinInteractivity(10);
    return true;
}

void WorkflowFixture::tearDown() {
    window.reset(); // deletes the controller, its child
    controller = nullptr;
    session.reset();
    dir.reset();
}

void isolateSettings(const QString& folder) {
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder);
}

} // namespace tokenomics::testing
