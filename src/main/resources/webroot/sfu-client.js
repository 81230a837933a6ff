// vertx-sfu browser SDK: joins a room over the WebSocket signaling of docs/protocol.md v1 and
// carries one RTCPeerConnection with the SFU. An ES module, no build step:
//
//   import {SfuClient} from '/sfu-client.js';
//   const client = new SfuClient();                      // same origin, /ws
//   client.addEventListener('remotetrack', (e) => show(e.detail.track, e.detail.info));
//   await client.join('lobby', {name: 'ada'});
//   await client.publishCamera();
//   client.addEventListener('remotetrack', (e) => client.attachVideo(e.detail.track, videoElement));
//
// Simulcast and adaptive stream (docs/protocol.md section 17): a camera is published as up to
// three encodings (sfu-simulcast.js); each remote video the application shows in an element it
// names with `attachVideo` is asked for at the size that element shows it, and paused while
// the element is out of view (sfu-adaptive.js). Options `simulcast`, `screenSimulcast` and
// `adaptiveStream` turn them off or on.
//
// Negotiation (docs/protocol.md "The flow"): the client makes the first offer (recvonly audio and
// video transceivers when it publishes nothing yet, so the SFU has m-lines to recycle), answers
// every SFU offer, and renegotiates itself only after `is_allow_renegotiation` says yes,
// waiting for `allow_renegotiation` when it says no. In perfect-negotiation terms the client is
// the impolite peer: an SFU offer that crosses the client's offer is ignored, the SFU rolls it
// back and offers again.
//
// Recovery (docs/protocol.md): the client remembers what the application asked for
// (the room, its published tracks, its subscriptions by the publishers' stream and track ids).
// When the room moves (`room_moved`) or the socket closes unexpectedly, it restores all of it
// in a new RTCPeerConnection: on the same socket after a move, on a new one (the next of
// `urls`) after a close, retrying with exponential backoff (sfu-recovery.js runs the attempts).

import {SfuError, SignalingChannel} from './sfu-signaling.js';
import {authorSends, mediaSections} from './sfu-sdp.js';
import {IceRestartPolicy, SessionRecovery} from './sfu-recovery.js';
import {applyWantedLayers, simulcastEncodings} from './sfu-simulcast.js';
import {AdaptiveStream} from './sfu-adaptive.js';

export {SfuError};

/**
 * A track in the room, as docs/protocol.md names it.
 * @typedef {Object} TrackInfo
 * @property {string} clientId the publisher
 * @property {string} trackId the publisher's track id (second part of its `a=msid`)
 * @property {string} streamId the publisher's stream id (first part of its `a=msid`)
 * @property {'audio'|'video'} kind
 * @property {'media'|'screen'} source
 * @property {string} [codec] the codec its publisher sends, as a MIME type (`video/H264`,
 *     `audio/opus`); absent from SFUs that do not say (an addition to docs/protocol.md v1). A track
 *     whose codec this browser cannot receive is refused: `subscribe()` rejects with code
 *     `codec_not_supported` (see `canReceive()` to check first)
 * @property {boolean} [muted] whether its publisher says it sends nothing now (`mute_track`,
 *     docs/protocol.md section 16); kept current by `track_muted` / `track_unmuted`
 */

/**
 * @typedef {Object} ClientInfo
 * @property {string} clientId
 * @property {string} [name]
 */

/**
 * A remote track this client receives.
 * @typedef {Object} RemoteTrack
 * @property {MediaStreamTrack} track the receiver's track (its `id` is meaningless: when the
 *     SFU reuses an m-line the browser keeps the first track object; use `info`)
 * @property {MediaStream} stream the publisher's stream as rebuilt here (`id` is not the
 *     publisher's; `info.streamId` is): its audio and video tracks together
 * @property {TrackInfo} info
 * @property {string} mid the m-line that carries it
 * @property {RTCRtpReceiver} receiver
 */

/**
 * A track this client publishes.
 * @typedef {Object} LocalTrack
 * @property {MediaStreamTrack} track
 * @property {'media'|'screen'} source
 * @property {MediaStream} stream the stream announced in `a=msid`
 * @property {RTCRtpTransceiver|null} transceiver null until joined
 * @property {boolean} owned whether the SDK captured it (and so stops it on unpublish/leave)
 * @property {boolean} muted whether `muteTrack()` stopped sending it (its sender carries no track)
 * @property {string} [trackId] the id the room knows it by, once `replaceTrack` changed `track`
 * @property {boolean} [simulcast] whether it was asked to be sent with simulcast (undefined:
 *     as the client's option says)
 * @property {{rids?: string[], spatial?: number[]}} [layersWanted] the encodings the SFU last
 *     said its subscribers use (`layers_wanted`); undefined: all
 * @property {Promise<void>} [dynacast] the last `setParameters` applying `layersWanted`
 */

/**
 * A chat message of the room (docs/protocol.md section 16).
 * @typedef {Object} RoomMessage
 * @property {string} from the sender's client id (this client's own for what it sent)
 * @property {string} [name] the sender's name, when it gave one at `join`
 * @property {string} text
 * @property {number} timestamp ms since the epoch, the room node's clock (own: this clock)
 * @property {string[]} [to] the recipients, when the sender named them
 * @property {boolean} history whether it was sent before this client joined
 * @property {boolean} own whether this client sent it
 */

/**
 * The simulcast layer of a remote video track this client receives (docs/protocol.md
 * section 17, `layer_changed`).
 * @typedef {Object} VideoLayer
 * @property {string} clientId the publisher
 * @property {string} trackId
 * @property {number} spatial the encoding's index, 0 the smallest; -1: none is sent (paused, or
 *     no encoding arrives)
 * @property {number} temporal the highest VP8 temporal layer sent, -1 for all
 * @property {string} [rid] the encoding's rid, when its publisher named it
 * @property {number} [width] its size, when the SFU knows it
 * @property {number} [height]
 */

/**
 * @typedef {Object} Speaker
 * @property {string} clientId
 * @property {number} level linear amplitude 0..1, smoothed by the SFU
 */

/**
 * @typedef {Object} SfuClientOptions
 * @property {string} [url] the signaling URL: `ws:`/`wss:` as is, `http:`/`https:` turned into
 *     `ws:`/`wss:` (a URL ending in `/` gets `ws` appended); default: `/ws` of the page's origin
 * @property {string[]} [urls] several signaling URLs (of different nodes), written as `url`;
 *     the first is used, and each reconnection moves on to the next one. Replaces `url`.
 * @property {number} [maxReconnectAttempts=20] attempts to rejoin after the room moved or the
 *     socket closed, before giving up with `disconnected`
 * @property {number} [reconnectBaseMs=250] the first reconnection's delay; it doubles per attempt
 * @property {number} [reconnectMaxMs=5000] the longest delay between attempts (before ±20% jitter)
 * @property {boolean|((info: TrackInfo) => boolean)} [autoSubscribe=true] subscribe to
 *     tracks as they become available: all of them, or those the function accepts
 * @property {RTCIceServer[]} [iceServers] used besides the ones `joined` carries (the SFU's
 *     STUN and TURN servers, with this client's TURN credentials)
 * @property {RTCIceTransportPolicy} [iceTransportPolicy='all'] `relay` reaches the SFU only
 *     through a TURN server of `iceServers` (a network that allows nothing else, or a test)
 * @property {number} [requestTimeoutMs=10000] how long a request waits for its reply
 * @property {number} [allowWaitMs=10000] how long a refused renegotiation waits for
 *     `allow_renegotiation` before asking again
 * @property {boolean} [simulcast=true] publish camera video (source `media`) with simulcast:
 *     three encodings, rids `q`, `h`, `f` at a quarter, half and the full size, when the capture
 *     is at least 640 pixels wide; two (`h`, `f`) from 320 wide; one below. False: one encoding.
 *     `publish()` and `publishCamera()` take it per track too. A track published after the SFU
 *     offered this client video without the rid extension (this SFU's offers do) goes out as
 *     one encoding in this session: Chromium refuses simulcast then. So publish before
 *     `join()`, or before subscribing, to have simulcast
 * @property {boolean} [screenSimulcast=false] publish screen video as two encodings (`h` at
 *     half size and 5 fps, `f` at full size and 15 fps); by default one, at full size
 * @property {boolean} [dynacast=true] apply the SFU's `layers_wanted` (docs/protocol.md
 *     section 20) to published simulcast tracks: an encoding no subscriber uses is paused
 *     (`active: false` through `RTCRtpSender.setParameters`), so the browser stops encoding and
 *     sending it, and resumed when the SFU names it again. False: every encoding is always sent
 *     (the `layerswanted` event still comes)
 * @property {boolean} [adaptiveStream=true] send `track_settings` by itself for the remote
 *     videos given to `attachVideo()`: the size each is shown at (in device pixels, so the SFU
 *     sends the smallest layer that fills it) and `paused` while none of its elements is in
 *     the viewport (the SFU then sends no packets of it). False: `attachVideo()` does nothing,
 *     and the application may send `trackSettings()` itself
 * @property {number} [adaptiveStreamDebounceMs=100] how long sizes and visibility must stay
 *     still before the settings go out
 * @property {number} [iceRestartAttempts=2] ICE restarts tried when the peer connection, once
 *     connected, goes `disconnected` or `failed` (a network change), before rejoining; 0 rejoins
 *     at once (docs/protocol.md section 18)
 * @property {number} [iceRestartTimeoutMs=10000] how long one ICE restart may take to bring the
 *     connection back to `connected` before the next is tried
 */

