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

  public String label() {
    return label;
  }

  public PeerConnection connection() {
    return connection;
  }

  public void send(String text) {
    connection.invoke("send", o -> o.put("label", label).put("data", text));
  }

  /** Every text message received on this channel so far, in order. */
  public List<String> received() {
    return connection.events().stream()
        .filter(e -> e.is(EventKind.CHANNEL_MESSAGE) && label.equals(e.channelLabel()))
        .map(PeerEvent::channelMessage).toList();
  }

  public boolean isOpen() {
    return connection.events().stream().filter(e -> label.equals(e.channelLabel()))
        .filter(e -> e.is(EventKind.CHANNEL_OPEN) || e.is(EventKind.CHANNEL_CLOSE)).reduce((a, b) -> b)
        .map(e -> e.is(EventKind.CHANNEL_OPEN)).orElse(false);
  }

  public DataChannel awaitOpen(Duration timeout) {
    connection.waitFor("data channel '" + label + "' on " + connection + " should open", timeout).await(this::isOpen);
    return this;
  }

  /** Waits until this message has arrived (it may have arrived already). */
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
