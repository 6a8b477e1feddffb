package dev.callflow.junit;

import dev.callflow.peer.Peer;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Names browser tests after their browsers, so a report shows which ones failed. A test with peer
 * parameters reads {@code hermeticCall[chrome→firefox]}; a {@link BrowserPairs} or {@link EachBrowser}
 * test is named by its method alone, and its invocations ({@code [chrome→firefox]}) complete the name.
 */
public final class CallflowDisplayNames extends DisplayNameGenerator.Standard {
  @Override
  public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
    if (AnnotationSupport.isAnnotated(testMethod, BrowserPairs.class) || AnnotationSupport.isAnnotated(testMethod, EachBrowser.class)) {
      return testMethod.getName();
    }
    List<String> browsers = new ArrayList<>();
    for (Parameter p : testMethod.getParameters()) {
      if (p.getType() == Peer.class) {
        browsers.add(CallflowExtension.specFor(p, null).type().id());
      }
    }
    return browsers.isEmpty() ? super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod)
        : testMethod.getName() + "[" + String.join("→", browsers) + "]";
  }
}
