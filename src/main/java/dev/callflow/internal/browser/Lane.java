package dev.callflow.internal.browser;

import dev.callflow.failure.CallflowException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one browser's WebDriver calls one at a time, in order of arrival, on a thread of its own: a
 * driver is not thread-safe, and Callflow calls it from the test's thread, candidate relays, gap
 * recovery and stats sampling at once. A call made from inside the lane runs inline. Once the lane is
 * ended (its browser ended, its session closed), every waiting caller and every later one fails at once.
 */
final class Lane {
  /** Numbers the lanes of each browser type: {@code callflow-lane-chrome-1}, {@code -2}... */
  private static final Map<String, AtomicInteger> NUMBERS = new ConcurrentHashMap<>();

  private final Thread thread;
  /** Guarded by this, as are {@link #running} and {@link #ended}. */
  private final Deque<Call<?>> queue = new ArrayDeque<>();
  private Call<?> running;
  /** Null while the lane runs; afterwards, what a caller gets for its operation. */
  private Function<String, RuntimeException> ended;

  /** A lane for a browser of this type ({@code chrome}), its daemon thread started. */
  Lane(String browser) {
    int number = NUMBERS.computeIfAbsent(browser, b -> new AtomicInteger()).incrementAndGet();
    this.thread = new Thread(this::serve, "callflow-lane-" + browser + "-" + number);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs {@code work} on the lane once the calls that came before it are done, and returns its result
   * or throws what it threw. On the lane's own thread it runs at once.
   *
   * @param operation what the caller asked for, as it named it: the lane's failure names it
   * @throws RuntimeException what the lane was ended with, if it was or is while the call waits
   */
  <T> T run(String operation, Supplier<T> work) {
    if (Thread.currentThread() == thread) {
      return work.get();
    }
    Call<T> call = new Call<>(operation, work);
    synchronized (this) {
      if (ended != null) {
        throw ended.apply(operation);
      }
      queue.add(call);
      notifyAll();
    }
    return call.await();
  }

  /**
   * Ends the lane: the queued calls, the caller of the running one and every later caller fail with
   * {@code failure} applied to their operation. The running call itself finishes on the lane's thread,
   * which then stops. Only the first end counts.
   */
  void end(Function<String, RuntimeException> failure) {
    List<Call<?>> waiting;
    synchronized (this) {
      if (ended != null) {
        return;
      }
      ended = failure;
      waiting = new ArrayList<>(queue);
      queue.clear();
      if (running != null) {
        waiting.add(running);
      }
      notifyAll();
    }
    waiting.forEach(call -> call.fail(failure.apply(call.operation)));
  }

  /** How many calls wait behind the running one. */
  synchronized int waiting() {
    return queue.size();
  }

  /** The lane's thread: takes each call in turn until the lane ends. */
  private void serve() {
    while (true) {
      Call<?> next;
      synchronized (this) {
        running = null;
        while (queue.isEmpty() && ended == null) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (ended != null) {
          return;
        }
        next = queue.poll();
        running = next;
      }
      next.execute();
    }
  }

  /** One caller's work and, once done, its outcome. */
  private static final class Call<T> {
    final String operation;
    private final Supplier<T> work;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();

    Call(String operation, Supplier<T> work) {
      this.operation = operation;
      this.work = work;
    }

    void execute() {
      if (outcome.isDone()) {
        return; // its caller gave up waiting
      }
      try {
        outcome.complete(work.get());
      } catch (Throwable e) {
        outcome.completeExceptionally(e);
      }
    }

    void fail(RuntimeException e) {
      outcome.completeExceptionally(e);
    }

    T await() {
      try {
        return outcome.get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        // It was thrown on the lane's thread: its stack ends there. Where the test asked is added.
        cause.addSuppressed(new Exception(operation + " was asked for here, on " + Thread.currentThread().getName()));
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new CallflowException(operation + " failed: " + cause, cause);
      } catch (InterruptedException e) {
        outcome.cancel(false);
        Thread.currentThread().interrupt();
        throw new CallflowException("Interrupted while waiting for the browser to run " + operation, e);
      }
    }
  }
}
