// A small meeting app, written as any app is: nothing here knows about Callflow. It joins a room of the
// server's WebSocket signalling (/signaling/<room>), and the one who joins second makes the offer.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const room = params.get('room') || 'meeting';
  const name = params.get('name') || 'guest';
  let socket = null;
  let pc = null;
  let stream = null;
  let other = null;

  const status = (text) => { $('status').textContent = text; };
  const signal = (data) => socket.send(JSON.stringify({ type: 'signal', to: other, data }));

  function startCall(offering) {
    pc = new RTCPeerConnection();
    stream.getTracks().forEach((track) => pc.addTrack(track, stream));
    pc.onicecandidate = (e) => { if (e.candidate) signal({ candidate: e.candidate.toJSON() }); };
    pc.ontrack = (e) => { $('remote').srcObject = e.streams[0]; };
    pc.onconnectionstatechange = () => status('Call is ' + pc.connectionState + '.');
    if (offering) {
      pc.setLocalDescription().then(() => signal({ description: pc.localDescription.toJSON() }));
    }
  }

  async function onSignal(data) {
    if (data.bye) {
      endCall('The other side hung up.');
    } else if (data.description) {
      if (!pc) startCall(false);
      await pc.setRemoteDescription(data.description);
      if (data.description.type === 'offer') {
        await pc.setLocalDescription();
        signal({ description: pc.localDescription.toJSON() });
      }
    } else if (data.candidate) {
      await pc.addIceCandidate(data.candidate);
    }
  }

  function endCall(text) {
    if (pc) pc.close();
    pc = null;
    $('remote').srcObject = null;
    $('hangup').disabled = true;
    status(text);
  }

  $('join').onclick = async () => {
    $('join').disabled = true;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    } catch (e) {
      status('No camera or microphone: ' + e.name);
      console.error('getUserMedia failed: ' + e.name + ': ' + e.message);
      return;
    }
    $('local').srcObject = stream;
    const url = new URL('/signaling/' + encodeURIComponent(room) + '?name=' + encodeURIComponent(name), location.href);
    url.protocol = 'ws:';
    socket = new WebSocket(url);
    socket.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (m.type === 'welcome' && m.members.length > 0) {
        other = m.members[0].id;
        startCall(true);
      } else if (m.type === 'joined') {
        other = m.id;
        status(m.name + ' joined.');
      } else if (m.type === 'signal') {
        onSignal(m.data).catch((err) => console.error('signal failed: ' + err.name + ': ' + err.message));
      }
    };
    $('hangup').disabled = false;
    status('Waiting in ' + room + '.');
  };

  $('hangup').onclick = () => {
    if (other) signal({ bye: true });
    endCall('You hung up.');
  };
})();
