package dev.callflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The shape of the code, kept by rules: packages without cycles, a public API that hands out no internal
 * type, an internal layer beneath the public one, and no sleeping.
 */
@AnalyzeClasses(packages = "dev.callflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String INTERNAL = "dev.callflow.internal..";

  /** Every package is a slice of its own, nested ones included, the root package too. */
  private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      return javaClass.getPackageName().startsWith("dev.callflow") ? SliceIdentifier.of(javaClass.getPackageName())
          : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "each package of dev.callflow";
    }
  };

  @ArchTest
  static final ArchRule noPackageCycle = slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles();

  @ArchTest
  static final ArchRule internalIsBeneathTheApi = noClasses().that().resideInAPackage(INTERNAL).should()
      .dependOnClassesThat().resideInAnyPackage("dev.callflow", "dev.callflow.junit..", "dev.callflow.assertions..",
          "dev.callflow.cli..", "dev.callflow.report..", "dev.callflow.interop..");

  @ArchTest
  static final ArchRule theApiHandsOutNoInternalType = classes().that().resideOutsideOfPackage(INTERNAL)
      .and().arePublic().should(exposeNoInternalType());

  @ArchTest
  static final ArchRule nothingSleeps = noClasses().should().callMethod(Thread.class, "sleep", long.class)
      .orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
      .because("waits end on pushed events; a sleep only makes a test slower or flakier");

  @ArchTest
  static final ArchRule onlyTheEnvironmentReadsSettings = noClasses()
      .that().doNotHaveFullyQualifiedName("dev.callflow.internal.Environment")
      .should().callMethod(System.class, "getProperty", String.class)
      .orShould().callMethod(System.class, "getProperty", String.class, String.class)
      .orShould().callMethod(System.class, "getProperties")
      .orShould().callMethod(System.class, "getenv", String.class)
      .orShould().callMethod(System.class, "getenv")
      .orShould().callMethod(Boolean.class, "getBoolean", String.class)
      .orShould().callMethod(Integer.class, "getInteger", String.class)
      .orShould().callMethod(Long.class, "getLong", String.class)
      .because("configuration is read once, by CallflowConfig through Environment, and handed to what needs it");

  /**
   * Public and protected members of a public API type name no type of an internal package in their
   * signature, unless they are marked {@code @API(status = INTERNAL)} (for the one place where the
   * facade hands a browser to a peer).
   */
  private static ArchCondition<JavaClass> exposeNoInternalType() {
    return new ArchCondition<>("expose no internal type in a public signature") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        Stream.<JavaMember>concat(type.getCodeUnits().stream(), type.getFields().stream())
            .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC) || m.getModifiers().contains(JavaModifier.PROTECTED))
            .filter(m -> !markedInternal(m))
            .forEach(m -> signatureTypes(m).stream().map(JavaClass::getBaseComponentType).distinct()
                .filter(t -> t.getPackageName().startsWith("dev.callflow.internal"))
                .forEach(t -> events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + t.getName()))));
      }
    };
  }

  private static boolean markedInternal(JavaMember member) {
    return member.tryGetAnnotationOfType(API.class).map(a -> a.status() == API.Status.INTERNAL).orElse(false);
  }

  private static Set<JavaClass> signatureTypes(JavaMember member) {
    Set<JavaClass> types = new HashSet<>();
    if (member instanceof JavaCodeUnit unit) {
      unit.getParameterTypes().forEach(t -> types.addAll(t.getAllInvolvedRawTypes()));
      types.addAll(unit.getReturnType().getAllInvolvedRawTypes());
    } else if (member instanceof JavaField field) {
      types.addAll(field.getType().getAllInvolvedRawTypes());
    }
    return types;
  }
}
