package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.callflow.browser.MediaAccess;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.EachBrowser;
import dev.callflow.junit.Media;

/** The getUserMedia failures the spec names, each surfaced as a typed error with the browser's words. */
@CallflowTest
class MediaErrorsTest {
  @EachBrowser
  void permissionDenied(@Media(MediaAccess.DENIED) Peer alice) {
    DomException error = catchThrowableOfType(DomException.class, () -> alice.getUserMedia(MediaConstraints.audioVideo()));

    assertThat(error.name()).isEqualTo("NotAllowedError");
    assertThat(error.operation()).isEqualTo("getUserMedia");
    assertThat(error.getMessage()).startsWith("alice: getUserMedia failed with NotAllowedError: ").contains(error.domMessage());
    assertThat(alice.events()).anyMatch(e -> e.is(EventKind.GET_USER_MEDIA_ERROR));
  }

  @EachBrowser
  void noSuchDevice(@Media(MediaAccess.NO_DEVICES) Peer alice) {
    DomException error = catchThrowableOfType(DomException.class, () -> alice.getUserMedia(MediaConstraints.videoOnly()));

    assertThat(error.name()).isEqualTo("NotFoundError");
    assertThat(error.domMessage()).isNotBlank();
  }

  @EachBrowser
  void impossibleConstraints(Peer alice) {
    DomException error = catchThrowableOfType(DomException.class,
        () -> alice.getUserMedia(MediaConstraints.of("{\"video\": {\"width\": {\"exact\": 99999}}}")));

    assertThat(error.name()).isEqualTo("OverconstrainedError");
    assertThat(error.constraint()).isEqualTo("width");
    assertThat(error.getMessage()).contains("(constraint: width)");
  }

  @EachBrowser
  void fakeDevicesByDefault(Peer alice) {
    assertThat(alice.getUserMedia(MediaConstraints.audioVideo())).extracting(Track::kind).containsExactlyInAnyOrder("audio", "video");
    assertThat(alice.localTracks()).hasSize(2);
  }
}
