package dev.callflow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyntheticMediaTest {
  @Test
  void specsWithEqualMediaShareABrowserAndOthersDoNot() {
    BrowserSpec a = BrowserSpec.of(BrowserType.CHROME).withSyntheticMedia(SyntheticMedia.camera(320, 240, 15).withLabel("alice"));
    BrowserSpec b = BrowserSpec.of(BrowserType.CHROME).withSyntheticMedia(SyntheticMedia.camera(320, 240, 15).withLabel("alice"));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(BrowserSpec.of(BrowserType.CHROME));
    assertThat(a.withHeaded().syntheticMedia()).contains(SyntheticMedia.camera(320, 240, 15).withLabel("alice"));
    assertThat(a.toString()).isEqualTo("chrome synthetic 320x240@15 'alice'");
    assertThat(SyntheticMedia.defaults().toOptions()).containsEntry("width", 640).containsEntry("frameRate", 30);
  }

  @Test
  void outOfRangeValuesAreNamed() {
    assertThatThrownBy(() -> SyntheticMedia.camera(10, 480, 30)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A synthetic camera's size must be 64x48 to 1920x1920, not 10x480");
    assertThatThrownBy(() -> SyntheticMedia.camera(640, 480, 0)).hasMessage("A synthetic camera's frame rate must be 1 to 60, not 0");
  }

  @Test
  void syntheticMediaNeedsDevices() {
    assertThatThrownBy(() -> BrowserSpec.of(BrowserType.FIREFOX).withSyntheticMedia(SyntheticMedia.defaults())
        .withMediaAccess(MediaAccess.DENIED)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Synthetic media needs devices and the permission to use them, not DENIED");
  }
}
