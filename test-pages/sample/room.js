// The sample room app: join a room over the server's WebSocket signalling, then keep one
// RTCPeerConnection per other member. Whoever joins later makes the offers, so two members never
// offer to each other at once. Nothing here knows about Callflow.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  if (params.get('name')) $('name').value = params.get('name');
  if (params.get('room')) $('room').value = params.get('room');

  let socket = null;
  let stream = null;
  const peers = new Map(); // member id -> { pc, video }

  const status = (text) => { $('status').textContent = text; };
  const send = (to, data) => socket.send(JSON.stringify({ type: 'signal', to, data }));

  function connectTo(id, offering) {
    const pc = new RTCPeerConnection();
    const video = document.createElement('video');
    video.autoplay = true; video.playsInline = true; video.id = 'remote-' + id;
    $('videos').appendChild(video);
    peers.set(id, { pc, video });
    stream.getTracks().forEach((t) => pc.addTrack(t, stream));
    pc.onicecandidate = (e) => { if (e.candidate) send(id, { candidate: e.candidate.toJSON() }); };
    pc.ontrack = (e) => { video.srcObject = e.streams[0] || new MediaStream([e.track]); };
    pc.onconnectionstatechange = () => status(peers.size + ' peer(s); ' + id + ' is ' + pc.connectionState);
    if (offering) {
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .then(() => send(id, { description: pc.localDescription.toJSON() }));
    }
    return pc;
  }

  async function onSignal(from, data) {
    const pc = (peers.get(from) || {}).pc || connectTo(from, false);
    if (data.description) {
      await pc.setRemoteDescription(data.description);
      if (data.description.type === 'offer') {
        await pc.setLocalDescription(await pc.createAnswer());
        send(from, { description: pc.localDescription.toJSON() });
      }
    } else if (data.candidate) {
      await pc.addIceCandidate(data.candidate);
    }
  }

  function drop(id) {
    const peer = peers.get(id);
    if (!peer) return;
    peer.pc.close();
    peer.video.remove();
    peers.delete(id);
  }

  $('join').onclick = async () => {
    $('join').disabled = true;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    } catch (e) {
      status('No camera or microphone: ' + e.name + ': ' + e.message);
      $('join').disabled = false;
      return;
    }
    $('local').srcObject = stream;
    const url = new URL('/signaling/' + encodeURIComponent($('room').value), location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('name', $('name').value);
    socket = new WebSocket(url);
    socket.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (m.type === 'welcome') {
        status('In room ' + m.room + ' as ' + m.id + ' with ' + m.members.length + ' other(s).');
        m.members.forEach((member) => connectTo(member.id, true));
      } else if (m.type === 'signal') {
        onSignal(m.from, m.data).catch((err) => console.error('signal from ' + m.from + ' failed', err));
      } else if (m.type === 'left') {
        drop(m.id);
        status(m.id + ' left.');
      }
    };
    socket.onclose = (e) => { status('Signalling closed: ' + e.code + ' ' + e.reason); $('join').disabled = false; $('leave').disabled = true; };
    $('leave').disabled = false;
  };

  $('leave').onclick = () => {
    socket.send(JSON.stringify({ type: 'leave' }));
    [...peers.keys()].forEach(drop);
    stream.getTracks().forEach((t) => t.stop());
    $('local').srcObject = null;
  };
})();