/**
 * @typedef {Object} TrackStats one RTP stream's counters, from `getStats()`
 * @property {'inbound'|'outbound'} direction
 * @property {number} timestamp ms
 * @property {number} bytes received or sent
 * @property {number} packets received or sent
 * @property {number} packetsLost inbound only (0 outbound)
 * @property {number} [jitter] inbound only: the interarrival jitter, seconds
 * @property {number} [frameWidth]
 * @property {number} [frameHeight]
 * @property {number} [framesPerSecond]
 * @property {string} [codec] mime type
 */

/**
 * The SDK's single entry point. Events (all `CustomEvent`s, the payload in `detail`):
 *
 * - `remotetrack` {@link RemoteTrack}: a subscribed track is now negotiated and arriving
 * - `trackremoved` {@link RemoteTrack} & `{reason}`: a track given by `remotetrack` ended
 *   (`removed`: its publisher unpublished or left; `unsubscribed`; `left`: this client left)
 * - `trackavailable` `{tracks: TrackInfo[]}`: tracks of others that may be subscribed to
 * - `trackunavailable` `{tracks: TrackInfo[]}`: tracks that left the room
 * - `connectionstatechange` `{state, origin}`: origin `peer` (this RTCPeerConnection's
 *   `connectionState`), `sfu` (the transport as the SFU sees it) or `signaling` (`closed`)
 * - `clientjoined`, `clientleft` {@link ClientInfo}
 * - `trackmuted` `{info: TrackInfo, muted: boolean}`: another client muted or unmuted one of
 *   its tracks (`info.muted` says the same from then on)
 * - `roommessage` {@link RoomMessage}: a chat message (also the history given after `join`)
 * - `activespeakers` `{speakers: Speaker[]}`: the room's speakers, loudest first (empty:
 *   nobody speaks); `speakers` keeps the last ranking
 * - `layerchange` {@link VideoLayer} & `{info: TrackInfo}`: the SFU now sends another
 *   simulcast layer of a received video track (`layer_changed`); `layerOf()` keeps the last
 * - `layerswanted` `{trackId, rids?, spatial?, local?: LocalTrack}`: the encodings of a published
 *   simulcast track that its subscribers use changed (`layers_wanted`); with the `dynacast`
 *   option (default) the others are paused already, or about to be
 * - `error` `{code, message, error?, track?, codec?}`: a server error outside any request, or a
 *   failure of negotiation the application did not call for directly. Code
 *   `codec_not_supported` with `track` (a {@link TrackInfo}) and `codec`: a subscription made
 *   before this client's first offer was dropped, the offer showing this browser cannot
 *   receive the track's codec; the same code rejects `subscribe()` (and so auto-subscription,
 *   reported here with `track` too) when the SFU knew it already
 *
 * Recovery, for a joined client (`trackremoved` reasons `moved` and `reconnecting` end the remote
 * tracks of the lost session; their publishers' tracks come back as new `remotetrack`s):
 *
 * - `moved` `{room, reason}`: the SFU said `room_moved` (`reason`: `drain`, `node_lost`, or
 *   `transport_timeout` when this client's media transport never connected or stayed down)
 * - `reconnecting` `{attempt, delayMs, reason, error, code?, closeReason?}`: an attempt to
 *   rejoin starts after `delayMs` (`reason`: `moved`, or `reconnecting` after the socket closed
 *   with `code` and `closeReason`; `error`: why the previous attempt failed, or null)
 * - `icerestart` `{attempt, state}`: the peer connection went `state` (`disconnected` or
 *   `failed`), or the previous restart took too long: the client restarts ICE (an offer with
 *   new ICE credentials; its session, tracks and subscriptions stay). When `iceRestartAttempts`
 *   of them did not help, it rejoins (`reconnecting` with reason `ice_failed`)
 * - `rejoined` `{clientId, room, clients, attempt}`: the room, local tracks and subscriptions are
 *   restored; `clientId` is new
 * - `disconnected` `{reason, error?, code?, closeReason?}`: the client gave up and is no longer
 *   in the room (`reason`: `attempts` exhausted, `unauthorized` on a rejoin, or `closed`: the
 *   SFU closed the socket with 1008, `code` and `closeReason` say so).
 *   `connectionstatechange` `{state: 'closed', origin: 'signaling'}` comes just before it, and
 *   only then: a socket closing while the client reconnects is not reported as closed.
 */
export class SfuClient extends EventTarget {
  /** @param {SfuClientOptions} [options] */
  constructor(options = {}) {
    super();
    this.options = {autoSubscribe: true, requestTimeoutMs: 10000, allowWaitMs: 10000,
      maxReconnectAttempts: 20, reconnectBaseMs: 250, reconnectMaxMs: 5000, simulcast: true,
      screenSimulcast: false, dynacast: true, adaptiveStream: true, adaptiveStreamDebounceMs: 100,
      iceRestartAttempts: 2, iceRestartTimeoutMs: 10000, ...options};
    /** @type {string[]} the signaling URLs, taken in turn when reconnecting */
    this.urls = (options.urls?.length ? options.urls : [options.url]).map(signalingUrl);
    /** @type {string} the signaling URL in use */
    this.url = this.urls[0];
    /**
     * What the application joined and has not left: what a recovery restores.
     * @type {{room: string, name?: string, token?: string}|null}
     */
    this.intent = null;
    /**
     * Subscriptions the application asked for, by the publisher's `streamId/trackId` (which,
     * unlike clientIds, survive a move). Only `unsubscribe()` removes one.
     * @type {Set<string>}
     */
    this.wanted = new Set();
    this.recovery = new SessionRecovery(this);
    /** the elements showing remote videos, and the `track_settings` they asked for */
    this.adaptive = new AdaptiveStream({
      request: (message) => this.request(message),
      isReceiving: (k) => [...this.remoteByMid.values()].some((r) => key(r.info) === k),
      emitError: (during, error) => this.emitError(during, error),
    }, {debounceMs: this.options.adaptiveStreamDebounceMs});
    /** @type {string|null} this client's id in the room, once joined */
    this.clientId = null;
    /** @type {string|null} */
    this.room = null;
    /** @type {Map<string, ClientInfo>} the other clients in the room */
    this.clients = new Map();
    /** @type {RTCPeerConnectionState} */
    this.connectionState = 'new';
    /** @type {string} the transport's state as the SFU last reported it */
    this.sfuConnectionState = 'new';
    /** @type {SignalingChannel|null} */
    this.signaling = null;
    /** @type {RTCPeerConnection|null} */
    this.pc = null;
    this.resetSession();
    /** @type {Map<MediaStreamTrack, LocalTrack>} */
    this.local = new Map();
    /** @type {MediaStream|null} the stream camera and microphone share (lip sync) */
    this.mediaStream = null;
    /** @type {Speaker[]} the last `active_speakers` ranking, loudest first */
    this.speakers = [];
    /** @type {RoomMessage[]} the room's chat as this client saw it, the last MAX_MESSAGES */
    this.messages = [];
  }

  // ---------------------------------------------------------------- public API

  /** @returns {RemoteTrack[]} the remote tracks being received */
  get remoteTracks() {
    return [...this.remoteByMid.values()].map(publicRemote);
  }

  /** @returns {LocalTrack[]} the tracks this client publishes (or will, once joined) */
  get localTracks() {
    return [...this.local.values()];
  }

