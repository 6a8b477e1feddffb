package dev.callflow.browser;

/** What a page gets when it asks for the camera and microphone. */
public enum MediaAccess {
  /** Fake camera and microphone, permission granted without a prompt. */
  FAKE_DEVICES,
  /** Permission denied: getUserMedia rejects with {@code NotAllowedError}. */
  DENIED,
  /** Permission granted but no camera or microphone: getUserMedia rejects with {@code NotFoundError}. */
  NO_DEVICES
}
