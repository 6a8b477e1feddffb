// Callflow probe: records every RTCPeerConnection call, state change, candidate, track and data
// channel event, and pushes each one to Java as it happens.
//
// Callflow installs this file as a WebDriver BiDi preload script, so it runs in every document before
// the page's own scripts. BiDi calls the function below with one argument: a channel function whose
// every call reaches Java as a script.message event. Events are sent as JSON text: a string survives
// BiDi's value serialisation unchanged in both browsers.
(emit, options) => {
  if (window.__callflow) return; // once per document
  const opts = Object.assign({ candidatePolicy: 'loopback' }, options || {});
  const Native = window.RTCPeerConnection;
  // Events can overtake each other on their way to Java; Java puts them back in order by seq,
  // per document (a reloaded page starts again at 1 under a new doc id).
  const doc = Math.random().toString(36).slice(2, 10);
  let seq = 0;
  let pcCount = 0;
  const TEST_GIVEN = '__callflowTestGiven';
  const registry = new Map(); // probe id -> RTCPeerConnection, for the operations Java runs on any page

  // Every event is also kept here, so Java can fetch one that did not arrive over the channel.
  const history = [];
  const send = (pc, type, data) => {
    const event = { doc, seq: ++seq, t: performance.timeOrigin + performance.now(), pc: pc ? pc.__callflowId : null, type, data: data ?? null };
    let json;
    try {
      json = JSON.stringify(event);
    } catch (e) { // never leave a hole in the sequence
      json = JSON.stringify(Object.assign(event, { data: { unserializable: String(e) } }));
    }
    history.push(json);
    if (history.length > 20000) history.splice(0, 10000);
    try { emit(json); } catch (e) { /* the channel is gone (page unloading); Java can still fetch it from history */ }
  };

  const describeError = (e) => ({ name: e && e.name || 'Error', message: e && e.message || String(e), constraint: e && e.constraint || undefined });
  const plain = (v) => {
    if (v == null || typeof v !== 'object') return v;
    if (typeof v.toJSON === 'function') return v.toJSON();
    if (v instanceof MediaStreamTrack) return { id: v.id, kind: v.kind, label: v.label, enabled: v.enabled };
    if (v instanceof MediaStream) return { stream: v.id };
    if (Array.isArray(v)) return v.map(plain);
    const out = {};
    for (const k of Object.keys(v)) out[k] = plain(v[k]);
    return out;
  };

  const isLoopback = (address) => {
    if (!address) return true; // end-of-candidates and candidates without an address carry none
    return /^127\./.test(address) || address === '::1' || address === '0:0:0:0:0:0:0:1';
  };
  const candidateAddress = (candidateLine) => (candidateLine || '').split(' ')[4];
  // The hermetic policy: a candidate outside loopback never leaves this page, so it cannot reach the
  // other peer whatever the signalling does.
  const allowed = (candidateLine) => opts.candidatePolicy !== 'loopback' || isLoopback(candidateAddress(candidateLine));
  const filterSdp = (sdp) => opts.candidatePolicy !== 'loopback' || !sdp ? sdp
    : sdp.split('\r\n').filter((l) => !l.startsWith('a=candidate:') || allowed(l.substring(2))).join('\r\n');

  if (Native) {
    // A subclass keeps `instanceof`, the prototype methods and statics such as generateCertificate.
    class RTCPeerConnection extends Native {
      constructor(config, ...rest) {
        const given = Object.assign({}, config || {});
        const fromTest = given[TEST_GIVEN] === true; // servers a Callflow test gave are its own, on this machine
        delete given[TEST_GIVEN];
        const effective = Object.assign({}, given);
        // Hermetic: the page's own STUN/TURN servers are not used, so nothing is asked off the machine.
        const stripped = opts.candidatePolicy === 'loopback' && !fromTest && (given.iceServers || []).length > 0;
        if (stripped) effective.iceServers = [];
        super(effective, ...rest);
        this.__callflowId = 'pc' + (++pcCount);
        registry.set(this.__callflowId, this);
        send(this, 'created', { configuration: plain(given), iceServersRemoved: stripped });
        for (const name of ['signalingstatechange', 'icegatheringstatechange', 'iceconnectionstatechange', 'connectionstatechange']) {
          const property = { signalingstatechange: 'signalingState', icegatheringstatechange: 'iceGatheringState',
            iceconnectionstatechange: 'iceConnectionState', connectionstatechange: 'connectionState' }[name];
          super.addEventListener(name, () => send(this, name, { state: this[property] }));
        }
        super.addEventListener('icecandidate', (e) => {
          const c = e.candidate;
          if (!c || !c.candidate) { send(this, 'icecandidate', { candidate: null }); return; }
          send(this, 'icecandidate', { candidate: c.toJSON(), allowed: allowed(c.candidate) });
        });
        super.addEventListener('icecandidateerror', (e) => send(this, 'icecandidateerror',
          { url: e.url, errorCode: e.errorCode, errorText: e.errorText, address: e.address, port: e.port }));
        super.addEventListener('negotiationneeded', () => send(this, 'negotiationneeded', {}));
        super.addEventListener('track', (e) => {
          (this.__callflowTracks ||= new Set()).add(e.track.id);
          send(this, 'track', { track: plain(e.track), streams: e.streams.map((s) => s.id), mid: e.transceiver && e.transceiver.mid });
        });
        super.addEventListener('datachannel', (e) => { watchChannel(this, e.channel); send(this, 'datachannel', { label: e.channel.label, id: e.channel.id }); });
      }

      // Candidates outside the policy are hidden from the page: onicecandidate and listeners never see them.
      // One wrapper per listener, so adding it twice and removing it behave as the page expects.
      addEventListener(type, listener, options) {
        if (type !== 'icecandidate' || !listener) return super.addEventListener(type, listener, options);
        const wrappers = (this.__callflowWrapped ||= new Map());
        if (!wrappers.has(listener)) wrappers.set(listener, guardCandidate(listener));
        return super.addEventListener(type, wrappers.get(listener), options);
      }
      removeEventListener(type, listener, options) {
        const wrapped = type === 'icecandidate' && this.__callflowWrapped && this.__callflowWrapped.get(listener);
        return super.removeEventListener(type, wrapped || listener, options);
      }
      set onicecandidate(listener) { this.__callflowOnCandidate = listener; super.onicecandidate = typeof listener === 'function' ? guardCandidate(listener) : listener; }
      get onicecandidate() { return this.__callflowOnCandidate ?? null; }
      get localDescription() { return filterDescription(super.localDescription); }
      get currentLocalDescription() { return filterDescription(super.currentLocalDescription); }
      get pendingLocalDescription() { return filterDescription(super.pendingLocalDescription); }
    }
    const guardCandidate = (listener) => function (e) {
      if (e.candidate && e.candidate.candidate && !allowed(e.candidate.candidate)) return undefined;
      return typeof listener === 'function' ? listener.call(this, e) : listener.handleEvent(e);
    };
    const filterDescription = (d) => d && opts.candidatePolicy === 'loopback'
      ? new RTCSessionDescription({ type: d.type, sdp: filterSdp(d.sdp) }) : d;

    // Record each API call with its arguments and its result or DOMException. Methods are wrapped on
    // the native prototype, so calls through either constructor are seen.
    const recorded = ['createOffer', 'createAnswer', 'setLocalDescription', 'setRemoteDescription', 'addIceCandidate',
      'addTrack', 'removeTrack', 'addTransceiver', 'createDataChannel', 'restartIce', 'close', 'setConfiguration'];
    for (const method of recorded) {
      const original = Native.prototype[method];
      if (typeof original !== 'function') continue;
      Object.defineProperty(Native.prototype, method, { configurable: true, writable: true, value: function (...args) {
        const pc = this;
        // Legacy callback forms (createOffer(success, failure)) are passed through untouched.
        const legacy = typeof args[0] === 'function' || typeof args[1] === 'function';
        const callArgs = legacy ? ['(callbacks)'] : args.map(plain);
        send(pc, 'call', { method, args: callArgs });
        let result;
        try {
          result = original.apply(pc, args);
        } catch (e) {
          send(pc, 'error', { method, error: describeError(e) });
          throw e;
        }
        if (method === 'createDataChannel') watchChannel(pc, result);
        if (result && typeof result.then === 'function') {
          return result.then((value) => {
            // Chrome copies candidates it has gathered into later offers and answers: filter those too.
            if ((method === 'createOffer' || method === 'createAnswer') && value && value.sdp) value = filterDescription(value);
            send(pc, 'result', { method, value: plain(value) });
            return value;
          }, (e) => {
            send(pc, 'error', { method, error: describeError(e) });
            throw e;
          });
        }
        send(pc, 'result', { method, value: method === 'addTrack' || method === 'addTransceiver' ? null : plain(result) });
        return result;
      } });
    }
    window.RTCPeerConnection = RTCPeerConnection;
    if (window.webkitRTCPeerConnection) window.webkitRTCPeerConnection = RTCPeerConnection;
  }

  function watchChannel(pc, channel) {
    const label = channel.label;
    channel.addEventListener('open', () => send(pc, 'channelopen', { label }));
    channel.addEventListener('close', () => send(pc, 'channelclose', { label }));
    channel.addEventListener('error', (e) => send(pc, 'channelerror', { label, error: describeError(e.error) }));
    channel.addEventListener('message', (e) => send(pc, 'channelmessage', { label, data: typeof e.data === 'string' ? e.data : '(binary ' + (e.data.byteLength ?? e.data.size) + ' bytes)' }));
  }

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) => {
      send(null, 'getusermedia', { constraints });
      return gum(constraints).then((stream) => {
        send(null, 'getusermediaresult', { stream: stream.id, tracks: stream.getTracks().map(plain) });
        return stream;
      }, (e) => {
        send(null, 'getusermediaerror', { error: describeError(e) });
        throw e;
      });
    };
  }

  const connection = (id) => {
    const found = registry.get(id);
    if (!found) throw new DOMException('No peer connection ' + id + ' on this page', 'InvalidStateError');
    return found;
  };
  const transceiverInfo = (t) => ({ mid: t.mid, direction: t.direction, currentDirection: t.currentDirection,
    kind: t.receiver.track.kind, senderTrack: t.sender.track ? t.sender.track.id : null });

  // Operations Java can run on any page's connections, the app's own included.
  const operations = {
    async getStats({ pc: id }) { return [...(await connection(id).getStats()).values()]; },
    descriptions({ pc: id }) {
      const c = connection(id);
      return { local: c.localDescription, remote: c.remoteDescription, signalingState: c.signalingState,
        connectionState: c.connectionState, iceConnectionState: c.iceConnectionState };
    },
    transceivers({ pc: id }) { return connection(id).getTransceivers().map(transceiverInfo); },
    restartIce({ pc: id }) { connection(id).restartIce(); return null; },
    close({ pc: id }) { connection(id).close(); return null; },
    // What the video element showing this connection's remote video paints now, scaled to 32x24:
    // mean luma (0-255) and a hash of the pixels. Two samples with one hash mean a frozen picture.
    videoFrame({ pc: id, track: trackId }) {
      const remote = connection(id).__callflowTracks || new Set();
      const shows = (v) => v.srcObject && v.srcObject.getVideoTracks().some((t) => (trackId ? t.id === trackId : remote.has(t.id)));
      const el = [...document.querySelectorAll('video')].find(shows);
      if (!el) throw new DOMException('No video element shows the remote video of ' + id, 'NotFoundError');
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
  };

  // Resolves to {value} or {error: {name, message, constraint}}, with doc and seq naming the probe's
  // last event: Java waits until it has them all before the operation counts as done.
  const invoke = (operation, args, more) => {
    const op = (more && more[operation]) || operations[operation];
    const mark = (reply) => Object.assign(reply, { doc, seq });
    if (!op) return Promise.resolve(mark({ error: { name: 'NotSupportedError', message: 'Unknown operation ' + operation } }));
    if (args && args.doc && args.doc !== doc) {
      return Promise.resolve(mark({ error: { name: 'InvalidStateError', message: (args.pc || 'The connection')
        + ' lives in another document (a frame, another tab or an earlier page), not in ' + location.href } }));
    }
    return Promise.resolve().then(() => op(args || {})).then(
      (value) => mark({ value: value === undefined ? null : JSON.parse(JSON.stringify(value)) }),
      (e) => mark({ error: { name: e && e.name || 'Error', message: e && e.message || String(e), constraint: e && e.constraint || null } }));
  };

  window.__callflow = { version: 1, doc, options: opts, seq: () => seq, pc: connection, invoke, TEST_GIVEN,
    transceivers: (pc) => pc.getTransceivers().map(transceiverInfo),
    since: (from) => history.filter((json) => JSON.parse(json).seq >= from) };
  send(null, 'probe', { url: location.href, userAgent: navigator.userAgent });
}
