package dev.callflow.report;

import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.SessionDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A failed test's part of the run report, drawn from its evidence: the failure, the swim lanes of every
 * connection, the stats the evidence sampled, the SDPs, screenshots, console and every event. Screenshots
 * are linked from the evidence folder rather than copied into the page, which stays small with many failures.
 */
final class FailureSection {
  private FailureSection() {}

  /** {@return a failure's message as a test report shows it: an assertion's message alone, another exception's with its type} */
  static String message(Throwable failure) {
    return (failure instanceof AssertionError ? "" : failure.getClass().getSimpleName() + ": ") + failure.getMessage();
  }

  /**
   * The section's body, from the failure on; ids on it start with the anchor, so several sections share a page.
   *
   * @param reportFolder the folder of the page, for relative links to the evidence
   * @param anchor the section's id on the page
   */
  static String render(Path reportFolder, String anchor, Evidence evidence) {
    List<PeerEvent> events = new ArrayList<>();
    evidence.peers().forEach(p -> events.addAll(p.events()));
    long origin = events.stream().mapToLong(PeerEvent::receivedNanos).min().orElse(evidence.failedNanos());
    StringBuilder h = new StringBuilder();
    h.append("<dl class=\"facts\">");
    String folder = Html.relative(reportFolder, evidence.folder());
    Html.fact(h, "Evidence", "<a href=\"" + Html.e(folder) + "/\">" + Html.e(shown(reportFolder, evidence.folder()))
        + "</a> (the stack trace is in <a href=\"" + Html.e(folder) + "/failure.txt\">failure.txt</a>)");
    Html.fact(h, "Browsers", String.join("<br/>", evidence.peers().stream().map(p -> Html.e(p.name() + ": " + p.browser())).toList()));
    h.append("</dl><pre class=\"message\">").append(Html.e(message(evidence.failure()))).append("</pre>");

    h.append("<h3>Timeline</h3><p class=\"note\">Each connection's states from the first offer or state change to the failure; "
        + "times count from the test's first event, as in the event list. Point at a bar for its state and how long it lasted.</p>"
        + "<p class=\"note narrow\">Scroll the picture sideways for the rest.</p><div class=\"scroll\">");
    Function<PeerEvent, String> owner = owner(events);
    List<String> owners = events.stream().filter(e -> e.pc() != null).map(owner).distinct().toList();
    h.append(owners.isEmpty() ? "<p>No connection.</p>" : Svg.swimLanes(events, owners, owner, origin, evidence.failedNanos(), true))
        .append("</div>");

    h.append("<h3>Stats</h3><p class=\"note\">Sampled for the evidence, every 250 ms for 750 ms after the failure; a rate needs"
        + " two samples.</p>");
    StringBuilder charts = new StringBuilder();
    for (Evidence.Capture peer : evidence.peers()) {
      for (Evidence.Connection c : peer.connections()) {
        String drawn = Html.charts(c.stats());
        if (!drawn.isEmpty()) {
          charts.append("<h4>").append(Html.e(label(peer, c))).append("</h4>").append(drawn);
        }
      }
    }
    h.append(charts.length() == 0 ? "<p class=\"note\">No media stats: no connection sent or received media when the evidence"
        + " sampled them.</p>" : charts);

    h.append("<h3>SDP</h3>");
    boolean any = false;
    for (Evidence.Capture peer : evidence.peers()) {
      for (Evidence.Connection c : peer.connections()) {
        any = true;
        h.append("<h4>").append(Html.e(label(peer, c))).append("</h4>");
        if (c.unavailable() != null) {
          h.append("<p class=\"note\">The browser did not answer: ").append(Html.e(c.unavailable())).append("</p>");
        }
        h.append("<div class=\"sdp\">");
        description(h, "local", c.local());
        description(h, "remote", c.remote());
        h.append("</div>");
      }
    }
    if (!any) {
      h.append("<p>No connection.</p>");
    }

    String shots = anchor + "-screenshots";
    h.append("<h3 id=\"").append(Html.e(shots)).append("\">Screenshots</h3>");
    Map<String, String> sources = new LinkedHashMap<>();
    evidence.peers().stream().filter(p -> p.screenshot() != null)
        .forEach(p -> sources.put(p.name(), Html.relative(reportFolder, p.screenshot())));
    if (sources.isEmpty()) {
      h.append("<p>None: no browser could take one.</p>");
    } else {
      Html.screenshots(h, anchor + "-shot-", "#" + shots, sources);
    }

    h.append("<h3>Console</h3>");
    for (Evidence.Capture peer : evidence.peers()) {
      h.append("<h4>").append(Html.e(peer.name())).append("</h4><pre class=\"wrap\">")
          .append(Html.e(peer.console().isEmpty() ? "(nothing logged)" : String.join("\n", peer.console()))).append("</pre>");
    }

    h.append("<h3>Events</h3><details><summary>All ").append(events.size()).append(" events, each in full</summary>");
    Html.eventList(h, events, origin);
    return h.append("</details>").toString();
  }

  /**
   * Names a connection's lanes {@code alice/pc1}; where a peer loaded pages that each had a {@code pc1},
   * the document tells them apart: {@code alice/pc1 (doc2)}.
   */
  private static Function<PeerEvent, String> owner(List<PeerEvent> events) {
    Map<String, Set<String>> documents = new LinkedHashMap<>();
    events.stream().filter(e -> e.pc() != null)
        .forEach(e -> documents.computeIfAbsent(e.peer() + "/" + e.pc(), k -> new LinkedHashSet<>()).add(String.valueOf(e.doc())));
    return e -> {
      String connection = e.peer() + "/" + e.pc();
      return documents.getOrDefault(connection, Set.of()).size() > 1 ? connection + " (" + e.doc() + ")" : connection;
    };
  }

  /** {@code alice/pc1}, and its document where the peer had another {@code pc1} in another page. */
  private static String label(Evidence.Capture peer, Evidence.Connection c) {
    boolean ambiguous = peer.connections().stream().filter(o -> o.id().equals(c.id())).count() > 1;
    return peer.name() + "/" + c.id() + (ambiguous ? " (" + c.document() + ")" : "");
  }

  /** The evidence folder as a person reads it: relative to the page where it is beneath it, {@code FailingCall/neverConnects[chrome→firefox]/}. */
  private static String shown(Path reportFolder, Path folder) {
    Path from = reportFolder.toAbsolutePath().normalize();
    Path to = folder.toAbsolutePath().normalize();
    return (to.startsWith(from) ? from.relativize(to) : to).toString().replace('\\', '/') + "/";
  }

  private static void description(StringBuilder h, String side, SessionDescription d) {
    h.append("<div><h4>").append(side).append(d == null ? "" : " " + Html.e(d.type())).append("</h4><pre>")
        .append(Html.e(d == null ? "(none)" : d.sdp().strip().replace("\r\n", "\n"))).append("</pre></div>");
  }
}
