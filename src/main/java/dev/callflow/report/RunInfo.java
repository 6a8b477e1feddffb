package dev.callflow.report;

import dev.callflow.browser.BrowserInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the interop report says about a run as a whole: when and where it ran, with what, and the
 * baseline it was compared with. The head of {@code index.html} and of {@code report.json}.
 *
 * <pre>{@code
 * RunInfo run = new RunInfo(started, 15_800, browsers, "0.1.0", "ci-7", "Linux 6.8 (amd64)", Optional.of(Path.of("old/baseline")),
 *     Optional.of("cone-nat"));
 * InteropReport.write(Path.of("target/callflow-interop"), run, results);
 * }</pre>
 *
 * @param started when the run started
 * @param durationMs the run's wall time, in milliseconds
 * @param browsers the browsers the run used: name, version, driver version
 * @param callflowVersion Callflow's version, e.g. {@code 0.1.0}; {@code development} when run from classes
 * @param host the name of the machine it ran on
 * @param os the operating system, e.g. {@code Linux 6.8 (amd64)}
 * @param baseline the folder the negotiation was compared with ({@code --baseline}), or empty
 * @param network the network each pair ran in ({@code --network}, e.g. {@code cone-nat}), or empty: loopback
 */
public record RunInfo(Instant started, long durationMs, List<BrowserInfo> browsers, String callflowVersion, String host, String os,
    Optional<Path> baseline, Optional<String> network) {
  /**
   * The facts of a run; the browser list is copied.
   *
   * @param started when the run started
   * @param durationMs the run's wall time, in milliseconds
   * @param browsers the browsers the run used: name, version, driver version
   * @param callflowVersion Callflow's version, e.g. {@code 0.1.0}; {@code development} when run from classes
   * @param host the name of the machine it ran on
   * @param os the operating system, e.g. {@code Linux 6.8 (amd64)}
   * @param baseline the folder the negotiation was compared with ({@code --baseline}), or empty
   * @param network the network each pair ran in ({@code --network}, e.g. {@code cone-nat}), or empty: loopback
   */
  public RunInfo {
    browsers = List.copyOf(browsers);
  }
}
