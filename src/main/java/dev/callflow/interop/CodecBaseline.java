package dev.callflow.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A codec matrix kept from one run to compare the next with: one JSON file per browser pair, each cell's codec and
 * outcome. A cell whose outcome changed (VP9 negotiated before, now a fallback to VP8; a codec no longer offered) is
 * a change, as the interop run reports a changed negotiation.
 *
 * <pre>{@code
 * CodecBaseline.save(Path.of("baseline/codecs/chrome-firefox.json"), cells);
 * List<CodecCell> marked = CodecBaseline.compare(CodecBaseline.load(file), cellsNow);
 * List<String> changes = CodecBaseline.changes(CodecBaseline.load(file), cellsNow);
 * }</pre>
 */
public final class CodecBaseline {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CodecBaseline() {}

  /**
   * Writes the cells to this file, creating its folder.
   *
   * @param file e.g. {@code baseline/codecs/chrome-firefox.json}
   * @param cells the pair's cells
   * @throws UncheckedIOException if it cannot be written
   */
  public static void save(Path file, List<CodecCell> cells) {
    ArrayNode list = JSON.createArrayNode();
    for (CodecCell c : cells) {
      list.addObject().put("kind", c.kind()).put("codec", c.codec()).put("status", c.status().name()).put("negotiated", c.negotiated())
          .put("arrived", c.arrived()).put("forcedFirst", c.forcedFirst()).put("message", c.message()).put("outcome", c.outcome());
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, JSON.writeValueAsString(list));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the codec baseline " + file, e);
    }
  }

  /**
   * {@return the cells saved in this file}
   *
   * @param file a file {@link #save} wrote
   * @throws UncheckedIOException if it cannot be read
   * @throws IllegalArgumentException if it is not a codec baseline, saying what is wrong
   */
  public static List<CodecCell> load(Path file) {
    JsonNode list;
    try {
      list = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the codec baseline " + file + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the codec baseline " + file, e);
    }
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("the codec baseline " + file + " is not a list of cells");
    }
    List<CodecCell> cells = new ArrayList<>();
    for (JsonNode n : list) {
      String codec = n.path("codec").asText();
      CodecCell.Status status;
      try {
        status = CodecCell.Status.valueOf(n.path("status").asText());
      } catch (IllegalArgumentException e) {
        status = null;
      }
      if (!codec.contains("/") || status == null) {
        throw new IllegalArgumentException("the codec baseline " + file + " has a cell without a codec or status: " + n);
      }
      cells.add(new CodecCell(n.path("kind").asText(), codec, status, n.path("negotiated").asText(), n.path("arrived").asText(),
          Optional.empty(), n.path("message").asText(), "", n.path("forcedFirst").asBoolean()));
    }
    return cells;
  }

  /**
   * {@return the cells of now, each with its change from the baseline's cell of the same codec: "was ..., now ..." or
   * "new: not in the baseline"; empty where the outcome is the same}
   *
   * @param baseline the baseline's cells
   * @param now this run's cells
   */
  public static List<CodecCell> compare(List<CodecCell> baseline, List<CodecCell> now) {
    Map<String, CodecCell> before = byCodec(baseline);
    return now.stream().map(c -> {
      CodecCell old = before.get(key(c));
      if (old == null) {
        return c.withBaselineChange("new: not in the baseline");
      }
      return old.outcome().equals(c.outcome()) ? c.withBaselineChange("") : c.withBaselineChange("was '" + old.outcome() + "'");
    }).toList();
  }

  /**
   * {@return one line per changed cell, e.g. {@code codec video/VP9: was 'negotiated video/VP9, arrived video/VP9', now
   * 'FAILED: negotiated video/VP8, arrived video/VP8'}, including the baseline's cells that are gone}
   *
   * @param baseline the baseline's cells
   * @param now this run's cells
   */
  public static List<String> changes(List<CodecCell> baseline, List<CodecCell> now) {
    List<String> out = new ArrayList<>();
    Map<String, CodecCell> before = byCodec(baseline);
    Map<String, CodecCell> after = byCodec(now);
    for (CodecCell c : now) {
      CodecCell old = before.get(key(c));
      if (old == null) {
        out.add("codec " + c.codec() + ": new, '" + c.outcome() + "' (not in the baseline)");
      } else if (!old.outcome().equals(c.outcome())) {
        out.add("codec " + c.codec() + ": was '" + old.outcome() + "', now '" + c.outcome() + "'");
      }
    }
    baseline.stream().filter(c -> !after.containsKey(key(c)))
        .forEach(c -> out.add("codec " + c.codec() + ": was '" + c.outcome() + "', now not in the matrix (neither browser offers it)"));
    return out;
  }

  private static Map<String, CodecCell> byCodec(List<CodecCell> cells) {
    return cells.stream().collect(Collectors.toMap(CodecBaseline::key, Function.identity(), (a, b) -> a));
  }

  private static String key(CodecCell c) {
    return c.codec().toLowerCase(Locale.ROOT);
  }
}
