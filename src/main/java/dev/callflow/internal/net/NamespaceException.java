package dev.callflow.internal.net;

import dev.callflow.failure.CallflowException;

/** A network namespace could not be made or used here; the message names what is missing or what failed. */
public final class NamespaceException extends CallflowException {
  NamespaceException(String message) {
    super(message);
  }
}
