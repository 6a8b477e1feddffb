package dev.callflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Many rooms at once over real WebSockets on 127.0.0.1: every member of every room broadcasts and
 * sends to each other member at the same time. Nothing crosses rooms, nothing is lost, and what the
 * server holds (rooms, queued bytes, heap) goes back down afterwards.
 *
 * <p>Isolated: it weighs the JVM's heap, which tests running beside it would fill, and has a time limit.
 */
@Isolated
class SignalingLoadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROOMS = 50;
  private static final int MEMBERS = 4;
  private static final int BROADCASTS = 15; // per member, to every other member of its room
  private static final int DIRECT = 5; // per member, to each other member of its room
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** One member: what it was sent, keyed by sender id and message number. */
  private static final class Member implements WebSocket.Listener {
    final String room;
    final String name;
    final CompletableFuture<String> welcomed = new CompletableFuture<>();
    final Map<String, String> others = new ConcurrentHashMap<>(); // name -> id
    final ConcurrentLinkedQueue<JsonNode> signals = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    Member(String room, String name) {
      this.room = room;
      this.name = name;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode m = JSON.readTree(partial.toString());
          switch (m.path("type").asText()) {
            case "welcome" -> {
              m.path("members").forEach(o -> others.put(o.path("name").asText(), o.path("id").asText()));
              welcomed.complete(m.path("id").asText());
            }
            case "joined" -> others.put(m.path("name").asText(), m.path("id").asText());
            case "signal" -> signals.add(m);
            case "left" -> { }
            default -> problems.add("unexpected " + m);
          }
        } catch (Exception e) {
          problems.add(e.toString());
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      problems.add("error " + error);
    }

    String id() {
      return welcomed.join();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void fiftyRoomsOfFourExchangeConcurrentlyWithoutLossOrCrossTalk() throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try (CallflowServer server = CallflowServer.builder().withRoomsOpenedOnJoin().start()) {
      HttpClient http = HttpClient.newHttpClient();
      long baseline = usedHeap();
      System.out.printf("signalling load: %d rooms x %d members, heap before: %d MiB%n", ROOMS, MEMBERS, baseline >> 20);
      long afterFirst = 0;
      for (int round = 1; round <= 2; round++) {
        long started = System.nanoTime();
        int delivered = exchange(server, http, senders);
        long ms = (System.nanoTime() - started) / 1_000_000;
        await().atMost(PATIENCE).until(() -> server.signaling().rooms().isEmpty() && server.signaling().queuedBytes() == 0);
        long heap = usedHeap();
        afterFirst = round == 1 ? heap : afterFirst;
        System.out.printf("round %d: %d messages delivered in %d ms; peak queued on the server %d bytes; rooms left %d;"
            + " heap after: %d MiB%n", round, delivered, ms, server.signaling().peakQueuedBytes(),
            server.signaling().rooms().size(), heap >> 20);
      }
      // Loose: a second identical round must not keep what the first one used.
      assertThat(usedHeap() - afterFirst).as("heap growth over the second round").isLessThan(64L << 20);
      // The bound of the queues holds throughout: at most 1 MiB (the default) per member.
      assertThat(server.signaling().peakQueuedBytes()).isLessThanOrEqualTo((long) ROOMS * MEMBERS << 20);
    } finally {
      senders.shutdownNow();
    }
  }

  /** Joins every member, runs every sender at once, checks what arrived; the number of messages delivered. */
  private static int exchange(CallflowServer server, HttpClient http, ExecutorService senders) throws Exception {
    List<Member> all = new ArrayList<>();
    List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
    for (int r = 0; r < ROOMS; r++) {
      for (int m = 0; m < MEMBERS; m++) {
        Member member = new Member("load" + r, "r" + r + "m" + m);
        all.add(member);
        sockets.add(http.newWebSocketBuilder().connectTimeout(PATIENCE)
            .buildAsync(URI.create(server.signalingUrl(member.room) + "?name=" + member.name), member)
            .thenApply(ws -> member.socket = ws));
      }
    }
    CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    await().atMost(PATIENCE).until(() -> all.stream().allMatch(m -> m.welcomed.isDone() && m.others.size() == MEMBERS - 1));

    List<CompletableFuture<Void>> sending = new ArrayList<>();
    for (Member m : all) {
      sending.add(CompletableFuture.runAsync(() -> send(m), senders));
    }
    CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    int expected = (MEMBERS - 1) * (BROADCASTS + DIRECT);
    await().atMost(PATIENCE).until(() -> all.stream().allMatch(m -> m.signals.size() >= expected));
    int delivered = 0;
    for (Member m : all) {
      check(m, expected);
      delivered += m.signals.size();
    }
    for (Member m : all) {
      m.socket.sendText("{\"type\":\"leave\"}", true);
    }
    return delivered;
  }

  private static void send(Member m) {
    for (int i = 0; i < BROADCASTS; i++) {
      String data = JSON.createObjectNode().put("room", m.room).put("from", m.name).put("kind", "all").put("n", i).toString();
      m.socket.sendText("{\"type\":\"signal\",\"data\":" + data + "}", true).join();
    }
    for (int i = 0; i < DIRECT; i++) {
      for (Map.Entry<String, String> other : m.others.entrySet()) {
        String data = JSON.createObjectNode().put("room", m.room).put("from", m.name).put("kind", "to").put("to", other.getKey())
            .put("n", i).toString();
        m.socket.sendText("{\"type\":\"signal\",\"to\":\"" + other.getValue() + "\",\"data\":" + data + "}", true).join();
      }
    }
  }

  /** Exactly the messages meant for this member: its room's, each once, each sender's in order. */
  private static void check(Member m, int expected) {
    assertThat(m.problems).as(m.name).isEmpty();
    assertThat(m.signals).as(m.name).hasSize(expected);
    Set<String> seen = new HashSet<>();
    Map<String, Integer> last = new ConcurrentHashMap<>();
    for (JsonNode s : m.signals) {
      JsonNode data = s.path("data");
      String sender = data.path("from").asText();
      assertThat(data.path("room").asText()).as("room of a message to " + m.name).isEqualTo(m.room);
      assertThat(s.path("from").asText()).as("server-given sender id").isEqualTo(m.others.get(sender));
      String kind = data.path("kind").asText();
      if (kind.equals("to")) {
        assertThat(data.path("to").asText()).as("addressee").isEqualTo(m.name);
      }
      assertThat(seen.add(sender + "/" + kind + "/" + data.path("n").asInt())).as("once: " + data).isTrue();
      Integer previous = last.put(sender + "/" + kind, data.path("n").asInt());
      assertThat(previous == null || previous < data.path("n").asInt()).as("in order: " + data).isTrue();
    }
  }

  private static long usedHeap() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
