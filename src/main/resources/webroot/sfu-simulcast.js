// Simulcast publishing (docs/protocol.md section 17): which encodings the SDK asks the browser
// for when it adds a video track to its peer connection. Pure: a track's source and size in,
// `RTCRtpEncodingParameters` out. SfuClient.addToPeerConnection calls it; it owns nothing.
//
// The encodings carry rids (RFC 8851), smallest first: the browser's offer then lists
// `a=simulcast:send q;h;f` and the SFU receives each encoding as its own layer, lowest first in
// the order the offer lists them.

/**
 * How a published video track is split into encodings.
 * @typedef {Object} SimulcastOptions
 * @property {boolean} [simulcast=true] send camera (source `media`) video as several encodings
 * @property {boolean} [screenSimulcast=false] send screen video as two encodings too (a half
 *     size one at 5 fps and the full size at 15 fps); by default a screen is sent as one
 *     encoding, full size, since a shared screen is unreadable when scaled down
 */

/** The capture width from which a camera is sent in three encodings (else two, or one). */
export const THREE_LAYERS_FROM_WIDTH = 640;
/** The capture width from which a camera is sent in two encodings. */
export const TWO_LAYERS_FROM_WIDTH = 320;

/**
 * The encodings to send a video track as, or undefined for the browser's single default one.
 * A camera of at least 640 pixels wide gets three, `q`, `h` and `f` at a quarter, half and the
 * full size (1280x720: 320x180, 640x360, 1280x720); from 320 wide two, `h` and `f`; below, one.
 * A screen gets one, or with `screenSimulcast` two at low frame rates.
 * @param {MediaStreamTrack} track a video track
 * @param {'media'|'screen'} source
 * @param {SimulcastOptions & {simulcast?: boolean}} options
 * @returns {RTCRtpEncodingParameters[]|undefined}
 */
export function simulcastEncodings(track, source, options) {
  if (track.kind !== 'video') {
    return undefined;
  }
  if (source === 'screen') {
    return options.screenSimulcast === true
      ? [{rid: 'h', scaleResolutionDownBy: 2, maxFramerate: 5},
        {rid: 'f', scaleResolutionDownBy: 1, maxFramerate: 15}]
      : undefined;
  }
  if (options.simulcast === false) {
    return undefined;
  }
  const width = captureWidth(track);
  if (width >= THREE_LAYERS_FROM_WIDTH) {
    return [{rid: 'q', scaleResolutionDownBy: 4}, {rid: 'h', scaleResolutionDownBy: 2},
      {rid: 'f', scaleResolutionDownBy: 1}];
  }
  if (width >= TWO_LAYERS_FROM_WIDTH) {
    return [{rid: 'h', scaleResolutionDownBy: 2}, {rid: 'f', scaleResolutionDownBy: 1}];
  }
  return undefined;
}

/**
 * Applies `layers_wanted` (docs/protocol.md section 20) to a sender's parameters, in place:
 * each encoding becomes active exactly when its rid is in `rids`, or, for encodings without
 * rids, when its index is in `spatial`. A single encoding is left alone (not simulcast). Pure:
 * SfuClient.onLayersWanted passes `sender.getParameters()` and calls `setParameters` with them
 * when this says something changed.
 * @param {RTCRtpSendParameters} parameters
 * @param {{rids?: string[], spatial?: number[]}} wanted the event's fields
 * @returns {boolean} whether any encoding's `active` changed
 */
export function applyWantedLayers(parameters, wanted) {
  const encodings = parameters.encodings ?? [];
  if (encodings.length < 2) {
    return false;
  }
  const rids = new Set(wanted.rids ?? []);
  const spatial = new Set(wanted.spatial ?? []);
  let changed = false;
  for (let i = 0; i < encodings.length; i++) {
    const encoding = encodings[i];
    const byRid = typeof encoding.rid === 'string' && encoding.rid !== '';
    if (byRid ? !wanted.rids : !wanted.spatial) {
      continue; // the event does not name encodings this way
    }
    const active = byRid ? rids.has(encoding.rid) : spatial.has(i);
    if ((encoding.active !== false) !== active) {
      encoding.active = active;
      changed = true;
    }
  }
  return changed;
}

/**
 * The track's capture width: its settings' (a camera's), else its constraints', else 0 (then
 * it is sent as one encoding).
 * @param {MediaStreamTrack} track
 */
function captureWidth(track) {
  const settings = track.getSettings?.() ?? {};
  if (typeof settings.width === 'number') {
    return settings.width;
  }
  const wanted = track.getConstraints?.()?.width;
  if (typeof wanted === 'number') {
    return wanted;
  }
  return typeof wanted === 'object' && wanted !== null
    ? Number(wanted.exact ?? wanted.ideal ?? wanted.max ?? 0) : 0;
}
