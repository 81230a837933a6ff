// Adaptive stream (docs/protocol.md section 17): the SDK tells the SFU, with `track_settings`,
// how large each remote video is shown and whether it is seen at all, so that the SFU sends the
// smallest simulcast layer that fills the tile and nothing for a hidden one.
//
// The application says which element shows a remote video (`SfuClient.attachVideo`); an
// `AdaptiveStream` watches those elements with a ResizeObserver (their size) and an
// IntersectionObserver (whether any of them is in the viewport), and after `debounceMs` of quiet
// sends the settings that changed. One per SfuClient, created by it; it lives on the page's one
// thread and owns the observers and what it last sent. It sends nothing for a track no element
// was attached to (the SFU then sends its largest layer, as to a v1 client).

/** The most tracks one `track_settings` may carry (docs/protocol.md section 5). */
const MAX_TRACKS_PER_MESSAGE = 100;
/** The largest size `track_settings` takes. */
const MAX_SIZE = 16384;

/**
 * What the SDK asks the SFU for one track.
 * @typedef {Object} TrackWish
 * @property {number} maxWidth pixels (device pixels), 0 when paused
 * @property {number} maxHeight
 * @property {boolean} paused no attached element is visible
 */

export class AdaptiveStream {
  /**
   * @param {{request: (message: object) => Promise<any>,
   *     isReceiving: (key: string) => boolean,
   *     emitError: (during: string, error: any) => void}} owner the SfuClient: sends requests,
   *     says whether a track (`clientId/trackId`) is still received, reports errors
   * @param {{debounceMs?: number, pixelDensity?: number}} [options] `pixelDensity`: device
   *     pixels per CSS pixel (default: the screen's `devicePixelRatio`)
   */
  constructor(owner, options = {}) {
    this.owner = owner;
    this.debounceMs = options.debounceMs ?? 100;
    this.pixelDensity = options.pixelDensity;
    /**
     * The watched elements: the track each shows (`clientId/trackId`, the ids to send) and
     * whether the IntersectionObserver last saw it in the viewport.
     * @type {Map<HTMLVideoElement, {key: string, clientId: string, trackId: string,
     *     visible: boolean}>}
     */
    this.elements = new Map();
    /** @type {Map<string, TrackWish>} what the SFU was last told, by track */
    this.sent = new Map();
    /** @type {ReturnType<typeof setTimeout>|null} */
    this.timer = null;
    const schedule = () => this.schedule();
    this.resizeObserver = globalThis.ResizeObserver ? new ResizeObserver(schedule) : null;
    this.intersectionObserver = globalThis.IntersectionObserver
      ? new IntersectionObserver((entries) => {
        for (const entry of entries) {
          const watched = this.elements.get(/** @type {HTMLVideoElement} */ (entry.target));
          if (watched) {
            watched.visible = entry.isIntersecting;
          }
        }
        this.schedule();
      }) : null;
    this.onVideoResize = schedule;
  }

  /**
   * Watches an element that shows a remote video track. An element shows one track: attaching
   * it again moves it to the new one.
   * @param {HTMLVideoElement} element
   * @param {{clientId: string, trackId: string}} info the track
   */
  attach(element, info) {
    this.detach(element);
    this.elements.set(element, {key: `${info.clientId}/${info.trackId}`, clientId: info.clientId,
      trackId: info.trackId, visible: true});
    this.resizeObserver?.observe(element);
    this.intersectionObserver?.observe(element);
    // its picture's shape (videoWidth/videoHeight) decides how much of the box it fills
    element.addEventListener('resize', this.onVideoResize);
    this.schedule();
  }

  /** @param {HTMLVideoElement} element */
  detach(element) {
    if (!this.elements.delete(element)) {
      return;
    }
    this.resizeObserver?.unobserve(element);
    this.intersectionObserver?.unobserve(element);
    element.removeEventListener('resize', this.onVideoResize);
    this.schedule();
  }

  /**
   * A received track ended: its elements are no longer watched for it and what was sent for it
   * is forgotten (its subscription, should it come back, starts with the SFU's default).
   * @param {string} key `clientId/trackId`
   */
  forget(key) {
    for (const [element, watched] of [...this.elements]) {
      if (watched.key === key) {
        this.detach(element);
      }
    }
    this.sent.delete(key);
  }