  /**
   * Names the element that shows a remote video track: with `adaptiveStream` (the default) the
   * SDK then asks the SFU for the layer that fills it, and pauses the track while no element
   * of it is in the viewport (docs/protocol.md section 17). The SDK neither plays nor sizes the
   * element: its size must come from the page's layout (CSS), not from the video. An element
   * shows one track; the SDK forgets it when the track ends (`trackremoved`) or `detachVideo`.
   * @param {MediaStreamTrack} track the `track` of a `remotetrack`
   * @param {HTMLVideoElement} element
   * @returns {boolean} whether the track is received and the element is now watched
   */
  attachVideo(track, element) {
    const remote = [...this.remoteByMid.values()].find((r) => r.track === track);
    if (!this.options.adaptiveStream || !remote || remote.info.kind !== 'video') {
      return false;
    }
    this.adaptive.attach(element, remote.info);
    return true;
  }

  /**
   * Stops watching an element given to `attachVideo`.
   * @param {HTMLVideoElement} element
   */
  detachVideo(element) {
    this.adaptive.detach(element);
  }

  /**
   * Says what this client can show of received tracks itself (`track_settings`); with
   * `adaptiveStream` the SDK does so for attached elements, and its next change overrides this.
   * @param {Array<{clientId: string, trackId: string, maxWidth: number, maxHeight: number,
   *     maxFps?: number, paused?: boolean}>} tracks 1 to 100
   * @returns {Promise<void>}
   */
  async trackSettings(tracks) {
    await this.request({type: 'track_settings', tracks});
  }

  /**
   * The simulcast layer the SFU last said it sends of a received track.
   * @param {{clientId: string, trackId: string}} track
   * @returns {VideoLayer|undefined}
   */
  layerOf(track) {
    return this.layers.get(key(track));
  }

  /** @returns {TrackInfo[]} the other clients' tracks currently in the room */
  get availableTracks() {
    return [...this.available.values()];
  }

  /**
   * The name a client gave at `join`: another's, or this client's own.
   * @param {string} clientId
   * @returns {string|undefined}
   */
  nameOf(clientId) {
    return clientId === this.clientId ? this.intent?.name : this.clients.get(clientId)?.name;
  }

  /**
   * Stops or resumes sending a published track without unpublishing it: its sender's track is
   * replaced by none (`RTCRtpSender.replaceTrack(null)`: the m-line and the SSRC stay, nothing
   * is renegotiated, no bytes flow) and the SFU is told (`mute_track`), so the others get
   * `track_muted`. Unmuting puts the track back on the sender; the SFU asks for a key frame.
   * The track keeps capturing (a preview stays live).
   * @param {MediaStreamTrack|string} trackOrId the local track, or the id the room knows it by
   * @param {boolean} muted
   * @returns {Promise<void>}
   */
  async muteTrack(trackOrId, muted) {
    const local = typeof trackOrId === 'string'
      ? this.localTracks.find((l) => l.track.id === trackOrId || this.announcedTrackId(l) === trackOrId)
      : this.local.get(trackOrId);
    if (!local) {
      throw new SfuError('not_found', `track ${trackOrId?.id ?? trackOrId} is not published`);
    }
    if (local.muted === muted) {
      return;
    }
    local.muted = muted;
    await local.transceiver?.sender.replaceTrack(muted ? null : local.track);
    if (this.pc && local.transceiver?.mid != null) {
      await this.request({type: 'mute_track', trackId: this.announcedTrackId(local), muted});
    }
  }

  /**
   * Sends another track in place of a published one (`RTCRtpSender.replaceTrack`: no
   * renegotiation; the room keeps knowing it by its first id). A muted track stays muted. The
   * old track is stopped when the SDK captured it.
   * @param {MediaStreamTrack} oldTrack a published track
   * @param {MediaStreamTrack} newTrack of the same kind
   * @returns {Promise<MediaStreamTrack>} newTrack
   */
  async replaceTrack(oldTrack, newTrack) {
    const local = this.local.get(oldTrack);
    if (!local) {
      throw new SfuError('not_found', `track ${oldTrack.id} is not published`);
    }
    if (newTrack.kind !== oldTrack.kind) {
      throw new SfuError('bad_request', `cannot replace ${oldTrack.kind} by ${newTrack.kind}`);
    }
    local.trackId ??= this.announcedTrackId(local);
    if (!local.muted) {
      await local.transceiver?.sender.replaceTrack(newTrack);
    }
    this.local.delete(oldTrack);
    local.track = newTrack;
    this.local.set(newTrack, local);
    if (local.stream.getTracks().includes(oldTrack)) {
      local.stream.removeTrack(oldTrack);
      local.stream.addTrack(newTrack);
    }
    if (local.owned) {
      oldTrack.stop();
    }
    return newTrack;
  }

  /**
   * Captures another camera or microphone and sends it in place of the published one of its
   * kind (see `replaceTrack`).
   * @param {'audio'|'video'} kind
   * @param {string} deviceId from `navigator.mediaDevices.enumerateDevices()`
   * @param {MediaTrackConstraints} [constraints] further constraints
   * @returns {Promise<MediaStreamTrack>} the new track
   */
  async switchDevice(kind, deviceId, constraints = {}) {
    const local = this.localTracks.find((l) => l.source === 'media' && l.track.kind === kind);
    if (!local) {
      throw new SfuError('not_found', `no ${kind} is published`);
    }
    const wanted = {...constraints, deviceId: {exact: deviceId}};
    const stream = await navigator.mediaDevices.getUserMedia(
        kind === 'video' ? {video: wanted} : {audio: wanted});
    const track = kind === 'video' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
    return this.replaceTrack(local.track, track);
  }

  /**
   * Sends a chat message to the room, or to some of its clients (`room_message`). It is also
   * added to `messages` and given as a `roommessage` with `own: true`.
   * @param {string} text 1 to 2,000 characters
   * @param {string[]} [to] client ids; absent: everyone else
   * @returns {Promise<RoomMessage>}
   */
  async sendMessage(text, to) {
    /** @type {any} */
    const message = {type: 'room_message', text};
    if (to?.length) {
      message.to = to;
    }
    await this.request(message);
    const sent = {from: this.clientId, name: this.intent?.name, text, timestamp: Date.now(),
      to: message.to, history: false, own: true};
    this.addMessage(sent);
    return sent;
  }

  /**
   * The id the room knows a local track by: the track id of its m-line's `a=msid` (which a
   * `replaceTrack` does not change), else its track's id.
   * @param {LocalTrack} local
   * @returns {string}
   */
  announcedTrackId(local) {
    if (local.trackId) {
      return local.trackId;
    }
    const mid = local.transceiver?.mid;
    const sdp = this.pc?.localDescription?.sdp;
    const section = mid != null && sdp ? mediaSections(sdp).find((s) => s.mid === mid) : undefined;
    return section?.msid?.trackId ?? local.track.id;
  }

  /** @param {RoomMessage} message */
  addMessage(message) {
    this.messages.push(message);
    if (this.messages.length > MAX_MESSAGES) {
      this.messages.splice(0, this.messages.length - MAX_MESSAGES);
    }
    this.dispatchEvent(new CustomEvent('roommessage', {detail: message}));
  }

  /**
   * Opens the signaling WebSocket. `join()` calls it when needed.
   * @returns {Promise<void>}
   */
  async connect() {
    if (this.signaling?.open) {
      return;
    }
    const channel = new SignalingChannel(this.url, {requestTimeoutMs: this.options.requestTimeoutMs});
    this.signaling = channel;
    channel.addEventListener('message', (e) => this.onMessage(/** @type {any} */ (e).detail));
    channel.addEventListener('close', (e) => this.onSignalingClosed(channel,
        /** @type {any} */ (e).detail));
    await channel.connect();
  }

  /**
   * Joins a room and makes the first offer (with the tracks published before, or recvonly
   * transceivers). Resolves once the SFU has answered it. From then on the client stays in the
   * room until `leave()`: it rejoins by itself when the room moves or the socket closes.
   * @param {string} room 1-128 characters of `[A-Za-z0-9_.-]`
   * @param {{name?: string, token?: string}} [options]
   * @returns {Promise<{clientId: string, room: string, clients: ClientInfo[]}>}
   */
  async join(room, options = {}) {
    if (this.pc || this.intent) {
      throw new SfuError('not_allowed', `already in room ${this.room ?? this.intent?.room}`);
    }
    const intent = {room, name: options.name, token: options.token};
    const joined = await this.joinSession(intent);
    this.intent = intent;
    return joined;
  }

