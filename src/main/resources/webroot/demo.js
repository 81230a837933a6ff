// The demo page: join a room, publish camera, microphone or screen, and see every remote track
// in a tile with live statistics. Everything it does goes through the SDK's public API.
//
// Query parameters: ?room=<name>&name=<display name> prefill the form; &urls=<ws URL>,<ws URL>
// gives the SDK several signaling URLs (nodes) to go through when it reconnects.
// The page is also the browser end-to-end test's subject (src/test/js/browser-e2e.mjs): tiles
// carry data-client-id, data-source, data-kind and the last statistics as data-* attributes;
// #status carries data-state and, while in a room, data-others (how many others are there);
// #banner (role=alert) shows what went wrong until dismissed or the next successful join.

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
/** @type {Map<string, {element: HTMLElement, track: MediaStreamTrack, last: any}>} */
const tiles = new Map();
/** @type {Map<string, MediaStreamTrack>} what this page publishes, by button id */
const publishing = new Map();

window.sfuDemo = {client, tiles};

function log(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  $('log').prepend(item);
  while ($('log').children.length > 100) {
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
  for (const id of ['camera', 'microphone', 'screen', 'leave']) {
    $(id).disabled = !joined;
  }
  if (!joined) {
    for (const id of ['camera', 'microphone', 'screen']) {
      $(id).setAttribute('aria-pressed', 'false');
    }
  }
}

/**
 * @param {string} key
 * @param {MediaStreamTrack} track
 * @param {{clientId: string, source: string, kind: string, name?: string, local: boolean,
 *     trackId?: string, mid?: string}} about
 */
function addTile(key, track, about) {
  removeTile(key);
  const element = document.createElement('figure');
  element.className = `tile ${about.local ? 'local' : 'remote'} ${track.kind}`;
  element.dataset.key = key;
  element.dataset.clientId = about.clientId;
  element.dataset.source = about.source;
  element.dataset.kind = track.kind;
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
  if (track.kind === 'audio') {
    const meter = document.createElement('div');
    meter.className = 'meter';
    meter.textContent = 'audio';
    element.append(meter);
  }
  const label = document.createElement('figcaption');
  label.className = 'label';
  label.textContent = [about.name, about.clientId, about.source].filter(Boolean).join(' · ');
  const stats = document.createElement('div');
  stats.className = 'stats';
  stats.textContent = 'waiting for media…';
  element.append(label, stats);
  $('tiles').append(element);
  media.play().catch(() => {}); // autoplay: the Join click was the user's gesture
  tiles.set(key, {element, track, last: null});
}

function removeTile(key) {
  const tile = tiles.get(key);
  if (tile) {
    tile.element.querySelector('video, audio').srcObject = null;
    tile.element.remove();
    tiles.delete(key);
  }
}

async function refreshStats() {
  for (const tile of tiles.values()) {
    const stats = await client.getTrackStats(tile.track).catch(() => null);
    if (!stats || !tiles.has(tile.element.dataset.key)) {
      continue;
    }
    const last = tile.last;
    tile.last = stats;
    const kbps = last && stats.timestamp > last.timestamp && stats.bytes >= last.bytes
      ? Math.round(((stats.bytes - last.bytes) * 8) / (stats.timestamp - last.timestamp))
      : 0;
    const parts = [`${kbps} kbps`];
    if (stats.direction === 'inbound') {
      parts.push(`lost ${stats.packetsLost}`);
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
}

setInterval(() => {
  refreshStats().catch(() => {});
}, 1000);

// ------------------------------------------------------------------ SDK events

client.addEventListener('remotetrack', (event) => {
  const {track, info, mid} = event.detail;
  const name = client.clients.get(info.clientId)?.name;
  addTile(`${info.clientId}/${info.trackId}`, track, {clientId: info.clientId,
    source: info.source, kind: info.kind, name, local: false, trackId: info.trackId, mid});
  log(`receiving ${info.kind} ${info.source} of ${info.clientId}`);
});

client.addEventListener('trackremoved', (event) => {
  const {info, reason} = event.detail;
  removeTile(`${info.clientId}/${info.trackId}`);
  log(`stopped receiving ${info.kind} ${info.source} of ${info.clientId} (${reason})`);
});

client.addEventListener('trackavailable', (event) => {
  for (const info of event.detail.tracks) {
    log(`available: ${info.kind} ${info.source} of ${info.clientId}`
        + `${info.codec ? ` (${info.codec})` : ''}`);
  }
});

client.addEventListener('clientjoined', (event) => {
  log(`${event.detail.name || event.detail.clientId} joined`);
  if ($('status').dataset.state === 'joined') {
    showMembers();
  }
});

client.addEventListener('clientleft', (event) => {
  log(`${event.detail.name || event.detail.clientId} left`);
  if ($('status').dataset.state === 'joined') {
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
    const name = client.clients.get(track.clientId)?.name || track.clientId;
    showError(`Cannot receive ${track.kind ?? ''} ${track.source ?? ''} of ${name}: this browser `
        + `cannot decode ${codec ?? 'its codec'}.`.replace(/ +/g, ' '));
  } else {
    showError(`Error ${code}: ${message}`);
  }
});

// ------------------------------------------------------------------ controls

$('join-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  setJoined(true);
  $('leave').disabled = true;
  setStatus('joining', `Joining ${$('room').value}…`);
  try {
    const joined = await client.join($('room').value, {name: $('name').value || undefined});
    $('client-id').textContent = joined.clientId;
    setJoined(true);
    hideError();
    showMembers();
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

/**
 * Makes a button start and stop one kind of publishing.
 * @param {string} id
 * @param {() => Promise<MediaStreamTrack>} start
 * @param {string} source
 */
function toggle(id, start, source) {
  $(id).addEventListener('click', async () => {
    const button = $(id);
    button.disabled = true;
    try {
      const current = publishing.get(id);
      if (current) {
        publishing.delete(id);
        removeTile(`local/${id}`);
        await client.unpublish(current);
        button.setAttribute('aria-pressed', 'false');
      } else {
        const track = await start();
        publishing.set(id, track);
        track.addEventListener('ended', () => {
          if (publishing.get(id) === track) {
            publishing.delete(id);
            removeTile(`local/${id}`);
            button.setAttribute('aria-pressed', 'false');
          }
        });
        addTile(`local/${id}`, track, {clientId: client.clientId ?? 'me', source,
          kind: track.kind, local: true});
        button.setAttribute('aria-pressed', 'true');
        log(`publishing ${track.kind} (${source})`);
      }
    } catch (e) {
      setStatus('error', `${button.textContent} failed: ${e.message}`);
      showError(`${button.textContent} failed: ${e.message}`);
    } finally {
      button.disabled = client.clientId === null;
    }
  });
}

toggle('camera', () => client.publishCamera({width: 640, height: 480}), 'media');
toggle('microphone', () => client.publishMicrophone(), 'media');
toggle('screen', () => client.shareScreen(), 'screen');

function clearLocal() {
  publishing.clear();
  for (const key of [...tiles.keys()]) {
    removeTile(key);
  }
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
