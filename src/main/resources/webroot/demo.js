// The demo page, a meeting: join a room under a name, turn camera and microphone on (then mute
// and unmute them: mute, not unpublish), pick the devices, share a screen, chat, leave. Every
// participant has one tile: the camera or an avatar with initials while it is off or muted, the
// name, the microphone's state, a ring while the SFU ranks them among the active speakers, and
// a connection-quality mark from getStats. A shared screen takes the stage (presenter layout)
// and the tiles become a strip. Everything it does goes through the SDK's public API.
//
// Query parameters: ?room=<name>&name=<display name> prefill the form (after Join the address
// becomes the shareable ?room= link); &urls=<ws URL>,<ws URL> gives the SDK several signaling
// URLs (nodes) to go through when it reconnects.
//
// The page is the browser tests' subject (src/test/js/browser-e2e.mjs, browser-meeting.mjs):
// - each track is a `figure.tile` (classes local|remote and audio|video; data-client-id,
//   data-source, data-kind, data-muted, the last statistics as data-*; a remote video tile's
//   `.layer` badge and data-layer / data-layer-size say which simulcast layer the SFU sends it:
//   rid or index, size, `paused`), inside its
//   participant's tile, or in #stage for a screen;
// - each participant is an `article.participant` (data-client-id, data-self, data-name,
//   data-camera on|muted|off, data-mic on|muted|off, data-speaking, data-quality
//   good|ok|poor|unknown); #meeting has data-layout grid|presenter;
// - #status carries data-state and, while in a room, data-others (how many others are there);
//   #banner (role=alert) shows what went wrong until dismissed or the next successful join;
// - chat messages are `#chat-messages li` (data-from, data-history).

import {SfuClient} from './sfu-client.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
if (params.get('room')) {
  $('room').value = params.get('room');
}
if (params.get('name')) {
  $('name').value = params.get('name');
}

const client = new SfuClient({urls: params.get('urls')?.split(',').filter(Boolean)});
/**
 * The track tiles, by `clientId/trackId` (remote) or `local/<button id>` (own).
 * @type {Map<string, {element: HTMLElement, track: MediaStreamTrack, last: any,
 *     clientId: string, local: boolean}>}
 */
const tiles = new Map();
/** @type {Map<string, HTMLElement>} participant tiles by client id (own: SELF) */
const participants = new Map();
/** @type {Map<string, MediaStreamTrack>} what this page publishes, by button id */
const publishing = new Map();
/** The key of the own participant tile (its client id changes when the SDK rejoins). */
const SELF = 'self';
const MAX_CHAT_ITEMS = 200;
const MAX_LOG_ITEMS = 100;
const CAMERA_CONSTRAINTS = {width: 640, height: 480};

window.sfuDemo = {client, tiles, participants};

function log(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  $('log').prepend(item);
  while ($('log').children.length > MAX_LOG_ITEMS) {
    $('log').lastChild.remove();
  }
}

function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
  if (state !== 'joined') {
    delete $('status').dataset.others;
  }
}

/** The status while in a room, from the SDK's live list of the other clients. */
function showMembers() {
  const others = client.clients.size;
  setStatus('joined', `In room ${client.room} with ${others} other${others === 1 ? '' : 's'}.`);
  $('status').dataset.others = String(others);
}

/** Shows what went wrong in the banner, over the page, until dismissed or the next join. */
function showError(text) {
  $('banner-text').textContent = text;
  $('banner').hidden = false;
  log(text);
}

function hideError() {
  $('banner').hidden = true;
  $('banner-text').textContent = '';
}

$('banner-close').addEventListener('click', hideError);

function setJoined(joined) {
  $('join').disabled = joined;
  $('room').disabled = joined;
  $('name').disabled = joined;
  for (const id of ['camera', 'microphone', 'screen', 'leave', 'chat-input', 'chat-send']) {
    $(id).disabled = !joined;
  }
  if (!joined) {
    for (const id of ['camera', 'microphone', 'screen']) {
      $(id).setAttribute('aria-pressed', 'false');
      $(id).dataset.state = 'off';
    }
  }
}

// ------------------------------------------------------------------ participants

