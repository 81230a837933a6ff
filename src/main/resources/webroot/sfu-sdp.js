// What the SDK reads from an SDP (RFC 8866): per m-line its mid, kind, port, direction and
// msid (RFC 8830). Only the SFU's descriptions and the client's own are read, never edited.

/**
 * @typedef {Object} Msid
 * @property {string} streamId the first part of `a=msid` (the publisher's MediaStream id)
 * @property {string} trackId the second part (the publisher's track id)
 */

/**
 * @typedef {Object} MediaSection
 * @property {number} index the m-line's position
 * @property {string|null} mid `a=mid`
 * @property {string} kind `audio`, `video`, `application`...
 * @property {number} port 0 for a rejected or stopped m-line
 * @property {'sendrecv'|'sendonly'|'recvonly'|'inactive'} direction as the SDP's author sees it
 * @property {Msid|null} msid the first `a=msid` with a track id, else the legacy
 *     `a=ssrc:<n> msid:` one, else null
 */

const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/**
 * Splits an SDP into its m-lines. Lenient: it never throws, skipping what it does not
 * understand.
 * @param {string} sdp
 * @returns {MediaSection[]}
 */
export function mediaSections(sdp) {
  /** @type {MediaSection[]} */
  const sections = [];
  let sessionDirection = 'sendrecv';
  /** @type {(MediaSection & {legacyMsid?: Msid|null, hasDirection?: boolean})|null} */
  let current = null;
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) {
      const [kind, port] = line.substring(2).split(' ');
      current = {index: sections.length, mid: null, kind, port: Number.parseInt(port, 10) || 0,
        direction: sessionDirection, msid: null, legacyMsid: null, hasDirection: false};
      sections.push(current);
      continue;
    }
    if (!line.startsWith('a=')) {
      continue;
    }
    const attribute = line.substring(2);
    if (DIRECTIONS.has(attribute)) {
      if (current) {
        current.direction = /** @type {any} */ (attribute);
        current.hasDirection = true;
      } else {
        sessionDirection = attribute;
      }
    } else if (current && attribute.startsWith('mid:')) {
      current.mid = attribute.substring(4);
    } else if (current && attribute.startsWith('msid:') && !current.msid) {
      current.msid = parseMsid(attribute.substring(5));
    } else if (current && attribute.startsWith('ssrc:') && !current.legacyMsid) {
      const match = /^ssrc:\d+ msid:(.*)$/.exec(attribute);
      if (match) {
        current.legacyMsid = parseMsid(match[1]);
      }
    }
  }
  return sections.map((s) => ({index: s.index, mid: s.mid, kind: s.kind, port: s.port,
    direction: s.direction, msid: s.msid ?? s.legacyMsid ?? null}));
}

/**
 * Whether the author of the description sends media on this m-line.
 * @param {MediaSection} section
 */
export function authorSends(section) {
  return section.port !== 0
      && (section.direction === 'sendonly' || section.direction === 'sendrecv');
}

/**
 * @param {string} value `<streamId> <trackId>`; a lone `-` or missing track id gives null
 * @returns {Msid|null}
 */
function parseMsid(value) {
  const [streamId, trackId] = value.trim().split(/\s+/);
  if (!streamId || !trackId) {
    return null;
  }
  return {streamId, trackId};
}
