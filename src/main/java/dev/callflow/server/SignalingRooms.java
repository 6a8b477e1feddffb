package dev.callflow.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * WebSocket signalling rooms on the embedded server, at {@code ws://host:port/signaling/<room>?name=<name>}.
 * Messages are JSON text:
 * <ul>
 *   <li>on joining, the server sends {@code {"type":"welcome","id":..,"room":..,"members":[{"id","name"}]}}
 *       and tells the others {@code {"type":"joined","id":..,"name":..}};</li>
 *   <li>{@code {"type":"signal","to":<id, optional>,"data":<anything>}} reaches that member, or every
 *       other member, as {@code {"type":"signal","from":<id>,"data":..}} — never another room;</li>
 *   <li>{@code {"type":"leave"}}, or any disconnect, tells the others {@code {"type":"left","id":..}}.</li>
 * </ul>
 * Bad input closes the socket with a reason: 4404 unknown room, 4400 not a message this protocol
 * knows, 1009 a message over the size limit (64 KiB by default).
 */
public final class SignalingRooms {
  /** Close code for a room that was never opened. */
  public static final int UNKNOWN_ROOM = 4404;
  /** Close code for input that is not a message of this protocol. */
  public static final int BAD_INPUT = 4400;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, List<Member>> rooms = new ConcurrentHashMap<>();
  private final boolean openOnJoin;
  private final AtomicInteger ids = new AtomicInteger();

  SignalingRooms(boolean openOnJoin) {
    this.openOnJoin = openOnJoin;
  }

  /** Opens a room so that peers can join it. */
  public void open(String room) {
    rooms.putIfAbsent(room, new CopyOnWriteArrayList<>());
  }

  /** The rooms open now. */
  public Set<String> rooms() {
    return Set.copyOf(rooms.keySet());
  }

  /** The names of the members of a room now. */
  public List<String> members(String room) {
    return rooms.getOrDefault(room, List.of()).stream().map(m -> m.name).toList();
  }

  Session.Listener.AutoDemanding endpoint(String room, String name) {
    return new Member(room, name == null || name.isBlank() ? "member" : name);
  }

  /** One member's socket. Public only because Jetty calls the listener methods reflectively. */
  public final class Member implements Session.Listener.AutoDemanding {
    private final String room;
    private final String name;
    private String id;
    private Session session;

    Member(String room, String name) {
      this.room = room;
      this.name = name;
    }

    @Override
    public void onWebSocketOpen(Session s) {
      session = s;
      if (openOnJoin) {
        open(room);
      }
      List<Member> members = rooms.get(room);
      if (members == null) {
        s.close(UNKNOWN_ROOM, "unknown room '" + room + "'", Callback.NOOP);
        return;
      }
      id = name + "-" + ids.incrementAndGet();
      // One join at a time per room: each member is either in a newcomer's welcome or told it joined.
      synchronized (members) {
        ObjectNode welcome = JSON.createObjectNode().put("type", "welcome").put("id", id).put("room", room);
        ArrayNode list = welcome.putArray("members");
        members.forEach(m -> list.addObject().put("id", m.id).put("name", m.name));
        send(welcome);
        members.add(this);
        others(JSON.createObjectNode().put("type", "joined").put("id", id).put("name", name), null);
      }
    }

    @Override
    public void onWebSocketText(String text) {
      JsonNode message;
      try {
        message = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        reject("not JSON: " + e.getOriginalMessage());
        return;
      }
      switch (message.path("type").asText("")) {
        case "signal" -> {
          ObjectNode out = JSON.createObjectNode().put("type", "signal").put("from", id);
          out.set("data", message.get("data"));
          String to = message.path("to").isTextual() ? message.path("to").asText() : null;
          if (!others(out, to) && to != null) {
            send(JSON.createObjectNode().put("type", "error").put("message", "no member '" + to + "' in room '" + room + "'"));
          }
        }
        case "leave" -> session.close(1000, "left", Callback.NOOP);
        default -> reject("unknown message type '" + message.path("type").asText("(none)") + "'; expected signal or leave");
      }
    }

    @Override
    public void onWebSocketClose(int status, String reason) {
      List<Member> members = rooms.get(room);
      if (members != null && id != null && members.remove(this)) {
        others(JSON.createObjectNode().put("type", "left").put("id", id).put("status", status), null);
      }
    }

    private void reject(String why) {
      session.close(BAD_INPUT, "bad input: " + (why.length() > 100 ? why.substring(0, 100) : why), Callback.NOOP);
    }

    /** Sends to one member ({@code to}) or every other one; false if nobody matched. */
    private boolean others(ObjectNode message, String to) {
      boolean sent = false;
      for (Member m : new ArrayList<>(rooms.getOrDefault(room, List.of()))) {
        if (m != this && (to == null || to.equals(m.id))) {
          m.send(message);
          sent = true;
        }
      }
      return sent;
    }

    private void send(ObjectNode message) {
      if (session != null && session.isOpen()) {
        session.sendText(message.toString(), Callback.NOOP);
      }
    }
  }
}
