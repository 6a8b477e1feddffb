package dev.callflow.peer;

import java.time.Duration;
import java.util.List;

/**
 * A data channel on one side of a connection, by label: created locally or announced by the other side.
 *
 * <pre>{@code
 * call.callerChannel("chat").send("ping");
 * call.calleeChannel("chat").awaitMessage("ping", Duration.ofSeconds(5));
 * }</pre>
 */
public final class DataChannel {
  private final PeerConnection connection;
  private final String label;

  DataChannel(PeerConnection connection, String label) {
    this.connection = connection;
    this.label = label;
  }

  /** {@return the channel's label, which names it on both sides} */
  public String label() {
    return label;
  }

  /** {@return the connection the channel belongs to, on this side} */
  public PeerConnection connection() {
    return connection;
  }

  /**
   * Sends a text message on the channel.
   *
   * @param text the message
   * @throws DomException if the browser rejects it, e.g. {@code InvalidStateError} while the channel is not open
   */
  public void send(String text) {
    connection.invoke("send", o -> o.put("label", label).put("data", text));
  }

  /** {@return every text message received on this channel so far, in order} */
  public List<String> received() {
    return connection.events().stream()
        .filter(e -> e.is(EventKind.CHANNEL_MESSAGE) && label.equals(e.channelLabel()))
        .map(PeerEvent::channelMessage).toList();
  }

  /** {@return whether the channel's last open or close event was an open} */
  public boolean isOpen() {
    return connection.events().stream().filter(e -> label.equals(e.channelLabel()))
        .filter(e -> e.is(EventKind.CHANNEL_OPEN) || e.is(EventKind.CHANNEL_CLOSE)).reduce((a, b) -> b)
        .map(e -> e.is(EventKind.CHANNEL_OPEN)).orElse(false);
  }

  /**
   * Waits until the channel is open (it may be already).
   *
   * @param timeout how long to wait at most
   * @return this channel
   * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first, or the connection fails or closes
   */
  public DataChannel awaitOpen(Duration timeout) {
    connection.waitFor("data channel '" + label + "' on " + connection + " should open", timeout).await(this::isOpen);
    return this;
  }

  /**
   * Waits until this message has arrived (it may have arrived already).
   *
   * @param text the message, compared whole
   * @param timeout how long to wait at most
   * @return this channel
   * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first, or the connection fails or closes
   */
  public DataChannel awaitMessage(String text, Duration timeout) {
    connection.waitFor("data channel '" + label + "' on " + connection + " should receive \"" + text + "\"", timeout)
        .await(() -> received().contains(text));
    return this;
  }

  @Override
  public String toString() {
    return connection + "/" + label;
  }
}
