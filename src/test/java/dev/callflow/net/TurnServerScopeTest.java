package dev.callflow.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.CallflowTestFailure;
import dev.callflow.peer.Peer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** A TurnServer parameter lives as long as what takes it: a test, or the class for a {@code @BeforeAll} method. */
class TurnServerScopeTest {
  static final List<TurnServer> CLASS_SERVERS = new CopyOnWriteArrayList<>();
  static final List<TurnServer> TEST_SERVERS = new CopyOnWriteArrayList<>();

  @CallflowTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class Scopes {
    static TurnServer shared;

    @BeforeAll
    static void startShared(TurnServer server) {
      shared = server;
      CLASS_SERVERS.add(server);
    }

    @Test
    @Order(1)
    void takesItsOwn(TurnServer own) {
      TEST_SERVERS.add(own);
      assertThat(own).isNotSameAs(shared);
      assertThat(own.running()).isTrue();
      assertThat(own.iceServers().urls()).containsExactly(own.url(TurnTransport.UDP), own.url(TurnTransport.TCP));
    }

    @Test
    @Order(2)
    void failsWithItsOwn(TurnServer own, Peer alice) {
      TEST_SERVERS.add(own);
      alice.open("/peer.html");
      throw new AssertionError("fails on purpose");
    }

    @Test
    @Order(3)
    void seesTheOthersClosedAndTheClassServerRunning() {
      assertThat(TEST_SERVERS).hasSize(2).noneMatch(TurnServer::running);
      assertThat(shared.running()).isTrue();
    }
  }

  @Test
  void eachServerEndsWithItsTestOrClassAndAFailuresEvidenceKeepsTheirLogs() throws Exception {
    Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Scopes.class)).execute().testEvents();

    events.assertStatistics(s -> s.succeeded(2).failed(1));
    Throwable failure = events.failed().list().get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    Path evidence = ((CallflowTestFailure) failure).evidence();
    assertThat(Files.readString(evidence.resolve("turnserver.log"))).as("the test's own server's log, first")
        .contains(String.valueOf(TEST_SERVERS.get(1).port()));
    assertThat(Files.readString(evidence.resolve("turnserver-2.log"))).as("then the class's")
        .contains(String.valueOf(CLASS_SERVERS.get(0).port()));
    assertThat(CLASS_SERVERS).hasSize(1);
    await("the class's TURN server to end").atMost(Duration.ofSeconds(5)).until(() -> !CLASS_SERVERS.get(0).running());
    assertThat(CLASS_SERVERS.get(0).inNamespace()).as("in the hermetic browsers' namespace (this machine allows one)").isTrue();
  }
}