  /**
   * One session in the room: `join` on the socket (opened if needed), a new peer connection
   * with the local tracks, the first offer. On failure it ends what it started.
   * @param {{room: string, name?: string, token?: string}} intent
   */
  async joinSession(intent) {
    await this.connect();
    const joined = await this.signaling.request(joinMessage(intent));
    this.enterRoom(joined, intent.room);
    const pc = this.pc;
    this.firstOffer = this.serial(() => this.offer());
    try {
      await this.firstOffer;
      if (pc !== this.pc) {
        throw new SfuError('unavailable', `room ${intent.room} went away while joining`);
      }
    } catch (e) {
      await this.endSession(); // the SFU has the client already: do not leave it half-joined
      throw e;
    }
    this.firstAnswered = true;
    return {clientId: this.clientId, room: this.room, clients: [...this.clients.values()]};
  }

  /**
   * Takes in the `joined` reply: ids, the other clients, and a new peer connection carrying the
   * local tracks (or recvonly transceivers).
   * @param {any} joined
   * @param {string} room
   */
  enterRoom(joined, room) {
    this.clientId = joined.clientId;
    this.room = joined.room ?? room;
    this.clients = new Map((joined.clients ?? [])
        .filter((c) => c.clientId !== joined.clientId)
        .map((c) => [c.clientId, {clientId: c.clientId, name: c.name}]));
    this.pc = this.createPeerConnection([...(joined.iceServers ?? []),
      ...(this.options.iceServers ?? [])]);
    for (const local of this.local.values()) {
      this.addToPeerConnection(local);
    }
    if (this.local.size === 0) {
      // An offer needs an m-line; these are also the first ones the SFU recycles to send.
      this.pc.addTransceiver('audio', {direction: 'recvonly'});
      this.pc.addTransceiver('video', {direction: 'recvonly'});
    }
  }

  /**
   * Captures the camera (getUserMedia) and publishes it with source `media`, with simulcast
   * unless `simulcast` (here or in the client's options) is false.
   * @param {boolean|MediaTrackConstraints} [constraints=true]
   * @param {{simulcast?: boolean}} [options]
   * @returns {Promise<MediaStreamTrack>} the local track (for a preview, or `unpublish`)
   */
  async publishCamera(constraints = true, options = {}) {
    const stream = await navigator.mediaDevices.getUserMedia({video: constraints});
    return this.publishCaptured(stream.getVideoTracks()[0], 'media', undefined, options.simulcast);
  }

  /**
   * Captures the microphone (getUserMedia) and publishes it with source `media`.
   * @param {boolean|MediaTrackConstraints} [constraints=true]
   * @returns {Promise<MediaStreamTrack>}
   */
  async publishMicrophone(constraints = true) {
    const stream = await navigator.mediaDevices.getUserMedia({audio: constraints});
    return this.publishCaptured(stream.getAudioTracks()[0], 'media');
  }

  /**
   * Captures a screen, window or tab (getDisplayMedia) and publishes its video with source
   * `screen`. When the user stops sharing from the browser's UI it is unpublished.
   * @param {boolean|MediaTrackConstraints} [constraints=true]
   * @returns {Promise<MediaStreamTrack>}
   */
  async shareScreen(constraints = true) {
    const stream = await navigator.mediaDevices.getDisplayMedia({video: constraints, audio: false});
    const track = stream.getVideoTracks()[0];
    track.addEventListener('ended', () => {
      if (this.local.has(track)) {
        this.unpublish(track).catch((e) => this.emitError('unpublish', e));
      }
    });
    return this.publishCaptured(track, 'screen', new MediaStream([track]));
  }

  /**
   * Publishes a track the application obtained itself (the SDK does not stop it). Before
   * `join()`, it goes into the first offer.
   * @param {MediaStreamTrack} track
   * @param {{source?: 'media'|'screen', stream?: MediaStream, simulcast?: boolean}} [options]
   *     `stream` defaults to one shared by the client's `media` tracks, or a new one per
   *     `screen` track; `simulcast` overrides the client's option for this video track
   * @returns {Promise<MediaStreamTrack>} once negotiated (or at once, before join)
   */
  publish(track, options = {}) {
    return this.publishTrack(track, options.source ?? 'media', options.stream, false,
        options.simulcast);
  }

  /**
   * Stops publishing a track: its transceiver is stopped and the client renegotiates.
   * Tracks the SDK captured are stopped too.
   * @param {MediaStreamTrack} track
   * @returns {Promise<void>}
   */
  async unpublish(track) {
    const local = this.local.get(track);
    if (!local) {
      throw new SfuError('not_found', `track ${track.id} is not published`);
    }
    this.local.delete(track);
    if (local.owned) {
      track.stop();
    }
    const transceiver = local.transceiver;
    if (transceiver && this.pc) {
      if (transceiver.mid !== null && this.remoteByMid.has(transceiver.mid)) {
        // it also carries a remote track: keep receiving, stop sending
        await transceiver.sender.replaceTrack(null);
        transceiver.direction = 'recvonly';
      } else {
        transceiver.stop(); // its m-line gets port 0: the SFU closes the producer
      }
      await this.renegotiate();
    }
  }

  /**
   * Asks the SFU for tracks; it then offers them and `remotetrack` follows. The subscription
   * holds until `unsubscribe()`: when its track comes back under another clientId (its
   * publisher rejoined after a move), the client subscribes to it again.
   * @param {Array<TrackInfo|{clientId: string, trackId: string}>} tracks
   * @returns {Promise<void>} once the SFU said `ok`
   */
  async subscribe(tracks) {
    const wanted = tracks.map((t) => ({clientId: t.clientId, trackId: t.trackId}));
    if (wanted.length === 0) {
      return;
    }
    tracks.forEach((t) => this.wanted.add(this.lastingKey(t)));
    wanted.forEach((t) => this.subscribed.add(key(t)));
    try {
      await this.request({type: 'subscribe_tracks', tracks: wanted});
    } catch (e) {
      wanted.forEach((t) => this.subscribed.delete(key(t)));
      throw e;
    }
  }

  /**
   * Whether this browser can receive a track's codec (`RTCRtpReceiver.getCapabilities`), when
   * the SFU said which it is; true when unknown.
   * @param {TrackInfo} info
   * @returns {boolean}
   */
  canReceive(info) {
    const capabilities = globalThis.RTCRtpReceiver?.getCapabilities?.(info.kind);
    if (!info.codec || !capabilities) {
      return true;
    }
    const mime = info.codec.toLowerCase();
    return capabilities.codecs.some((c) => c.mimeType.toLowerCase() === mime);
  }

  /**
   * Subscribes to every available track not subscribed yet.
   * @returns {Promise<TrackInfo[]>} those it asked for
   */
  async subscribeAll() {
    const tracks = [...this.available.values()].filter((t) => !this.subscribed.has(key(t)));
    await this.subscribe(tracks);
    return tracks;
  }

  /**
   * Stops receiving tracks; the SFU offers without them and `trackremoved` follows.
   * @param {Array<TrackInfo|{clientId: string, trackId: string}>} tracks
   * @returns {Promise<void>}
   */
  async unsubscribe(tracks) {
    const unwanted = tracks.map((t) => ({clientId: t.clientId, trackId: t.trackId}));
    if (unwanted.length === 0) {
      return;
    }
    tracks.forEach((t) => this.wanted.delete(this.lastingKey(t)));
    unwanted.forEach((t) => this.subscribed.delete(key(t)));
    await this.request({type: 'unsubscribe_tracks', tracks: unwanted});
  }

  /**
   * Leaves the room: `leave`, then closes the peer connection and the socket, stops the tracks
   * the SDK captured, and ends every remote track (`trackremoved` with reason `left`).
   * @returns {Promise<void>}
   */
  async leave() {
    this.intent = null; // a recovery under way stops
    this.recovery.stop();
    this.wanted.clear();
    await this.endSession();
    for (const local of this.local.values()) {
      if (local.owned) {
        local.track.stop();
      }
    }
    this.local.clear();
    this.mediaStream = null;
  }

