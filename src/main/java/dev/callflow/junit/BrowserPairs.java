package dev.callflow.junit;

import dev.callflow.browser.BrowserType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once for every ordered pair of these browsers: the first {@link dev.callflow.peer.Peer}
 * parameter gets the caller's browser, the second the callee's. Each run is named after its pair,
 * {@code [chrome→firefox]}; in a {@link CallflowTest} class the Surefire report reads
 * {@code audioVideoCall[chrome→firefox]}.
 *
 * <pre>{@code
 * @BrowserPairs
 * void audioVideoCall(Peer alice, Peer bob) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith({CallflowExtension.class, BrowserInvocations.class})
public @interface BrowserPairs {
  /** {@return the browsers to pair; every ordered pair runs, a browser with itself included} */
  BrowserType[] value() default {BrowserType.CHROME, BrowserType.FIREFOX};

  /**
   * {@return the pairs not to run, as {@code "caller→callee"} (e.g. {@code "chrome→firefox"}, or
   * {@code "chrome-firefox"})}
   * Use it for a known browser defect and say which one in a comment. A name that matches no pair is a
   * configuration error.
   */
  String[] except() default {};
}