/** @param {string|undefined} name @returns {string} one or two capital letters */
function initials(name) {
  const words = (name ?? '').trim().split(/[\s._-]+/).filter(Boolean);
  if (words.length === 0) {
    return '?';
  }
  const letters = words.length === 1 ? [...words[0]].slice(0, 2) : [words[0][0], words.at(-1)[0]];
  return letters.join('').toUpperCase();
}

const MIC_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="9" y="3" width="6" height="11" '
    + 'rx="3"/><path d="M6 11a6 6 0 0 0 12 0M12 17v4M9 21h6" fill="none"/>'
    + '<line class="slash" x1="4" y1="4" x2="20" y2="20"/></svg>';

/**
 * The tile of a participant, made when first needed.
 * @param {string} key a client id, or SELF
 * @returns {HTMLElement}
 */
function participantTile(key) {
  let element = participants.get(key);
  if (element) {
    return element;
  }
  element = document.createElement('article');
  element.className = 'participant';
  element.dataset.self = String(key === SELF);
  element.dataset.speaking = 'false';
  element.dataset.quality = 'unknown';
  element.innerHTML = '<div class="media"><div class="avatar" aria-hidden="true"></div></div>'
      + `<div class="nameplate"><span class="mic" role="img">${MIC_ICON}</span>`
      + '<span class="name"></span><span class="quality" role="img"></span></div>'
      + '<div class="audios"></div>';
  participants.set(key, element);
  if (key === SELF) {
    $('participants').prepend(element);
  } else {
    $('participants').append(element);
  }
  renderParticipant(key);
  return element;
}

/** Brings a participant tile's id, name, camera and microphone state up to date. */
function renderParticipant(key) {
  const element = participants.get(key);
  if (!element) {
    return;
  }
  const self = key === SELF;
  const clientId = self ? client.clientId ?? '' : key;
  const name = self ? ($('name').value || 'You') : (client.nameOf(key) || `guest ${key.slice(0, 4)}`);
  element.dataset.clientId = clientId;
  element.dataset.name = name;
  element.querySelector('.name').textContent = self ? `${name} (you)` : name;
  element.querySelector('.avatar').textContent = initials(name);
  const camera = element.querySelector('.tile.video[data-source="media"]');
  const mic = element.querySelector('.tile.audio');
  const state = (tile) => !tile ? 'off' : tile.dataset.muted === 'true' ? 'muted' : 'on';
  element.dataset.camera = state(camera);
  element.dataset.mic = state(mic);
  const micIcon = element.querySelector('.mic');
  micIcon.setAttribute('aria-label', `microphone ${element.dataset.mic}`);
  micIcon.title = `Microphone ${element.dataset.mic}`;
}

/** Makes the remote participant tiles those of the clients in the room (and their tracks). */
function syncParticipants() {
  for (const clientId of client.clients.keys()) {
    participantTile(clientId);
    renderParticipant(clientId);
  }
  for (const [key, element] of [...participants]) {
    if (key !== SELF && !client.clients.has(key) && !element.querySelector('.tile')) {
      element.remove();
      participants.delete(key);
    }
  }
}

function clearParticipants() {
  for (const element of participants.values()) {
    element.remove();
  }
  participants.clear();
}

/** Presenter layout while a screen is shared: the screen on the stage, the others a strip. */
function updateLayout() {
  const presenting = $('stage').querySelector('.tile') !== null;
  $('meeting').dataset.layout = presenting ? 'presenter' : 'grid';
}

// ------------------------------------------------------------------ track tiles

/**
 * @param {string} key
 * @param {MediaStreamTrack} track
 * @param {{clientId: string, source: string, kind: string, name?: string, local: boolean,
 *     trackId?: string, mid?: string, muted?: boolean}} about
 */