  /** Sends `leave` if it can, closes the socket and the peer connection; keeps local tracks. */
  async endSession() {
    const channel = this.signaling;
    if (!channel) {
      return;
    }
    try {
      if (channel.open && this.clientId) {
        await channel.request({type: 'leave'});
      }
    } catch (e) {
      if (!(e instanceof SfuError) || e.code !== 'closed') {
        this.emitError('leave', e);
      }
    } finally {
      this.signaling = null;
      channel.close();
      this.teardown('left');
    }
  }

  /**
   * The current RTP counters of a local or remote track, from its sender's or receiver's
   * `getStats()` (when a receiver reports several streams, after the SFU recycled its m-line,
   * the one that received last).
   * @param {MediaStreamTrack} track
   * @returns {Promise<TrackStats|null>} null if the track is neither sent nor received
   */
  async getTrackStats(track) {
    const remote = [...this.remoteByMid.values()].find((r) => r.track === track);
    if (remote) {
      return summarize(await remote.receiver.getStats(), 'inbound-rtp');
    }
    const local = this.local.get(track);
    if (local?.transceiver) {
      return summarize(await local.transceiver.sender.getStats(), 'outbound-rtp');
    }
    return null;
  }

  // ---------------------------------------------------------------- publishing

  /**
   * @param {MediaStreamTrack} track @param {'media'|'screen'} source @param {MediaStream} [stream]
   * @param {boolean} [simulcast]
   */
  publishCaptured(track, source, stream, simulcast) {
    return this.publishTrack(track, source, stream, true, simulcast);
  }

  /**
   * @param {MediaStreamTrack} track
   * @param {'media'|'screen'} source
   * @param {MediaStream|undefined} stream
   * @param {boolean} owned
   * @param {boolean} [simulcast] for this track; undefined: the client's option
   */
  async publishTrack(track, source, stream, owned, simulcast) {
    if (this.local.has(track)) {
      throw new SfuError('not_allowed', `track ${track.id} is already published`);
    }
    if (!stream) {
      if (source === 'screen') {
        stream = new MediaStream();
      } else {
        this.mediaStream ??= new MediaStream();
        stream = this.mediaStream;
      }
    }
    /** @type {LocalTrack} */
    const local = {track, source, stream, transceiver: null, owned, muted: false, simulcast};
    this.local.set(track, local);
    if (this.pc) {
      // While joining, the first offer may be out without it: renegotiate() waits for its
      // answer, then carries it.
      this.addToPeerConnection(local);
      await this.renegotiate();
    }
    return track;
  }

  /** @param {LocalTrack} local */
  addToPeerConnection(local) {
    // sendonly, on a transceiver of its own: never on one that receives from the SFU, whose
    // m-line the SFU may recycle for another client's track.
    /** @type {RTCRtpTransceiverInit} */
    const init = {direction: 'sendonly', streams: [local.stream]};
    const encodings = simulcastEncodings(local.track, local.source,
        {...this.options, simulcast: local.simulcast ?? this.options.simulcast});
    // Chromium refuses an offer with a simulcast m-line ("negotiates simulcast but does not
    // negotiate the RID RTP header extension") once an SFU offer without the rid extension was
    // applied: a track published after this client received video goes out as one encoding.
    if (encodings && !this.ridRefused) {
      init.sendEncodings = encodings; // rids: the offer says a=simulcast:send q;h;f
    }
    local.transceiver = this.pc.addTransceiver(local.track, init);
    if (local.muted) {
      // republished after a rejoin while muted: the m-line keeps the track's id, the sender
      // sends nothing until unmuted, and onTracksAdded tells the new room it is muted
      local.transceiver.sender.replaceTrack(null).catch((e) => this.emitError('mute', e));
    }
  }

  // ---------------------------------------------------------------- negotiation

  /**
   * Renegotiates from the client side (docs/protocol.md step 5): asks `is_allow_renegotiation`
   * until allowed, then offers. Calls made while one runs are merged into its next round.
   * @returns {Promise<void>} once an offer made after this call has been answered
   */
  renegotiate() {
    this.renegotiationWanted = true;
    if (!this.renegotiating) {
      this.renegotiating = (async () => {
        try {
          await this.firstOffer; // a failed join tore the peer connection down: pc is null
          while (this.renegotiationWanted && this.pc) {
            await this.awaitAllowed();
            this.renegotiationWanted = false;
            await this.serial(() => this.offer());
          }
        } finally {
          this.renegotiating = null;
        }
      })();
    }
    return this.renegotiating;
  }

  /** Asks until the SFU allows a client offer; waits for `allow_renegotiation` in between. */
  async awaitAllowed() {
    for (;;) {
      const seen = this.allowCount;
      const reply = await this.request({type: 'is_allow_renegotiation'});
      if (reply.allowed) {
        return;
      }
      if (this.allowCount === seen) {
        await new Promise((resolve) => {
          const timer = setTimeout(done, this.options.allowWaitMs);
          function done() {
            clearTimeout(timer);
            resolve();
          }
          this.allowWaiters.push(done);
        });
      }
    }
  }

  /** One client offer and its answer. Runs inside `serial()`. */
  async offer() {
    const pc = this.pc;
    if (!pc) {
      return;
    }
    this.offerUnanswered = true;
    try {
      const iceRestart = this.iceRestartWanted;
      this.iceRestartWanted = false;
      await pc.setLocalDescription(await pc.createOffer(iceRestart ? {iceRestart} : {}));
      const reply = this.request({type: 'offer', sdp: pc.localDescription.sdp});
      this.offersSent++;
      // The reply settles before the next frame is handled: an SFU offer after it is no glare.
      reply.then(() => {
        this.offerUnanswered = false;
      }, () => {});
      this.flushLocalCandidates();
      const answer = await reply;
      if (pc !== this.pc) {
        return;
      }
      await pc.setRemoteDescription({type: 'answer', sdp: answer.sdp});
      this.flushRemoteCandidates();
      this.syncRemoteTracks();
    } catch (e) {
      if (pc === this.pc && pc.signalingState === 'have-local-offer') {
        await pc.setLocalDescription({type: 'rollback'}).catch(() => {});
      }
      throw e;
    } finally {
      this.offerUnanswered = false;
    }
  }

  /** @param {string} sdp an SFU offer */
  onServerOffer(sdp) {
    if (!this.pc || this.offerUnanswered) {
      return; // glare: the client's offer wins, the SFU rolls back and offers again (step 6)
    }
    const offersSent = this.offersSent;
    this.serial(async () => {
      const pc = this.pc;
      // A client offer sent after this one arrived crossed it: the SFU has rolled it back.
      if (!pc || this.offersSent !== offersSent || pc.signalingState !== 'stable') {
        return;
      }
      await pc.setRemoteDescription({type: 'offer', sdp});
      if (sdp.includes('m=video') && !sdp.includes(RID_EXTENSION)) {
        this.ridRefused = true;
      }
      this.flushRemoteCandidates();
      for (const section of mediaSections(sdp)) {
        // Receive whatever the SFU offers to send, also on an m-line the client sends on or
        // has set inactive (this SFU does not reuse those, another might).
        const transceiver = pc.getTransceivers().find((t) => t.mid === section.mid);
        if (transceiver && authorSends(section) && section.msid) {
          if (transceiver.direction === 'inactive') {
            transceiver.direction = 'recvonly';
          } else if (transceiver.direction === 'sendonly') {
            transceiver.direction = 'sendrecv';
          }
        }
      }
      this.syncRemoteTracks();
      await pc.setLocalDescription(await pc.createAnswer());
      this.signaling?.send({type: 'answer', sdp: pc.localDescription.sdp});
    }).catch((e) => this.emitError('answer', e));
  }

  /**
   * Runs negotiation steps one at a time, in order.
   * @template T
   * @param {() => Promise<T>} task
   * @returns {Promise<T>}
   */
  serial(task) {
    const run = this.chain.then(task);
    this.chain = run.catch(() => {});
    return run;
  }

  // ---------------------------------------------------------------- remote tracks

