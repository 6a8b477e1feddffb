package dev.callflow.junit;

import dev.callflow.browser.CandidatePolicy;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Widens the candidate policy of a {@link dev.callflow.peer.Peer}: without this annotation only
 * loopback candidates leave its page, so calls stay on this machine.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Candidates {
  /** {@return the policy for this peer; {@link CandidatePolicy#ANY} lets every candidate out and other hosts in} */
  CandidatePolicy value();
}
