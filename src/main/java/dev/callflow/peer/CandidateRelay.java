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

/**
 * Delivers trickled candidates to one side of a call, in order (the event log hands them over in page
 * order). Candidates wait while that side has not yet applied the descriptions of their generation
 * ({@link #hold()} until {@link #open()}). Whatever is ready when the relay's thread gets to it goes in one
 * {@link Add#add batch}: candidates come in bursts, and each batch costs one page round trip, not one per
 * candidate. A candidate the side refuses is reported and the next one still goes.
 */
final class CandidateRelay {
  /** Adds candidates on the target side (one browser call), in order. */
  @FunctionalInterface
  interface Add {
    /**
     * Adds them all in one go.
     *
     * @param candidates the candidates, in the order they are to be added
     * @param refused told of each candidate the side refused; those after it are still added
     */
    void add(List<IceCandidate> candidates, BiConsumer<IceCandidate, RuntimeException> refused);
  }

  private final Add add;
  private final BiConsumer<IceCandidate, RuntimeException> refused;
  private final ExecutorService executor;
  /** Held back until {@link #open()}. */
  private final List<IceCandidate> pending = new ArrayList<>();
  /** Ready, for the relay's thread to take as its next batch. */
  private final List<IceCandidate> queued = new ArrayList<>();
  private boolean ready;
  /** The relay's thread has a drain running or coming: it takes what is queued. */
  private boolean draining;
  private boolean closed;
  private int inFlight;

  /**
   * @param target names the relay's thread
   * @param add adds candidates on the target side (a browser call)
   * @param refused told of a candidate that the target side refused, or of each of a batch that {@code add} failed on
   */
  CandidateRelay(String target, Add add, BiConsumer<IceCandidate, RuntimeException> refused) {
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

  /** Queues a candidate for the relay's thread, waking it if it is not at work already. Holds the lock. */
  private void submit(IceCandidate candidate) {
    if (closed) {
      return; // the call is closed: nothing to deliver to
    }
    if (!draining) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException gone) {
        return;
      }
      draining = true;
    }
    queued.add(candidate);
    inFlight++;
  }

  /** On the relay's thread: adds what is queued, one batch at a time, until nothing is left. */
  private void drain() {
    while (true) {
      List<IceCandidate> batch;
      synchronized (this) {
        if (queued.isEmpty() || closed) {
          draining = false;
          return;
        }
        batch = List.copyOf(queued);
        queued.clear();
      }
      try {
        add.add(batch, refused);
      } catch (RuntimeException e) {
        batch.forEach(c -> refused.accept(c, e)); // the operation itself failed: none of them was added
      } finally {
        delivered(batch.size());
      }
    }
  }

  private synchronized void delivered(int count) {
    inFlight -= count;
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
    synchronized (this) {
      closed = true;
      inFlight -= queued.size();
      queued.clear();
      notifyAll();
    }
    executor.shutdownNow();
  }
}