  /**
   * Compares the SFU's current description with the remote tracks known per mid, and emits
   * `remotetrack` / `trackremoved` for what changed. Keyed by mid and the SDP's msid, not by
   * receiver track ids: a recycled m-line keeps its first track object.
   */
  syncRemoteTracks() {
    const pc = this.pc;
    if (!pc?.remoteDescription) {
      return;
    }
    const sections = new Map(mediaSections(pc.remoteDescription.sdp)
        .filter((s) => s.mid !== null).map((s) => [s.mid, s]));
    // Only an SFU offer moves another track onto an m-line; its answers to the client's offers
    // describe what it already sends (and need not repeat the msid).
    const sfuOffered = pc.remoteDescription.type === 'offer';
    for (const [mid, remote] of this.remoteByMid) {
      const section = sections.get(mid);
      const now = section?.msid ? this.infoFor(section.msid, section.kind) : undefined;
      if (!section || !authorSends(section)
          || (sfuOffered && section.msid && (!now || key(now) !== key(remote.info)))) {
        this.endRemote(remote, this.subscribed.has(key(remote.info)) ? 'removed' : 'unsubscribed');
      }
    }
    for (const transceiver of pc.getTransceivers()) {
      const section = transceiver.mid === null ? undefined : sections.get(transceiver.mid);
      if (!section || !authorSends(section) || !section.msid || !receives(transceiver)
          || this.remoteByMid.has(section.mid)) {
        continue;
      }
      const info = this.infoFor(section.msid, section.kind);
      if (!info) {
        continue; // not (or no longer) in the room: tracks_removed won the race
      }
      const track = transceiver.receiver.track;
      const stream = this.streamFor(info);
      stream.addTrack(track);
      const remote = {track, stream, info, mid: section.mid, receiver: transceiver.receiver};
      this.remoteByMid.set(section.mid, remote);
      this.dispatchEvent(new CustomEvent('remotetrack', {detail: publicRemote(remote)}));
    }
  }

  /**
   * The available track an msid names: streamId and trackId, else trackId alone.
   * @param {{streamId: string, trackId: string}} msid
   * @param {string} kind
   * @returns {TrackInfo|undefined}
   */
  infoFor(msid, kind) {
    const candidates = [...this.available.values()].filter((t) => t.kind === kind);
    return candidates.find((t) => t.trackId === msid.trackId && t.streamId === msid.streamId)
        ?? candidates.find((t) => t.trackId === msid.trackId);
  }

  /** @param {TrackInfo} info @returns {MediaStream} */
  streamFor(info) {
    const id = `${info.clientId}/${info.streamId}`;
    let stream = this.remoteStreams.get(id);
    if (!stream) {
      stream = new MediaStream();
      this.remoteStreams.set(id, stream);
    }
    return stream;
  }

  /** @param {any} remote @param {string} reason */
  endRemote(remote, reason) {
    this.remoteByMid.delete(remote.mid);
    this.adaptive.forget(key(remote.info));
    this.layers.delete(key(remote.info));
    remote.stream.removeTrack(remote.track);
    const id = `${remote.info.clientId}/${remote.info.streamId}`;
    if (remote.stream.getTracks().length === 0 && this.remoteStreams.get(id) === remote.stream) {
      this.remoteStreams.delete(id);
    }
    this.dispatchEvent(new CustomEvent('trackremoved', {detail: {...publicRemote(remote), reason}}));
  }

  /** @param {TrackInfo[]} tracks */
  onTracksAvailable(tracks) {
    const fresh = [];
    for (const info of tracks ?? []) {
      if (info.clientId === this.clientId) {
        continue;
      }
      this.available.set(key(info), info);
      fresh.push(info);
    }
    if (fresh.length === 0) {
      return;
    }
    this.dispatchEvent(new CustomEvent('trackavailable', {detail: {tracks: fresh}}));
    const auto = this.options.autoSubscribe;
    const wanted = fresh.filter((t) => !this.subscribed.has(key(t))
        && (auto === true || (typeof auto === 'function' && auto(t)) || this.isWanted(t)));
    if (wanted.length > 0) {
      this.subscribe(wanted).catch((e) => {
        if (e?.code !== 'codec_not_supported' || wanted.length === 1) {
          this.emitError('subscribe', e, wanted.length === 1 ? wanted[0] : undefined);
          return;
        }
        // the SFU refuses the whole request for one track's codec: ask for each on its own
        for (const track of wanted) {
          this.subscribe([track]).catch((err) => this.emitError('subscribe', err, track));
        }
      });
    }
  }

  /**
   * The key of a subscription that survives the publisher's clientId changing.
   * @param {{clientId: string, trackId: string, streamId?: string}} t
   */
  lastingKey(t) {
    const streamId = t.streamId ?? this.available.get(key(t))?.streamId ?? '';
    return `${streamId}/${t.trackId}`;
  }

  /** @param {TrackInfo} info @returns {boolean} whether the application subscribed to it */
  isWanted(info) {
    return this.wanted.has(`${info.streamId}/${info.trackId}`)
        || this.wanted.has(`/${info.trackId}`);
  }

  /** @param {TrackInfo[]} tracks */
  onTracksRemoved(tracks) {
    const gone = [];
    for (const info of tracks ?? []) {
      const k = key(info);
      const known = this.available.get(k) ?? info;
      this.available.delete(k);
      this.subscribed.delete(k);
      for (const remote of [...this.remoteByMid.values()]) {
        if (key(remote.info) === k) {
          this.endRemote(remote, 'removed');
        }
      }
      gone.push(known);
    }
    if (gone.length > 0) {
      this.dispatchEvent(new CustomEvent('trackunavailable', {detail: {tracks: gone}}));
    }
  }

  /**
   * Names the source of each track the SFU received from this client (docs/protocol.md step 3).
   * @param {Array<{trackId: string, streamId?: string, kind?: string}>} tracks
   */
  onTracksAdded(tracks) {
    /** @type {Record<string, string>} */
    const sources = {};
    /** @type {string[]} tracks muted before this room knew them (republished after a rejoin) */
    const muted = [];
    const sections = this.pc?.localDescription ? mediaSections(this.pc.localDescription.sdp) : [];
    for (const t of tracks ?? []) {
      let local = [...this.local.values()].find((l) => l.track.id === t.trackId);
      if (!local) {
        const section = sections.find((s) => s.msid?.trackId === t.trackId);
        local = [...this.local.values()].find((l) => l.transceiver?.mid === section?.mid);
      }
      sources[t.trackId] = local?.source ?? 'media';
      if (local?.muted) {
        muted.push(t.trackId);
      }
    }
    this.request({type: 'tracks_added', tracks: sources})
        .then(() => Promise.all(muted.map((trackId) =>
          this.request({type: 'mute_track', trackId, muted: true}))))
        .catch((e) => this.emitError('tracks_added', e));
  }

  // ---------------------------------------------------------------- signaling events

  /** @param {any} message */
  onMessage(message) {
    switch (message.type) {
      case 'offer':
        this.onServerOffer(message.sdp);
        break;
      case 'allow_renegotiation':
        this.allowCount++;
        this.allowWaiters.splice(0).forEach((done) => done());
        break;
      case 'tracks_added':
        this.onTracksAdded(message.tracks);
        break;
      case 'tracks_available':
        this.onTracksAvailable(message.tracks);
        break;
      case 'tracks_removed':
        this.onTracksRemoved(message.tracks);
        break;
      case 'candidate':
        this.onRemoteCandidate(message.candidate ?? null);
        break;
      case 'connection_state':
        this.sfuConnectionState = message.state;
        this.dispatchEvent(new CustomEvent('connectionstatechange',
            {detail: {state: message.state, origin: 'sfu'}}));
        break;
      case 'client_joined':
        if (message.clientId !== this.clientId) {
          const info = {clientId: message.clientId, name: message.name};
          this.clients.set(message.clientId, info);
          this.dispatchEvent(new CustomEvent('clientjoined', {detail: info}));
        }
        break;
      case 'client_left': {
        const info = this.clients.get(message.clientId)
            ?? {clientId: message.clientId, name: message.name};
        this.clients.delete(message.clientId);
        // tracks_removed should have said so; do not leave tiles of a client who is gone
        this.onTracksRemoved([...this.available.values()]
            .filter((t) => t.clientId === message.clientId));
        this.dispatchEvent(new CustomEvent('clientleft', {detail: info}));
        break;
      }
      case 'room_moved':
        this.onRoomMoved(message);
        break;
      case 'track_muted':
      case 'track_unmuted':
        this.onTrackMuted(message, message.type === 'track_muted');
        break;
      case 'room_message':
        if (typeof message.text === 'string') {
          this.addMessage({from: message.from, name: message.name ?? this.nameOf(message.from),
            text: message.text, timestamp: message.timestamp ?? Date.now(), to: message.to,
            history: message.history === true, own: false});
        }
        break;
      case 'layer_changed':
        this.onLayerChanged(message);
        break;
      case 'layers_wanted':
        this.onLayersWanted(message);
        break;
      case 'active_speakers':
        this.speakers = (message.speakers ?? []).slice(0, 100)
            .map((s) => ({clientId: s.clientId, level: Number(s.level) || 0}));
        this.dispatchEvent(new CustomEvent('activespeakers',
            {detail: {speakers: this.speakers}}));
        break;
      case 'error': {
        /** @type {any} */
        const detail = {code: message.code, message: message.message};
        if (message.trackId) {
          // a remembered subscription the SFU dropped (codec_not_supported)
          const k = key(message);
          this.subscribed.delete(k);
          detail.track = this.available.get(k)
              ?? {clientId: message.clientId, trackId: message.trackId};
          detail.codec = message.codec;
        }
        this.dispatchEvent(new CustomEvent('error', {detail}));
        break;
      }
      default:
        break; // a later protocol version may add messages
    }
  }

