package org.healthwallet.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directions of dependency from DESIGN.md: app -> wallet-core -> ledger-light-client and
 * app -> consortium-node -> ledger-light-client. The wallet reaches nodes over HTTP only, so
 * wallet-core must never see consortium-node; no library sees the app or JavaFX.
 */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.healthwallet");
    }

    @Test
    void everyModuleIsOnTheClasspathBeingChecked() {
        // A rule over an empty set passes vacuously; make sure each module's classes are here.
        assertThat(production.containPackage("org.healthwallet.ledger")).isTrue();
        assertThat(production.containPackage("org.healthwallet.core")).isTrue();
        assertThat(production.containPackage("org.healthwallet.node")).isTrue();
        assertThat(production.containPackage("org.healthwallet.app")).isTrue();
    }

    @Test
    void walletCoreNeverReachesTheConsortiumNodeTheAppOrJavaFx() {
        noClasses().that().resideInAPackage("org.healthwallet.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.healthwallet.node..", "org.healthwallet.app..", "javafx..")
                .check(production);
    }

    @Test
    void ledgerFormatsStandAlone() {
        noClasses().that().resideInAPackage("org.healthwallet.ledger..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.healthwallet.core..", "org.healthwallet.node..", "org.healthwallet.app..", "javafx..")
                .check(production);
    }

    @Test
    void consortiumNodeNeverReachesTheWalletOrTheApp() {
        noClasses().that().resideInAPackage("org.healthwallet.node..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.healthwallet.core..", "org.healthwallet.app..", "javafx..")
                .check(production);
    }
}
