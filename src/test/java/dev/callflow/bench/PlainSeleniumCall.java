package dev.callflow.bench;

import dev.callflow.server.CallflowServer;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The benchmark's yardstick: a two-peer Chrome call written the way a plain Selenium test usually is:
 * browsers launched one after the other, the sample room app driven through its buttons, and
 * {@link WebDriverWait} polling every 500 ms (its default) until each page says it is connected. No
 * Callflow browser code: only Callflow's server serves the app and its signalling rooms.
 */
final class PlainSeleniumCall implements AutoCloseable {
  private final CallflowServer server;
  private final String chromium;
  private final String chromedriver;
  private WebDriver alice;
  private WebDriver bob;

  PlainSeleniumCall(CallflowServer server, String chromium, String chromedriver) {
    this.server = server;
    this.chromium = chromium;
    this.chromedriver = chromedriver;
  }

  /** Launches the browsers (if not running yet), then makes a call in a new room until both are connected. */
  void call() {
    if (alice == null) {
      alice = launch();
      bob = launch();
    }
    String room = "plain-" + UUID.randomUUID();
    for (WebDriver d : List.of(alice, bob)) {
      d.get(server.url("/sample/room.html?room=" + room + "&name=" + (d == alice ? "alice" : "bob")).toString());
      d.findElement(By.id("join")).click();
    }
    for (WebDriver d : List.of(alice, bob)) {
      new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> x.findElement(By.id("status")).getText().endsWith(" is connected"));
    }
  }

  private WebDriver launch() {
    ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless=new", "--no-sandbox",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        // What any script needs to call over loopback: loopback candidates, and addresses instead of mDNS names.
        "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns");
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build(),
        options);
  }

  @Override
  public void close() {
    for (WebDriver d : new WebDriver[] {alice, bob}) {
      if (d != null) {
        d.quit();
      }
    }
    alice = null;
    bob = null;
  }
}
