package dev.callflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signalling rooms over real WebSockets. */
class SignalingRoomsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private CallflowServer server;

  /** A test client: every message it receives, and how it was closed. */
  private static final class Client implements WebSocket.Listener {
    final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean paused;
    WebSocket socket;

    /** A client that reads its first message (the welcome) and then nothing until resumed. */
    static Client paused() {
      Client c = new Client();
      c.paused = true;
      return c;
    }

    void resume() {
      paused = false;
      socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      if (!paused || !last) {
        ws.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      closed.complete(status + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete("error " + error);
    }

    JsonNode next() throws InterruptedException {
      JsonNode m = messages.poll(5, TimeUnit.SECONDS);
      assertThat(m).as("a message within 5s").isNotNull();
      return m;
    }

    void send(String text) {
      socket.sendText(text, true).join();
    }
  }

  private Client join(String room, String name) {
    return join(server, room, name, new Client());
  }

  private static Client join(CallflowServer server, String room, String name, Client c) {
    c.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(server.signalingUrl(room) + "?name=" + name), c).join();
    return c;
  }

  private static Client join(CallflowServer server, String room, String name) {
    return join(server, room, name, new Client());
  }

  @BeforeEach
  void start() {
    server = CallflowServer.builder().withMaxSignalingMessage(1024).start();
    server.signaling().open("room1");
    server.signaling().open("room2");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void openNewGivesEveryCallerARoomOfItsOwnEvenAtOnce() throws Exception {
    server.signaling().open("standup-2"); // a name taken by hand is skipped
    List<Future<String>> opened = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 40; i++) {
        opened.add(threads.submit(() -> server.signaling().openNew("standup")));
      }
      Set<String> names = new HashSet<>();
      for (var f : opened) {
        names.add(f.get(10, TimeUnit.SECONDS));
      }
      assertThat(names).hasSize(40).allMatch(n -> n.matches("standup-\\d+")).doesNotContain("standup-2");
      assertThat(server.signaling().rooms()).containsAll(names);
    } finally {
      threads.shutdown();
    }
    assertThatThrownBy(() -> server.signaling().openNew("stand up")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not 'stand up'");
  }

  @Test
  void relaysWithinARoomOnly() throws Exception {
    Client alice = join("room1", "alice");
    JsonNode welcome = alice.next();
    assertThat(welcome.path("type").asText()).isEqualTo("welcome");
    assertThat(welcome.path("members")).isEmpty();
    Client bob = join("room1", "bob");
    assertThat(bob.next().path("members").findValuesAsText("name")).containsExactly("alice");
    JsonNode joined = alice.next();
    assertThat(joined.path("type").asText()).isEqualTo("joined");
    assertThat(joined.path("name").asText()).isEqualTo("bob");
    Client eve = join("room2", "eve");
    assertThat(eve.next().path("members")).isEmpty();

    alice.send("{\"type\":\"signal\",\"data\":{\"sdp\":\"offer\"}}");
    JsonNode relayed = bob.next();
    assertThat(relayed.path("from").asText()).isEqualTo(welcome.path("id").asText());
    assertThat(relayed.path("data").path("sdp").asText()).isEqualTo("offer");
    bob.send("{\"type\":\"signal\",\"to\":\"" + welcome.path("id").asText() + "\",\"data\":\"answer\"}");
    assertThat(alice.next().path("data").asText()).isEqualTo("answer");
    bob.send("{\"type\":\"signal\",\"to\":\"nobody-9\",\"data\":1}");
    assertThat(bob.next().path("message").asText()).isEqualTo("no member 'nobody-9' in room 'room1'");

    assertThat(eve.messages.poll(300, TimeUnit.MILLISECONDS)).as("room2 hears nothing of room1").isNull();
    assertThat(server.signaling().members("room1")).containsExactlyInAnyOrder("alice", "bob");
  }

  /** The HTTP status of a refused upgrade with this Origin header, or 101 if it was accepted. */
  private int upgradeStatus(String origin) {
    try {
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
          .buildAsync(server.signalingUrl("room1"), new Client()).join();
      socket.abort();
      return 101;
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
      return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
  }

  @Test
  void upgradesOnlyFromItsOwnOriginOrWithoutOne() throws Exception {
    int port = server.port();
    assertThat(upgradeStatus("http://127.0.0.1:" + port)).isEqualTo(101);
    assertThat(upgradeStatus("http://localhost:" + port)).isEqualTo(101);
    for (String origin : new String[] {"http://attacker.example", "http://attacker.example:" + port, "null",
        "https://127.0.0.1:" + port, "http://127.0.0.1", "http://127.0.0.1:" + (port + 1), "file://", "not a url"}) {
      assertThat(upgradeStatus(origin)).as(origin).isEqualTo(403);
    }
    // A refused upgrade says why.
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET /signaling/room1 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: Upgrade, close\r\n"
          + "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          + "Origin: http://attacker.example\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout(5000);
      String refused = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(refused).startsWith("HTTP/1.1 403").contains("'http://attacker.example'").contains("127.0.0.1:" + port);
    }
    // No origin: a test's own client, as in every other test here.
    Client plain = join("room1", "plain");
    assertThat(plain.next().path("type").asText()).isEqualTo("welcome");
  }

  @Test
  void unknownRoomIsClosedWithAReason() throws Exception {
    Client c = join("nowhere", "alice");
    assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo("4404 unknown room 'nowhere'");
  }

  @Test
  void oversizedAndMalformedMessagesCloseWithAReason() throws Exception {
    Client big = join("room1", "big");
    big.next();
    big.send("{\"type\":\"signal\",\"data\":\"" + "x".repeat(2000) + "\"}");
    assertThat(big.closed.get(5, TimeUnit.SECONDS)).startsWith("1009 ").containsIgnoringCase("too large");

    Client bad = join("room1", "bad");
    bad.next();
    bad.send("this is not json");
    assertThat(bad.closed.get(5, TimeUnit.SECONDS)).startsWith("4400 bad input: not JSON");

    Client odd = join("room1", "odd");
    odd.next();
    odd.send("{\"type\":\"dance\"}");
    assertThat(odd.closed.get(5, TimeUnit.SECONDS)).isEqualTo("4400 bad input: unknown message type 'dance'; expected signal or leave");
  }

  @Test
  void theOthersAreToldWhenAMemberDropsOrLeaves() throws Exception {
    Client alice = join("room1", "alice");
    alice.next();
    Client bob = join("room1", "bob");
    String bobId = bob.next().path("id").asText();
    alice.next(); // joined
    Client carol = join("room1", "carol");
    String carolId = carol.next().path("id").asText();
    alice.next(); // joined

    bob.socket.abort(); // no close handshake: the connection just drops
    JsonNode left = alice.next();
    assertThat(left.path("type").asText()).isEqualTo("left");
    assertThat(left.path("id").asText()).isEqualTo(bobId);

    carol.send("{\"type\":\"leave\"}");
    assertThat(carol.closed.get(5, TimeUnit.SECONDS)).isEqualTo("1000 left");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(alice.messages).anyMatch(m -> carolId.equals(m.path("id").asText())));
    assertThat(server.signaling().members("room1")).containsExactly("alice");
  }

  @Test
  void roomsAndMembersAreBounded() throws Exception {
    try (CallflowServer small = CallflowServer.builder().withRoomsOpenedOnJoin().withMaxRooms(2).withMaxMembersPerRoom(2).start()) {
      join(small, "a", "a1").next();
      join(small, "a", "a2").next();
      assertThat(join(small, "a", "a3").closed.get(5, TimeUnit.SECONDS)).isEqualTo("4409 room 'a' is full (2 members)");

      Client b1 = join(small, "b", "b1");
      b1.next();
      assertThat(join(small, "c", "c1").closed.get(5, TimeUnit.SECONDS)).isEqualTo("4429 too many rooms (2)");
      assertThatThrownBy(() -> small.signaling().open("c")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("2 rooms are open").hasMessageContaining("withMaxRooms");

      // Room b goes with its last member, which makes room for c.
      b1.send("{\"type\":\"leave\"}");
      await().atMost(Duration.ofSeconds(5)).until(() -> small.signaling().rooms().equals(Set.of("a")));
      assertThat(join(small, "c", "c1").next().path("type").asText()).isEqualTo("welcome");
    }
  }

  @Test
  void aRoomOpenedOnJoinGoesWithItsLastMemberAndAnOpenedOneStays() throws Exception {
    try (CallflowServer onJoin = CallflowServer.builder().withRoomsOpenedOnJoin().start()) {
      onJoin.signaling().open("kept");
      for (String room : List.of("passing", "kept")) {
        Client c = join(onJoin, room, "alice");
        c.next();
        c.send("{\"type\":\"leave\"}");
        c.closed.get(5, TimeUnit.SECONDS);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> onJoin.signaling().rooms().equals(Set.of("kept")));
      assertThat(onJoin.signaling().members("kept")).isEmpty();
    }
  }

  @Test
  void closingARoomDisconnectsItsMembers() throws Exception {
    Client alice = join("room1", "alice");
    alice.next();
    Client eve = join("room2", "eve");
    eve.next();
    assertThat(server.signaling().close("room1")).isTrue();
    assertThat(alice.closed.get(5, TimeUnit.SECONDS)).isEqualTo("4410 room 'room1' closed");
    assertThat(server.signaling().rooms()).containsExactly("room2");
    assertThat(server.signaling().close("room1")).isFalse();
    assertThat(join("room1", "bob").closed.get(5, TimeUnit.SECONDS)).isEqualTo("4404 unknown room 'room1'");
    assertThat(eve.closed).isNotDone();
  }

  @Test
  void stoppingTheServerClosesEveryRoom() throws Exception {
    Client alice = join("room1", "alice");
    alice.next();
    server.close();
    assertThat(alice.closed.get(5, TimeUnit.SECONDS)).startsWith("1001 ");
    assertThat(server.signaling().rooms()).isEmpty();
  }

  @Test
  void aLongNameIsRefused() throws Exception {
    assertThat(join("room1", "n".repeat(101)).closed.get(5, TimeUnit.SECONDS))
        .isEqualTo("4400 bad input: name longer than 100 characters");
  }

  @Test
  void aMemberThatDoesNotReadIsDroppedAndTheOthersCarryOn() throws Exception {
    long limit = 64 * 1024;
    try (CallflowServer tight = CallflowServer.builder().withMaxSignalingMessage(32 * 1024).withMaxQueuedBytes(limit).start()) {
      tight.signaling().open("r");
      Client slow = join(tight, "r", "slow", Client.paused());
      String slowId = slow.next().path("id").asText();
      Client fast = join(tight, "r", "fast");
      fast.next();
      Client carol = join(tight, "r", "carol");
      carol.next();

      // Loopback socket buffers hold megabytes before the server's queue for slow grows at all.
      String chunk = "{\"type\":\"signal\",\"to\":\"" + slowId + "\",\"data\":\"" + "x".repeat(30_000) + "\"}";
      int sent = 0;
      while (tight.signaling().members("r").contains("slow") && sent < 4000) {
        fast.send(chunk);
        sent++;
      }
      System.out.printf("slow member dropped after %d messages of 30 kB; peak queued %d bytes (limit %d per member)%n",
          sent, tight.signaling().peakQueuedBytes(), limit);
      assertThat(tight.signaling().members("r")).containsExactlyInAnyOrder("fast", "carol");
      assertThat(tight.signaling().peakQueuedBytes()).isLessThanOrEqualTo(3 * limit);
      JsonNode left = carol.next();
      assertThat(left.path("type").asText()).isEqualTo("left");
      assertThat(left.path("id").asText()).isEqualTo(slowId);
      assertThat(left.path("status").asInt()).isEqualTo(SignalingRooms.TOO_SLOW);

      fast.send("{\"type\":\"signal\",\"data\":\"still here\"}");
      assertThat(carol.next().path("data").asText()).isEqualTo("still here");
      slow.resume();
      assertThat(slow.closed.get(10, TimeUnit.SECONDS)).startsWith("4408 too slow");
    }
  }
}