function addTile(key, track, about) {
  removeTile(key);
  const element = document.createElement('figure');
  element.className = `tile ${about.local ? 'local' : 'remote'} ${track.kind}`;
  element.dataset.key = key;
  element.dataset.clientId = about.clientId;
  element.dataset.source = about.source;
  element.dataset.kind = track.kind;
  element.dataset.muted = String(about.muted === true);
  if (about.trackId) {
    element.dataset.trackId = about.trackId;
    element.dataset.mid = about.mid;
  }
  const media = document.createElement(track.kind === 'video' ? 'video' : 'audio');
  media.autoplay = true;
  media.playsInline = true;
  media.muted = about.local || track.kind === 'video';
  media.srcObject = new MediaStream([track]);
  element.append(media);
  const label = document.createElement('figcaption');
  label.className = 'label';
  label.textContent = about.source === 'screen'
    ? `${about.name || about.clientId}'s screen · ${about.clientId} · screen`
    : [about.name, about.clientId, about.source].filter(Boolean).join(' · ');
  const stats = document.createElement('div');
  stats.className = 'stats';
  stats.textContent = 'waiting for media…';
  element.append(label, stats);
  const owner = about.local ? SELF : about.clientId;
  if (about.source === 'screen') {
    $('stage').append(element);
  } else {
    const participant = participantTile(owner);
    participant.querySelector(track.kind === 'video' ? '.media' : '.audios').append(element);
  }
  if (!about.local && track.kind === 'video') {
    // the SDK asks the SFU for the layer that fills this element, none while it is hidden
    client.attachVideo(track, /** @type {HTMLVideoElement} */ (media));
    const layer = document.createElement('span');
    layer.className = 'layer';
    layer.hidden = true;
    element.append(layer);
  }
  const layer = about.local ? undefined : client.layerOf(about);
  if (layer) {
    showLayer(element, layer); // told before the track was negotiated
  }
  media.play().catch(() => {}); // autoplay: the Join click was the user's gesture
  tiles.set(key, {element, track, last: null, clientId: owner, local: about.local});
  renderParticipant(owner);
  updateLayout();
}

function removeTile(key) {
  const tile = tiles.get(key);
  if (tile) {
    client.detachVideo(tile.element.querySelector('video, audio'));
    tile.element.querySelector('video, audio').srcObject = null;
    tile.element.remove();
    tiles.delete(key);
    renderParticipant(tile.clientId);
    updateLayout();
  }
}

/** Puts another track (a switched device) on a local tile. */
function retrack(key, track) {
  const tile = tiles.get(key);
  if (tile) {
    tile.track = track;
    tile.last = null;
    tile.element.querySelector('video, audio').srcObject = new MediaStream([track]);
  }
}

/**
 * Shows on a remote video tile the simulcast layer the SFU sends it.
 * @param {HTMLElement} element
 * @param {import('./sfu-client.js').VideoLayer} layer
 */
function showLayer(element, layer) {
  const badge = element.querySelector('.layer');
  if (!badge) {
    return;
  }
  const size = layer.width ? `${layer.width}x${layer.height}` : '';
  const name = layer.spatial < 0 ? 'paused' : (layer.rid ?? `layer ${layer.spatial}`);
  element.dataset.layer = name;
  element.dataset.layerSize = layer.spatial < 0 ? '' : size;
  badge.textContent = layer.spatial < 0 ? name : [name, size].filter(Boolean).join(' ');
  badge.title = layer.spatial < 0 ? 'the SFU sends nothing of this video now'
    : `simulcast layer ${layer.spatial} of this video${layer.temporal >= 0
      ? `, temporal layers up to ${layer.temporal}` : ''}`;
  badge.hidden = false;
}

/** @param {HTMLElement} element @param {boolean} muted */
function setTileMuted(element, muted) {
  element.dataset.muted = String(muted);
}

// ------------------------------------------------------------------ statistics and quality

/**
 * The mark of a participant's connection from what its tracks lost and their jitter over the
 * last second: good below 2% loss and 30 ms, poor from 8% or 100 ms, ok between.
 * @param {number} lost @param {number} received @param {number} jitterMs
 */
function quality(lost, received, jitterMs) {
  const loss = lost + received > 0 ? lost / (lost + received) : 0;
  if (loss >= 0.08 || jitterMs >= 100) {
    return 'poor';
  }
  return loss >= 0.02 || jitterMs >= 30 ? 'ok' : 'good';
}

