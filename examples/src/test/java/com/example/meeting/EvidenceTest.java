package com.example.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.CallflowTestFailure;
import dev.callflow.peer.Peer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.openqa.selenium.By;

/** What a failed test leaves behind: a message that names its evidence folder and links the run's page, and the folder's files. */
class EvidenceTest {
  /** Run only by the test below (Surefire leaves nested classes alone): alice waits for a call nobody makes. */
  @CallflowTest
  static class AloneInTheRoom {
    @Test
    void nobodyElseJoins(Peer alice) {
      alice.open("/meeting/index.html?room=empty&name=alice");
      alice.driver().findElement(By.id("join")).click();
      alice.awaitConnection(1, Duration.ofSeconds(2));
    }
  }

  @Test
  void aFailedTestNamesItsEvidenceFolder() throws Exception {
    Throwable thrown = EngineTestKit.engine("junit-jupiter").selectors(selectClass(AloneInTheRoom.class))
        .enableImplicitConfigurationParameters(true) // junit-platform.properties, as in a real run
        .execute()
        .testEvents().failed().list().get(0)
        .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();

    assertThat(thrown).isInstanceOf(CallflowTestFailure.class)
        .hasMessageStartingWith("alice should have created RTCPeerConnection #1 within 2s");
    Path folder = ((CallflowTestFailure) thrown).evidence();
    // The message ends with the folder, then the failure's place on the run's page, target/callflow/index.html.
    assertThat(thrown.getMessage()).endsWith("Evidence: " + folder + "\nReport: " + ((CallflowTestFailure) thrown).report().orElseThrow());
    assertThat(Path.of("target/callflow/index.html")).isNotEmptyFile();
    assertThat(folder).isDirectory().isEqualTo(Path.of("target/callflow/AloneInTheRoom/nobodyElseJoins[chrome]").toAbsolutePath());
    assertThat(Files.readString(folder.resolve("timeline.txt"))).contains("alice getusermedia {\"constraints\":{\"audio\":true,\"video\":true}}", "alice getusermediaresult");
    assertThat(folder.resolve("alice.png")).isNotEmptyFile();
  }
}
