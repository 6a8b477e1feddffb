// The reference peer page. Java drives it through window.callflowPeer.invoke(operation, args), one
// promise per operation; events reach Java through the probe, never through these return values.
'use strict';
(() => {
  const connections = new Map();   // probe id (pc1, pc2, ...) -> RTCPeerConnection
  const channels = new Map();      // pc id + '/' + label -> RTCDataChannel
  const localTracks = new Map();   // track id -> MediaStreamTrack
  const localStream = new MediaStream();

  const pc = (id) => {
    const found = connections.get(id);
    if (!found) throw new DOMException('No peer connection ' + id + ' on this page', 'InvalidStateError');
    return found;
  };
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
  const transceiverInfo = (t) => ({ mid: t.mid, direction: t.direction, currentDirection: t.currentDirection,
    kind: t.receiver.track.kind, senderTrack: t.sender.track ? t.sender.track.id : null, stopped: t.stopped || t.currentDirection === 'stopped' });
  const keep = (id, channel) => {
    channels.set(id + '/' + channel.label, channel);
    return { label: channel.label, id: channel.id, readyState: channel.readyState };
  };
  const track = (id) => {
    const t = localTracks.get(id);
    if (!t) throw new DOMException('No local track ' + id, 'InvalidStateError');
    return t;
  };

  const operations = {
    async getUserMedia({ constraints }) {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      for (const t of stream.getTracks()) { localTracks.set(t.id, t); localStream.addTrack(t); }
      if (stream.getVideoTracks().length) video('local', localStream, 'local-video');
      return stream.getTracks().map(trackInfo);
    },
    stopTrack({ track: id }) { const t = track(id); t.stop(); localTracks.delete(id); localStream.removeTrack(t); return null; },
    setTrackEnabled({ track: id, enabled }) { track(id).enabled = enabled; return null; },
    localTracks() { return [...localTracks.values()].map(trackInfo); },
    createPeerConnection({ configuration }) {
      const connection = new RTCPeerConnection(configuration);
      const id = connection.__callflowId;
      connections.set(id, connection);
      connection.addEventListener('track', (e) => {
        const stream = e.streams[0] || new MediaStream([e.track]);
        video('remote', stream, 'remote-' + id + '-' + stream.id);
      });
      connection.addEventListener('datachannel', (e) => keep(id, e.channel));
      return id;
    },
    addTrack({ pc: id, track: trackId }) { pc(id).addTrack(track(trackId), localStream); return pc(id).getTransceivers().map(transceiverInfo); },
    removeTrack({ pc: id, track: trackId }) {
      const sender = pc(id).getSenders().find((s) => s.track && s.track.id === trackId);
      if (!sender) throw new DOMException('Track ' + trackId + ' is not sent on ' + id, 'InvalidAccessError');
      pc(id).removeTrack(sender);
      return null;
    },
    addTransceiver({ pc: id, kind, track: trackId, init }) {
      pc(id).addTransceiver(trackId ? track(trackId) : kind, Object.assign({ streams: trackId ? [localStream] : [] }, init || {}));
      return pc(id).getTransceivers().map(transceiverInfo);
    },
    setDirection({ pc: id, mid, index, direction }) {
      const all = pc(id).getTransceivers();
      const t = mid != null ? all.find((x) => x.mid === mid) : all[index];
      if (!t) throw new DOMException('No transceiver ' + (mid ?? index) + ' on ' + id, 'InvalidStateError');
      t.direction = direction;
      return all.map(transceiverInfo);
    },
    // Puts the named codecs (e.g. ['video/VP9']) first in the transceivers of this kind; the rest keep their order.
    setCodecPreferences({ pc: id, kind, mimeTypes }) {
      const all = RTCRtpReceiver.getCapabilities(kind).codecs;
      const rank = (c) => { const i = mimeTypes.findIndex((m) => m.toLowerCase() === c.mimeType.toLowerCase()); return i < 0 ? mimeTypes.length : i; };
      const ordered = all.map((c, i) => [c, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([c]) => c);
      const targets = pc(id).getTransceivers().filter((t) => t.receiver.track.kind === kind);
      if (!targets.length) throw new DOMException('No ' + kind + ' transceiver on ' + id, 'InvalidStateError');
      targets.forEach((t) => t.setCodecPreferences(ordered));
      return ordered.map((c) => c.mimeType);
    },
    transceivers({ pc: id }) { return pc(id).getTransceivers().map(transceiverInfo); },
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
    async setRemoteDescription({ pc: id, description }) { await pc(id).setRemoteDescription(description); return null; },
    async addIceCandidate({ pc: id, candidate }) { await pc(id).addIceCandidate(candidate); return null; },
    restartIce({ pc: id }) { pc(id).restartIce(); return null; },
    close({ pc: id }) { pc(id).close(); return null; },
    descriptions({ pc: id }) {
      const c = pc(id);
      return { local: c.localDescription, remote: c.remoteDescription, signalingState: c.signalingState,
        connectionState: c.connectionState, iceConnectionState: c.iceConnectionState };
    },
    // What the remote video element shows now, scaled to 32x24: mean luma (0-255) and a hash of the
    // pixels. Two samples with one hash mean a frozen picture; a luma near 0 means black frames.
    videoFrame({ pc: id, track: trackId }) {
      const shows = (v) => v.srcObject && v.srcObject.getVideoTracks().some((t) => (trackId ? t.id === trackId : true));
      const el = [...document.querySelectorAll('#remote video')].find((v) => v.id.startsWith('remote-' + id + '-') && shows(v));
      if (!el) throw new DOMException('No remote video on ' + id + (trackId ? ' for track ' + trackId : ''), 'NotFoundError');
      const canvas = document.createElement('canvas');
      canvas.width = 32; canvas.height = 24;
      const g = canvas.getContext('2d', { willReadFrequently: true });
      g.drawImage(el, 0, 0, 32, 24);
      const px = g.getImageData(0, 0, 32, 24).data;
      let luma = 0;
      let hash = 0;
      let opaque = 0;
      for (let i = 0; i < px.length; i += 4) {
        luma += 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
        hash = (Math.imul(hash, 31) + (px[i] | (px[i + 1] << 8) | (px[i + 2] << 16))) | 0;
        if (px[i + 3] > 0) opaque++;
      }
      // A video with no frame to paint yet draws nothing: transparent pixels, not a black picture.
      return { width: el.videoWidth, height: el.videoHeight, luma: luma / (px.length / 4), hash, time: el.currentTime,
        drawn: opaque > 0 };
    },
    async getStats({ pc: id }) { const report = await pc(id).getStats(); return [...report.values()]; },
  };

  window.callflowPeer = {
    setName(name) { document.title = name + ' · Callflow'; document.getElementById('title').textContent = name; },
    // Resolves to {value} or {error: {name, message, constraint}}: Java turns the error into a typed
    // exception. doc and seq name the probe's last event, so Java can wait until it has them all.
    invoke(operation, args) {
      const op = operations[operation];
      const mark = (reply) => Object.assign(reply, window.__callflow ? { doc: window.__callflow.doc, seq: window.__callflow.seq() } : {});
      if (!op) return Promise.resolve(mark({ error: { name: 'NotSupportedError', message: 'Unknown operation ' + operation } }));
      return Promise.resolve().then(() => op(args || {})).then(
        (value) => mark({ value: value === undefined ? null : JSON.parse(JSON.stringify(value)) }),
        (e) => mark({ error: { name: e && e.name || 'Error', message: e && e.message || String(e), constraint: e && e.constraint || null } }));
    },
  };
})();
