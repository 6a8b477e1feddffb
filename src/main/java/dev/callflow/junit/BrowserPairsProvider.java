package dev.callflow.junit;

import dev.callflow.browser.BrowserType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/** One invocation of a {@link BrowserPairs} test per ordered browser pair. */
final class BrowserPairsProvider implements TestTemplateInvocationContextProvider {
  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return AnnotationSupport.isAnnotated(context.getTestMethod(), BrowserPairs.class);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    BrowserType[] browsers = AnnotationSupport.findAnnotation(context.getTestMethod(), BrowserPairs.class)
        .orElseThrow().value();
    if (browsers.length == 0) {
      throw new ExtensionConfigurationException("@BrowserPairs on " + context.getRequiredTestMethod().getName()
          + " names no browser: give at least one, e.g. @BrowserPairs({CHROME, FIREFOX})");
    }
    List<TestTemplateInvocationContext> invocations = new ArrayList<>();
    for (BrowserType caller : browsers) {
      for (BrowserType callee : browsers) {
        BrowserPair pair = new BrowserPair(caller, callee);
        invocations.add(new TestTemplateInvocationContext() {
          @Override
          public String getDisplayName(int invocationIndex) {
            return "[" + pair + "]";
          }

          @Override
          public List<Extension> getAdditionalExtensions() {
            return List.of((BeforeEachCallback) c -> CallflowExtension.store(c).put(BrowserPair.class, pair));
          }
        });
      }
    }
    return invocations.stream();
  }
}
