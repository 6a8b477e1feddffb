package dev.callflow.junit;

import dev.callflow.Callflow;
import dev.callflow.CallflowConfig;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.net.Network;
import dev.callflow.net.TurnServer;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerEvent;
import dev.callflow.report.Evidence;
import dev.callflow.report.RunReport;
import dev.callflow.server.CallflowServer;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns Callflow's lifecycles in JUnit: one {@link Callflow} session (server and warm browsers) in the
 * root store for the whole run, the peers of each test in that test's store. Browsers for a test start
 * in parallel; every value in a store is {@link AutoCloseable}, so JUnit closes it, failure or not.
 * When a test fails, its evidence is written before the peers close, and the failure names its folder.
 * Every test with peers gets a line in the run's report ({@link RunReport}, {@code index.html} in the
 * evidence folder), written again as each test finishes; a failure also its section, which the failure links.
 */
public final class CallflowExtension implements ParameterResolver, TestExecutionExceptionHandler, AfterTestExecutionCallback,
    TestWatcher {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CallflowExtension.class);
  private static final Logger LOG = LoggerFactory.getLogger(CallflowExtension.class);

  static ExtensionContext.Store store(ExtensionContext context) {
    return context.getStore(NAMESPACE);
  }

  /** True for the types of parameter Callflow supplies to a test: peers, the browser pair, the session and its server. */
  static boolean supplies(Class<?> type) {
    return type == Peer.class || type == Callflow.class || type == CallflowServer.class || type == BrowserPair.class
        || type == TurnServer.class || type == Network.class;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return supplies(parameter.getParameter().getType()) || isCaseParameter(parameter);
  }

  /** The parameter of a {@link Cases} test that takes the case. */
  private static boolean isCaseParameter(ParameterContext parameter) {
    return parameter.getDeclaringExecutable() instanceof Method method && AnnotationSupport.isAnnotated(method, Cases.class)
        && parameter.getIndex() == TestCase.parameterIndex(method);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Callflow.class) {
      return callflow(context);
    }
    if (type == CallflowServer.class) {
      return callflow(context).server();
    }
    if (type == Network.class) {
      return network(context).orElseThrow(() -> new ParameterResolutionException("A Network parameter needs its test placed in"
          + " one: add @InNetwork(Topology....) to " + parameter.getDeclaringExecutable().getName() + " or its class"));
    }
    if (type == TurnServer.class) {
      Optional<Network> network = network(context);
      if (network.isPresent()) {
        return network.get().turnServer().orElseThrow(() -> new ParameterResolutionException("The test's network has no TURN"
            + " server: @InNetwork(relay = false) on " + parameter.getDeclaringExecutable().getName() + " leaves it out"));
      }
      return turnServer(parameter, context);
    }
    if (type == BrowserPair.class) {
      BrowserAssignment assignment = store(context).get(BrowserAssignment.class, BrowserAssignment.class);
      if (assignment == null || assignment.pair() == null) {
        throw new ParameterResolutionException("A BrowserPair parameter needs a @BrowserPairs test, not @Test");
      }
      return assignment.pair();
    }
    if (isCaseParameter(parameter)) {
      TestCase testCase = store(context).get(TestCase.class, TestCase.class);
      if (testCase == null) {
        throw new ParameterResolutionException("@Cases runs each case in the browsers of @BrowserPairs or @EachBrowser: add one of"
            + " them to " + parameter.getDeclaringExecutable().getName() + " in place of @Test");
      }
      return testCase.value();
    }
    Executable executable = parameter.getDeclaringExecutable();
    if (!(executable instanceof Method) || context.getTestMethod().filter(executable::equals).isEmpty()) {
      throw new ParameterResolutionException("Peer parameters go on @Test or @BrowserPairs methods, not on "
          + executable + ": a peer lives as long as one test");
    }
    return peers(context).byIndex().get(parameter.getIndex());
  }

  /**
   * The run-wide session: started on first use, closed by JUnit when the run ends. Its configuration is
   * read once, from the JUnit configuration parameters, the system properties and the environment
   * ({@link CallflowConfig#read}); its server also serves the configured {@code callflow.pages}
   * (e.g. {@code src/test/web}). A setting that cannot be used fails here, before any browser starts.
   */
  static Callflow callflow(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Callflow.class,
        k -> Callflow.start(CallflowConfig.read(context::getConfigurationParameter)), Callflow.class);
  }

  /**
   * A TURN server (UDP and TCP, a long-term user) placed where the run's browsers are, in the store of the
   * context that asks: a test's own, or the class's for a {@code @BeforeAll} method. JUnit closes it when that
   * context ends, failure or not. Each parameter gets a server of its own.
   */
  private static TurnServer turnServer(ParameterContext parameter, ExtensionContext context) {
    // The configuration as the session reads it, without starting the session: a class's server needs no browser.
    CallflowConfig config = CallflowConfig.read(context::getConfigurationParameter);
    return store(context).getOrComputeIfAbsent(parameter.getDeclaringExecutable() + "#turn" + parameter.getIndex(),
        k -> turnServers(context).add(TurnServer.builder().withConfig(config).start()), TurnServer.class);
  }

  /** The TURN servers started for parameters in this context, whose logs a failure's evidence keeps. */
  private static TurnServers turnServers(ExtensionContext context) {
    // Keyed by the context: a store answers with its parent's value for a key it does not hold.
    return store(context).getOrComputeIfAbsent(turnServersKey(context), k -> new TurnServers(), TurnServers.class);
  }

  private static String turnServersKey(ExtensionContext context) {
    return "turn-servers " + context.getUniqueId();
  }

  /** A context's TURN servers, in the order they started; each is closed by the store under its own key. */
  private static final class TurnServers {
    private final List<TurnServer> servers = new CopyOnWriteArrayList<>();

    TurnServer add(TurnServer server) {
      servers.add(server);
      return server;
    }
  }

  /**
   * Writes the log of each TURN server the test used (a network's, its parameters', its class's) beside the evidence:
   * {@code turnserver.log}, then {@code turnserver-2.log}...
   */
  private static void writeTurnLogs(ExtensionContext context, Path folder) throws IOException {
    Set<TurnServer> used = new LinkedHashSet<>();
    Optional.ofNullable(store(context).get(Network.class, Network.class)).flatMap(Network::turnServer).ifPresent(used::add);
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      TurnServers own = store(c).get(turnServersKey(c), TurnServers.class);
      if (own != null) {
        used.addAll(own.servers);
      }
    }
    int n = 1;
    for (TurnServer server : used) {
      Files.write(folder.resolve(n == 1 ? "turnserver.log" : "turnserver-" + n + ".log"), server.log());
      n++;
    }
  }

  /**
   * The test's network, if it or its class has {@link InNetwork}: built on first use, in the test's store (JUnit
   * closes it when the test ends, ending the browsers placed in it).
   */
  private static Optional<Network> network(ExtensionContext context) {
    Optional<InNetwork> wanted = context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, InNetwork.class))
        .or(() -> context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, InNetwork.class)));
    if (wanted.isEmpty() || context.getTestMethod().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(store(context).getOrComputeIfAbsent(Network.class, k -> {
      Network.Builder builder = Network.of(wanted.get().value());
      return (wanted.get().relay() ? builder : builder.withoutRelay()).start();
    }, Network.class));
  }

  private static TestPeers peers(ExtensionContext context) {
    return store(context).getOrComputeIfAbsent(TestPeers.class, k -> startPeers(context), TestPeers.class);
  }

  private static TestPeers startPeers(ExtensionContext context) {
    long started = System.nanoTime();
    Method method = context.getRequiredTestMethod();
    BrowserAssignment assignment = store(context).get(BrowserAssignment.class, BrowserAssignment.class);
    List<Callflow.PeerRequest> requests = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    Parameter[] parameters = method.getParameters();
    int position = 0;
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i].getType() != Peer.class) {
        continue;
      }
      BrowserType assigned = assignment == null ? null : assignment.forPosition(position);
      BrowserSpec spec = specFor(parameters[i], assigned);
      String name = parameters[i].isNamePresent() ? parameters[i].getName() : "peer" + (position + 1);
      requests.add(new Callflow.PeerRequest(name, spec));
      indexes.add(i);
      position++;
    }
    Optional<Network> network = network(context);
    List<Peer> peers = network.isPresent() ? network.get().peers(callflow(context), requests) : callflow(context).peers(requests);
    Map<Integer, Peer> byIndex = new java.util.HashMap<>();
    for (int i = 0; i < peers.size(); i++) {
      byIndex.put(indexes.get(i), peers.get(i));
    }
    return new TestPeers(peers, byIndex, started);
  }

  /** The spec a peer parameter asks for: its annotations, else the invocation's browser, else Chrome. */
  static BrowserSpec specFor(Parameter parameter, BrowserType assigned) {
    Browser browser = parameter.getAnnotation(Browser.class);
    BrowserType type = browser != null ? browser.value() : assigned != null ? assigned : BrowserType.CHROME;
    BrowserSpec spec = BrowserSpec.of(type);
    Media media = parameter.getAnnotation(Media.class);
    if (media != null) {
      spec = spec.withMediaAccess(media.value());
    }
    Synthetic synthetic = parameter.getAnnotation(Synthetic.class);
    if (synthetic != null) {
      try {
        spec = spec.withSyntheticMedia(dev.callflow.browser.SyntheticMedia.camera(synthetic.width(), synthetic.height(), synthetic.frameRate())
            .withLabel(synthetic.label().isEmpty() && parameter.isNamePresent() ? parameter.getName() : synthetic.label()));
      } catch (IllegalArgumentException e) {
        throw new org.junit.jupiter.api.extension.ExtensionConfigurationException("@Synthetic on " + parameter + ": " + e.getMessage(), e);
      }
    }
    Candidates candidates = parameter.getAnnotation(Candidates.class);
    if (candidates != null) {
      spec = spec.withCandidatePolicy(candidates.value());
    }
    return spec;
  }

  /**
   * A test with peers failed: writes its evidence while the browsers are still open, and fails with
   * the same message followed by the evidence folder and the link to the report. An aborted test
   * ({@code Assumptions}) stays aborted, with no evidence.
   */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    TestPeers peers = store(context).get(TestPeers.class, TestPeers.class);
    if (peers == null) {
      throw failure;
    }
    listenerFailures(peers).forEach(failure::addSuppressed);
    if (failure instanceof TestAbortedException) {
      throw failure;
    }
    throw withEvidence(context, peers, failure);
  }

  /**
   * {@return the failure, after writing the evidence and the report's section; a {@link CallflowTestFailure} naming
   * its folder and linking the section if it could}
   */
  private static Throwable withEvidence(ExtensionContext context, TestPeers peers, Throwable failure) {
    Path evidenceDir = callflow(context).config().evidenceDir();
    String testClass = context.getRequiredTestClass().getSimpleName();
    String testName = evidenceName(context);
    Path folder = RunReport.in(evidenceDir).evidenceFolder(context.getUniqueId(), testClass, testName).toAbsolutePath();
    Evidence evidence;
    try {
      evidence = Evidence.write(folder, peers.peers(), failure);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      return failure;
    }
    try {
      writeTurnLogs(context, folder);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
    context.publishReportEntry("callflow.evidence", folder.toString());
    URI link = null;
    try {
      link = RunReport.in(evidenceDir).failed(context.getUniqueId(), testClass, testName, evidence);
      context.publishReportEntry("callflow.report", link.toString());
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
    return new CallflowTestFailure(failure, folder, link);
  }

  /**
   * The name of a test's evidence folder: its display name; for a browser invocation, the method and the
   * browsers, then the case's number and the case ({@code open[chrome→firefox][2] /apps/b.html}), so
   * that no two invocations share a folder.
   */
  private static String evidenceName(ExtensionContext context) {
    BrowserAssignment assignment = store(context).get(BrowserAssignment.class, BrowserAssignment.class);
    if (assignment == null) {
      return context.getDisplayName();
    }
    TestCase testCase = store(context).get(TestCase.class, TestCase.class);
    return context.getRequiredTestMethod().getName() + "[" + assignment + "]"
        + (testCase == null ? "" : "[" + testCase.number() + "] " + testCase.name());
  }

  /**
   * A test that passed fails after all if an event listener it gave a peer threw, or, where asked
   * ({@link FailOnPageErrors}, {@code callflow.failOnPageErrors}), if its pages had errors.
   */
  @Override
  public void afterTestExecution(ExtensionContext context) {
    TestPeers peers = store(context).get(TestPeers.class, TestPeers.class);
    if (peers == null) {
      return;
    }
    Throwable failure = context.getExecutionException().orElseGet(() -> afterBody(context, peers));
    try {
      Duration duration = Duration.ofNanos(System.nanoTime() - peers.startedNanos());
      RunReport.in(callflow(context).config().evidenceDir()).finished(context.getUniqueId(),
          context.getRequiredTestClass().getSimpleName(), evidenceName(context), peers.peers(), failure, duration);
    } catch (RuntimeException e) {
      LOG.warn("Callflow could not add {} to the run report: {}", context.getDisplayName(), e.toString());
    }
    if (context.getExecutionException().isEmpty() && failure != null) {
      throw (Error) failure;
    }
  }

  /**
   * {@return the failure of a test whose body passed: an event listener it gave a peer threw, or its pages had errors
   * and it fails on them; null if neither}
   */
  private static Error afterBody(ExtensionContext context, TestPeers peers) {
    List<Throwable> failures = listenerFailures(peers);
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError("An event listener failed: " + failures.get(0), failures.get(0));
      failures.stream().skip(1).forEach(error::addSuppressed);
      return (Error) withEvidence(context, peers, error); // an AssertionError, or the CallflowTestFailure wrapping it
    }
    List<String> errors = peers.peers().stream().flatMap(p -> p.events().stream()).filter(PeerEvent::isPageError)
        .map(PeerEvent::describe).toList();
    if (!errors.isEmpty() && failsOnPageErrors(context)) {
      return (Error) withEvidence(context, peers, new AssertionFailedError("The pages had " + errors.size() + " error(s), and this test "
          + "fails on page errors (@FailOnPageErrors or callflow.failOnPageErrors):\n  " + String.join("\n  ", errors)));
    }
    return null;
  }

  /** A test the report has as passed failed after all, after its body and this extension's checks (e.g. in {@code @AfterEach}). */
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    settled(context, cause);
  }

  /** A test the report has as passed was aborted after all, after its body. */
  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    settled(context, cause);
  }

  /**
   * Tells the report how JUnit settled a test, if this run's session (and so the report) exists; never starts one. The test's
   * own store is closed by now: only the root store and the unique id are read.
   */
  private static void settled(ExtensionContext context, Throwable cause) {
    Optional<Callflow> session;
    try {
      session = Optional.ofNullable(context.getRoot().getStore(NAMESPACE).get(Callflow.class, Callflow.class));
    } catch (RuntimeException e) {
      return; // the session did not start (a configuration error, say): no test has peers, nor a line in the report
    }
    if (session.isEmpty() || cause == null) {
      return;
    }
    try {
      RunReport.in(session.get().config().evidenceDir()).settled(context.getUniqueId(), cause);
    } catch (RuntimeException e) {
      LOG.warn("Callflow could not update {} in the run report: {}", context.getDisplayName(), e.toString());
    }
  }

  private static boolean failsOnPageErrors(ExtensionContext context) {
    return AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), FailOnPageErrors.class)
        .or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), FailOnPageErrors.class))
        .map(FailOnPageErrors::value).orElseGet(() -> callflow(context).config().failOnPageErrors());
  }

  private static List<Throwable> listenerFailures(TestPeers peers) {
    return peers.peers().stream().flatMap(p -> p.listenerFailures().stream()).toList();
  }

  /** The peers of one test, and when they were asked for; JUnit closes them when the test ends, returning their browsers to the pool. */
  private record TestPeers(List<Peer> peers, Map<Integer, Peer> byIndex, long startedNanos) implements AutoCloseable {
    @Override
    public void close() {
      peers.forEach(Peer::close);
    }
  }
}
