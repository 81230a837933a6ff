package dev.vertxsfu;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, "Layers and packages": {@code wire <- media <- (room, signaling,
 * bus, cluster, config, app)}, and the threading rules of STYLE.md for the packages that live
 * on one event loop.
 */
@Tag("fast")
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.vertxsfu");
  }

  @Test
  void wireDependsOnNothingButTheJdk() {
    classes().that().resideInAPackage("dev.vertxsfu.wire..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.vertxsfu.wire..", "java..", "javax.crypto..")
        .check(production);
  }

  @Test
  void wireAndMediaImportNoVertxNorNetty() {
    noClasses().that().resideInAnyPackage("dev.vertxsfu.wire..", "dev.vertxsfu.media..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..")
        .allowEmptyShould(true)
        .check(production);
  }

  @Test
  void mediaDependsOnlyOnWire() {
    noClasses().that().resideInAPackage("dev.vertxsfu.media..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.vertxsfu.room..", "dev.vertxsfu.signaling..", "dev.vertxsfu.bus..",
            "dev.vertxsfu.cluster..", "dev.vertxsfu.config..", "dev.vertxsfu.app..")
        .allowEmptyShould(true)
        .check(production);
  }

  /** BouncyCastle stays behind DTLS and the one class that makes the cluster's certificates. */
  @Test
  void onlyMediaDtlsAndClusterCertificatesUseBouncyCastle() {
    noClasses().that().resideOutsideOfPackage("dev.vertxsfu.media.dtls..")
        .and().doNotHaveFullyQualifiedName("dev.vertxsfu.cluster.ClusterCertificates")
        .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
        .check(production);
  }

  @Test
  void singleOwnerPackagesTakeNoLocks() {
    String[] singleOwner = {"dev.vertxsfu.wire..", "dev.vertxsfu.media..", "dev.vertxsfu.room.."};
    noClasses().that().resideInAnyPackage(singleOwner)
        .should().dependOnClassesThat().resideInAnyPackage(
            "java.util.concurrent.locks..", "java.util.concurrent.atomic..")
        .allowEmptyShould(true)
        .check(production);
    methods().that().areDeclaredInClassesThat().resideInAnyPackage(singleOwner)
        .should().notHaveModifier(JavaModifier.SYNCHRONIZED)
        .allowEmptyShould(true)
        .check(production);
    fields().that().areDeclaredInClassesThat().resideInAnyPackage(singleOwner)
        .should().notHaveModifier(JavaModifier.VOLATILE)
        .allowEmptyShould(true)
        .check(production);
  }

  @Test
  void wireStartsNoThreadsAndUsesNoConcurrentCollections() {
    noClasses().that().resideInAPackage("dev.vertxsfu.wire..")
        .should().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
        .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
        .check(production);
  }

  /** No two packages need each other, such as {@code bus} and {@code cluster} once did. */
  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.vertxsfu.(*)..").should().beFreeOfCycles().check(production);
  }

  /** Rooms know the bus contract, never the front that speaks it to clients. */
  @Test
  void roomDoesNotDependOnSignaling() {
    noClasses().that().resideInAPackage("dev.vertxsfu.room..")
        .should().dependOnClassesThat().resideInAPackage("dev.vertxsfu.signaling..")
        .check(production);
  }

  /** The bus contract is the bottom of the application layer: it needs no other SFU package. */
  @Test
  void busDependsOnNoOtherPackageOfTheSfu() {
    noClasses().that().resideInAPackage("dev.vertxsfu.bus..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.vertxsfu.wire..",
            "dev.vertxsfu.media..", "dev.vertxsfu.room..", "dev.vertxsfu.signaling..",
            "dev.vertxsfu.cluster..", "dev.vertxsfu.config..", "dev.vertxsfu.app..")
        .check(production);
  }
}
