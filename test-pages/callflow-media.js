// Callflow media: the synthetic camera and microphone, and the receiving side's measurement of what arrives.
//
// The probe calls this function once per document, before the page's scripts, with what it shares:
// { synthetic: the peer's SyntheticMedia options or undefined, connection(id): the RTCPeerConnection of a probe id,
// remoteTracks(pc): the ids of the connection's
// remote tracks, receivers(pc): its RTCRtpReceivers }. It returns the operations Java runs ("mediaStart",
// "mediaRead", "syntheticPause").
//
// The stamp: the top band of every synthetic frame is a grid of 16x4 black or white cells, 64 bits: a 24-bit
// frame counter, the low 32 bits of the capture time (ms on performance.timeOrigin + performance.now(), the
// wall clock every browser on this machine shares) and a CRC-8 of the seven bytes before it. Cells are
// 1/16 of the width and 1/24 of the height, so a frame scaled down four times still has cells of 10x5 pixels
// at 640x480; a misread stamp fails its CRC and is dropped, never trusted.
// The microphone beeps (880 Hz, 60 ms) at every whole second of that clock; the receiving side hears the
// onset and takes the delay from the whole second before it (audio delays above 1 s are not measured).
({ synthetic, connection, remoteTracks, receivers }) => {
  const clock = () => performance.timeOrigin + performance.now();
  const COLS = 16;
  const ROWS = 4;
  const BAND = 24; // a cell is 1/BAND of the height
  const crc8 = (bytes) => {
    let c = 0;
    for (const b of bytes) {
      c ^= b;
      for (let i = 0; i < 8; i++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
    }
    return c;
  };
  const stampBytes = (counter, ms) => {
    const t = Math.floor(ms) % 4294967296;
    const b = [(counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff,
      Math.floor(t / 16777216) & 0xff, (t >>> 16) & 0xff, (t >>> 8) & 0xff, t & 0xff];
    b.push(crc8(b));
    return b;
  };

  // ---- The synthetic camera and microphone ----
  const generators = new Set();
  let paused = false;
  const number = (c, fallback) => {
    if (c == null) return fallback;
    if (typeof c === 'number') return c;
    return c.exact ?? c.ideal ?? c.max ?? c.min ?? fallback;
  };
  const VIDEO_ID = 'callflow-synthetic-camera';
  const AUDIO_ID = 'callflow-synthetic-microphone';
  const GROUP_ID = 'callflow-synthetic';
  const fail = (name, message, constraint) => {
    const e = new DOMException(message, name);
    if (constraint) Object.defineProperty(e, 'constraint', { value: constraint });
    return e;
  };
  const wantsDevice = (c, id) => {
    const d = c && typeof c === 'object' ? c.deviceId : undefined;
    if (d == null) return true;
    const exact = typeof d === 'object' && !Array.isArray(d) ? d.exact : null;
    if (exact == null) return true;
    return (Array.isArray(exact) ? exact : [exact]).includes(id);
  };
  const dress = (track, label, deviceId, settings) => {
    Object.defineProperty(track, 'label', { configurable: true, get: () => label });
    const own = track.getSettings.bind(track);
    Object.defineProperty(track, 'getSettings', { configurable: true, value: () => ({ ...own(), deviceId, groupId: GROUP_ID, ...settings() }) });
  };

  const camera = (constraints) => {
    const c = typeof constraints === 'object' ? constraints : {};
    const size = { width: Math.round(number(c.width, synthetic.width)), height: Math.round(number(c.height, synthetic.height)) };
    let fps = number(c.frameRate, synthetic.frameRate);
    if (!(size.width >= 16 && size.height >= 16 && size.width <= 3840 && size.height <= 3840)) {
      throw fail('OverconstrainedError', 'The synthetic camera makes 16x16 to 3840x3840, not ' + size.width + 'x' + size.height, 'width');
    }
    if (!(fps > 0 && fps <= 60)) throw fail('OverconstrainedError', 'The synthetic camera makes 1 to 60 frames per second, not ' + fps, 'frameRate');
    const canvas = document.createElement('canvas');
    canvas.width = size.width; canvas.height = size.height;
    const g = canvas.getContext('2d');
    const stream = canvas.captureStream(0);
    const track = stream.getVideoTracks()[0];
    const gen = { counter: 0, timer: 0, next: 0 };
    const draw = () => {
      const w = canvas.width;
      const h = canvas.height;
      const t = clock();
      const counter = (++gen.counter) & 0xffffff;
      // Moving content, so encoders really encode: a hue that turns, a bar that sweeps, a disc that circles.
      g.fillStyle = 'hsl(' + ((t / 40) % 360) + ',55%,45%)';
      g.fillRect(0, 0, w, h);
      const bar = ((t / 2000) % 1) * w;
      g.fillStyle = '#fff4';
      g.fillRect(bar, h / 6, w / 12, h);
      g.fillStyle = '#222a';
      g.beginPath();
      g.arc(w / 2 + Math.cos(t / 500) * w / 4, h * 0.6 + Math.sin(t / 500) * h / 6, h / 10, 0, 2 * Math.PI);
      g.fill();
      g.fillStyle = '#fff';
      g.font = Math.round(h / 12) + 'px sans-serif';
      g.fillText((synthetic.label ? synthetic.label + ' ' : '') + '#' + counter, w / 20, h * 0.9);
      // The stamp.
      const cw = w / COLS;
      const ch = h / BAND;
      const bytes = stampBytes(counter, t);
      for (let i = 0; i < 64; i++) {
        const bit = (bytes[i >> 3] >> (7 - (i & 7))) & 1;
        g.fillStyle = bit ? '#fff' : '#000';
        g.fillRect(Math.floor((i % COLS) * cw), Math.floor(Math.floor(i / COLS) * ch), Math.ceil(cw), Math.ceil(ch));
      }
      if (track.requestFrame) track.requestFrame(); else stream.requestFrame && stream.requestFrame();
    };
    // Frames on a schedule of their own (not the page's animation frames, which stop in a hidden tab).
    const tick = () => {
      if (track.readyState === 'ended') { generators.delete(gen); return; }
      if (!paused) draw();
      const interval = 1000 / fps;
      gen.next = Math.max(gen.next + interval, performance.now());
      gen.timer = setTimeout(tick, gen.next - performance.now());
    };
    gen.next = performance.now();
    generators.add(gen);
    tick();
    dress(track, 'Callflow synthetic camera', VIDEO_ID, () => ({ width: canvas.width, height: canvas.height, frameRate: fps }));
    const stop = track.stop.bind(track);
    Object.defineProperty(track, 'stop', { configurable: true, value: () => { clearTimeout(gen.timer); generators.delete(gen); stop(); } });
    Object.defineProperty(track, 'applyConstraints', { configurable: true, value: async (more) => {
      const m = more || {};
      const width = Math.round(number(m.width, canvas.width));
      const height = Math.round(number(m.height, canvas.height));
      const rate = number(m.frameRate, fps);
      if (!(width >= 16 && height >= 16 && width <= 3840 && height <= 3840 && rate > 0 && rate <= 60)) {
        throw fail('OverconstrainedError', 'The synthetic camera cannot make ' + width + 'x' + height + '@' + rate, 'width');
      }
      canvas.width = width; canvas.height = height; fps = rate;
    } });
    return track;
  };

  let context = null;
  const audioContext = () => {
    if (!context) context = new AudioContext();
    if (context.state === 'suspended') context.resume().catch(() => {});
    return context;
  };
  const BEEP_MS = 60;
  const microphone = () => {
    const ctx = audioContext();
    const osc = ctx.createOscillator();
    osc.frequency.value = 880;
    const gain = ctx.createGain();
    gain.gain.value = 0;
    const out = ctx.createMediaStreamDestination();
    osc.connect(gain).connect(out);
    osc.start();
    const track = out.stream.getAudioTracks()[0];
    // Beeps at each whole second of the wall clock. Each is put on the audio clock only shortly before it is due: an
    // audio clock may not keep real time (Firefox's mock output on a busy machine ran at 77 %), and the error grows with the lead.
    const schedule = () => {
      if (track.readyState === 'ended') return;
      const now = clock();
      const mark = Math.ceil((now + 20) / 1000) * 1000;
      const lead = mark - now;
      if (lead > 80) {
        timer = setTimeout(schedule, lead - 60);
        return;
      }
      const at = ctx.currentTime + lead / 1000;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.5, at + 0.002);
      gain.gain.setValueAtTime(0.5, at + BEEP_MS / 1000);
      gain.gain.linearRampToValueAtTime(0, at + BEEP_MS / 1000 + 0.002);
      timer = setTimeout(schedule, lead + 200);
    };
    let timer = 0;
    schedule();
    dress(track, 'Callflow synthetic microphone', AUDIO_ID, () => ({ sampleRate: ctx.sampleRate, channelCount: 1 }));
    const stop = track.stop.bind(track);
    Object.defineProperty(track, 'stop', { configurable: true, value: () => { clearTimeout(timer); osc.stop(); stop(); } });
    return track;
  };

  if (synthetic && navigator.mediaDevices) {
    const native = { enumerateDevices: navigator.mediaDevices.enumerateDevices && navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices) };
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const c = constraints || {};
      if (!c.audio && !c.video) throw new TypeError("getUserMedia needs 'audio' or 'video'");
      if (c.video && !wantsDevice(c.video, VIDEO_ID)) throw fail('OverconstrainedError', 'No camera with that deviceId', 'deviceId');
      if (c.audio && !wantsDevice(c.audio, AUDIO_ID)) throw fail('OverconstrainedError', 'No microphone with that deviceId', 'deviceId');
      const tracks = [];
      if (c.audio) tracks.push(microphone());
      if (c.video) tracks.push(camera(c.video));
      return new MediaStream(tracks);
    };
    const info = (kind, deviceId, label) => {
      const d = { deviceId, kind, label, groupId: GROUP_ID };
      return { ...d, toJSON: () => d };
    };
    navigator.mediaDevices.enumerateDevices = async () => {
      const outputs = native.enumerateDevices ? (await native.enumerateDevices()).filter((d) => d.kind === 'audiooutput') : [];
      return [info('audioinput', AUDIO_ID, 'Callflow synthetic microphone'), info('videoinput', VIDEO_ID, 'Callflow synthetic camera'), ...outputs];
    };
  }

  // ---- Measuring what arrives ----
  const MAX_VIDEO_SAMPLES = 20000;
  const MAX_AUDIO_ONSETS = 2000;
  const sessions = new Map(); // pc id -> measurement
  const reader = document.createElement('canvas');
  reader.width = COLS * 4; reader.height = ROWS * 4;
  let readerContext = null;
  // The stamp of the frame a video element shows now: [counter, capture ms] or null when it has none (or a misread).
  const readStamp = (el, width, height) => {
    readerContext ||= reader.getContext('2d', { willReadFrequently: true });
    readerContext.drawImage(el, 0, 0, width, height * ROWS / BAND, 0, 0, COLS * 4, ROWS * 4);
    const px = readerContext.getImageData(0, 0, COLS * 4, ROWS * 4).data;
    const bytes = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 64; i++) {
      const x = (i % COLS) * 4 + 2;
      const y = Math.floor(i / COLS) * 4 + 2;
      let sum = 0;
      for (const [dx, dy] of [[-1, -1], [0, -1], [-1, 0], [0, 0]]) {
        const o = ((y + dy) * COLS * 4 + x + dx) * 4;
        sum += 0.299 * px[o] + 0.587 * px[o + 1] + 0.114 * px[o + 2];
      }
      if (sum / 4 > 128) bytes[i >> 3] |= 1 << (7 - (i & 7));
    }
    if (crc8(bytes.slice(0, 7)) !== bytes[7]) return null;
    const counter = (bytes[0] << 16) | (bytes[1] << 8) | bytes[2];
    const low = bytes[3] * 16777216 + ((bytes[4] << 16) | (bytes[5] << 8) | bytes[6]);
    // The full time: the one with these low 32 bits nearest before now.
    const now = Math.floor(clock());
    const nowLow = now % 4294967296;
    const captured = now - ((nowLow - low + 4294967296) % 4294967296);
    return [counter, captured];
  };

  const watchVideo = (m, el, index) => {
    if (!el.requestVideoFrameCallback) return;
    const onFrame = (now, md) => {
      if (!m.active) return;
      const began = performance.now();
      const at = performance.timeOrigin + (md.expectedDisplayTime || now);
      let stamp = null;
      try { stamp = readStamp(el, md.width, md.height); } catch (e) { stamp = null; }
      if (m.video.length < MAX_VIDEO_SAMPLES) {
        m.video.push([index, Math.round(at * 10) / 10, md.presentedFrames, md.width, md.height,
          stamp ? stamp[0] : -1, stamp ? stamp[1] : -1]);
      }
      el.requestVideoFrameCallback(onFrame);
      m.cost += performance.now() - began;
    };
    el.requestVideoFrameCallback(onFrame);
  };

  const watchAudio = (m, track) => {
    const ctx = audioContext();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const node = ctx.createScriptProcessor(512, 1, 1);
    const mute = ctx.createGain();
    mute.gain.value = 0;
    let lastLoud = -Infinity;
    node.onaudioprocess = (e) => {
      if (!m.active) return;
      const began = performance.now();
      try { hear(e); } finally { m.cost += performance.now() - began; }
    };
    const hear = (e) => {
      const data = e.inputBuffer.getChannelData(0);
      const end = clock();
      for (let i = 0; i < data.length; i++) {
        if (Math.abs(data[i]) < 0.1) continue;
        const at = end - (data.length - i) * 1000 / e.inputBuffer.sampleRate;
        // An onset: sound after at least 300 ms of quiet.
        if (at - lastLoud > 300 && m.audio.length < MAX_AUDIO_ONSETS) m.audio.push(Math.round(at * 10) / 10);
        lastLoud = end;
        break;
      }
    };
    source.connect(node).connect(mute).connect(ctx.destination);
    m.stops.push(() => { try { source.disconnect(); node.disconnect(); } catch (e) { /* already */ } });
  };

  const operations = {
    // Starts measuring this connection's remote video (on every <video> showing it) and audio, for at most `seconds`.
    mediaStart({ pc, seconds }) {
      const old = sessions.get(pc);
      if (old) old.stop();
      const found = connection(pc);
      const remote = remoteTracks(found);
      const shows = (v) => v.srcObject && typeof v.srcObject.getVideoTracks === 'function'
        // Live ones only: a page that called before may still show the last call's ended track, which had the same id.
        && v.srcObject.getVideoTracks().some((t) => remote.has(t.id) && t.readyState === 'live');
      const elements = [...document.querySelectorAll('video')].filter(shows);
      const audioTracks = receivers(found).map((r) => r.track).filter((t) => t && t.kind === 'audio' && t.readyState === 'live');
      const m = { active: true, start: clock(), end: null, video: [], audio: [], stops: [], cost: 0,
        elements: elements.map((v) => (v.id ? '#' + v.id : '<video>') + ' ' + v.videoWidth + 'x' + v.videoHeight) };
      m.stop = () => {
        if (!m.active) return;
        m.active = false; m.end = clock();
        if (m.audioClock) m.audioClockRate = (audioContext().currentTime - m.audioClock[0]) * 1000 / (m.end - m.audioClock[1]);
        clearTimeout(m.timer);
        m.stops.forEach((f) => f());
      };
      m.timer = setTimeout(m.stop, Math.max(1, seconds) * 1000);
      sessions.set(pc, m);
      elements.forEach((el, i) => watchVideo(m, el, i));
      audioTracks.forEach((t) => { try { watchAudio(m, t); } catch (e) { m.audioError = String(e); } });
      // How fast the page's audio clock runs against the wall clock during the measurement: onsets are heard on it.
      if (audioTracks.length) m.audioClock = [audioContext().currentTime, clock()];
      return { start: m.start, elements: m.elements, audioTracks: audioTracks.length,
        rvfc: typeof HTMLVideoElement.prototype.requestVideoFrameCallback === 'function' };
    },
    // Stops the measurement and returns it: the window, the video samples from `from` on (at most `max`) and the
    // audio onsets. Each video sample: [element, wall ms, presentedFrames, width, height, counter or -1, capture ms or -1].
    mediaRead({ pc, from, max }) {
      const m = sessions.get(pc);
      if (!m) throw new DOMException('No measurement of ' + pc + ' was started on this page', 'InvalidStateError');
      m.stop();
      const first = from || 0;
      const count = Math.min(max || 900, 900);
      return { start: m.start, end: m.end, elements: m.elements, total: m.video.length,
        video: m.video.slice(first, first + count), audio: m.audio.slice(0, 900), audioError: m.audioError || null,
        audioClockRate: m.audioClockRate ?? null, costMs: m.cost, now: clock() };
    },
    // Forgets every measurement and unfreezes the cameras: the page is reset for the next test (the probe's reset).
    mediaReset() {
      sessions.forEach((m) => m.stop());
      sessions.clear();
      paused = false;
      return null;
    },
    // Stops (true) or restarts (false) every synthetic camera of this page: the picture freezes, as a stuck camera's would.
    syntheticPause({ paused: p }) {
      if (!synthetic) throw new DOMException('This peer has no synthetic camera', 'InvalidStateError');
      paused = !!p;
      return generators.size;
    },
  };
  return operations;
}