  /**
   * The SFU says which encodings of a published track its subscribers use (`layers_wanted`,
   * docs/protocol.md section 20): with `dynacast`, each encoding of the track's sender is made
   * active exactly when its rid is named. Updates of one sender are chained, each applying the
   * last set received, so a quick succession ends with the last one.
   * @param {any} message
   */
  onLayersWanted(message) {
    if (typeof message.trackId !== 'string'
        || !(Array.isArray(message.rids) || Array.isArray(message.spatial))) {
      return;
    }
    /** @type {{rids?: string[], spatial?: number[]}} */
    const wanted = {};
    if (Array.isArray(message.rids)) {
      wanted.rids = message.rids.filter((r) => typeof r === 'string').slice(0, 16);
    }
    if (Array.isArray(message.spatial)) {
      wanted.spatial = message.spatial.filter((i) => Number.isInteger(i)).slice(0, 16);
    }
    const local = [...this.local.values()]
        .find((l) => this.announcedTrackId(l) === message.trackId);
    const sender = local?.transceiver?.sender;
    if (local && sender && this.options.dynacast) {
      local.layersWanted = wanted;
      local.dynacast = (local.dynacast ?? Promise.resolve()).then(async () => {
        const parameters = sender.getParameters();
        if (applyWantedLayers(parameters, local.layersWanted ?? wanted)) {
          await sender.setParameters(parameters);
        }
      }).catch((e) => this.emitError('layers_wanted', e));
    }
    this.dispatchEvent(new CustomEvent('layerswanted',
        {detail: {trackId: message.trackId, rids: wanted.rids, spatial: wanted.spatial, local}}));
  }

  /**
   * The SFU sends another layer of a received track: `layerOf` says so from now on.
   * @param {any} message
   */
  onLayerChanged(message) {
    const info = this.available.get(key(message));
    if (!info) {
      return; // a track that left meanwhile
    }
    /** @type {VideoLayer} */
    const layer = {clientId: message.clientId, trackId: message.trackId,
      spatial: Number(message.spatial ?? -1), temporal: Number(message.temporal ?? -1)};
    if (typeof message.rid === 'string') {
      layer.rid = message.rid;
    }
    if (Number(message.width) > 0 && Number(message.height) > 0) {
      layer.width = Number(message.width);
      layer.height = Number(message.height);
    }
    this.layers.set(key(message), layer);
    this.dispatchEvent(new CustomEvent('layerchange', {detail: {...layer, info}}));
  }

  /**
   * Another client muted or unmuted a track: its TrackInfo (shared with its RemoteTrack) says
   * so from now on.
   * @param {{clientId: string, trackId: string}} message
   * @param {boolean} muted
   */
  onTrackMuted(message, muted) {
    const info = this.available.get(key(message));
    if (!info || info.muted === muted) {
      return;
    }
    info.muted = muted;
    this.dispatchEvent(new CustomEvent('trackmuted', {detail: {info, muted}}));
  }

  /**
   * The room moved (docs/protocol.md): this session is over, the socket stays.
   * @param {{room: string, reason: string}} message
   */
  onRoomMoved(message) {
    this.dispatchEvent(new CustomEvent('moved', {detail: {room: message.room,
      reason: message.reason}}));
    // the SFU drops the replies to what went to the lost room: do not wait for them
    this.signaling?.abandon(new SfuError('unavailable', `room ${message.room} moved`));
    if (this.intent) {
      this.recovery.restore('moved');
    } else if (this.pc) {
      this.teardown('moved'); // join() under way: it fails with `unavailable`
    }
  }

  /** @param {SignalingChannel} channel @param {{code: number, reason: string}} detail */
  onSignalingClosed(channel, detail) {
    if (this.signaling !== channel) {
      return; // left on purpose
    }
    this.signaling = null;
    if (this.intent && detail.code !== POLICY_VIOLATION) {
      this.recovery.restore('reconnecting', detail);
      return;
    }
    this.dispatchEvent(new CustomEvent('connectionstatechange', {detail: {state: 'closed',
      origin: 'signaling', code: detail.code, reason: detail.reason}}));
    if (this.pc) {
      this.emitError('signaling', new SfuError('closed',
          `the SFU closed the signaling socket (${detail.code} ${detail.reason})`));
      this.teardown('left');
    }
    if (this.intent) {
      this.intent = null;
      this.dispatchEvent(new CustomEvent('disconnected', {detail: {reason: 'closed',
        code: detail.code, closeReason: detail.reason}}));
    }
  }

  // ---------------------------------------------------------------- recovery

  /**
   * One recovery attempt (SessionRecovery calls it): `join` on the socket if it is still open
   * (after a move), else on a new one to the next URL; the local tracks go into the first offer,
   * and `tracks_available` brings the subscriptions back.
   * @param {{room: string, name?: string, token?: string}} intent
   */
  rejoin(intent) {
    if (!this.signaling?.open) {
      this.url = this.urls[(this.urls.indexOf(this.url) + 1) % this.urls.length];
    }
    return this.joinSession(intent);
  }

  /**
   * Ends the recovery for good: the client is no longer in the room.
   * @param {{reason: string, error?: any}} detail
   */
  giveUp(detail) {
    this.intent = null;
    const channel = this.signaling;
    this.signaling = null;
    channel?.close();
    this.teardown('left');
    this.dispatchEvent(new CustomEvent('connectionstatechange',
        {detail: {state: 'closed', origin: 'signaling'}}));
    this.dispatchEvent(new CustomEvent('disconnected', {detail}));
  }

  // ---------------------------------------------------------------- ICE

  /** @param {RTCIceCandidateInit|null} candidate */
  onRemoteCandidate(candidate) {
    if (!this.pc?.remoteDescription) {
      this.remoteCandidates.push(candidate);
      return;
    }
    this.addRemoteCandidate(candidate);
  }

  /** @param {RTCIceCandidateInit|null} candidate */
  addRemoteCandidate(candidate) {
    const pc = this.pc;
    const added = candidate === null ? pc.addIceCandidate() : pc.addIceCandidate(candidate);
    added.catch((e) => {
      if (candidate !== null) {
        this.emitError('candidate', e);
      }
    });
  }

  flushRemoteCandidates() {
    const queued = this.remoteCandidates.splice(0);
    queued.forEach((c) => this.addRemoteCandidate(c));
  }

  flushLocalCandidates() {
    const queued = this.localCandidates;
    this.localCandidates = null; // from now on they go out as they come
    queued?.forEach((c) => this.signaling?.send({type: 'candidate', candidate: c}));
  }

  // ---------------------------------------------------------------- lifecycle

