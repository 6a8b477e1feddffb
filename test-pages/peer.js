// The reference peer page. Java drives it through the probe, which runs these operations, one
// promise per operation; events reach Java through the probe, never through these return values.
// Operations every page has (getStats, descriptions, video frames...) live in the probe.
'use strict';
(() => {
  const channels = new Map();      // pc id + '/' + label -> RTCDataChannel
  const localTracks = new Map();   // track id -> MediaStreamTrack
  const localStream = new MediaStream();
  const timers = new Set();        // the synthetic screens' drawing timers

  const pc = (id) => window.__callflow.pc(id);
  const video = (parent, stream, id) => {
    let el = document.getElementById(id);
    if (!el) {
      el = document.createElement('video');
      // Remote audio must play out: Chrome computes the received audio energy on the playout path.
      el.id = id; el.autoplay = true; el.muted = parent === 'local'; el.playsInline = true;
      document.getElementById(parent).appendChild(el);
    }
    if (el.srcObject !== stream) el.srcObject = stream;
    el.play().catch(() => {}); // autoplay is allowed by the browser flags; a failure here changes nothing
    return el;
  };
  const trackInfo = (t) => ({ id: t.id, kind: t.kind, label: t.label, enabled: t.enabled, readyState: t.readyState });
  const keep = (id, channel) => {
    channels.set(id + '/' + channel.label, channel);
    return { label: channel.label, id: channel.id, readyState: channel.readyState };
  };
  const track = (id) => {
    const t = localTracks.get(id);
    if (!t) throw new DOMException('No local track ' + id, 'InvalidStateError');
    return t;
  };

  // Runs one step of an operation of several; its failure names the step, as Java reports it.
  const step = async (name, run) => {
    try {
      return await run();
    } catch (e) {
      try { e.callflowStep = name; } catch (ignored) { /* a frozen error keeps the operation's name */ }
      throw e;
    }
  };
  const negotiations = new Map(); // pc id -> { polite, makingOffer, ignoreOffer }
  const negotiation = (id) => {
    if (!negotiations.has(id)) negotiations.set(id, { polite: false, makingOffer: false, ignoreOffer: false });
    return negotiations.get(id);
  };
  const sender = (id, trackId) => {
    const s = pc(id).getSenders().find((x) => x.track && x.track.id === trackId);
    if (!s) throw new DOMException('Track ' + trackId + ' is not sent on ' + id, 'InvalidAccessError');
    return s;
  };
  const encodingInfo = (e) => ({ rid: e.rid ?? null, active: e.active, maxBitrate: e.maxBitrate ?? null,
    scaleResolutionDownBy: e.scaleResolutionDownBy ?? null, maxFramerate: e.maxFramerate ?? null });

  const operations = {
    async getUserMedia({ constraints }) {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      for (const t of stream.getTracks()) { localTracks.set(t.id, t); localStream.addTrack(t); }
      if (stream.getVideoTracks().length) video('local', localStream, 'local-video');
      return stream.getTracks().map(trackInfo);
    },
    // A screen: getDisplayMedia where the browser gives one without a person to pick it, else (synthetic: true) a
    // canvas track of its own, labelled "synthetic screen", drawing a moving picture.
    async getDisplayMedia({ constraints, synthetic }) {
      let stream;
      if (synthetic) {
        const canvas = document.createElement('canvas');
        canvas.width = 1280; canvas.height = 720;
        const g = canvas.getContext('2d');
        let frame = 0;
        const draw = () => {
          frame++;
          g.fillStyle = '#204080'; g.fillRect(0, 0, 1280, 720);
          g.fillStyle = '#f0f0f0'; g.fillRect((frame * 8) % 1280, 100, 200, 120);
          g.font = '48px sans-serif'; g.fillText('synthetic screen ' + frame, 40, 600);
        };
        draw();
        timers.add(setInterval(draw, 100)); // the canvas needs new pictures to send new frames
        stream = canvas.captureStream(10);
        Object.defineProperty(stream.getVideoTracks()[0], 'label', { value: 'synthetic screen' });
      } else {
        stream = await navigator.mediaDevices.getDisplayMedia(constraints || { video: true });
      }
      for (const t of stream.getTracks()) { localTracks.set(t.id, t); localStream.addTrack(t); }
      return stream.getTracks().map(trackInfo);
    },
    stopTrack({ track: id }) { const t = track(id); t.stop(); localTracks.delete(id); localStream.removeTrack(t); return null; },
    setTrackEnabled({ track: id, enabled }) { track(id).enabled = enabled; return null; },
    localTracks() { return [...localTracks.values()].map(trackInfo); },
    createPeerConnection({ configuration }) {
      // The test gave this configuration: the probe keeps its ICE servers, as the test's own.
      const connection = new RTCPeerConnection(configuration);
      const id = window.__callflow.idOf(connection);
      connection.addEventListener('track', (e) => {
        const stream = e.streams[0] || new MediaStream([e.track]);
        video('remote', stream, 'remote-' + id + '-' + stream.id);
      });
      connection.addEventListener('datachannel', (e) => keep(id, e.channel));
      return id;
    },
    addTrack({ pc: id, track: trackId }) { pc(id).addTrack(track(trackId), localStream); return window.__callflow.transceivers(pc(id)); },
    // addTrack of each, in order: one round trip from Java for a call's audio and video.
    async addTracks({ pc: id, tracks }) {
      for (const t of tracks) await step('addTrack', () => pc(id).addTrack(track(t), localStream));
      return window.__callflow.transceivers(pc(id));
    },
    // Sends another local track, or nothing (null), on the sender of this kind, without renegotiating.
    async replaceTrack({ pc: id, kind, track: trackId }) {
      const transceiver = pc(id).getTransceivers().find((t) => t.receiver.track.kind === kind && !t.stopped);
      if (!transceiver) throw new DOMException('No ' + kind + ' transceiver on ' + id, 'InvalidStateError');
      const sender = transceiver.sender;
      await sender.replaceTrack(trackId ? track(trackId) : null);
      return null;
    },
    removeTrack({ pc: id, track: trackId }) {
      const sender = pc(id).getSenders().find((s) => s.track && s.track.id === trackId);
      if (!sender) throw new DOMException('Track ' + trackId + ' is not sent on ' + id, 'InvalidAccessError');
      pc(id).removeTrack(sender);
      return null;
    },
    addTransceiver({ pc: id, kind, track: trackId, init }) {
      pc(id).addTransceiver(trackId ? track(trackId) : kind, Object.assign({ streams: trackId ? [localStream] : [] }, init || {}));
      return window.__callflow.transceivers(pc(id));
    },
    setDirection({ pc: id, mid, index, direction }) {
      const all = pc(id).getTransceivers();
      const t = mid != null ? all.find((x) => x.mid === mid) : all[index];
      if (!t) throw new DOMException('No transceiver ' + (mid ?? index) + ' on ' + id, 'InvalidStateError');
      t.direction = direction;
      return window.__callflow.transceivers(pc(id));
    },
    // Puts the named codecs (e.g. ['video/VP9']) first in the transceivers of this kind; the rest keep their order,
    // or with only, are left out (every entry of a named mime type stays: H.264's profiles).
    setCodecPreferences({ pc: id, kind, mimeTypes, only }) {
      const all = RTCRtpReceiver.getCapabilities(kind).codecs;
      const rank = (c) => { const i = mimeTypes.findIndex((m) => m.toLowerCase() === c.mimeType.toLowerCase()); return i < 0 ? mimeTypes.length : i; };
      const sorted = all.map((c, i) => [c, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([c]) => c);
      const ordered = only ? sorted.filter((c) => rank(c) < mimeTypes.length) : sorted;
      // An empty list would not restrict anything: it restores the browser's defaults.
      if (!ordered.length) throw new DOMException('None of ' + mimeTypes.join(', ') + ' is a ' + kind + ' codec of this browser', 'InvalidModificationError');
      const targets = pc(id).getTransceivers().filter((t) => t.receiver.track.kind === kind);
      if (!targets.length) throw new DOMException('No ' + kind + ' transceiver on ' + id, 'InvalidStateError');
      targets.forEach((t) => t.setCodecPreferences(ordered));
      return ordered.map((c) => c.mimeType);
    },
    // The mime types this browser can send and receive, each once (H.264's profiles are one).
    codecCapabilities({ kind }) {
      const names = (caps) => [...new Set(((caps && caps.codecs) || []).map((c) => c.mimeType))];
      return { send: names(RTCRtpSender.getCapabilities(kind)), receive: names(RTCRtpReceiver.getCapabilities(kind)) };
    },
    createDataChannel({ pc: id, label, init }) { return keep(id, pc(id).createDataChannel(label, init || {})); },
    send({ pc: id, label, data }) {
      const channel = channels.get(id + '/' + label);
      if (!channel) throw new DOMException('No data channel "' + label + '" on ' + id, 'InvalidStateError');
      channel.send(data);
      return null;
    },
    async createOffer({ pc: id, options }) { const d = await pc(id).createOffer(options || {}); return { type: d.type, sdp: d.sdp }; },
    async createAnswer({ pc: id }) { const d = await pc(id).createAnswer(); return { type: d.type, sdp: d.sdp }; },
    async setLocalDescription({ pc: id, description }) { await pc(id).setLocalDescription(description || undefined); return pc(id).localDescription; },
    // createOffer or createAnswer and setLocalDescription of it: one operation, one round trip from Java.
    async offer({ pc: id }) {
      const d = await step('createOffer', () => pc(id).createOffer());
      await step('setLocalDescription', () => pc(id).setLocalDescription(d));
      return pc(id).localDescription;
    },
    async answer({ pc: id }) {
      const d = await step('createAnswer', () => pc(id).createAnswer());
      await step('setLocalDescription', () => pc(id).setLocalDescription(d));
      return pc(id).localDescription;
    },
    async setRemoteDescription({ pc: id, description }) { await pc(id).setRemoteDescription(description); return null; },
    // An ICE restart's offer and answer back to back: in between, Chromium already checks its new
    // candidates against a Firefox callee's old ones, which Firefox's old ICE context still answers.
    async setLocalAndRemoteDescription({ pc: id, local, remote }) {
      await pc(id).setLocalDescription(local);
      await pc(id).setRemoteDescription(remote);
      return null;
    },
    async addIceCandidate({ pc: id, candidate }) { await pc(id).addIceCandidate(candidate); return null; },
    // Trickled candidates that queued up, added in order, each its own addIceCandidate call: one round trip
    // from Java for all. A refused one does not stop those after it; its error comes back in its place.
    async addIceCandidates({ pc: id, candidates }) {
      const outcomes = [];
      for (const candidate of candidates) {
        try {
          await pc(id).addIceCandidate(candidate);
          outcomes.push(null);
        } catch (e) {
          outcomes.push({ name: (e && e.name) || 'Error', message: (e && e.message) || String(e) });
        }
      }
      return outcomes;
    },
    // Perfect negotiation (the W3C pattern of webrtc-pc, "Perfect negotiation example"): Java is the
    // signalling channel; the page keeps makingOffer, ignoreOffer and polite per connection. The polite
    // side rolls back with an explicit setLocalDescription({type: 'rollback'}), the same as the implicit
    // rollback of setRemoteDescription, so that the rollback is a call of its own in the timeline.
    setPolite({ pc: id, polite }) { negotiation(id).polite = polite; return null; },
    async makeOffer({ pc: id }) {
      const n = negotiation(id);
      n.makingOffer = true;
      try { await pc(id).setLocalDescription(); } finally { n.makingOffer = false; }
      const d = pc(id).localDescription;
      return { type: d.type, sdp: d.sdp };
    },
    async receiveDescription({ pc: id, description }) {
      const n = negotiation(id);
      const c = pc(id);
      const collision = description.type === 'offer' && (n.makingOffer || c.signalingState !== 'stable');
      n.ignoreOffer = !n.polite && collision;
      if (n.ignoreOffer) return { ignored: true, rolledBack: false, answer: null };
      if (collision) await c.setLocalDescription({ type: 'rollback' });
      await c.setRemoteDescription(description);
      if (description.type !== 'offer') return { ignored: false, rolledBack: collision, answer: null };
      await c.setLocalDescription();
      const d = c.localDescription;
      return { ignored: false, rolledBack: collision, answer: { type: d.type, sdp: d.sdp } };
    },
    // A video track sent with these encodings (simulcast layers by rid, maxBitrate, scaleResolutionDownBy).
    addTrackWithEncodings({ pc: id, track: trackId, encodings }) {
      pc(id).addTransceiver(track(trackId), { direction: 'sendrecv', streams: [localStream], sendEncodings: encodings });
      return window.__callflow.transceivers(pc(id));
    },
    // The encodings of the sender of this track, as getParameters() has them.
    encodings({ pc: id, track: trackId }) { return sender(id, trackId).getParameters().encodings.map(encodingInfo); },
    // Changes the encodings of the sender of this track, each found by its rid (or its place, without rids).
    async setEncodings({ pc: id, track: trackId, encodings }) {
      const s = sender(id, trackId);
      const parameters = s.getParameters();
      encodings.forEach((e, i) => {
        const target = e.rid != null ? parameters.encodings.find((x) => x.rid === e.rid) : parameters.encodings[i];
        if (!target) throw new DOMException('No encoding ' + (e.rid ?? i) + ' on the sender of ' + trackId, 'InvalidModificationError');
        for (const key of ['active', 'maxBitrate', 'scaleResolutionDownBy', 'maxFramerate']) if (e[key] != null) target[key] = e[key];
      });
      await s.setParameters(parameters);
      return s.getParameters().encodings.map(encodingInfo);
    },
    // insertDTMF on the sender of this audio track; the probe records the call and each tonechange.
    insertDtmf({ pc: id, track: trackId, tones, duration, gap }) {
      const s = sender(id, trackId);
      if (!s.dtmf) throw new DOMException('The sender of ' + trackId + ' has no RTCDTMFSender', 'NotSupportedError');
      s.dtmf.insertDTMF(tones, duration, gap);
      return { toneBuffer: s.dtmf.toneBuffer, canInsertDTMF: s.dtmf.canInsertDTMF };
    },
    // Back to the page as it loaded, for the next test (the probe's reset, which has closed the connections
    // already): local tracks stopped and forgotten, videos removed, timers cleared.
    resetPage() {
      for (const t of localTracks.values()) t.stop();
      localTracks.clear();
      for (const t of localStream.getTracks()) localStream.removeTrack(t);
      channels.clear();
      negotiations.clear();
      timers.forEach(clearInterval);
      timers.clear();
      for (const el of document.querySelectorAll('video')) { el.srcObject = null; el.remove(); }
      document.title = 'Callflow reference peer';
      document.getElementById('title').textContent = 'Callflow peer';
      return null;
    },
    setName({ name }) { document.title = name + ' · Callflow'; document.getElementById('title').textContent = name; return null; },
  };
  // Java runs these through the probe, which offers its own operations (stats, descriptions, video frames...) besides.
  window.__callflow.register(operations);
})();
