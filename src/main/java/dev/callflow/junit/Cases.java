package dev.callflow.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link BrowserPairs} or {@link EachBrowser} test once per case in each browser invocation. The
 * case goes to the test's one parameter that Callflow does not supply (not a peer, {@link BrowserPair},
 * {@code Callflow} or {@code CallflowServer}). Runs are named {@code [chrome→firefox] /apps/a.html}; a
 * failed run's evidence folder names its browsers, its case's number and the case, e.g.
 * {@code opensEveryPage[chrome→firefox][1]__apps_a.html}.
 *
 * <pre>{@code
 * @BrowserPairs
 * @Cases({"/apps/a.html", "/apps/b.html"})
 * void connectsOnEveryPage(Peer alice, Peer bob, String page) { ... }
 *
 * @EachBrowser
 * @Cases(method = "rooms")  // static List<Room> rooms() { ... }
 * void joins(Peer alice, Room room) { ... }
 * }</pre>
 *
 * <p>JUnit's {@code @ParameterizedTest} does not combine with {@code @BrowserPairs} or
 * {@code @EachBrowser}: JUnit would run the arguments and the browsers one after the other, never
 * crossed, so Callflow refuses the combination and names this annotation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Cases {
  /** {@return the cases as text, e.g. page paths; give these or {@link #method()}} */
  String[] value() default {};

  /**
   * {@return the name of a static method of the test class, without parameters, that returns the cases}
   * It may return a {@code List} or other {@code Iterable}, a {@code Stream} or an array of objects; give
   * this or {@link #value()}.
   */
  String method() default "";
}
