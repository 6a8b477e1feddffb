package dev.callflow.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test whose pages had an error fails after its body, listing the errors (console errors, uncaught
 * exceptions, rejected WebRTC and getUserMedia calls, resources that did not load: see
 * {@code PeerEvent.isPageError()}), even if everything it asserted held. On a test method or class; a
 * method's annotation wins over its class's, and either over {@code callflow.failOnPageErrors}.
 *
 * <pre>{@code
 * @Test
 * @FailOnPageErrors
 * void joinsWithoutAnError(Peer alice) { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface FailOnPageErrors {
  /** {@return true to fail on page errors, false to let them pass where the configuration would fail} */
  boolean value() default true;
}
