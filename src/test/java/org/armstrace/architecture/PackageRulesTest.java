package org.armstrace.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md, checked on the compiled classes: feature packages depend one way
 * (no cycle between any two packages), {@code common} and {@code revisions} know no feature, and only
 * {@code revisions} is written against the revision log's classes from the HTTP layer's side.
 */
class PackageRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.armstrace");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.armstrace.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void commonImportsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("org.armstrace.common..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.armstrace.cases..",
                        "org.armstrace.codebook..",
                        "org.armstrace.curation..",
                        "org.armstrace.dataset..",
                        "org.armstrace.releases..",
                        "org.armstrace.export..",
                        "org.armstrace.stats..",
                        "org.armstrace.feed..",
                        "org.armstrace.revisions..")
                .check(classes);
    }

    @Test
    void theRevisionLogKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("org.armstrace.revisions..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.armstrace.cases..",
                        "org.armstrace.curation..",
                        "org.armstrace.dataset..",
                        "org.armstrace.releases..",
                        "org.armstrace.export..",
                        "org.armstrace.stats..",
                        "org.armstrace.feed..")
                .check(classes);
    }

    @Test
    void writersAndExportsDoNotReachIntoReadersAbove() {
        noClasses()
                .that()
                .resideInAnyPackage("org.armstrace.export..", "org.armstrace.codebook..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.armstrace.cases..",
                        "org.armstrace.curation..",
                        "org.armstrace.releases..",
                        "org.armstrace.stats..",
                        "org.armstrace.dataset..")
                .check(classes);
    }
}
