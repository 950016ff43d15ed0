// Field checks shared by the catalog editors and the store: each rule refuses the bad value
// with the field's name, and accepts the boundary values the formulas allow.
#include "CatalogValidation.h"

#include <QTest>

using namespace tokenomics;

namespace {
bool mentions(const std::vector<FieldProblem>& problems, const std::string& field) {
    for (const FieldProblem& problem : problems) {
        if (problem.field == field)
            return true;
    }
    return false;
}

CostBasis ownedBasis() {
    CostBasis basis;
    basis.hardware = "B200";
    basis.key = "own";
    basis.ownership = OwnershipInputs{30000, 4, 0.1, 1000, 0.9, 1.5, 1.3, 0.08};
    return basis;
}
} // namespace

class TestCatalogValidation : public QObject {
    Q_OBJECT
private slots:
    void aGoodCostBasisPasses() {
        QVERIFY(validateCostBasis(ownedBasis()).empty());
        CostBasis direct;
        direct.hardware = "H100 SXM";
        direct.key = "rental";
        direct.usdPerGpuHour = 0; // free GPUs are allowed: ≥ 0
        QVERIFY(validateCostBasis(direct).empty());
    }

    void availabilityMustBeAFractionOfTheYear() {
        CostBasis basis = ownedBasis();
        basis.ownership->availability = 1; // the whole year: allowed
        QVERIFY(validateCostBasis(basis).empty());
        basis.ownership->availability = 1.2;
        const std::vector<FieldProblem> problems = validateCostBasis(basis);
        QCOMPARE(problems.size(), std::size_t(1));
        QCOMPARE(problems[0].field, std::string("availability"));
        QVERIFY(problems[0].reason.find("(0, 1]") != std::string::npos);
        QVERIFY(problems[0].reason.find("1.2") != std::string::npos);
        basis.ownership->availability = 0; // would divide by zero in the formula
        QVERIFY(mentions(validateCostBasis(basis), "availability"));
    }

    void pueAndPricesAndLife() {
        CostBasis basis = ownedBasis();
        basis.ownership->pue = 0.95;
        QVERIFY(mentions(validateCostBasis(basis), "PUE"));
        basis.ownership->pue = 1; // exactly 1: no overhead, allowed
        QVERIFY(validateCostBasis(basis).empty());
        basis.ownership->usdPerKwh = -0.01;
        basis.ownership->capexUsd = -1;
        basis.ownership->lifeYears = 0;
        const std::vector<FieldProblem> problems = validateCostBasis(basis);
        QVERIFY(mentions(problems, "$/kWh"));
        QVERIFY(mentions(problems, "capex ($/GPU)"));
        QVERIFY(mentions(problems, "life (years)"));
        QCOMPARE(problems.size(), std::size_t(3));
    }

    void aBasisNeedsAPriceAndNames() {
        CostBasis basis;
        const std::vector<FieldProblem> problems = validateCostBasis(basis);
        QVERIFY(mentions(problems, "hardware"));
        QVERIFY(mentions(problems, "key"));
        QVERIFY(mentions(problems, "$/GPU-hour"));
        basis.hardware = "B200";
        basis.key = "x";
        basis.usdPerGpuHour = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(mentions(validateCostBasis(basis), "$/GPU-hour"));
    }

    void offers() {
        ProviderOffer offer;
        offer.provider = "P";
        offer.model = "M";
        offer.inputUsdPerM = 0;
        offer.outputUsdPerM = 0.5;
        QVERIFY(validateOffer(offer).empty());
        offer.outputUsdPerM = -0.5;
        offer.outputTokensPerSecond = 0; // a speed of zero places nothing on the axis
        offer.ttftSeconds = -1;
        const std::vector<FieldProblem> problems = validateOffer(offer);
        QVERIFY(mentions(problems, "output $/1M tokens"));
        QVERIFY(mentions(problems, "output speed (tok/s/user)"));
        QVERIFY(mentions(problems, "TTFT (s)"));
    }

    void hardwareAndModels() {
        Accelerator accelerator;
        QVERIFY(mentions(validateAccelerator(accelerator), "name"));
        accelerator.name = "X1";
        accelerator.memoryGb = 0;
        accelerator.scaleupDomain = -8;
        const std::vector<FieldProblem> problems = validateAccelerator(accelerator);
        QVERIFY(mentions(problems, "memory (GB)"));
        QVERIFY(mentions(problems, "scale-up domain (GPUs)"));

        ModelInfo model;
        model.name = "MoE";
        model.totalParamsB = 100;
        model.activeParamsB = 120;
        QVERIFY(mentions(validateModel(model), "active parameters (B)"));
        model.activeParamsB = 12;
        QVERIFY(validateModel(model).empty());
        QCOMPARE(joinProblems({{"a", "x"}, {"b", "y"}}), std::string("a: x; b: y"));
    }
};

QTEST_APPLESS_MAIN(TestCatalogValidation)
#include "test_catalog_validation.moc"
