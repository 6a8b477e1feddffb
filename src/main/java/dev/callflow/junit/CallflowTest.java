package dev.callflow.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class whose test methods take {@link dev.callflow.peer.Peer} parameters. The
 * extension starts the embedded server once per run, keeps browsers warm across tests, gives each
 * test fresh pages, and closes every browser and driver when the run ends, failure or not.
 *
 * <pre>{@code
 * @CallflowTest
 * class CallTest {
 *   @Test
 *   void connects(Peer alice, @Browser(FIREFOX) Peer bob) {
 *     alice.call(bob).withAudio().withVideo().connect();
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CallflowExtension.class)
@DisplayNameGeneration(CallflowDisplayNames.class)
public @interface CallflowTest {}
