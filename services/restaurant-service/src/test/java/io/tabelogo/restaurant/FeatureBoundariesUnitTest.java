package io.tabelogo.restaurant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The feature packages: the catalog is the core the others build on, so it
 * depends on none of them, and features never depend on each other in a cycle. Visibility does the rest: a
 * feature's internals are package-private. Pure: reads compiled classes only.
 */
class FeatureBoundariesUnitTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tabelogo.restaurant");

    @Test
    void theCatalogDependsOnNoOtherFeature() {
        noClasses()
                .that()
                .resideInAPackage("io.tabelogo.restaurant.catalog..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.tabelogo.restaurant.favorites..",
                        "io.tabelogo.restaurant.quicksearch..",
                        "io.tabelogo.restaurant.tabelog..",
                        "io.tabelogo.restaurant.grpc..")
                .check(SERVICE);
    }

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        slices().matching("io.tabelogo.restaurant.(*)..")
                .should()
                .beFreeOfCycles()
                .check(SERVICE);
    }

    @Test
    void onlyTheGrpcAdapterUsesTheGeneratedRestaurantMessages() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.tabelogo.restaurant.grpc..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.tabelogo.api.restaurant..")
                .check(SERVICE);
    }
}
