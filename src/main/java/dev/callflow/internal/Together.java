package dev.callflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the steps of several browsers at once: each browser has one lane, so steps for different browsers (opening
 * two peers' pages, their getUserMedia) need not wait for each other. The first step runs on the caller's thread,
 * each other one on a thread of its own; all are awaited, whatever fails.
 */
public final class Together {
  /** A daemon thread per step: steps are few and short, and a pool would outlive the session. */
  private static final Executor THREADS = task -> {
    Thread t = new Thread(task, "callflow-together");
    t.setDaemon(true);
    t.start();
  };

  private Together() {}

  /**
   * {@return what each step gave, in order} If any step fails, what the others gave is handed to {@code undo} and
   * the first failure (in the steps' order) is thrown as it is, the others suppressed in it.
   *
   * @param steps the steps, e.g. one per peer
   * @param undo takes back what a step gave when another one failed, e.g. closes a peer
   */
  public static <T> List<T> all(List<Supplier<T>> steps, Consumer<T> undo) {
    if (steps.size() == 1) {
      return List.of(steps.get(0).get());
    }
    List<CompletableFuture<T>> running = new ArrayList<>();
    for (int i = 1; i < steps.size(); i++) {
      running.add(CompletableFuture.supplyAsync(steps.get(i), THREADS));
    }
    List<CompletableFuture<T>> futures = new ArrayList<>();
    CompletableFuture<T> first = new CompletableFuture<>();
    try {
      first.complete(steps.get(0).get());
    } catch (RuntimeException | Error e) {
      first.completeExceptionally(e);
    }
    futures.add(first);
    futures.addAll(running);
    return joinAll(futures, undo);
  }

  /**
   * {@return what each future gave, in order, once all are done} If any failed, what the others gave is handed to
   * {@code undo} and the first failure (in the futures' order) is thrown as it is, the others suppressed in it.
   *
   * @param futures the work under way, e.g. browsers being launched
   * @param undo takes back what a future gave when another one failed, e.g. closes a browser
   */
  public static <T> List<T> joinAll(List<CompletableFuture<T>> futures, Consumer<T> undo) {
    List<T> results = new ArrayList<>();
    Throwable failure = null;
    for (CompletableFuture<T> f : futures) {
      try {
        results.add(f.join());
      } catch (CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      results.forEach(undo);
      if (failure instanceof Error error) {
        throw error;
      }
      throw failure instanceof RuntimeException r ? r : new CompletionException(failure);
    }
    return results;
  }

  /**
   * Runs both steps at once and returns when both are done; the first one's failure is thrown, the second's
   * suppressed in it.
   *
   * @param first runs on the caller's thread
   * @param second runs on a thread of its own
   */
  public static void both(Runnable first, Runnable second) {
    all(List.of(() -> {
      first.run();
      return Boolean.TRUE;
    }, () -> {
      second.run();
      return Boolean.TRUE;
    }), done -> {});
  }
}