  /** The session ended (left, or a recovery starts a new one): nothing was sent in the next. */
  reset() {
    for (const element of [...this.elements.keys()]) {
      this.detach(element);
    }
    this.sent.clear();
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  schedule() {
    if (this.timer !== null) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.debounceMs);
  }

  /**
   * The wishes of the tracks with elements, by track: the largest visible element's size, or
   * paused when none is visible.
   * @returns {Map<string, TrackWish & {clientId: string, trackId: string}>}
   */
  wishes() {
    const density = this.pixelDensity ?? globalThis.devicePixelRatio ?? 1;
    /** @type {Map<string, TrackWish & {clientId: string, trackId: string}>} */
    const wishes = new Map();
    for (const [element, watched] of this.elements) {
      let wish = wishes.get(watched.key);
      if (!wish) {
        wish = {clientId: watched.clientId, trackId: watched.trackId, maxWidth: 0, maxHeight: 0,
          paused: true};
        wishes.set(watched.key, wish);
      }
      const shown = watched.visible ? shownSize(element, density) : null;
      if (shown) {
        wish.paused = false;
        wish.maxWidth = Math.max(wish.maxWidth, shown.width);
        wish.maxHeight = Math.max(wish.maxHeight, shown.height);
      }
    }
    return wishes;
  }

  /** Sends the settings that changed since last sent, in messages of at most 100 tracks. */
  flush() {
    const changed = [];
    for (const [key, wish] of this.wishes()) {
      const last = this.sent.get(key);
      if (!this.owner.isReceiving(key) || (last && last.paused === wish.paused
          && last.maxWidth === wish.maxWidth && last.maxHeight === wish.maxHeight)) {
        continue;
      }
      this.sent.set(key, {maxWidth: wish.maxWidth, maxHeight: wish.maxHeight,
        paused: wish.paused});
      changed.push(wish);
    }
    for (let i = 0; i < changed.length; i += MAX_TRACKS_PER_MESSAGE) {
      this.send(changed.slice(i, i + MAX_TRACKS_PER_MESSAGE).map(setting));
    }
  }

  /**
   * One `track_settings`. A track unsubscribed meanwhile makes the SFU refuse the whole message
   * (`not_found`): each setting then goes again on its own.
   * @param {object[]} tracks
   */
  send(tracks) {
    this.owner.request({type: 'track_settings', tracks}).catch((e) => {
      if (e?.code === 'not_found' && tracks.length > 1) {
        for (const track of tracks) {
          this.owner.request({type: 'track_settings', tracks: [track]}).catch(() => {});
        }
      } else if (e?.code !== 'not_found' && e?.code !== 'closed') {
        this.owner.emitError('track_settings', e);
      }
    });
  }
}

/** @param {TrackWish & {clientId: string, trackId: string}} wish */
function setting(wish) {
  /** @type {any} */
  const s = {clientId: wish.clientId, trackId: wish.trackId, maxWidth: wish.maxWidth,
    maxHeight: wish.maxHeight};
  if (wish.paused) {
    s.paused = true;
  }
  return s;
}

/**
 * The size in device pixels at which an element shows its video: its box, narrowed to the
 * picture's shape once the video has one (`object-fit: contain`, the default, letterboxes it;
 * `cover` crops it, so the picture is larger than the box); null for an element with no area.
 * @param {HTMLVideoElement} element
 * @param {number} density device pixels per CSS pixel
 * @returns {{width: number, height: number}|null}
 */
export function shownSize(element, density) {
  const boxWidth = element.clientWidth;
  const boxHeight = element.clientHeight;
  if (!(boxWidth > 0 && boxHeight > 0)) {
    return null;
  }
  let width = boxWidth;
  let height = boxHeight;
  const videoWidth = element.videoWidth;
  const videoHeight = element.videoHeight;
  if (videoWidth > 0 && videoHeight > 0) {
    const fit = globalThis.getComputedStyle?.(element).objectFit;
    const scales = [boxWidth / videoWidth, boxHeight / videoHeight];
    const scale = fit === 'cover' ? Math.max(...scales)
      : fit === 'fill' ? Number.NaN : Math.min(...scales);
    if (!Number.isNaN(scale)) {
      width = videoWidth * scale;
      height = videoHeight * scale;
    }
  }
  const clamp = (n) => Math.max(1, Math.min(MAX_SIZE, Math.round(n * density)));
  return {width: clamp(width), height: clamp(height)};
}
