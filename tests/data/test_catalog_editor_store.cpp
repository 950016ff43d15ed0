// Edits through CatalogEditorStore on a real file, read back with raw SQLite: one row per edit,
// ids kept across edits, aliases following their row, refusals naming the field, nothing
// written by a refused edit.
#include "CatalogEditorStore.h"
#include "CatalogTestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tokenomics;
using namespace tokenomics::data;
using tokenomics::testing::sqliteNumber;
using tokenomics::testing::sqliteText;

class TestCatalogEditorStore : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QVERIFY(dir_.emplace().isValid());
        path_ = dir_->filePath(QStringLiteral("catalog.sqlite"));
        CatalogError error;
        store_ = CatalogEditorStore::open(path_, &error);
        QVERIFY2(store_, qPrintable(error.message));
    }
    void cleanup() {
        store_.reset();
        dir_.reset();
    }

    void costBasisAddEditRemove() {
        CostBasis basis;
        basis.hardware = "B200";
        basis.key = "own";
        basis.name = "our cluster";
        basis.usdPerGpuHour = 2.5;
        const EditResult added = store_->upsertCostBasis(basis);
        QVERIFY2(added.ok, added.error.c_str());
        QVERIFY(added.catalogId > 0);

        basis.catalogId = added.catalogId;
        basis.usdPerGpuHour.reset();
        basis.ownership = OwnershipInputs{30000, 4, 0.1, 1000, 0.9, 1.5, 1.3, 0.08};
        const EditResult edited = store_->upsertCostBasis(basis);
        QVERIFY2(edited.ok, edited.error.c_str());
        QCOMPARE(edited.catalogId, added.catalogId); // the row keeps its id
        QCOMPARE(sqliteNumber(path_, "SELECT count(*) FROM cost_bases"), std::optional<double>(1));
        QVERIFY(sqliteText(path_, "SELECT quote(usd_per_gpu_hour) FROM cost_bases") ==
                QStringLiteral("NULL"));
        QCOMPARE(sqliteNumber(path_, "SELECT availability FROM cost_bases"),
                 std::optional<double>(0.9));
        QCOMPARE(sqliteNumber(path_, "SELECT pue FROM cost_bases"), std::optional<double>(1.3));

        std::string reason;
        const std::optional<Catalog> catalog = store_->reload(&reason);
        QVERIFY(catalog);
        QCOMPARE(catalog->costBases.size(), std::size_t(1));
        QCOMPARE(catalog->costBases[0].ownership->capexUsd, 30000.0);

        QVERIFY(store_->removeCostBasis(added.catalogId).ok);
        QCOMPARE(sqliteNumber(path_, "SELECT count(*) FROM cost_bases"), std::optional<double>(0));
        const EditResult again = store_->removeCostBasis(added.catalogId);
        QVERIFY(!again.ok);
        QVERIFY(again.error.find("removed") != std::string::npos);
    }

    void refusedEditsNameTheFieldAndWriteNothing() {
        CostBasis basis;
        basis.hardware = "B200";
        basis.key = "own";
        basis.ownership = OwnershipInputs{30000, 4, 0.1, 1000, 1.5, 1.5, 1.3, 0.08};
        const EditResult refused = store_->upsertCostBasis(basis);
        QVERIFY(!refused.ok);
        QVERIFY(refused.error.find("availability") != std::string::npos);
        QCOMPARE(sqliteNumber(path_, "SELECT count(*) FROM cost_bases"), std::optional<double>(0));

        // Two bases with one hardware and key: the store's uniqueness rule, in words.
        basis.ownership->availability = 0.9;
        QVERIFY(store_->upsertCostBasis(basis).ok);
        const EditResult duplicate = store_->upsertCostBasis(basis);
        QVERIFY(!duplicate.ok);
        QVERIFY2(duplicate.error.find("key") != std::string::npos, duplicate.error.c_str());
        QCOMPARE(sqliteNumber(path_, "SELECT count(*) FROM cost_bases"), std::optional<double>(1));
    }

    void acceleratorAliasesFollowTheRowAcrossEdits() {
        Accelerator accelerator;
        accelerator.name = "X1";
        accelerator.memoryGb = 80;
        accelerator.aliases = {"x1", "x-one"};
        const EditResult added = store_->upsertAccelerator(accelerator);
        QVERIFY2(added.ok, added.error.c_str());
        accelerator.catalogId = added.catalogId;
        accelerator.memoryGb = 96;
        accelerator.aliases = {"x1", "xone"};
        const EditResult edited = store_->upsertAccelerator(accelerator);
        QVERIFY2(edited.ok, edited.error.c_str());
        QCOMPARE(edited.catalogId, added.catalogId);
        QCOMPARE(sqliteNumber(path_, "SELECT memory_gb FROM accelerators"),
                 std::optional<double>(96));
        QCOMPARE(sqliteNumber(path_, "SELECT count(*) FROM accelerator_aliases WHERE "
                                     "accelerator_id = (SELECT id FROM accelerators)"),
                 std::optional<double>(2));
        QCOMPARE(sqliteText(path_, "SELECT group_concat(alias, ',') FROM (SELECT alias FROM "
                                   "accelerator_aliases ORDER BY alias)"),
                 std::optional<QString>(QStringLiteral("x1,xone")));
        QVERIFY(store_->removeAccelerator(added.catalogId).ok);
        QCOMPARE(sqliteNumber(path_, "SELECT count(*) FROM accelerator_aliases"),
                 std::optional<double>(0));
    }

    void renamesFollowIntoTheRowsThatNameThem() {
        Accelerator accelerator;
        accelerator.name = "X1";
        const EditResult added = store_->upsertAccelerator(accelerator);
        QVERIFY2(added.ok, added.error.c_str());
        accelerator.catalogId = added.catalogId;
        CostBasis basis;
        basis.hardware = "X1";
        basis.key = "own";
        basis.usdPerGpuHour = 2;
        QVERIFY(store_->upsertCostBasis(basis).ok);
        ModelInfo model;
        model.name = "Big";
        const EditResult modelAdded = store_->upsertModel(model);
        QVERIFY2(modelAdded.ok, modelAdded.error.c_str());
        model.catalogId = modelAdded.catalogId;
        ProviderOffer offer;
        offer.provider = "P";
        offer.model = "Big";
        offer.inputUsdPerM = 0.1;
        offer.outputUsdPerM = 0.4;
        QVERIFY(store_->upsertOffer(offer).ok);
        // One series on X1 and one of the same identity on X2 (an accelerator not in the list).
        ImportBatch batch;
        for (const char* hardware : {"X1", "X2"}) {
            Series series;
            series.key = {"Big", hardware, "vllm", "fp8", "none", 1024, 1024, ""};
            OperatingPoint point;
            point.figures.concurrency = 1;
            point.figures.tputPerGpu = 100;
            point.figures.interactivity.p50 = 50;
            series.points = {point};
            batch.series.push_back(series);
        }
        CatalogError error;
        QVERIFY2(store_->store().import(batch, &error), qPrintable(error.message));
        const auto count = [this](const char* sql) { return sqliteNumber(path_, sql); };

        accelerator.name = "X1 Pro";
        const EditResult renamed = store_->upsertAccelerator(accelerator);
        QVERIFY2(renamed.ok, renamed.error.c_str());
        QCOMPARE(count("SELECT count(*) FROM series WHERE hardware = 'X1 Pro'"), 1.0);
        QCOMPARE(count("SELECT count(*) FROM series WHERE hardware = 'X1'"), 0.0);
        QCOMPARE(count("SELECT count(*) FROM cost_bases WHERE hardware = 'X1 Pro'"), 1.0);
        QCOMPARE(count("SELECT count(*) FROM series WHERE hardware = 'X2'"), 1.0);

        accelerator.name = "X1"; // as undo does
        QVERIFY(store_->upsertAccelerator(accelerator).ok);
        QCOMPARE(count("SELECT count(*) FROM series WHERE hardware = 'X1'"), 1.0);
        QCOMPARE(count("SELECT count(*) FROM cost_bases WHERE hardware = 'X1'"), 1.0);

        // Renaming X1 to X2 would make two series one: refused, nothing changed.
        accelerator.name = "X2";
        const EditResult merged = store_->upsertAccelerator(accelerator);
        QVERIFY(!merged.ok);
        QVERIFY2(merged.error.rfind("name: ", 0) == 0, merged.error.c_str());
        QVERIFY2(merged.error.find("merge series") != std::string::npos, merged.error.c_str());
        QCOMPARE(sqliteText(path_, "SELECT name FROM accelerators"),
                 std::optional<QString>(QStringLiteral("X1")));
        QCOMPARE(count("SELECT count(*) FROM series WHERE hardware = 'X1'"), 1.0);
        QCOMPARE(count("SELECT count(*) FROM cost_bases WHERE hardware = 'X1'"), 1.0);

        model.name = "Big v2";
        QVERIFY(store_->upsertModel(model).ok);
        QCOMPARE(count("SELECT count(*) FROM series WHERE model = 'Big v2'"), 2.0);
        QCOMPARE(count("SELECT count(*) FROM provider_offers WHERE model = 'Big v2'"), 1.0);
        QCOMPARE(count("SELECT count(*) FROM series WHERE model = 'Big'"), 0.0);
    }

    void offersAndModels() {
        ProviderOffer offer;
        offer.provider = "P";
        offer.model = "M";
        offer.inputUsdPerM = 0.1;
        offer.outputUsdPerM = 0.4;
        const EditResult first = store_->upsertOffer(offer);
        const EditResult second = store_->upsertOffer(offer); // offers may repeat
        QVERIFY(first.ok && second.ok);
        QVERIFY(first.catalogId != second.catalogId);
        offer.catalogId = first.catalogId;
        offer.outputUsdPerM = 0.5;
        QCOMPARE(store_->upsertOffer(offer).catalogId, first.catalogId);
        QCOMPARE(sqliteNumber(path_, "SELECT output_usd_per_m FROM provider_offers ORDER BY id "
                                     "LIMIT 1"),
                 std::optional<double>(0.5));

        ModelInfo model;
        model.name = "Big";
        model.totalParamsB = 100;
        model.activeParamsB = 10;
        model.aliases = {"big-instruct"};
        const EditResult added = store_->upsertModel(model);
        QVERIFY2(added.ok, added.error.c_str());
        ModelInfo same = model; // a second model of the same name is refused
        const EditResult duplicate = store_->upsertModel(same);
        QVERIFY(!duplicate.ok);
        QVERIFY2(duplicate.error.find("name") != std::string::npos, duplicate.error.c_str());
        QCOMPARE(sqliteNumber(path_, "SELECT count(*) FROM models"), std::optional<double>(1));
        QCOMPARE(sqliteNumber(path_, "SELECT count(*) FROM model_aliases"),
                 std::optional<double>(1));
    }

private:
    std::optional<QTemporaryDir> dir_;
    QString path_;
    std::unique_ptr<CatalogEditorStore> store_;
};

QTEST_GUILESS_MAIN(TestCatalogEditorStore)
#include "test_catalog_editor_store.moc"
