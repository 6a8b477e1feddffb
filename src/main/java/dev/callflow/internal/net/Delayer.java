package dev.callflow.internal.net;

import java.time.Duration;

/**
 * Latency without the kernel's {@code netem}: a netfilter queue ({@code iptables -j NFQUEUE}, in the kernel since
 * 2.6.14) hands each packet leaving an interface to a small Python program in the namespace, which lets it go after
 * a fixed delay, in the order the packets came. It needs only the standard library: it speaks netlink itself. If it
 * ends, the rule's {@code --queue-bypass} lets packets through undelayed (those it held are lost).
 */
final class Delayer {
  // Started as "python3 - QUEUE MILLISECONDS" with the program on standard input. Once bound to the queue it
  // prints "ready PID" and the parent exits; the child (PID) goes on with no standard streams, in TMPDIR.
  static final String PROGRAM = """
      import collections, os, select, socket, struct, sys, time
      queue, delay = int(sys.argv[1]), float(sys.argv[2]) / 1000
      SUBSYS_QUEUE, PACKET, CONFIG, VERDICT_BATCH = 3, 0, 2, 3
      REQUEST, ACK = 1, 4
      s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 12)
      s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
      s.setsockopt(270, 5, 1)
      s.bind((0, 0))
      def attr(kind, payload):
          n = 4 + len(payload)
          return struct.pack("=HH", n, kind) + payload + bytes((4 - n % 4) % 4)
      def send(kind, attrs, flags=REQUEST):
          body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attrs)
          s.send(struct.pack("=IHHII", 16 + len(body), (SUBSYS_QUEUE << 8) | kind, flags, 0, 0) + body)
      def configure(what, attrs):
          send(CONFIG, attrs, REQUEST | ACK)
          reply = s.recv(65536)
          if struct.unpack_from("=H", reply, 4)[0] == 2 and struct.unpack_from("=i", reply, 16)[0]:
              error = -struct.unpack_from("=i", reply, 16)[0]
              sys.exit("cannot " + what + " netfilter queue " + str(queue) + ": " + os.strerror(error))
      configure("bind", [attr(1, struct.pack("=BxH", 1, 0))])
      configure("set up", [attr(2, struct.pack("!IB", 0, 1)), attr(3, struct.pack("!I", 1 << 16))])
      pid = os.fork()
      if pid:
          print("ready", pid, flush=True)
          os._exit(0)
      null = os.open(os.devnull, os.O_RDWR)
      for fd in (0, 1, 2):
          os.dup2(null, fd)
      held = collections.deque()
      while True:
          now = time.monotonic()
          last = None
          while held and held[0][0] <= now:
              last = held.popleft()[1]
          if last is not None:
              send(VERDICT_BATCH, [attr(2, struct.pack("!II", 1, last))])
          wait = max(0, held[0][0] - time.monotonic()) if held else None
          if not select.select([s], [], [], wait)[0]:
              continue
          data = s.recv(1 << 20)
          due = time.monotonic() + delay
          at = 0
          while at + 16 <= len(data):
              length, kind = struct.unpack_from("=IH", data, at)
              if kind == (SUBSYS_QUEUE << 8) | PACKET:
                  a = at + 20
                  while a + 4 <= at + length:
                      size, atype = struct.unpack_from("=HH", data, a)
                      if atype & 0x7fff == 1:
                          held.append((due, struct.unpack_from("!I", data, a + 4)[0]))
                      a += max(4, (size + 3) & ~3)
              at += max(16, (length + 3) & ~3)
      """;

  private Delayer() {
  }

  /** {@return a script that starts the program on queue {@code queue} and prints "ready PID"} */
  static String start(String python, int queue, Duration delay) {
    return python + " - " + queue + " " + delay.toNanos() / 1e6 + " <<'CALLFLOW_DELAYER'\n" + PROGRAM + "CALLFLOW_DELAYER\n";
  }
}
