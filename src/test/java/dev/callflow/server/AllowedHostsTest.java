package dev.callflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Host headers and Origins name the server, without starting one. */
class AllowedHostsTest {
  private static AllowedHosts bound(String host, String advertised, String... extra) {
    return AllowedHosts.of(host, advertised, List.of(extra), () -> 8080);
  }

  @Test
  void loopbackBindingAllowsItsAddressAndLocalhostOnItsPort() {
    AllowedHosts hosts = bound("127.0.0.1", null);
    assertThat(hosts).hasToString("127.0.0.1:8080, localhost:8080");
    assertThat(List.of("127.0.0.1:8080", "localhost:8080", "LocalHost:8080", " 127.0.0.1:8080 ")).allMatch(hosts::allowsHost);
    assertThat(List.of("127.0.0.1", "127.0.0.1:80", "127.0.0.1:08080x", "[::1]:8080", "evil.example:8080", "127.0.0.1:8080@evil",
        "127.0.0.1:", ":8080", "")).noneMatch(hosts::allowsHost);
    assertThat(hosts.allowsHost(null)).isFalse();
  }

  @Test
  void wildcardAndLocalhostBindingsAllowEveryLoopbackName() {
    for (String host : new String[] {"0.0.0.0", "::", "localhost"}) {
      AllowedHosts hosts = bound(host, null);
      assertThat(List.of("127.0.0.1:8080", "localhost:8080", "[::1]:8080")).as(host).allMatch(hosts::allowsHost);
      assertThat(hosts.allowsHost("10.0.0.5:8080")).as(host).isFalse();
    }
    assertThat(bound("0.0.0.0", null).allowsHost("0.0.0.0:8080")).isTrue();
    assertThat(bound("::1", null).allowsHost("[::1]:8080")).isTrue();
  }

  @Test
  void advertisedAndExtraNamesAreAllowed() {
    AllowedHosts hosts = bound("0.0.0.0", "10.0.0.5", "grid.internal", "proxy.internal:443", "fe80::1");
    assertThat(List.of("10.0.0.5:8080", "grid.internal:8080", "proxy.internal:443", "[fe80::1]:8080")).allMatch(hosts::allowsHost);
    assertThat(List.of("10.0.0.5:9090", "proxy.internal:8080", "grid.internal")).noneMatch(hosts::allowsHost);
  }

  @Test
  void originsMustBePagesOfTheServer() {
    AllowedHosts hosts = bound("127.0.0.1", null);
    assertThat(List.of("http://127.0.0.1:8080", "http://localhost:8080", "HTTP://LOCALHOST:8080")).allMatch(hosts::allowsOrigin);
    assertThat(List.of("http://evil.example:8080", "https://127.0.0.1:8080", "http://127.0.0.1", "http://127.0.0.1:8080/path",
        "http://user@127.0.0.1:8080", "null", "file://", "ws://127.0.0.1:8080", "http://127.0.0.1:8080?x", "%%"))
        .noneMatch(hosts::allowsOrigin);
  }
}
