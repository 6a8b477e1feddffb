package dev.callflow.junit;

import dev.callflow.browser.BrowserType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The invocations of {@link BrowserPairs} (one per ordered pair) and {@link EachBrowser} (one per
 * browser) tests, each once per {@link Cases case} if the test has some. Each invocation hands its
 * browsers, by peer position, and its case to {@link CallflowExtension}.
 */
final class BrowserInvocations implements TestTemplateInvocationContextProvider {
  private static final String PARAMETERIZED_TEST = "org.junit.jupiter.params.ParameterizedTest";

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    return AnnotationSupport.isAnnotated(method, BrowserPairs.class) || AnnotationSupport.isAnnotated(method, EachBrowser.class);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    List<BrowserAssignment> assignments = new ArrayList<>();
    List<BrowserAssignment> excepted = new ArrayList<>();
    var pairs = AnnotationSupport.findAnnotation(method, BrowserPairs.class);
    if (pairs.isPresent()) {
      BrowserType[] browsers = nonEmpty(pairs.get().value(), "@BrowserPairs", method);
      List<String> except = new ArrayList<>(List.of(pairs.get().except()));
      for (BrowserType caller : browsers) {
        for (BrowserType callee : browsers) {
          BrowserAssignment pair = new BrowserAssignment(List.of(caller, callee), false);
          (except.removeIf(written -> pairName(written).equals(pair.toString())) ? excepted : assignments).add(pair);
        }
      }
      if (!except.isEmpty()) {
        throw new ExtensionConfigurationException("@BrowserPairs on " + method.getName() + " excepts " + except
            + ", which is no pair of " + List.of(browsers) + "; write pairs as caller→callee or caller-callee, e.g. chrome→firefox");
      }
    } else {
      for (BrowserType browser : nonEmpty(AnnotationSupport.findAnnotation(method, EachBrowser.class).orElseThrow().value(),
          "@EachBrowser", method)) {
        assignments.add(new BrowserAssignment(List.of(browser), true));
      }
    }
    refuseParameterizedTest(method);
    List<TestCase> cases = TestCase.of(context.getRequiredTestClass(), method);
    // Excepted pairs are reported as skipped, with the reason, so a report shows every pair.
    Stream<TestTemplateInvocationContext> skipped = excepted.stream().map(a -> skipped(a, "@BrowserPairs(except = ...) leaves "
        + a + " out"));
    if (cases.isEmpty()) {
      return Stream.concat(assignments.stream().map(a -> invocation(a, null)), skipped);
    }
    return Stream.concat(assignments.stream().flatMap(a -> cases.stream().map(c -> invocation(a, c))), skipped);
  }

  /** An invocation that JUnit reports as skipped, for this reason. */
  private static TestTemplateInvocationContext skipped(BrowserAssignment assignment, String reason) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return "[" + assignment + "]";
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of((ExecutionCondition) c -> ConditionEvaluationResult.disabled(reason));
      }
    };
  }

  /** JUnit would run a parameterized test's arguments and these browsers apart, never crossed. */
  private static void refuseParameterizedTest(Method method) {
    if (Arrays.stream(method.getAnnotations()).anyMatch(a -> a.annotationType().getName().equals(PARAMETERIZED_TEST))) {
      throw new ExtensionConfigurationException("@ParameterizedTest on " + method.getName() + " does not combine with"
          + " @BrowserPairs or @EachBrowser: JUnit would run its arguments and the browsers one after the other, never"
          + " crossed; give the cases with @Cases in place of @ParameterizedTest and its sources");
    }
  }

  /** A pair as {@code except} may spell it, {@code chrome→firefox}, {@code chrome-firefox} or {@code chrome->firefox}, as the pair names itself. */
  private static String pairName(String written) {
    return written.strip().replace("->", "→").replace('-', '→');
  }

  private static BrowserType[] nonEmpty(BrowserType[] browsers, String annotation, Method method) {
    if (browsers.length == 0) {
      throw new ExtensionConfigurationException(annotation + " on " + method.getName()
          + " names no browser: give at least one, e.g. " + annotation + "({CHROME, FIREFOX})");
    }
    return browsers;
  }

  /** One run: these browsers, and this case or none. */
  private static TestTemplateInvocationContext invocation(BrowserAssignment assignment, TestCase testCase) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return "[" + assignment + "]" + (testCase == null ? "" : " " + testCase.name());
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of((BeforeEachCallback) c -> {
          CallflowExtension.store(c).put(BrowserAssignment.class, assignment);
          if (testCase != null) {
            CallflowExtension.store(c).put(TestCase.class, testCase);
          }
        });
      }
    };
  }
}
