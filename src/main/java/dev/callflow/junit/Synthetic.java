package dev.callflow.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a {@link dev.callflow.peer.Peer} a generated camera and microphone, the same in Chrome and Firefox, whose
 * frames carry a stamp the receiving side reads: see {@link dev.callflow.browser.SyntheticMedia}.
 *
 * <pre>{@code
 * @BrowserPairs
 * void delay(@Synthetic Peer alice, @Synthetic(width = 320, height = 240, frameRate = 15) Peer bob) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Synthetic {
  /** {@return the width of a frame when the page asks for none} */
  int width() default 640;

  /** {@return the height of a frame when the page asks for none} */
  int height() default 480;

  /** {@return frames per second when the page asks for no rate} */
  int frameRate() default 30;

  /** {@return a text drawn in every frame; empty (the default) for the peer's name} */
  String label() default "";
}
