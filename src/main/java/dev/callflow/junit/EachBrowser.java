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
 * Runs a test once per browser; every {@link dev.callflow.peer.Peer} parameter without
 * {@link Browser} runs in that browser. Runs are named {@code [chrome]}, {@code [firefox]}; in a
 * {@link CallflowTest} class the report reads {@code deniedCamera[firefox]}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith({CallflowExtension.class, BrowserInvocations.class})
public @interface EachBrowser {
  /** {@return the browsers to run the test in, once each, in this order} */
  BrowserType[] value() default {BrowserType.CHROME, BrowserType.FIREFOX};
}
