package io.tabelogo.spider;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The feature packages: the scraper knows nothing of jobs, the outbox nothing of
 * what its events say, and no two features depend on each other in a cycle. Pure: reads compiled classes only.
 */
class FeatureBoundariesUnitTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tabelogo.spider");

    @Test
    void theScraperAndTheOutboxDependOnNoOtherFeature() {
        noClasses()
                .that()
                .resideInAnyPackage("io.tabelogo.spider.scraper..", "io.tabelogo.spider.outbox..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.tabelogo.spider.jobs..", "io.tabelogo.spider.grpc..")
                .check(SERVICE);
    }

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        slices().matching("io.tabelogo.spider.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void onlyTheGrpcAdapterUsesTheGeneratedSpiderMessages() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.tabelogo.spider.grpc..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.tabelogo.api.spider..")
                .check(SERVICE);
    }
}
