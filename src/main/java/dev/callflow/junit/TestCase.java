package dev.callflow.junit;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * One of the {@link Cases} of a browser test, numbered from 1 in the order given.
 *
 * @param number its place in the list, from 1
 * @param value what the case parameter gets
 */
record TestCase(int number, Object value) {
  /** How runs and reports show it, e.g. {@code /apps/a.html}. */
  String name() {
    return String.valueOf(value);
  }

  /**
   * The cases of a test method, in order; none without {@link Cases}.
   *
   * @throws ExtensionConfigurationException when the cases cannot be read or do not fit the test, naming the fix
   */
  static List<TestCase> of(Class<?> testClass, Method method) {
    Cases cases = AnnotationSupport.findAnnotation(method, Cases.class).orElse(null);
    if (cases == null) {
      return List.of();
    }
    int index = parameterIndex(method);
    if (index < 0) {
      throw new ExtensionConfigurationException("@Cases on " + method.getName()
          + " has no parameter to take a case: add one, e.g. String page");
    }
    Parameter parameter = method.getParameters()[index];
    List<TestCase> all = new ArrayList<>();
    for (Object value : values(cases, testClass, method)) {
      TestCase c = new TestCase(all.size() + 1, value);
      if (value == null ? parameter.getType().isPrimitive()
          : !MethodType.methodType(parameter.getType()).wrap().returnType().isInstance(value)) {
        throw new ExtensionConfigurationException("@Cases on " + method.getName() + ": case " + c.number() + " (" + c.name()
            + ") does not fit parameter " + parameter.getName() + " of type " + parameter.getType().getSimpleName());
      }
      all.add(c);
    }
    if (all.isEmpty()) {
      throw new ExtensionConfigurationException("@Cases on " + method.getName()
          + " names no case: give at least one, e.g. @Cases({\"/apps/a.html\", \"/apps/b.html\"})");
    }
    return all;
  }

  /** The position of the parameter that takes the case: the first one Callflow does not supply; -1 if none. */
  static int parameterIndex(Method method) {
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (!CallflowExtension.supplies(types[i])) {
        return i;
      }
    }
    return -1;
  }

  private static List<?> values(Cases cases, Class<?> testClass, Method method) {
    boolean text = cases.value().length > 0;
    if (text == !cases.method().isEmpty()) {
      throw new ExtensionConfigurationException("@Cases on " + method.getName() + " takes either cases as text or a method"
          + " that returns them, not " + (text ? "both" : "neither") + ": e.g. @Cases({\"/apps/a.html\"}) or @Cases(method = \"pages\")");
    }
    if (text) {
      return List.of(cases.value());
    }
    Method source = ReflectionSupport.findMethod(testClass, cases.method()).filter(m -> Modifier.isStatic(m.getModifiers()))
        .orElseThrow(() -> new ExtensionConfigurationException("@Cases on " + method.getName() + " names method " + cases.method()
            + ", but " + testClass.getSimpleName() + " has no static method " + cases.method() + "() to give the cases"));
    Object returned = ReflectionSupport.invokeMethod(source, null);
    if (returned instanceof Stream<?> stream) {
      return stream.toList();
    }
    if (returned instanceof Iterable<?> iterable) {
      List<Object> list = new ArrayList<>();
      iterable.forEach(list::add);
      return list;
    }
    if (returned instanceof Object[] array) {
      return Arrays.asList(array);
    }
    throw new ExtensionConfigurationException("@Cases on " + method.getName() + ": " + cases.method() + "() returned "
        + (returned == null ? "null" : "a " + returned.getClass().getSimpleName()) + ", not an Iterable (e.g. a List), a Stream or an array of objects");
  }
}
