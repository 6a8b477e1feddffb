package dev.callflow.server;

import dev.callflow.failure.CallflowException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Serves the user's pages folder, if any, then Callflow's bundled {@code test-pages/}. A file of the
 * user's folder is served only if its real path (symlinks followed) is still inside the folder: a
 * link that leads out of it is answered as missing, and does not fall back to a bundled page.
 */
final class PagesHandler extends ResourceHandler {
  private final Path pages;
  private final Path realPages;

  PagesHandler(Path pages) {
    this.pages = pages;
    try {
      this.realPages = pages == null ? null : pages.toRealPath();
    } catch (IOException e) {
      throw new CallflowException("Cannot resolve the pages folder " + pages, e);
    }
    ResourceFactory resources = ResourceFactory.of(this);
    List<Resource> roots = new ArrayList<>();
    if (pages != null) {
      roots.add(resources.newResource(pages));
    }
    Resource bundled = resources.newClassLoaderResource("test-pages");
    if (bundled == null) {
      throw new CallflowException("test-pages/ is missing from the classpath: is the Callflow jar complete?");
    }
    roots.add(bundled);
    setBaseResource(ResourceFactory.combine(roots));
    setDirAllowed(false);
    setWelcomeFiles(List.of("index.html"));
    setCacheControl("no-store");
  }

  @Override
  protected HttpContent.Factory newHttpContentFactory(ByteBufferPool.Sized pool) {
    HttpContent.Factory all = super.newHttpContentFactory(pool);
    return path -> {
      HttpContent content = all.getContent(path);
      return content == null || staysInside(content.getResource()) ? content : null;
    };
  }

  @Override
  protected ResourceService.WelcomeFactory setupWelcomeFactory() {
    ResourceService.WelcomeFactory welcomes = super.setupWelcomeFactory();
    // The welcome file is found in the folders directly: offer it only if it may be served.
    return (content, request) -> {
      String target = welcomes.getWelcomeTarget(content, request);
      return target == null || getHttpContentFactory().getContent(target) != null ? target : null;
    };
  }

  /** False for a file of the user's folder whose real path is elsewhere. */
  private boolean staysInside(Resource resource) {
    Path path = resource == null ? null : resource.getPath();
    if (pages == null || path == null) {
      return true;
    }
    Path file = path.toAbsolutePath().normalize();
    if (!file.startsWith(pages) && !file.startsWith(realPages)) {
      return true; // a bundled page
    }
    try {
      return file.toRealPath().startsWith(realPages);
    } catch (IOException e) {
      return false; // a dangling link
    }
  }
}
