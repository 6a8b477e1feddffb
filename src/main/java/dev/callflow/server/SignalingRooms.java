package dev.callflow.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 *   <li>{@code {"type":"leave"}}, or any disconnect, tells the others {@code {"type":"left","id":..,"status":..}}.</li>
 * </ul>
 * Bad input closes the socket with a reason: 4404 unknown room, 4400 not a message this protocol
 * knows (or a name over {@value #MAX_NAME} characters), 1009 a message over the size limit (64 KiB
 * by default). Rooms, members and what waits to be sent are bounded: 4429 too many rooms, 4409 the room
 * is full, 4408 a member that does not read its messages fast enough (more than the per-member limit
 * waiting to be sent). {@link #close(String)} closes a room with 4410; stopping the server closes
 * every room with 1001. A room opened on join is removed when its last member leaves; one opened
 * with {@link #open(String)} stays until closed.
 */
public final class SignalingRooms {
  /** Close code for a room that was never opened. */
  public static final int UNKNOWN_ROOM = 4404;
  /** Close code for input that is not a message of this protocol. */
  public static final int BAD_INPUT = 4400;
  /** Close code for a join to a room that has the most members allowed. */
  public static final int ROOM_FULL = 4409;
  /** Close code for a join that would open a room beyond the most rooms allowed. */
  public static final int TOO_MANY_ROOMS = 4429;
  /** Close code for a member with more bytes waiting to be sent to it than allowed: it does not read. */
  public static final int TOO_SLOW = 4408;
  /** Close code for the members of a room that was closed. */
  public static final int ROOM_CLOSED = 4410;
  /** Close code for every member when the server stops (WebSocket's "going away"). */
  public static final int SERVER_STOPPING = 1001;
  /** The longest member name accepted. */
  public static final int MAX_NAME = 100;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final boolean openOnJoin;
  private final Limits limits;
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger roomNumbers = new AtomicInteger();
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong peakQueued = new AtomicLong();

  /** The bounds of the rooms: how many rooms, members per room and bytes waiting per member. */
  record Limits(int maxRooms, int maxMembers, long maxQueuedBytes) {
    Limits {
      if (maxRooms < 1 || maxMembers < 1 || maxQueuedBytes < 1) {
        throw new IllegalArgumentException("Signalling limits must be positive: " + this);
      }
    }
  }

  SignalingRooms(boolean openOnJoin, Limits limits) {
    this.openOnJoin = openOnJoin;
    this.limits = limits;
  }

  /**
   * Opens a room so that peers can join it; it stays open, even empty, until {@link #close(String)}.
   *
   * @param room the room's name, as in its URL
   * @throws IllegalStateException if as many rooms as allowed are open
   */
  public void open(String room) {
    if (openRoom(room, true) == null) {
      throw new IllegalStateException("Cannot open room '" + room + "': " + limits.maxRooms + " rooms are open, the most"
          + " allowed; close some with close(room) or allow more with CallflowServer.Builder.withMaxRooms");
    }
  }

  /**
   * Opens a room of a name no room has had on this server, {@code prefix} and a number ({@code standup-3}), so
   * that tests running in parallel on the one server never meet in a room; it stays open until {@link #close(String)}.
   *
   * <pre>{@code
   * String room = server.signaling().openNew("standup");
   * alice.open("/meeting/index.html?room=" + room);
   * }</pre>
   *
   * @param prefix the start of the name, e.g. the test's, as it may stand in a URL
   * @return the room's name
   * @throws IllegalArgumentException if {@code prefix} is blank or not a URL path segment of letters, digits, {@code -_.~}
   * @throws IllegalStateException if as many rooms as allowed are open
   */
  public synchronized String openNew(String prefix) {
    if (prefix == null || !prefix.matches("[A-Za-z0-9._~-]+")) {
      throw new IllegalArgumentException("A room's prefix must be letters, digits and -_.~, to stand in a URL as it is, not '"
          + prefix + "'");
    }
    while (true) {
      String name = prefix + "-" + roomNumbers.incrementAndGet();
      if (!rooms.containsKey(name)) { // one the test opened itself with open(name)
        open(name);
        return name;
      }
    }
  }

  /**
   * Closes a room: its members are disconnected with {@value #ROOM_CLOSED}.
   *
   * @param room the room's name
   * @return false if there was no such room
   */
  public boolean close(String room) {
    Room removed = rooms.remove(room);
    if (removed == null) {
      return false;
    }
    removed.close(ROOM_CLOSED, "room '" + room + "' closed");
    return true;
  }

  /** {@return the names of the rooms open now, a copy} */
  public Set<String> rooms() {
    return Set.copyOf(rooms.keySet());
  }

  /**
   * {@return the names of the members of a room now, in the order they joined; empty if there is no such room}
   *
   * @param room the room's name
   */
  public List<String> members(String room) {
    Room r = rooms.get(room);
    return r == null ? List.of() : r.members.stream().map(m -> m.name).toList();
  }

  /** Closes every room, e.g. when the server stops. */
  void closeAll(int code, String reason) {
    for (String name : rooms.keySet()) {
      Room removed = rooms.remove(name);
      if (removed != null) {
        removed.close(code, reason);
      }
    }
  }

  /** Bytes accepted for sending and not yet written, over every member. */
  long queuedBytes() {
    return queued.get();
  }

  /** The most bytes that ever waited to be written at once, over every member. */
  long peakQueuedBytes() {
    return peakQueued.get();
  }

  Session.Listener.AutoDemanding endpoint(String room, String name) {
    return new Member(room, name == null || name.isBlank() ? "member" : name);
  }

  /** The room of that name if open, else a new one unless there are as many as allowed (null then). */
  private synchronized Room openRoom(String name, boolean keep) {
    Room room = rooms.get(name);
    if (room != null && room.keepOpen(keep)) {
      return room;
    }
    if (rooms.size() >= limits.maxRooms) {
      return null;
    }
    room = new Room(name, keep);
    rooms.put(name, room);
    return room;
  }

  /** A room's members. Joins and leaves of one room happen one at a time, under its lock. */
  private final class Room {
    final String name;
    final List<Member> members = new CopyOnWriteArrayList<>();
    private boolean kept;
    private boolean closed;

    Room(String name, boolean kept) {
      this.name = name;
      this.kept = kept;
    }

    /** False if the room is closed; else it stays open when empty from now on if {@code keep}. */
    synchronized boolean keepOpen(boolean keep) {
      kept |= keep;
      return !closed;
    }

    /** Welcomes the member and tells the others; the close code that refuses it, or 0. */
    synchronized int join(Member member) {
      if (closed) {
        return UNKNOWN_ROOM;
      }
      if (members.size() >= limits.maxMembers) {
        return ROOM_FULL;
      }
      // Each member is either in a newcomer's welcome or told it joined.
      ObjectNode welcome = JSON.createObjectNode().put("type", "welcome").put("id", member.id).put("room", name);
      ArrayNode list = welcome.putArray("members");
      members.forEach(m -> list.addObject().put("id", m.id).put("name", m.name));
      member.send(welcome.toString());
      members.add(member);
      tell(JSON.createObjectNode().put("type", "joined").put("id", member.id).put("name", member.name), member, null);
      return 0;
    }

    /** Removes the member and tells the others; a room opened on join goes when it empties. */
    void leave(Member member, int status) {
      boolean empty;
      synchronized (this) {
        if (closed || !members.remove(member)) {
          return;
        }
        tell(JSON.createObjectNode().put("type", "left").put("id", member.id).put("status", status), member, null);
        empty = members.isEmpty() && !kept;
        closed = empty;
      }
      if (empty) {
        rooms.remove(name, this);
      }
    }

    void close(int code, String reason) {
      List<Member> gone;
      synchronized (this) {
        closed = true;
        gone = List.copyOf(members);
        members.clear();
      }
      gone.forEach(m -> m.session.close(code, reason, Callback.NOOP));
    }

    /** Sends to one member ({@code to}) or every one but {@code from}; false if nobody matched. */
    boolean tell(ObjectNode message, Member from, String to) {
      String text = message.toString();
      boolean sent = false;
      for (Member m : members) {
        if (m != from && (to == null || to.equals(m.id))) {
          m.send(text);
          sent = true;
        }
      }
      return sent;
    }
  }

  /** One member's socket. Public only because Jetty calls the listener methods reflectively. */
  public final class Member implements Session.Listener.AutoDemanding {
    private final String roomName;
    private final String name;
    private final AtomicLong waiting = new AtomicLong();
    private String id;
    private Session session;
    private Room room;

    Member(String room, String name) {
      this.roomName = room;
      this.name = name;
    }

    @Override
    public void onWebSocketOpen(Session s) {
      session = s;
      if (name.length() > MAX_NAME) {
        reject("name longer than " + MAX_NAME + " characters");
        return;
      }
      id = name + "-" + ids.incrementAndGet();
      while (true) {
        Room r = openOnJoin ? openRoom(roomName, false) : rooms.get(roomName);
        if (r == null) {
          refuse(openOnJoin ? TOO_MANY_ROOMS : UNKNOWN_ROOM);
          return;
        }
        room = r; // before the others can see it: a send to it may drop it from the room
        int refused = r.join(this);
        if (refused == 0) {
          return;
        }
        room = null;
        // A room opened on join may have just emptied and gone: open it again.
        if (refused != UNKNOWN_ROOM || !openOnJoin) {
          refuse(refused);
          return;
        }
      }
    }

    private void refuse(int code) {
      String reason = switch (code) {
        case UNKNOWN_ROOM -> "unknown room '" + roomName + "'";
        case ROOM_FULL -> "room '" + roomName + "' is full (" + limits.maxMembers + " members)";
        default -> "too many rooms (" + limits.maxRooms + ")";
      };
      session.close(code, reason.length() > 120 ? reason.substring(0, 120) : reason, Callback.NOOP);
    }

    @Override
    public void onWebSocketText(String text) {
      if (room == null) {
        return;
      }
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
          if (!room.tell(out, this, to) && to != null) {
            send(JSON.createObjectNode().put("type", "error").put("message", "no member '" + to + "' in room '" + roomName + "'")
                .toString());
          }
        }
        case "leave" -> session.close(1000, "left", Callback.NOOP);
        default -> reject("unknown message type '" + message.path("type").asText("(none)") + "'; expected signal or leave");
      }
    }

    @Override
    public void onWebSocketClose(int status, String reason, Callback callback) {
      if (room != null) {
        room.leave(this, status);
      }
      callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      // A close follows (a dropped connection, a message too large): onWebSocketClose tells the others.
    }

    private void reject(String why) {
      session.close(BAD_INPUT, "bad input: " + (why.length() > 100 ? why.substring(0, 100) : why), Callback.NOOP);
    }

    /**
     * Queues a message for this member unless that would put more than the limit waiting to be
     * written: then the member is dropped from its room and closed with {@value #TOO_SLOW}.
     */
    private void send(String text) {
      if (session == null || !session.isOpen()) {
        return;
      }
      long size = utf8Length(text);
      long now = waiting.addAndGet(size);
      if (now > limits.maxQueuedBytes) {
        waiting.addAndGet(-size);
        if (room != null) {
          room.leave(this, TOO_SLOW);
        }
        session.close(TOO_SLOW, "too slow: over " + limits.maxQueuedBytes + " bytes waiting to be sent", Callback.NOOP);
        return;
      }
      peakQueued.accumulateAndGet(queued.addAndGet(size), Math::max);
      Runnable written = () -> {
        waiting.addAndGet(-size);
        queued.addAndGet(-size);
      };
      session.sendText(text, Callback.from(written, failure -> written.run()));
    }
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }
}
