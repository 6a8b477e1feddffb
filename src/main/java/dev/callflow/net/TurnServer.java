package dev.callflow.net;

import dev.callflow.CallflowConfig;
import dev.callflow.internal.net.Coturn;
import dev.callflow.internal.net.Namespace;
import dev.callflow.peer.IceServers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A STUN and TURN server (coturn) of the test's own, on 127.0.0.1 where the browsers are: in the network
 * namespace of hermetic browsers, or on the host's network when namespaces are off
 * ({@code callflow.namespaces=false}) or it is asked for with {@link Builder#onHostNetwork()}. It listens on
 * free ports and takes long-term credentials (a user and password) or time-limited REST credentials (a
 * shared secret). Closing it ends the process; so do the JVM's end and, after a {@code kill -9}, Callflow's
 * watchdog, and a later run removes one that all of those missed.
 *
 * <pre>{@code
 * try (TurnServer turn = TurnServer.builder().withUdp().withTcp().start()) {
 *   Call call = alice.call(bob).withIceServers(turn.iceServers(TurnTransport.TCP)).withRelayOnly().connect();
 *   assertThat(call.caller()).usesRelay(TurnTransport.TCP);
 * }
 * }</pre>
 *
 * <p>A JUnit test can take one as a parameter: a server of its own, or, taken by a {@code @BeforeAll} method,
 * one for the class; either serves UDP and TCP with a long-term user and is closed when its test or class ends.
 */
public final class TurnServer implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration REST_VALIDITY = Duration.ofHours(1);

  private final Coturn coturn;
  private final String host;
  private final String where;
  private final Set<TurnTransport> transports;
  private final String realm;
  private final String user;
  private final String password;
  private final String restSecret;

  private TurnServer(Coturn coturn, Builder b) {
    this(coturn, b, LOOPBACK, coturn.namespaced() ? "in the browsers' network namespace" : "on the host's network");
  }

  private TurnServer(Coturn coturn, Builder b, String host, String where) {
    this.coturn = coturn;
    this.host = host;
    this.where = where;
    this.transports = b.transports;
    this.realm = b.realm;
    this.user = b.user;
    this.password = b.password;
    this.restSecret = b.restSecret;
  }

  /** {@return a builder: UDP and TCP unless told which, a long-term user unless given a REST secret} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a started server with UDP and TCP listeners and a long-term user with a random password}
   *
   * @throws dev.callflow.failure.CallflowException if coturn is missing or does not start, saying why
   */
  public static TurnServer start() {
    return builder().start();
  }

  /**
   * {@return the TURN URLs of every transport it serves, with credentials: the user's, or REST credentials valid
   * for an hour} No STUN URL: {@link #stunUrl()} gives it.
   */
  public IceServers iceServers() {
    return iceServers(transports.toArray(TurnTransport[]::new));
  }

  /**
   * {@return the TURN URLs of these transports only, with credentials, and no STUN URL}
   *
   * @param only the transports, each served by this server
   * @throws IllegalArgumentException if one is not served, naming the builder method that adds it
   */
  public IceServers iceServers(TurnTransport... only) {
    return withCredentials(only, restSecret == null ? null : Instant.now().plus(REST_VALIDITY));
  }

  /**
   * {@return the TURN URLs of every transport, with REST credentials that expire this long from now} A
   * negative duration gives credentials that expired already, which the server refuses.
   *
   * @param validFor how long the credentials are valid
   * @throws IllegalStateException if the server has long-term users, not a REST secret
   */
  public IceServers iceServersValidFor(Duration validFor) {
    if (restSecret == null) {
      throw new IllegalStateException(this + " takes long-term credentials: make it with withRestSecret(...) for REST credentials");
    }
    return withCredentials(transports.toArray(TurnTransport[]::new), Instant.now().plus(validFor));
  }

  private IceServers withCredentials(TurnTransport[] only, Instant expiry) {
    List<String> urls = new ArrayList<>();
    for (TurnTransport transport : only) {
      urls.add(url(transport));
    }
    String name = user;
    String credential = password;
    if (expiry != null) {
      name = expiry.getEpochSecond() + ":" + user;
      credential = restPassword(restSecret, name);
    }
    return IceServers.turn(name, credential, urls.toArray(String[]::new));
  }

  /**
   * {@return the URL of the TURN listener of this transport, e.g. {@code turn:127.0.0.1:40001?transport=udp}; the
   * {@code url} of a relay candidate that came from it}
   *
   * @param transport a transport this server serves
   * @throws IllegalArgumentException if it is not served, naming the builder method that adds it
   */
  public String url(TurnTransport transport) {
    if (!transports.contains(transport)) {
      throw new IllegalArgumentException(this + " does not serve TURN over " + transport + ": make it with with"
          + transport.name().charAt(0) + transport.name().substring(1).toLowerCase(java.util.Locale.ROOT) + "()");
    }
    return switch (transport) {
      case UDP -> "turn:" + host + ":" + coturn.port() + "?transport=udp";
      case TCP -> "turn:" + host + ":" + coturn.port() + "?transport=tcp";
      case TLS -> "turns:" + host + ":" + coturn.tlsPort() + "?transport=tcp";
    };
  }

  /** {@return its STUN URL, {@code stun:127.0.0.1:<port>}; STUN needs no credentials} */
  public String stunUrl() {
    return "stun:" + host + ":" + coturn.port();
  }

  /** {@return the port of its UDP and TCP listeners} */
  public int port() {
    return coturn.port();
  }

  /** {@return the transports it serves} */
  public Set<TurnTransport> transports() {
    return Set.copyOf(transports);
  }

  /** {@return the long-term user's name, or for REST credentials the name after the expiry} */
  public String user() {
    return user;
  }

  /** {@return the realm it authenticates in} */
  public String realm() {
    return realm;
  }

  /** {@return whether it runs in the hermetic browsers' network namespace, rather than on the host's network} */
  public boolean inNamespace() {
    return coturn.namespaced();
  }

  /**
   * {@return the relayed address of every allocation it made so far, e.g. {@code 127.0.0.1:49850}, oldest first}
   * A relay candidate that came from this server has one of them as its address and port.
   */
  public List<String> allocations() {
    return coturn.relayAddresses();
  }

  /** Its process, for tests of the clean-up. */
  ProcessHandle coturnProcess() {
    return coturn.process();
  }

  /** {@return whether the process still runs} */
  public boolean running() {
    return coturn.running();
  }

  /** {@return coturn's log so far (its last 2000 lines, verbose): allocations, refused credentials with 401} */
  public List<String> log() {
    return coturn.log();
  }

  /** Ends the server; the calls through it fail. Closing twice does nothing. */
  @Override
  public void close() {
    coturn.close();
  }

  /** {@code TURN server 127.0.0.1:40001 (udp, tcp; long-term user callflow) in the browsers' network namespace}. */
  @Override
  public String toString() {
    return "TURN server " + host + ":" + coturn.port() + " (" + String.join(", ", transports.stream().map(TurnTransport::id).toList())
        + (restSecret == null ? "; long-term user " + user : "; REST credentials") + ")"
        + " " + where;
  }

  /**
   * A server on a network's public segment: UDP and TCP on {@code port} of {@code address} in {@code namespace},
   * a long-term user with a random password.
   */
  static TurnServer onSegment(Namespace namespace, String address, int port, String where) {
    Builder b = builder();
    b.transports = EnumSet.of(TurnTransport.UDP, TurnTransport.TCP);
    b.password = random();
    List<String> options = List.of("--realm", b.realm, "--lt-cred-mech", "--user", b.user + ":" + b.password);
    return new TurnServer(Coturn.startAt(options, namespace, address, port), b, address, where);
  }

  /** The TURN REST API's password for {@code username}: base64 of its HMAC-SHA1 with the shared secret. */
  static String restPassword(String secret, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
    }
  }

  private static String random() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** What a {@link TurnServer} serves and whom it lets in; {@link #start()} starts one. */
  public static final class Builder {
    private Set<TurnTransport> transports = EnumSet.noneOf(TurnTransport.class);
    private String realm = "callflow";
    private String user = "callflow";
    private String password;
    private String restSecret;
    private boolean hostNetwork;
    private CallflowConfig config;

    private Builder() {}

    /** {@return this builder, serving TURN over UDP} */
    public Builder withUdp() {
      transports.add(TurnTransport.UDP);
      return this;
    }

    /** {@return this builder, serving TURN over TCP (on the same port as UDP)} */
    public Builder withTcp() {
      transports.add(TurnTransport.TCP);
      return this;
    }

    /**
     * {@return this builder, serving TURN over TLS on a port of its own, with a self-signed certificate for
     * 127.0.0.1 made by {@code openssl} when it starts} (Browsers may refuse that certificate: see the README.)
     */
    public Builder withTls() {
      transports.add(TurnTransport.TLS);
      return this;
    }

    /**
     * {@return this builder, letting in this long-term user} The default is user {@code callflow} with a random
     * password.
     *
     * @param name the username
     * @param password the password
     */
    public Builder withUser(String name, String password) {
      this.user = requireText(name, "user name");
      this.password = requireText(password, "password");
      return this;
    }

    /**
     * {@return this builder, taking time-limited REST credentials made with this shared secret instead of a
     * long-term user} ({@code --use-auth-secret}): {@link TurnServer#iceServers()} gives a username
     * {@code <expiry>:callflow} and its HMAC as the password.
     *
     * @param secret the shared secret
     */
    public Builder withRestSecret(String secret) {
      this.restSecret = requireText(secret, "REST secret");
      return this;
    }

    /**
     * {@return this builder, with this realm} The default is {@code callflow}.
     *
     * @param realm the realm
     */
    public Builder withRealm(String realm) {
      this.realm = requireText(realm, "realm");
      return this;
    }

    /**
     * {@return this builder, running the server on the host's 127.0.0.1 rather than in the hermetic browsers'
     * network namespace} For peers on the host's network ({@code @Candidates(CandidatePolicy.ANY)}); hermetic
     * peers in the namespace cannot reach it.
     */
    public Builder onHostNetwork() {
      this.hostNetwork = true;
      return this;
    }

    /**
     * {@return this builder, placed as this configuration says} ({@code callflow.namespaces}); by default the
     * system properties and the environment say.
     *
     * @param config the run's configuration, e.g. {@code callflow.config()}
     */
    public Builder withConfig(CallflowConfig config) {
      this.config = config;
      return this;
    }

    /**
     * {@return the started server, listening}
     *
     * @throws IllegalStateException if both a user and a REST secret are given
     * @throws dev.callflow.failure.CallflowException if coturn is missing or does not start, saying why
     */
    public TurnServer start() {
      if (restSecret != null && password != null) {
        throw new IllegalStateException("A TurnServer takes a long-term user (withUser) or a REST secret (withRestSecret), not both:"
            + " coturn refuses static users with --use-auth-secret. Start two servers to test both.");
      }
      if (transports.isEmpty()) {
        transports = EnumSet.of(TurnTransport.UDP, TurnTransport.TCP);
      }
      if (password == null) {
        password = random();
      }
      List<String> options = new ArrayList<>(List.of("--realm", realm, "--lt-cred-mech"));
      if (restSecret != null) {
        options.addAll(List.of("--use-auth-secret", "--static-auth-secret", restSecret));
      } else {
        options.addAll(List.of("--user", user + ":" + password));
      }
      boolean namespaces = !hostNetwork && (config != null ? config : CallflowConfig.fromEnvironment()).drivers().flag(CallflowConfig.Key.NAMESPACES.key(), true);
      Optional<Namespace> network = namespaces ? Namespace.hermetic() : Optional.empty();
      transports = EnumSet.copyOf(transports);
      return new TurnServer(Coturn.start(options, transports.contains(TurnTransport.TLS), network), this);
    }

    private static String requireText(String value, String what) {
      if (value == null || value.isBlank() || value.contains(":") && what.equals("user name")) {
        throw new IllegalArgumentException("A TURN " + what + " must be given" + (what.equals("user name") ? ", without ':'" : "")
            + ": " + value);
      }
      return value;
    }
  }
}
