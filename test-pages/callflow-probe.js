// Callflow probe: records every RTCPeerConnection call, state change, candidate, track and data
// channel event, and pushes each one to Java as it happens.
//
// Callflow installs this file as a WebDriver BiDi preload script, so it runs in every document before
// the page's own scripts. BiDi calls the function below with a channel function, whose every call
// reaches Java as a script.message event, and with Callflow's options. Events are sent as JSON text: a
// string survives BiDi's value serialisation unchanged in both browsers.
//
// The page under test shares this realm and may be hostile or just careless: it can replace any global
// or prototype method after this script ran. So everything the probe relies on is captured here, before
// the page runs; events are serialised by the probe's own encoder (no toJSON of the page's is ever
// called for them); window.__callflow is frozen and cannot be replaced; and the operations Java runs
// need a token that only Java and this closure know.
(emit, options, media) => {
  if (Object.prototype.hasOwnProperty.call(window, '__callflow')) return; // once per document

  // ---- Built-ins, captured before the page can change them ----
  const apply = Reflect.apply;
  const { keys, freeze, defineProperty, getOwnPropertyDescriptor, hasOwn = (o, k) => apply(Object.prototype.hasOwnProperty, o, [k]) } = Object;
  const isArray = Array.isArray;
  const jsonParse = JSON.parse;
  const jsonQuote = JSON.stringify; // used on strings only: primitives have no toJSON to consult
  const { push, join, splice } = Array.prototype;
  const { slice, split, startsWith } = String.prototype;
  const finite = Number.isFinite;
  const MapCtor = Map;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapForEach = Map.prototype.forEach;
  const mapClear = Map.prototype.clear;
  const WeakSetCtor = WeakSet;
  const { has: weakHas, add: weakAdd } = WeakSet.prototype;
  const then = Promise.prototype.then;
  const PromiseCtor = Promise;
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  const now = performance.now.bind(performance);
  const timeOrigin = performance.timeOrigin;
  const StringCtor = String;
  const ErrorCtor = Error;
  const DOMExceptionCtor = DOMException;
  const getter = (type, name) => type && getOwnPropertyDescriptor(type.prototype, name).get;
  const [sdpGet, typeGet] = [getter(window.RTCSessionDescription, 'sdp'), getter(window.RTCSessionDescription, 'type')];
  const sdpOf = (d) => (d instanceof RTCSessionDescription ? apply(sdpGet, d, []) : d && d.sdp);
  const candidateToJSON = window.RTCIceCandidate && RTCIceCandidate.prototype.toJSON;

  const opts = freeze({ candidatePolicy: 'loopback', token: '', ...(options || {}) });
  const hermetic = opts.candidatePolicy === 'loopback';
  // On a Selenium Grid, hermetic means this Grid's hosts: the addresses of its nodes are kept too.
  const gridHosts = opts.gridHosts || [];
  const Native = window.RTCPeerConnection;
  const nativeGetter = (name) => getter(Native, name);
  const stateGetters = Native ? {
    signalingState: nativeGetter('signalingState'), iceGatheringState: nativeGetter('iceGatheringState'),
    iceConnectionState: nativeGetter('iceConnectionState'), connectionState: nativeGetter('connectionState'),
  } : {};
  const nativeMethod = (name) => Native && Native.prototype[name];
  const nativeGetStats = nativeMethod('getStats');
  const nativeClose = nativeMethod('close');
  const remoteDescription = nativeGetter('remoteDescription');
  const nativeTransceivers = nativeMethod('getTransceivers');
  const statsForEach = window.RTCStatsReport && RTCStatsReport.prototype.forEach;

  // ---- Limits: the page's memory and Java's parser must survive any payload ----
  const MAX_DEPTH = 16;          // nesting kept in recorded arguments; deeper (or cyclic) parts are cut
  const MAX_STRING = 64 * 1024;  // characters kept of one string (a data-channel message, an SDP)
  const MAX_ITEMS = 1000;        // items kept of one array or object
  const MAX_EVENT = 256 * 1024;  // characters of one event; a larger one keeps only a note of its size
  const HISTORY_CHARS = 8 * 1024 * 1024; // the history Java can fetch lost events from, oldest dropped first

  // The probe's JSON encoder: own enumerable properties only, never a toJSON, with the limits above.
  const encode = (v, depth) => {
    if (v === null || v === undefined) return 'null';
    switch (typeof v) {
      case 'string': return jsonQuote(v.length > MAX_STRING
        ? apply(slice, v, [0, MAX_STRING]) + '…[truncated: ' + v.length + ' characters]' : v);
      case 'number': return finite(v) ? '' + v : 'null';
      case 'boolean': return v ? 'true' : 'false';
      case 'bigint': return jsonQuote('' + v);
      case 'object': break;
      default: return 'null';
    }
    if (depth >= MAX_DEPTH) return jsonQuote('[nested too deep]');
    const parts = [];
    if (isArray(v)) {
      const n = v.length < MAX_ITEMS ? v.length : MAX_ITEMS;
      for (let i = 0; i < n; i++) apply(push, parts, [encode(v[i], depth + 1)]);
      if (v.length > n) apply(push, parts, [jsonQuote('[' + (v.length - n) + ' more items]')]);
      return '[' + apply(join, parts, [',']) + ']';
    }
    const names = keys(v);
    const n = names.length < MAX_ITEMS ? names.length : MAX_ITEMS;
    for (let i = 0; i < n; i++) {
      let item;
      try { item = v[names[i]]; } catch (e) { item = '[unreadable: ' + e + ']'; }
      if (item !== undefined && typeof item !== 'function') apply(push, parts, [jsonQuote(names[i]) + ':' + encode(item, depth + 1)]);
    }
    return '{' + apply(join, parts, [',']) + '}';
  };
  const toText = (v) => encode(v, 0);

  // What the page passed or got back, as plain data: descriptions and candidates through the native
  // getters, tracks and streams by id, anything else by its own properties (never a toJSON of the
  // page's). A cyclic or deep value is cut at MAX_DEPTH, never followed forever.
  const plain = (v, depth = 0) => {
    if (v == null || typeof v !== 'object') return v;
    if (depth >= MAX_DEPTH) return '[nested too deep]';
    try {
      if (v instanceof MediaStreamTrack) return { id: v.id, kind: v.kind, label: v.label, enabled: v.enabled };
      if (v instanceof MediaStream) return { stream: v.id };
      if (window.RTCSessionDescription && v instanceof RTCSessionDescription) return { type: apply(typeGet, v, []), sdp: apply(sdpGet, v, []) };
      if (candidateToJSON && v instanceof RTCIceCandidate) return apply(candidateToJSON, v, []);
      const out = isArray(v) ? [] : {};
      const names = isArray(v) ? null : keys(v);
      const n = names ? names.length : v.length;
      for (let i = 0; i < n && i < MAX_ITEMS; i++) {
        const k = names ? names[i] : i;
        out[k] = plain(v[k], depth + 1);
      }
      return out;
    } catch (e) {
      return '[unreadable: ' + e + ']';
    }
  };

  // ---- Events ----
  // Events can overtake each other on their way to Java; Java puts them back in order by seq, per
  // document (a reloaded page starts again at 1 under a new doc id, and so does a page reset in place).
  const newDoc = () => Math.random().toString(36).slice(2, 10);
  let doc = newDoc();
  let seq = 0;
  let pcCount = 0;
  const registry = new MapCtor(); // probe id -> RTCPeerConnection, for the operations Java runs on any page
  const ids = new WeakMap();      // RTCPeerConnection -> probe id; the page cannot rename a connection
  const retired = new WeakSetCtor(); // connections of the page before a reset: their events are dropped
  const idOf = (pc) => (pc ? ids.get(pc) || null : null);

  // Every event is also kept, within HISTORY_CHARS, so Java can fetch one that did not arrive.
  const history = [];
  let historyStart = 0; // index of the oldest kept entry (entries before it are dropped)
  let historyChars = 0;
  const remember = (n, text) => {
    apply(push, history, [{ seq: n, text }]);
    historyChars += text.length;
    while (historyChars > HISTORY_CHARS && historyStart < history.length - 1) {
      historyChars -= history[historyStart].text.length;
      history[historyStart++] = null;
    }
    if (historyStart > 4096 && historyStart * 2 > history.length) { // compact now and then
      apply(splice, history, [0, historyStart]);
      historyStart = 0;
    }
  };
  const envelope = (n, pc, type, dataText) => '{"doc":' + jsonQuote(doc) + ',"seq":' + n + ',"t":' + (timeOrigin + now())
    + ',"pc":' + (pc ? jsonQuote(pc) : 'null') + ',"type":' + jsonQuote(type) + ',"data":' + dataText + '}';
  const send = (pc, type, data) => {
    if (pc && apply(weakHas, retired, [pc])) return;
    const n = ++seq;
    let dataText;
    try {
      dataText = toText(data);
    } catch (e) { // never leave a hole in the sequence
      dataText = toText({ unserializable: StringCtor(e) });
    }
    if (dataText.length > MAX_EVENT) dataText = toText({ truncated: true, characters: dataText.length });
    const text = envelope(n, idOf(pc), type, dataText);
    remember(n, text);
    try { emit(text); } catch (e) { /* the channel is gone (page unloading); Java can still fetch it from history */ }
  };
  // Events from `from` on, for Java's recovery; a note in place of those no longer kept.
  const since = (from) => {
    const out = [];
    const oldest = history[historyStart] ? history[historyStart].seq : seq + 1;
    if (from < oldest) {
      apply(push, out, [envelope(from, null, 'probe-error', toText({ message: 'events #' + from + ' to #' + (oldest - 1)
        + ' were dropped from the page\'s history before they reached Java', skipTo: oldest - 1 }))]);
    }
    for (let i = historyStart; i < history.length; i++) if (history[i].seq >= from) apply(push, out, [history[i].text]);
    return out;
  };

  // The events no reply carried yet, from the oldest kept, as a JSON array of their texts (whole, as since()
  // gives them): Java takes them from the reply and need not wait for BiDi to bring them too. At most
  // INLINE_CHARS of them; BiDi brings the rest.
  const INLINE_CHARS = 1024 * 1024;
  let reported = 0; // the last event a reply carried
  const unreported = () => {
    const texts = [];
    if (historyStart >= history.length) return '[]';
    const oldest = history[historyStart].seq; // the history holds consecutive events
    if (reported < oldest - 1) reported = oldest - 1; // older ones were dropped: BiDi brought them, or Java fetches the note
    let chars = 0;
    for (let i = historyStart + (reported + 1 - oldest); i < history.length; i++) {
      const text = history[i].text;
      if (chars + text.length > INLINE_CHARS) break;
      apply(push, texts, [jsonQuote(text)]);
      chars += text.length;
      reported++;
    }
    return '[' + apply(join, texts, [',']) + ']';
  };

  const describeError = (e) => ({ name: e && e.name || 'Error', message: e && e.message || StringCtor(e), constraint: e && e.constraint || undefined,
    step: e && typeof e.callflowStep === 'string' ? e.callflowStep : undefined }); // the step of an operation of several that failed
  const on = (target, type, listener) => apply(addListener, target, [type, listener]);

  const isLoopback = (address) => {
    if (!address) return true; // end-of-candidates and candidates without an address carry none
    return apply(startsWith, address, ['127.']) || address === '::1' || address === '0:0:0:0:0:0:0:1';
  };
  const candidateAddress = (candidateLine) => apply(split, StringCtor(candidateLine || ''), [' '])[4];
  // The hermetic policy: a candidate outside loopback (and, on a Grid, outside the Grid's nodes) never
  // leaves this page, so it cannot reach the other peer whatever the signalling does.
  const onGridHost = (address) => {
    for (let i = 0; i < gridHosts.length; i++) if (gridHosts[i] === address) return true;
    return false;
  };
  const allowed = (candidateLine) => {
    if (!hermetic) return true;
    const address = candidateAddress(candidateLine);
    return isLoopback(address) || onGridHost(address);
  };
  const filterSdp = (sdp) => {
    if (!hermetic || !sdp) return sdp;
    const kept = [];
    const lines = apply(split, sdp, ['\r\n']);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!apply(startsWith, line, ['a=candidate:']) || allowed(apply(slice, line, [2]))) apply(push, kept, [line]);
    }
    return apply(join, kept, ['\r\n']);
  };

  // Set only while Java's own createPeerConnection runs: its ICE servers are the test's, and kept.
  let testGiven = false;

  if (Native) {
    const STATE_EVENTS = { signalingstatechange: 'signalingState', icegatheringstatechange: 'iceGatheringState',
      iceconnectionstatechange: 'iceConnectionState', connectionstatechange: 'connectionState' };
    // A subclass keeps `instanceof`, the prototype methods and statics such as generateCertificate.
    class RTCPeerConnection extends Native {
      constructor(config, ...rest) {
        const given = { ...(config || {}) };
        const effective = { ...given };
        // Hermetic: the page's own STUN/TURN servers are not used, so nothing is asked off the machine.
        const stripped = hermetic && !testGiven && (given.iceServers || []).length > 0;
        if (stripped) effective.iceServers = [];
        super(effective, ...rest);
        const id = 'pc' + (++pcCount);
        ids.set(this, id);
        apply(mapSet, registry, [id, this]);
        send(this, 'created', { configuration: plain(given), iceServersRemoved: stripped });
        const names = keys(STATE_EVENTS);
        for (let i = 0; i < names.length; i++) {
          const name = names[i];
          // The state is read through the native getter: a page cannot forge it by dispatching an event.
          // After close() the probe has recorded the closure itself (see recordClosure); a change still
          // queued by the browser then would only repeat or contradict it.
          on(this, name, () => apply(weakHas, closed, [this]) || send(this, name, { state: apply(stateGetters[STATE_EVENTS[name]], this, []) }));
        }
        on(this, 'icecandidate', (e) => {
          const c = e.candidate;
          if (!c || !c.candidate) { send(this, 'icecandidate', { candidate: null }); return; }
          send(this, 'icecandidate', { candidate: plain(c), allowed: allowed(c.candidate) });
        });
        on(this, 'icecandidateerror', (e) => send(this, 'icecandidateerror',
          { url: e.url, errorCode: e.errorCode, errorText: e.errorText, address: e.address, port: e.port }));
        on(this, 'negotiationneeded', () => send(this, 'negotiationneeded', {}));
        on(this, 'track', (e) => {
          (this.__callflowTracks ||= new Set()).add(e.track.id);
          send(this, 'track', { track: plain(e.track), streams: e.streams.map((s) => s.id), mid: e.transceiver && e.transceiver.mid });
        });
        on(this, 'datachannel', (e) => { watchChannel(this, e.channel); send(this, 'datachannel', { label: e.channel.label, id: e.channel.id }); });
      }

      // Candidates outside the policy are hidden from the page: onicecandidate and listeners never see them.
      // One wrapper per listener, so adding it twice and removing it behave as the page expects.
      addEventListener(type, listener, options) {
        if (type !== 'icecandidate' || !listener) return apply(addListener, this, [type, listener, options]);
        const wrappers = (this.__callflowWrapped ||= new MapCtor());
        if (!apply(mapGet, wrappers, [listener])) apply(mapSet, wrappers, [listener, guardCandidate(listener)]);
        return apply(addListener, this, [type, apply(mapGet, wrappers, [listener]), options]);
      }
      removeEventListener(type, listener, options) {
        const wrapped = type === 'icecandidate' && this.__callflowWrapped && apply(mapGet, this.__callflowWrapped, [listener]);
        return apply(removeListener, this, [type, wrapped || listener, options]);
      }
      set onicecandidate(listener) { this.__callflowOnCandidate = listener; super.onicecandidate = typeof listener === 'function' ? guardCandidate(listener) : listener; }
      get onicecandidate() { return this.__callflowOnCandidate ?? null; }
      get localDescription() { return filterDescription(super.localDescription); }
      get currentLocalDescription() { return filterDescription(super.currentLocalDescription); }
      get pendingLocalDescription() { return filterDescription(super.pendingLocalDescription); }
    }
    const guardCandidate = (listener) => function (e) {
      if (e.candidate && e.candidate.candidate && !allowed(e.candidate.candidate)) return undefined;
      return typeof listener === 'function' ? apply(listener, this, [e]) : listener.handleEvent(e);
    };
    // close() sets the signaling, ICE connection and connection states to 'closed' without firing an
    // event, as the spec says: the probe records those changes itself, once per connection (a second
    // close() changes nothing), marked byClose. The gathering state has no 'closed' and stays as it was.
    const closed = new WeakSetCtor();
    const recordClosure = (pc) => {
      if (apply(weakHas, closed, [pc])) return;
      apply(weakAdd, closed, [pc]);
      send(pc, 'signalingstatechange', { state: 'closed', byClose: true });
      send(pc, 'iceconnectionstatechange', { state: 'closed', byClose: true });
      send(pc, 'connectionstatechange', { state: 'closed', byClose: true });
    };
    const filterDescription = (d) => d && hermetic ? new RTCSessionDescription({ type: d.type, sdp: filterSdp(sdpOf(d)) }) : d;

    // Record each API call with its arguments and its result or DOMException. Methods are wrapped on
    // the native prototype, so calls through either constructor are seen.
    const recorded = ['createOffer', 'createAnswer', 'setLocalDescription', 'setRemoteDescription', 'addIceCandidate',
      'addTrack', 'removeTrack', 'addTransceiver', 'createDataChannel', 'restartIce', 'close', 'setConfiguration'];
    for (const method of recorded) {
      const original = Native.prototype[method];
      if (typeof original !== 'function') continue;
      defineProperty(Native.prototype, method, { configurable: true, writable: true, value: function (...args) {
        const pc = this;
        // Legacy callback forms (createOffer(success, failure)) are passed through untouched.
        const legacy = typeof args[0] === 'function' || typeof args[1] === 'function';
        send(pc, 'call', { method, args: legacy ? ['(callbacks)'] : plain(args) });
        let result;
        try {
          result = apply(original, pc, args);
        } catch (e) {
          send(pc, 'error', { method, error: describeError(e) });
          throw e;
        }
        if (method === 'createDataChannel') watchChannel(pc, result);
        if (method === 'close') recordClosure(pc);
        if (result instanceof PromiseCtor) {
          return apply(then, result, [(value) => {
            // Chrome copies candidates it has gathered into later offers and answers: filter those too.
            if ((method === 'createOffer' || method === 'createAnswer') && value && sdpOf(value)) value = filterDescription(value);
            send(pc, 'result', { method, value: plain(value) });
            return value;
          }, (e) => {
            send(pc, 'error', { method, error: describeError(e) });
            throw e;
          }]);
        }
        send(pc, 'result', { method, value: method === 'addTrack' || method === 'addTransceiver' ? null : plain(result) });
        return result;
      } });
    }
    // DTMF: insertDTMF is recorded as a call on the connection whose sender it belongs to, and each
    // tonechange of that sender as an event (tone '' when the buffer has played out).
    const DtmfSender = window.RTCDTMFSender;
    const nativeSenders = nativeMethod('getSenders');
    if (DtmfSender && typeof DtmfSender.prototype.insertDTMF === 'function' && nativeSenders) {
      const insert = DtmfSender.prototype.insertDTMF;
      const watchedDtmf = new WeakSetCtor();
      const ownerOf = (dtmf) => {
        let owner = null;
        apply(mapForEach, registry, [(c) => { if (!owner && apply(nativeSenders, c, []).some((x) => x.dtmf === dtmf)) owner = c; }]);
        return owner;
      };
      defineProperty(DtmfSender.prototype, 'insertDTMF', { configurable: true, writable: true, value: function (...args) {
        const owner = ownerOf(this);
        send(owner, 'call', { method: 'insertDTMF', args: plain(args) });
        if (owner && !apply(weakHas, watchedDtmf, [this])) {
          apply(weakAdd, watchedDtmf, [this]);
          on(this, 'tonechange', (e) => send(owner, 'tonechange', { tone: e.tone }));
        }
        try {
          const result = apply(insert, this, args);
          send(owner, 'result', { method: 'insertDTMF', value: null });
          return result;
        } catch (e) {
          send(owner, 'error', { method: 'insertDTMF', error: describeError(e) });
          throw e;
        }
      } });
    }
    window.RTCPeerConnection = RTCPeerConnection;
    if (window.webkitRTCPeerConnection) window.webkitRTCPeerConnection = RTCPeerConnection;
  }

  function watchChannel(pc, channel) {
    const label = channel.label;
    on(channel, 'open', () => send(pc, 'channelopen', { label }));
    on(channel, 'close', () => send(pc, 'channelclose', { label }));
    // An RTCError: its SCTP cause tells a closing side (12, User-Initiated Abort: Chrome fires this when either
    // side closes) from a transport that failed.
    on(channel, 'error', (e) => send(pc, 'channelerror', { label, error: describeError(e.error),
      errorDetail: e.error && e.error.errorDetail || null, sctpCauseCode: e.error && e.error.sctpCauseCode || null }));
    on(channel, 'message', (e) => send(pc, 'channelmessage', { label, data: typeof e.data === 'string' ? e.data : '(binary ' + (e.data.byteLength ?? e.data.size) + ' bytes)' }));
  }

  // The synthetic camera and microphone (installed before the recording wrapper below, which records their use) and
  // the measurement of received media: test-pages/callflow-media.js.
  const mediaOperations = media ? media({ synthetic: opts.synthetic, connection: (id) => connection(id),
    remoteTracks: (pc) => pc.__callflowTracks || new Set(), receivers: (pc) => pc.getReceivers() }) : {};

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) => {
      send(null, 'getusermedia', { constraints: plain(constraints) });
      return apply(then, gum(constraints), [(stream) => {
        send(null, 'getusermediaresult', { stream: stream.id, tracks: stream.getTracks().map((t) => plain(t)) });
        return stream;
      }, (e) => {
        send(null, 'getusermediaerror', { error: describeError(e) });
        throw e;
      }]);
    };
  }

  // A script, image or stylesheet that fails to load fires 'error' on its element: that event does not
  // bubble, and neither Chrome nor Firefox logs it to the console BiDi reports. A capture listener on
  // window, added before the page's scripts, sees every one.
  // The same listener sees the page's uncaught exceptions (an ErrorEvent at window), before any handler of
  // the page's could cancel them: recorded here, in order with the page's other events, with file and line.
  // What a thrown value says about itself is the page's to define, and may throw: read with care.
  const said = (read, fallback) => { try { return StringCtor(read()); } catch (e) { return fallback; } };
  const pageError = (name, message, file, line, column) => send(null, 'pageerror', { name, message, file, line, column });
  apply(addListener, window, ['error', (e) => {
    const el = e.target;
    if (el && el !== window && el.localName) {
      send(null, 'resourceerror', { element: el.localName, url: el.currentSrc || el.src || el.href || '' });
      return;
    }
    const error = e.error;
    pageError(error instanceof ErrorCtor ? said(() => error.name, 'Error') : 'Error', said(() => e.message, ''),
      said(() => e.filename, ''), +e.lineno || 0, +e.colno || 0);
  }, true]);
  // A rejected promise nobody handles is an uncaught error too (no file or line: the reason says what it can).
  apply(addListener, window, ['unhandledrejection', (e) => {
    const reason = e.reason;
    const isError = reason instanceof ErrorCtor;
    pageError(isError ? said(() => reason.name, 'Error') : 'unhandledrejection',
      'Uncaught (in promise) ' + said(() => (isError ? reason.message : reason), '[unreadable]'), '', 0, 0);
  }, true]);

  // ---- Operations Java runs on any page's connections, the app's own included ----
  const connection = (id) => {
    const found = apply(mapGet, registry, [id]);
    if (!found) throw new DOMExceptionCtor('No peer connection ' + id + ' on this page', 'InvalidStateError');
    return found;
  };
  const transceiverInfo = (t) => ({ mid: t.mid, direction: t.direction, currentDirection: t.currentDirection,
    kind: t.receiver.track.kind, senderTrack: t.sender.track ? t.sender.track.id : null });
  const transceivers = (pc) => apply(nativeTransceivers, pc, []).map(transceiverInfo);
  const state = (pc, name) => apply(stateGetters[name], pc, []);

  const operations = {
    // Readies the reference page for the next test without loading it again: every connection closed (its
    // later events dropped), the page's own state and the measurements reset, and a new document begun (a new
    // doc id, events from 1, the history emptied), announced as a page load is. Other pages are loaded again.
    reset() {
      if (!pageOperations || !hasOwn(pageOperations, 'resetPage')) {
        throw new DOMExceptionCtor('only the reference page can be reset in place', 'NotSupportedError');
      }
      apply(mapForEach, registry, [(pc) => {
        apply(weakAdd, retired, [pc]);
        try { apply(nativeClose, pc, []); } catch (e) { /* closed already */ }
      }]);
      apply(mapClear, registry, []);
      pcCount = 0;
      pageOperations.resetPage();
      if (mediaOperations.mediaReset) mediaOperations.mediaReset();
      const former = doc;
      doc = newDoc();
      seq = 0;
      reported = 0;
      history.length = 0;
      historyStart = 0;
      historyChars = 0;
      announce({ reset: true });
      return { url: location.href, former };
    },
    async getStats({ pc: id }) {
      const out = [];
      apply(statsForEach, await apply(nativeGetStats, connection(id), []), [(s) => apply(push, out, [s])]);
      return out;
    },
    descriptions({ pc: id }) {
      const c = connection(id);
      return { local: plain(c.localDescription), remote: plain(apply(remoteDescription, c, [])), signalingState: state(c, 'signalingState'),
        connectionState: state(c, 'connectionState'), iceConnectionState: state(c, 'iceConnectionState') };
    },
    transceivers({ pc: id }) { return transceivers(connection(id)); },
    restartIce({ pc: id }) { connection(id).restartIce(); return null; },
    close({ pc: id }) { connection(id).close(); return null; },
    // What the video element showing this connection's remote video paints now, scaled to 32x24:
    // mean luma (0-255) and a hash of the pixels. Two samples with one hash mean a frozen picture.
    videoFrame({ pc: id, track: trackId }) {
      const remote = connection(id).__callflowTracks || new Set();
      const shows = (live) => (v) => v.srcObject && v.srcObject.getVideoTracks()
        .some((t) => (trackId ? t.id === trackId : remote.has(t.id)) && (!live || t.readyState === 'live'));
      // A live track first: a page that called before may still show the last call's ended track, which had the same id.
      const videos = [...document.querySelectorAll('video')];
      const el = videos.find(shows(true)) || videos.find(shows(false));
      if (!el) {
        const found = [...document.querySelectorAll('video')].map((v) => (v.id ? '#' + v.id : '<video>')
          + (v.srcObject ? ' (tracks ' + v.srcObject.getTracks().map((t) => t.kind + ' ' + t.id).join(', ') + ')' : ' (no stream)'));
        throw new DOMExceptionCtor('no <video> element on the page shows the remote video of ' + id + '; the page has '
          + (found.length ? found.length + ': ' + found.join('; ') : 'none'), 'NotFoundError');
      }
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
  Object.assign(operations, mediaOperations);
  // The reference page's own operations (getUserMedia, createPeerConnection...), registered once by it.
  let pageOperations = null;

  // Java calls invoke(token, operation, argsJson, done) in the driver's current document, or call(token,
  // operation, argsJson) in any document over BiDi, which returns a promise (of the probe's own Promise,
  // which the page cannot replace) of the same reply. done gets the reply as JSON text:
  // {value} or {error: {name, message, constraint}}, with doc and seq naming the probe's last event, so
  // Java waits until it has them all before the operation counts as done, and the events no reply carried
  // yet (see unreported), so it seldom has to wait for BiDi. Without the token nothing runs.
  const invoke = (token, operation, argsText, done) => {
    const reply = (r) => {
      let text;
      try {
        text = toText({ ...r, doc, seq });
      } catch (e) {
        text = toText({ error: { name: 'DataError', message: 'unserializable result of ' + operation + ': ' + e }, doc, seq });
      }
      // Only Java gets the events: they hold what the page must not see (candidates withheld by policy).
      done(trusted ? apply(slice, text, [0, -1]) + ',"events":' + unreported() + '}' : text);
    };
    const fail = (name, message) => reply({ error: { name, message } });
    const trusted = !!opts.token && token === opts.token;
    if (!trusted) return fail('SecurityError', 'Callflow operations are for Callflow only');
    let args;
    try { args = jsonParse(argsText || '{}'); } catch (e) { return fail('SyntaxError', 'bad arguments for ' + operation); }
    if (args.doc && args.doc !== doc) {
      return fail('InvalidStateError', (args.pc || 'The connection') + ' lives in another document (a frame, another tab or an earlier page), not in ' + location.href);
    }
    if (operation === 'since') { // events are whole texts already, each within MAX_EVENT: not cut again
      const texts = [];
      const events = since(+args.from || 1);
      for (let i = 0; i < events.length; i++) apply(push, texts, [jsonQuote(events[i])]);
      return done('{"value":[' + apply(join, texts, [',']) + '],"doc":' + jsonQuote(doc) + ',"seq":' + seq + '}');
    }
    const op = hasOwn(operations, operation) ? operations[operation]
      : pageOperations && hasOwn(pageOperations, operation) ? pageOperations[operation] : null;
    if (!op) return fail('NotSupportedError', 'Unknown operation ' + operation);
    let result;
    try {
      testGiven = operation === 'createPeerConnection';
      result = op(args);
    } catch (e) {
      result = PromiseCtor.reject(e);
    } finally {
      testGiven = false;
    }
    apply(then, PromiseCtor.resolve(result), [(value) => reply({ value: value === undefined ? null : plain(value) }),
      (e) => reply({ error: describeError(e) })]);
  };

  defineProperty(window, '__callflow', { enumerable: false, configurable: false, writable: false, value: freeze({
    version: 3, get doc() { return doc; }, invoke,
    call: (token, operation, argsText) => new PromiseCtor((done) => invoke(token, operation, argsText, done)),
    lastSeq: () => seq, // read when a page has loaded, so Java can wait for what it did while loading
    pc: connection,
    idOf,
    transceivers,
    // The reference page hands its operations over once; they can never replace the probe's own.
    register(ops) {
      if (pageOperations) throw new DOMExceptionCtor('operations are registered already', 'InvalidStateError');
      pageOperations = freeze({ ...ops });
    },
  }) });
  // Where this document lives, for the names Java gives its connections: nothing in a tab's top document,
  // else its frames from the top down, each by its name, its element's id (same origin) or its index in its
  // parent. Read before the page's scripts run; an ancestor of another origin tells only its index.
  const frames = [];
  try {
    for (let w = window; w !== w.parent; w = w.parent) {
      let label = null;
      try { label = w.name || (w.frameElement && w.frameElement.id) || null; } catch (e) { /* another origin */ }
      for (let i = 0; label === null && i < w.parent.frames.length; i++) if (w.parent.frames[i] === w) label = i;
      frames.unshift(label);
    }
  } catch (e) { /* a detached frame: its place stays unknown */ }
  const announce = (extra) => send(null, 'probe', { url: location.href, userAgent: navigator.userAgent, ...(frames.length ? { frames } : {}), ...extra });
  announce({});
}