async function refreshStats() {
  /** @type {Map<string, {lost: number, received: number, jitterMs: number}>} */
  const flows = new Map();
  for (const tile of [...tiles.values()]) {
    const stats = await client.getTrackStats(tile.track).catch(() => null);
    if (!stats || !tiles.has(tile.element.dataset.key)) {
      continue;
    }
    const last = tile.last;
    tile.last = stats;
    const fresh = last && stats.timestamp > last.timestamp && stats.bytes >= last.bytes;
    const kbps = fresh
      ? Math.round(((stats.bytes - last.bytes) * 8) / (stats.timestamp - last.timestamp))
      : 0;
    const parts = [`${kbps} kbps`];
    if (stats.direction === 'inbound') {
      parts.push(`lost ${stats.packetsLost}`);
      if (fresh && stats.packets > last.packets) {
        const flow = flows.get(tile.clientId) ?? {lost: 0, received: 0, jitterMs: 0};
        flow.lost += Math.max(0, stats.packetsLost - last.packetsLost);
        flow.received += stats.packets - last.packets;
        flow.jitterMs = Math.max(flow.jitterMs, (stats.jitter ?? 0) * 1000);
        flows.set(tile.clientId, flow);
      }
    }
    if (stats.frameWidth) {
      parts.push(`${stats.frameWidth}x${stats.frameHeight}`);
    }
    if (stats.framesPerSecond) {
      parts.push(`${Math.round(stats.framesPerSecond)} fps`);
    }
    if (stats.codec) {
      parts.push(stats.codec.replace(/^(audio|video)\//, ''));
    }
    const dataset = tile.element.dataset;
    dataset.kbps = String(kbps);
    dataset.packets = String(stats.packets);
    dataset.packetsLost = String(stats.packetsLost);
    dataset.resolution = stats.frameWidth ? `${stats.frameWidth}x${stats.frameHeight}` : '';
    tile.element.querySelector('.stats').textContent = parts.join(' · ');
  }
  for (const [key, element] of participants) {
    let mark;
    if (key === SELF) {
      const state = client.connectionState;
      mark = state === 'connected' ? 'good' : state === 'disconnected' || state === 'failed'
        ? 'poor' : 'unknown';
    } else {
      const flow = flows.get(key);
      if (!flow) {
        continue; // nothing arrived (all muted): the last mark holds
      }
      mark = quality(flow.lost, flow.received, flow.jitterMs);
      element.querySelector('.quality').title =
          `connection ${mark}: ${flow.lost} of ${flow.lost + flow.received} packets lost, `
          + `jitter ${Math.round(flow.jitterMs)} ms`;
    }
    element.dataset.quality = mark;
    element.querySelector('.quality').setAttribute('aria-label', `connection ${mark}`);
  }
}

setInterval(() => {
  refreshStats().catch(() => {});
}, 1000);

// ------------------------------------------------------------------ chat

/** @param {import('./sfu-client.js').RoomMessage} message */
function showMessage(message) {
  const item = document.createElement('li');
  item.className = `message${message.own ? ' own' : ''}${message.history ? ' history' : ''}`;
  item.dataset.from = message.from ?? '';
  item.dataset.history = String(message.history);
  const head = document.createElement('div');
  head.className = 'head';
  const from = document.createElement('span');
  from.className = 'from';
  from.textContent = message.own ? 'You' : (message.name || client.nameOf(message.from)
      || message.from);
  const time = document.createElement('time');
  const at = new Date(message.timestamp);
  time.dateTime = at.toISOString();
  time.textContent = at.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
  head.append(from, time);
  if (message.history) {
    const earlier = document.createElement('span');
    earlier.className = 'earlier';
    earlier.textContent = 'before you joined';
    head.append(earlier);
  }
  if (message.to?.length) {
    const direct = document.createElement('span');
    direct.className = 'earlier';
    direct.textContent = 'to you';
    head.append(direct);
  }
  const text = document.createElement('p');
  text.className = 'text';
  text.textContent = message.text;
  item.append(head, text);
  const list = $('chat-messages');
  list.append(item);
  while (list.children.length > MAX_CHAT_ITEMS) {
    list.firstChild.remove();
  }
  list.scrollTop = list.scrollHeight;
}

$('chat-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('chat-input').value.trim();
  if (!text) {
    return;
  }
  $('chat-send').disabled = true;
  try {
    await client.sendMessage(text);
    $('chat-input').value = '';
  } catch (e) {
    showError(e.code === 'not_allowed'
      ? 'Too many messages at once: wait a few seconds and send again.'
      : `The message was not sent: ${e.message}`);
  } finally {
    $('chat-send').disabled = client.clientId === null;
  }
});

// ------------------------------------------------------------------ SDK events

client.addEventListener('remotetrack', (event) => {
  const {track, info, mid} = event.detail;
  addTile(`${info.clientId}/${info.trackId}`, track, {clientId: info.clientId,
    source: info.source, kind: info.kind, name: client.nameOf(info.clientId), local: false,
    trackId: info.trackId, mid, muted: info.muted});
  log(`receiving ${info.kind} ${info.source} of ${client.nameOf(info.clientId) || info.clientId}`);
});

client.addEventListener('layerchange', (event) => {
  const layer = event.detail;
  const tile = tiles.get(`${layer.clientId}/${layer.trackId}`);
  if (tile) {
    showLayer(tile.element, layer);
  }
});

client.addEventListener('trackremoved', (event) => {
  const {info, reason} = event.detail;
  removeTile(`${info.clientId}/${info.trackId}`);
  log(`stopped receiving ${info.kind} ${info.source} of ${info.clientId} (${reason})`);
});

client.addEventListener('trackmuted', (event) => {
  const {info, muted} = event.detail;
  const tile = tiles.get(`${info.clientId}/${info.trackId}`);
  if (tile) {
    setTileMuted(tile.element, muted);
    renderParticipant(info.clientId);
  }
  log(`${client.nameOf(info.clientId) || info.clientId} ${muted ? 'muted' : 'unmuted'} `
      + `${info.kind === 'audio' ? 'the microphone' : 'the camera'}`);
});

client.addEventListener('activespeakers', (event) => {
  const speaking = new Set(event.detail.speakers.map((s) => s.clientId));
  const loudest = event.detail.speakers[0]?.clientId;
  for (const [key, element] of participants) {
    const clientId = key === SELF ? client.clientId : key;
    element.dataset.speaking = String(speaking.has(clientId));
    element.dataset.loudest = String(clientId === loudest);
  }
});

client.addEventListener('roommessage', (event) => showMessage(event.detail));

client.addEventListener('trackavailable', (event) => {
  for (const info of event.detail.tracks) {
    log(`available: ${info.kind} ${info.source} of ${info.clientId}`
        + `${info.codec ? ` (${info.codec})` : ''}${info.muted ? ' (muted)' : ''}`);
  }
});

client.addEventListener('clientjoined', (event) => {
  log(`${event.detail.name || event.detail.clientId} joined`);
  if ($('status').dataset.state === 'joined') {
    syncParticipants();
    showMembers();
  }
});

client.addEventListener('clientleft', (event) => {
  log(`${event.detail.name || event.detail.clientId} left`);
  if ($('status').dataset.state === 'joined') {
    syncParticipants();
    showMembers();
  }
});

client.addEventListener('connectionstatechange', (event) => {
  const {state, origin} = event.detail;
  if (origin === 'peer') {
    $('peer-state').textContent = state;
    if (state === 'failed') {
      showError('The media connection to the SFU failed: no audio or video can flow. '
          + 'A firewall or the SFU\'s announced address may be the cause.');
    }
  } else if (origin === 'sfu') {
    $('sfu-state').textContent = state;
  } else if (origin === 'signaling' && state === 'closed') {
    setJoined(false);
    setStatus('closed', 'Disconnected: the SFU closed the connection.');
    showError(`The SFU closed the connection${event.detail.code ? ` (${event.detail.code}`
        + `${event.detail.reason ? ` ${event.detail.reason}` : ''})` : ''}.`);
    clearLocal();
  }
});

// Recovery: the SDK rejoins by itself; the page only says so (its tiles follow the tracks).
client.addEventListener('moved', (event) => {
  log(`room ${event.detail.room} moved (${event.detail.reason})`);
});

client.addEventListener('reconnecting', (event) => {
  const {attempt, delayMs, reason, error} = event.detail;
  $('client-id').textContent = '-';
  setStatus('reconnecting', `Reconnecting… (attempt ${attempt})`);
  log(`reconnecting (${reason}), attempt ${attempt} in ${delayMs} ms`
      + `${error ? `; last attempt: ${error.message}` : ''}`);
});

client.addEventListener('rejoined', (event) => {
  const {clientId, room, attempt} = event.detail;
  $('client-id').textContent = clientId;
  hideError(); // what went wrong before the recovery no longer holds
  renderParticipant(SELF);
  syncParticipants();
  showMembers();
  log(`rejoined ${room} as ${clientId} (attempt ${attempt})`);
});

client.addEventListener('disconnected', (event) => {
  setJoined(false);
  setStatus('closed', `Disconnected (${event.detail.reason}).`);
  showError(`Disconnected from the SFU (${event.detail.reason})`
      + `${event.detail.error?.message ? `: ${event.detail.error.message}` : '.'}`);
});

client.addEventListener('error', (event) => {
  const {code, message, track, codec} = event.detail;
  if (code === 'codec_not_supported' && track) {
    const name = client.nameOf(track.clientId) || track.clientId;
    showError(`Cannot receive ${track.kind ?? ''} ${track.source ?? ''} of ${name}: this browser `
        + `cannot decode ${codec ?? 'its codec'}.`.replace(/ +/g, ' '));
  } else {
    showError(`Error ${code}: ${message}`);
  }
});

// ------------------------------------------------------------------ joining and the link

/** Puts the room in the address bar (a link to share) and shows it with a copy button. */
function showShareLink(room) {
  const url = new URL(location.href);
  url.search = '';
  url.searchParams.set('room', room);
  if (params.get('urls')) {
    url.searchParams.set('urls', params.get('urls'));
  }
  history.replaceState(null, '', url.href);
  $('share-link').value = url.href;
  $('share').hidden = false;
}

$('copy-link').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText($('share-link').value);
    $('copy-link').textContent = 'Copied';
  } catch {
    $('share-link').select(); // no clipboard permission: the user copies the selection
  }
});

