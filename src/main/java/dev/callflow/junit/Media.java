package dev.callflow.junit;

import dev.callflow.browser.MediaAccess;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a {@link dev.callflow.peer.Peer}'s page gets from getUserMedia: fake devices (the default
 * without this annotation), permission denied, or no devices at all.
 *
 * <pre>{@code
 * @EachBrowser
 * void deniedCamera(@Media(MediaAccess.DENIED) Peer alice) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Media {
  /** {@return what the page gets: fake devices, permission denied, or no devices} */
  MediaAccess value();
}
