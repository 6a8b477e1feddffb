package dev.callflow.junit;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Names a {@link BrowserPairs} test by its method name alone, so that with its invocations named
 * {@code [chrome→firefox]} a report reads {@code audioVideoCall[chrome→firefox]}.
 */
public final class CallflowDisplayNames extends DisplayNameGenerator.Standard {
  @Override
  public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
    return AnnotationSupport.isAnnotated(testMethod, BrowserPairs.class) ? testMethod.getName()
        : super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod);
  }
}
