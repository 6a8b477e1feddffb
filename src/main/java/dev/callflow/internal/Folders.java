package dev.callflow.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Checks that a folder can be used before any work goes into it, and says in words why not. */
public final class Folders {
  private Folders() {}

  /**
   * Creates the folder if needed and writes and removes a probe file in it. Empty if that worked,
   * otherwise what went wrong, e.g. {@code a file, not a folder}.
   */
  public static Optional<String> problemWriting(Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      return Optional.of("a file, not a folder");
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      return Optional.of("cannot create the folder: " + describe(e, folder));
    }
    Path probe = null;
    try {
      // A fresh name, so that no file of the user's is overwritten or removed.
      probe = Files.createTempFile(folder, ".callflow-probe", ".tmp");
      Files.writeString(probe, "probe");
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot write in the folder: " + describe(e, folder));
    } finally {
      deleteQuietly(probe);
    }
  }

  /** Deletes a folder and everything in it; nothing if it is not there. */
  public static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteQuietly(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // Left behind, it is harmless; the write is what tells.
    }
  }

  /** Empty if the folder exists and its entries can be listed, otherwise what is wrong. */
  public static Optional<String> problemReading(Path folder) {
    if (!Files.exists(folder)) {
      return Optional.of("no such folder");
    }
    if (!Files.isDirectory(folder)) {
      return Optional.of("a file, not a folder");
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      entries.iterator().hasNext();
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot read the folder: " + describe(e, folder));
    }
  }

  /** An IO failure in one line, naming the file when it says which: {@code /x/report.json: permission denied}. */
  public static String describe(IOException e) {
    return describe(e, null);
  }

  // The file is left out when it is the folder the message is already about.
  private static String describe(IOException e, Path about) {
    if (e instanceof FileSystemException f) {
      String reason = f instanceof NoSuchFileException ? "no such file or folder"
          : f instanceof AccessDeniedException ? "permission denied"
          : f instanceof FileAlreadyExistsException ? "a file is in the way"
          : f instanceof NotDirectoryException ? "not a folder"
          : f.getReason() != null ? f.getReason()
          : f.getClass().getSimpleName();
      boolean named = f.getFile() != null && (about == null || !Path.of(f.getFile()).equals(about));
      return named ? f.getFile() + ": " + reason : reason;
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