$('join-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  setJoined(true);
  $('leave').disabled = true;
  $('chat-messages').replaceChildren();
  setStatus('joining', `Joining ${$('room').value}…`);
  try {
    const joined = await client.join($('room').value, {name: $('name').value || undefined});
    $('client-id').textContent = joined.clientId;
    setJoined(true);
    hideError();
    participantTile(SELF);
    renderParticipant(SELF);
    syncParticipants();
    showMembers();
    showShareLink(joined.room);
    log(`joined ${joined.room} as ${joined.clientId}`);
  } catch (e) {
    setJoined(false);
    setStatus('error', `Join failed: ${e.message}`);
    showError(e.code === 'closed' || e.code === 'timeout'
      ? `Cannot connect to the SFU at ${client.url} (${e.code}). Check that it runs and that `
        + 'the address is right.'
      : `Join failed: ${e.message}`);
  }
});

// ------------------------------------------------------------------ camera, microphone, screen

/** @param {string} id a button @param {'on'|'muted'|'off'} state */
function showButton(id, state) {
  $(id).setAttribute('aria-pressed', String(state === 'on'));
  $(id).dataset.state = state;
}

/**
 * Camera and microphone: the first press publishes the device; later presses mute and unmute
 * it (the track stays published, its m-line too).
 * @param {string} id the button
 * @param {'audio'|'video'} kind
 */
