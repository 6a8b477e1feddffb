package dev.callflow.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The first handler of the server: refuses, with 421, a request addressed to a host name that is not
 * this server's (see {@link AllowedHosts}), and answers 404 for what no handler took.
 */
final class FrontDoor extends Handler.Wrapper {
  static final int MISDIRECTED = 421;
  private final AllowedHosts hosts;

  FrontDoor(Handler next, AllowedHosts hosts) {
    super(next);
    this.hosts = hosts;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    // Jetty has already refused (400) an absolute request target whose authority differs from Host.
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (!hosts.allowsHost(host)) {
      plainText(response, callback, MISDIRECTED, "This Callflow server answers to " + hosts + ", not to '"
          + (host == null ? "(no Host)" : host) + "'. A page reached under another name is refused (DNS rebinding);"
          + " add names with CallflowServer.Builder.withAllowedHosts or withAdvertisedHost.");
      return true;
    }
    if (super.handle(request, response, callback)) {
      return true;
    }
    Response.writeError(request, response, callback, 404, "Not found: " + request.getHttpURI().getPath());
    return true;
  }

  /** Completes the exchange with this status and a plain-text explanation. */
  static void plainText(Response response, Callback callback, int status, String text) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    Content.Sink.write(response, true, text + "\n", callback);
  }
}
