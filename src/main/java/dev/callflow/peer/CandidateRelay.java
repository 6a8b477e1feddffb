package dev.callflow.peer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Delivers trickled candidates to one side of a call, in order (the event log hands them over in page
 * order). Candidates wait while that side has not yet applied the descriptions of their generation
 * ({@link #hold()} until {@link #open()}). A candidate the side refuses is reported and the next one
 * still goes.
 */
final class CandidateRelay {
  private final Consumer<IceCandidate> add;
  private final BiConsumer<IceCandidate, RuntimeException> refused;
  private final ExecutorService executor;
  private final List<IceCandidate> pending = new ArrayList<>();
  private boolean ready;
  private int inFlight;

  /**
   * @param target names the relay's thread
   * @param add adds a candidate on the target side (a browser call)
   * @param refused told of a candidate that {@code add} failed on
   */
  CandidateRelay(String target, Consumer<IceCandidate> add, BiConsumer<IceCandidate, RuntimeException> refused) {
    this.add = add;
    this.refused = refused;
    // One thread at most (candidates keep their order), gone when idle, so a call nobody closes leaks nothing.
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "callflow-relay-" + target);
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
    this.executor = pool;
  }

  /** Keeps candidates back from now on. */
  synchronized void hold() {
    ready = false;
  }

  /** Delivers what was kept back, in order, and every candidate from now on. */
  synchronized void open() {
    ready = true;
    pending.forEach(this::submit);
    pending.clear();
  }

  /** Delivers a candidate, after {@code delay} if a hook asked for one. */
  synchronized void deliver(IceCandidate candidate, Duration delay) {
    if (!delay.isZero()) {
      CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> deliver(candidate, Duration.ZERO));
    } else if (ready) {
      submit(candidate);
    } else {
      pending.add(candidate);
    }
  }

  private void submit(IceCandidate candidate) {
    try {
      executor.execute(() -> {
        try {
          add.accept(candidate);
        } catch (RuntimeException e) {
          refused.accept(candidate, e);
        } finally {
          delivered();
        }
      });
      inFlight++;
    } catch (RejectedExecutionException closed) {
      // The call is closed: nothing to deliver to.
    }
  }

  private synchronized void delivered() {
    inFlight--;
    notifyAll();
  }

  /** Waits (at most {@code limit}) until every candidate given to an open relay has been added. */
  synchronized void awaitIdle(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return; // the restart's own wait reports what did not arrive
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops delivering; candidates still queued are dropped. */
  void shutdown() {
    executor.shutdownNow();
  }
}