function device(id, kind) {
  $(id).addEventListener('click', async () => {
    const button = $(id);
    button.disabled = true;
    try {
      const current = publishing.get(id);
      if (current) {
        const muted = button.dataset.state === 'on';
        await client.muteTrack(current, muted);
        const tile = tiles.get(`local/${id}`);
        if (tile) {
          setTileMuted(tile.element, muted);
          renderParticipant(SELF);
        }
        showButton(id, muted ? 'muted' : 'on');
        log(`${muted ? 'muted' : 'unmuted'} the ${id}`);
      } else {
        const deviceId = $(`${id}-select`).value;
        const constraints = {...(kind === 'video' ? CAMERA_CONSTRAINTS : {}),
          ...(deviceId ? {deviceId: {exact: deviceId}} : {})};
        const track = kind === 'video' ? await client.publishCamera(constraints)
          : await client.publishMicrophone(constraints);
        publishing.set(id, track);
        addTile(`local/${id}`, track, {clientId: client.clientId ?? 'me', source: 'media',
          kind: track.kind, name: $('name').value, local: true});
        showButton(id, 'on');
        log(`publishing the ${id}`);
        fillDevices().catch(() => {}); // labels are readable once a device was granted
      }
    } catch (e) {
      setStatus('error', `${button.textContent} failed: ${e.message}`);
      showError(`${button.textContent} failed: ${e.message}`);
    } finally {
      button.disabled = client.clientId === null;
    }
  });
}

