// Captures real Chromium SDPs (createOffer/createAnswer, byte for byte) as test resources for
// dev.vertxsfu.wire.sdp. Run it from a scratch directory outside the repository:
//   mkdir /tmp/sdpcap && cd /tmp/sdpcap && npm install playwright-core@1.64.1
//   node <this file> <outdir>          (Debian's chromium at /usr/bin/chromium)
// It writes <outdir>/chromium-*.sdp; see ../README.txt for what each one is.
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

// getUserMedia needs a secure context: a file:// page is one.
const PAGE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sdpcap-')), 'index.html');
fs.writeFileSync(PAGE, '<!doctype html><meta charset="utf-8"><title>sdp capture</title>');

const out = process.argv[2] || 'out';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection'];

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const page = await browser.newPage();
  await page.goto('file://' + PAGE);
  const version = browser.version();
  const sdps = await page.evaluate(async () => {
    const r = {};
    const gum = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    // (1) audio + video sendrecv + data channel, (2) the answer from a second peer connection.
    const pc1 = new RTCPeerConnection();
    gum.getTracks().forEach(t => pc1.addTrack(t, gum));
    pc1.createDataChannel('chat');
    const offer = await pc1.createOffer();
    r['chromium-offer-av-data'] = offer.sdp;
    const pc2 = new RTCPeerConnection();
    await pc2.setRemoteDescription(offer);
    const gum2 = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    gum2.getTracks().forEach(t => pc2.addTrack(t, gum2));
    const answer = await pc2.createAnswer();
    r['chromium-answer-av-data'] = answer.sdp;
    await pc1.setLocalDescription(offer);
    await pc2.setLocalDescription(answer);
    await pc1.setRemoteDescription(answer);
    // (5) renegotiation: a second, screen-like video track (a canvas with contentHint detail).
    const canvas = document.createElement('canvas');
    canvas.width = 1280; canvas.height = 720;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#248'; ctx.fillRect(0, 0, 1280, 720);
    const screen = canvas.captureStream(5);
    const screenTrack = screen.getVideoTracks()[0];
    screenTrack.contentHint = 'detail';
    pc1.addTrack(screenTrack, screen);
    r['chromium-offer-renegotiation'] = (await pc1.createOffer()).sdp;
    // (3) simulcast video offer.
    const pc3 = new RTCPeerConnection();
    pc3.addTransceiver(gum.getVideoTracks()[0], { streams: [gum], sendEncodings: [
      { rid: 'q', scaleResolutionDownBy: 4 }, { rid: 'h', scaleResolutionDownBy: 2 }, { rid: 'f' }] });
    r['chromium-offer-simulcast'] = (await pc3.createOffer()).sdp;
    // (4) subscriber-only offer.
    const pc4 = new RTCPeerConnection();
    pc4.addTransceiver('audio', { direction: 'recvonly' });
    pc4.addTransceiver('video', { direction: 'recvonly' });
    r['chromium-offer-recvonly'] = (await pc4.createOffer()).sdp;
    // (6) an offer after ICE gathering completed (candidates in the SDP).
    const pc5 = new RTCPeerConnection();
    gum.getTracks().forEach(t => pc5.addTrack(t, gum));
    pc5.createDataChannel('chat');
    await pc5.setLocalDescription(await pc5.createOffer());
    await new Promise(done => {
      if (pc5.iceGatheringState === 'complete') return done();
      pc5.addEventListener('icegatheringstatechange', () => {
        if (pc5.iceGatheringState === 'complete') done();
      });
    });
    r['chromium-offer-gathered'] = pc5.localDescription.sdp;
    r.userAgent = navigator.userAgent;
    return r;
  });
  await browser.close();
  // (7) a data-channel-only offer from a browser started without the fake-media flags: a page
  // that holds no media permission gets its host addresses hidden behind mDNS .local names.
  const plain = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ARGS.filter(a => !a.startsWith('--use-fake-')) });
  const page2 = await plain.newPage();
  await page2.goto('file://' + PAGE);
  sdps['chromium-offer-mdns'] = await page2.evaluate(async () => {
    const pc = new RTCPeerConnection();
    pc.createDataChannel('chat');
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise(done => {
      if (pc.iceGatheringState === 'complete') return done();
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') done();
      });
    });
    return pc.localDescription.sdp;
  });
  await plain.close();
  fs.mkdirSync(out, { recursive: true });
  for (const [name, sdp] of Object.entries(sdps)) {
    if (name === 'userAgent') continue;
    fs.writeFileSync(path.join(out, name + '.sdp'), sdp, 'utf8');
  }
  console.log('Chromium', version, sdps.userAgent);
})().catch(e => { console.error(e); process.exit(1); });
