package dev.callflow.peer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callflow.media.AudioQuality;
import dev.callflow.media.MediaQuality;
import dev.callflow.media.VideoQuality;
import dev.callflow.media.VideoSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A measurement of a connection's received media: the page samples every frame and beep itself
 * ({@code test-pages/callflow-media.js}), and Java fetches them once at the end. Nothing is polled meanwhile.
 */
final class MediaMeasurement {
  /** Room for the page to stop on its own if Java never comes back for the samples. */
  private static final Duration PAGE_SLACK = Duration.ofSeconds(30);

  private MediaMeasurement() {}

  static MediaQuality measure(PeerConnection pc, Duration over) {
    if (over.isNegative() || over.isZero() || over.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("A media measurement lasts more than 0 and at most 10 minutes, not " + over);
    }
    JsonNode started = pc.invoke("mediaStart", o -> o.put("seconds", (over.plus(PAGE_SLACK)).toSeconds()));
    if (started.path("elements").isEmpty() && started.path("audioTracks").asInt() == 0) {
      throw new DomException(pc.peer().name(), "mediaStart", "NotFoundError",
          pc + " has no <video> element showing its remote video and no remote audio track to measure", null);
    }
    long end = System.nanoTime() + over.toNanos();
    // Woken by the connection's events too, so a call that fails meanwhile stops the wait at once.
    pc.waitFor(pc + " should measure its media for " + dev.callflow.internal.Wait.format(over), over.plus(PAGE_SLACK))
        .every(over).await(() -> System.nanoTime() - end >= 0);
    List<VideoSample> samples = new ArrayList<>();
    JsonNode read;
    int from = 0;
    do {
      int offset = from;
      read = pc.invoke("mediaRead", o -> o.put("from", offset).put("max", 900));
      for (JsonNode s : read.path("video")) {
        samples.add(new VideoSample(s.get(0).asInt(), s.get(1).asDouble(), s.get(2).asLong(), s.get(3).asInt(), s.get(4).asInt(),
            s.get(5).asLong(), s.get(6).asDouble()));
      }
      from += read.path("video").size();
    } while (read.path("video").size() > 0 && from < read.path("total").asInt());
    double start = read.path("start").asDouble();
    double stop = read.path("end").asDouble();
    List<Double> onsets = new ArrayList<>();
    read.path("audio").forEach(t -> onsets.add(t.asDouble()));
    return new MediaQuality(pc.toString(), new VideoQuality(start, stop, samples), new AudioQuality(start, stop, onsets,
        read.path("audioClockRate").isNumber() ? read.path("audioClockRate").asDouble() : Double.NaN),
        Duration.ofNanos(Math.round(read.path("costMs").asDouble() * 1e6)));
  }
}