device('camera', 'video');
device('microphone', 'audio');

$('screen').addEventListener('click', async () => {
  const button = $('screen');
  button.disabled = true;
  try {
    const current = publishing.get('screen');
    if (current) {
      publishing.delete('screen');
      removeTile('local/screen');
      await client.unpublish(current);
      showButton('screen', 'off');
    } else {
      const track = await client.shareScreen();
      publishing.set('screen', track);
      track.addEventListener('ended', () => {
        if (publishing.get('screen') === track) {
          publishing.delete('screen');
          removeTile('local/screen');
          showButton('screen', 'off');
        }
      });
      addTile('local/screen', track, {clientId: client.clientId ?? 'me', source: 'screen',
        kind: track.kind, name: $('name').value || 'You', local: true});
      showButton('screen', 'on');
      log('sharing the screen');
    }
  } catch (e) {
    setStatus('error', `${button.textContent} failed: ${e.message}`);
    showError(`${button.textContent} failed: ${e.message}`);
  } finally {
    button.disabled = client.clientId === null;
  }
});

/** Lists the cameras and microphones in the pickers, keeping what is chosen. */
async function fillDevices() {
  const devices = await navigator.mediaDevices?.enumerateDevices?.() ?? [];
  for (const [id, kind] of [['camera', 'videoinput'], ['microphone', 'audioinput']]) {
    const select = $(`${id}-select`);
    const chosen = select.value || publishing.get(id)?.getSettings().deviceId || '';
    const options = devices.filter((d) => d.kind === kind && d.deviceId).map((d, i) => {
      const option = document.createElement('option');
      option.value = d.deviceId;
      option.textContent = d.label || `${id} ${i + 1}`;
      return option;
    });
    if (options.length === 0) {
      continue;
    }
    select.replaceChildren(...options);
    if (options.some((o) => o.value === chosen)) {
      select.value = chosen;
    }
  }
}

for (const [id, kind] of [['camera', 'video'], ['microphone', 'audio']]) {
  $(`${id}-select`).addEventListener('change', async () => {
    const current = publishing.get(id);
    if (!current) {
      return; // the next publish uses it
    }
    try {
      const track = await client.switchDevice(kind, $(`${id}-select`).value,
          kind === 'video' ? CAMERA_CONSTRAINTS : {});
      publishing.set(id, track);
      retrack(`local/${id}`, track);
      log(`switched the ${id} to ${track.label}`);
    } catch (e) {
      showError(`Switching the ${id} failed: ${e.message}`);
    }
  });
}

navigator.mediaDevices?.addEventListener?.('devicechange', () => fillDevices().catch(() => {}));
fillDevices().catch(() => {});

// ------------------------------------------------------------------ leaving

function clearLocal() {
  publishing.clear();
  for (const key of [...tiles.keys()]) {
    removeTile(key);
  }
  clearParticipants();
  updateLayout();
  $('client-id').textContent = '-';
}

$('leave').addEventListener('click', async () => {
  $('leave').disabled = true;
  const room = client.room;
  await client.leave();
  setJoined(false);
  clearLocal();
  setStatus('left', `Left room ${room}; disconnected from the SFU.`);
  log('left');
});