  /** @param {RTCIceServer[]} iceServers */
  createPeerConnection(iceServers) {
    const pc = new RTCPeerConnection({iceServers, bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require', iceTransportPolicy: this.options.iceTransportPolicy ?? 'all'});
    pc.addEventListener('icecandidate', (event) => {
      if (pc !== this.pc) {
        return;
      }
      const candidate = event.candidate ? event.candidate.toJSON() : null;
      if (candidate !== null && !candidate.candidate) {
        return; // Chromium's empty end-of-generation candidate: the null after it says so
      }
      if (this.localCandidates) {
        this.localCandidates.push(candidate); // the offer has not gone out yet
      } else {
        this.signaling?.send({type: 'candidate', candidate});
      }
    });
    const policy = new IceRestartPolicy({maxAttempts: this.options.iceRestartAttempts,
      timeoutMs: this.options.iceRestartTimeoutMs});
    pc.addEventListener('connectionstatechange', () => {
      if (pc !== this.pc) {
        return;
      }
      this.connectionState = pc.connectionState;
      this.dispatchEvent(new CustomEvent('connectionstatechange',
          {detail: {state: pc.connectionState, origin: 'peer'}}));
      this.onIceRestartAction(pc, policy, policy.onState(pc.connectionState, performance.now()),
          pc.connectionState);
    });
    return pc;
  }

  /**
   * Acts on what the peer connection's {@link IceRestartPolicy} decided: an ICE restart (an
   * offer with `iceRestart`, made as any client offer), or a rejoin once restarts did not help.
   * While an attempt runs a timer asks the policy whether it took too long.
   * @param {RTCPeerConnection} pc @param {IceRestartPolicy} policy
   * @param {'none'|'restart'|'rejoin'} action @param {string} state why
   */
  onIceRestartAction(pc, policy, action, state) {
    if (pc !== this.pc || action === 'none' || this.recovery.running) {
      return; // a rejoin under way replaces the peer connection anyway
    }
    if (action === 'rejoin') {
      this.stopIceRestartTimer();
      if (this.intent) {
        this.recovery.restore('ice_failed');
      }
      return;
    }
    this.dispatchEvent(new CustomEvent('icerestart', {detail: {attempt: policy.attempts,
      state}}));
    this.iceRestartWanted = true;
    this.renegotiate().catch((e) => {
      if (pc === this.pc) {
        this.emitError('ice restart', e); // the policy's timer tries again, then rejoins
      }
    });
    if (!this.iceRestartTimer) {
      this.iceRestartTimer = setInterval(() => {
        if (pc !== this.pc || !policy.running) {
          this.stopIceRestartTimer();
          return;
        }
        this.onIceRestartAction(pc, policy, policy.tick(performance.now()), 'timeout');
      }, 250);
    }
  }

  stopIceRestartTimer() {
    clearInterval(this.iceRestartTimer);
    this.iceRestartTimer = null;
  }

  resetSession() {
    /** @type {Map<string, TrackInfo>} available tracks of others, by clientId/trackId */
    this.available = new Map();
    /** @type {Map<string, VideoLayer>} the layer received of a track, by clientId/trackId */
    this.layers = new Map();
    /** @type {Set<string>} clientId/trackId asked for */
    this.subscribed = new Set();
    /** @type {Map<string, any>} remote tracks by mid */
    this.remoteByMid = new Map();
    /** @type {Map<string, MediaStream>} by clientId/streamId */
    this.remoteStreams = new Map();
    /** @type {Array<RTCIceCandidateInit|null>} SFU candidates before its description */
    this.remoteCandidates = [];
    /** @type {Array<RTCIceCandidateInit|null>|null} own candidates before the first offer */
    this.localCandidates = [];
    /** @type {Promise<any>} */
    this.chain = Promise.resolve();
    /** whether a client offer is being made or waits for its answer */
    this.offerUnanswered = false;
    this.offersSent = 0;
    this.firstAnswered = false;
    /** @type {Promise<void>|null} the first offer's exchange, once join() has started it */
    this.firstOffer = null;
    this.renegotiationWanted = false;
    /** whether an SFU offer without the rid extension was applied (see addToPeerConnection) */
    this.ridRefused = false;
    /** @type {Promise<void>|null} */
    this.renegotiating = null;
    this.allowCount = 0;
    /** @type {Array<() => void>} */
    this.allowWaiters = [];
    /** the next client offer restarts ICE ({@link IceRestartPolicy}) */
    this.iceRestartWanted = false;
    this.stopIceRestartTimer?.();
  }

  /** @param {string} reason */
  teardown(reason) {
    const pc = this.pc;
    this.pc = null;
    for (const remote of [...this.remoteByMid.values()]) {
      this.endRemote(remote, reason);
    }
    if (pc) {
      pc.close();
    }
    for (const local of this.local.values()) {
      local.transceiver = null;
      local.layersWanted = undefined; // a new session's sender sends every encoding
    }
    this.allowWaiters.splice(0).forEach((done) => done());
    this.adaptive.reset();
    this.resetSession();
    this.clientId = null;
    this.room = null;
    this.clients = new Map();
    this.speakers = [];
    if (this.connectionState !== 'closed') {
      this.connectionState = 'closed';
      this.dispatchEvent(new CustomEvent('connectionstatechange',
          {detail: {state: 'closed', origin: 'peer'}}));
    }
    if (this.sfuConnectionState !== 'closed') {
      // the session's transport is gone on the SFU too: its last report no longer holds
      this.sfuConnectionState = 'closed';
      this.dispatchEvent(new CustomEvent('connectionstatechange',
          {detail: {state: 'closed', origin: 'sfu'}}));
    }
  }

  /** @param {object} message */
  request(message) {
    if (!this.signaling) {
      return Promise.reject(new SfuError('closed', `cannot send ${message.type}: not connected`));
    }
    return this.signaling.request(message);
  }

  /** @param {string} during @param {any} error @param {TrackInfo} [track] what it was about */
  emitError(during, error, track) {
    /** @type {any} */
    const detail = {code: error?.code ?? 'internal', message: `${during}: ${error?.message ?? error}`,
      error};
    if (track) {
      detail.track = track;
      detail.codec = track.codec;
    }
    this.dispatchEvent(new CustomEvent('error', {detail}));
  }
}

/** The rid header extension (RFC 8852), which a simulcast m-line needs negotiated. */
const RID_EXTENSION = 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id';

/** How many chat messages `messages` keeps (the oldest go first). */
const MAX_MESSAGES = 200;

/** WebSocket close code of a policy violation: an unauthorized join. Final: no reconnection. */
const POLICY_VIOLATION = 1008;

/** @param {{room: string, name?: string, token?: string}} intent */
function joinMessage(intent) {
  const message = {type: 'join', room: intent.room};
  if (intent.name !== undefined) {
    message.name = intent.name;
  }
  if (intent.token !== undefined) {
    message.token = intent.token;
  }
  return message;
}

/** @param {{clientId: string, trackId: string}} t */
function key(t) {
  return `${t.clientId}/${t.trackId}`;
}

/** @param {RTCRtpTransceiver} transceiver */
function receives(transceiver) {
  return transceiver.direction === 'recvonly' || transceiver.direction === 'sendrecv';
}

/** @returns {RemoteTrack} */
function publicRemote(remote) {
  return {track: remote.track, stream: remote.stream, info: remote.info, mid: remote.mid,
    receiver: remote.receiver};
}

/** @param {string} [url] */
function signalingUrl(url) {
  const base = globalThis.location ? globalThis.location.href : 'http://127.0.0.1/';
  const resolved = new URL(url ?? '/ws', base);
  if (resolved.protocol === 'http:' || resolved.protocol === 'https:') {
    resolved.protocol = resolved.protocol === 'https:' ? 'wss:' : 'ws:';
    if (url && resolved.pathname.endsWith('/')) {
      resolved.pathname += 'ws';
    }
  }
  return resolved.href;
}

/**
 * The RTP stream of `type` that is current: of an inbound one, the one that received last (a
 * recycled m-line may still report the SSRC of the track it carried before); of an outbound,
 * the busiest.
 * @param {RTCStatsReport} report
 * @param {'inbound-rtp'|'outbound-rtp'} type
 * @returns {TrackStats|null}
 */
function summarize(report, type) {
  let best = null;
  report.forEach((stat) => {
    if (stat.type === type && (!best || newer(stat, best))) {
      best = stat;
    }
  });
  if (!best) {
    return null;
  }
  const codec = best.codecId ? report.get(best.codecId) : undefined;
  return {
    direction: type === 'inbound-rtp' ? 'inbound' : 'outbound',
    timestamp: best.timestamp,
    bytes: bytesOf(best),
    packets: (type === 'inbound-rtp' ? best.packetsReceived : best.packetsSent) ?? 0,
    packetsLost: best.packetsLost ?? 0,
    jitter: best.jitter,
    frameWidth: best.frameWidth,
    frameHeight: best.frameHeight,
    framesPerSecond: best.framesPerSecond,
    codec: codec?.mimeType,
  };
}

/** @param {any} a @param {any} b */
function newer(a, b) {
  const last = (stat) => stat.lastPacketReceivedTimestamp ?? 0;
  return last(a) !== last(b) ? last(a) > last(b) : bytesOf(a) > bytesOf(b);
}

/** @param {any} stat */
function bytesOf(stat) {
  return stat.bytesReceived ?? stat.bytesSent ?? 0;
}
