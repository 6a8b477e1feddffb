package dev.callflow.net;

import dev.callflow.failure.CallflowException;

/**
 * A change to the network could not be made here, e.g. latency on a kernel without netem where the user-space
 * delay queue cannot run either; the message says what was asked, on which link, and quotes the tool's error.
 */
public final class NetworkException extends CallflowException {
  NetworkException(String message, Throwable cause) {
    super(message, cause);
  }
}
