// Recovery of a lost session (docs/protocol.md): the attempts to rejoin, their
// backoff and the events that report them. Used by SfuClient only; what one attempt does
// (which socket, join, publish) is the client's.

import {SfuError} from './sfu-signaling.js';

/**
 * What the recovery needs of its client.
 * @typedef {Object} RecoverableClient
 * @property {{room: string, name?: string, token?: string}|null} intent what the application
 *     joined and has not left; a recovery stops when it changes
 * @property {{maxReconnectAttempts: number, reconnectBaseMs: number, reconnectMaxMs: number}} options
 * @property {(intent: any) => Promise<any>} rejoin one attempt; resolves with the `rejoined` detail
 * @property {(reason: string) => void} teardown ends the current session, remote tracks with `reason`
 * @property {(detail: {reason: string, error?: any}) => void} giveUp ends it all for good
 * @property {(event: Event) => boolean} dispatchEvent
 */

/**
 * Restores a client's session after the room moved (`moved`) or its socket closed unexpectedly
 * (`reconnecting`): up to `maxReconnectAttempts` attempts, each after its backoff delay, one
 * recovery at a time. Emits `reconnecting` before each attempt and `rejoined` after the one
 * that worked, on the client. Runs on the page's event loop, like the client.
 */
export class SessionRecovery {
  /** @param {RecoverableClient} client */
  constructor(client) {
    this.client = client;
    /** whether a recovery runs */
    this.running = false;
    /** @type {string|null} why the session the current attempt builds is lost already */
    this.lost = null;
    /** @type {(() => void)|null} ends the wait before the next attempt */
    this.wake = null;
  }

  /**
   * Starts a recovery: ends the lost session's remote tracks with `reason`, then tries to
   * rejoin. While one runs, a new loss only marks its current attempt lost.
   * @param {'moved'|'reconnecting'} reason
   * @param {{code: number, reason: string}} [close] the socket's close, for `reconnecting`
   * @returns {Promise<void>} settles when the recovery ends, whatever its outcome
   */
  async restore(reason, close) {
    if (this.running) {
      this.lost = reason;
      return;
    }
    this.running = true;
    this.client.teardown(reason);
    try {
      await this.attempts(this.client.intent, reason, close);
    } catch (e) {
      this.client.dispatchEvent(new CustomEvent('error', {detail: {code: e?.code ?? 'internal',
        message: `reconnect: ${e?.message ?? e}`, error: e}}));
    } finally {
      this.running = false;
    }
  }

  /** Stops waiting for the next attempt (the application left: the loop sees its intent gone). */
  stop() {
    this.wake?.();
  }

  /**
   * The attempts, none of them waiting for the first one after a move (the socket is fine).
   * @param {{room: string, name?: string, token?: string}} intent
   * @param {'moved'|'reconnecting'} reason
   * @param {{code: number, reason: string}} [close]
   */
  async attempts(intent, reason, close) {
    const client = this.client;
    let error = null;
    for (let attempt = 1; attempt <= client.options.maxReconnectAttempts; attempt++) {
      const delayMs = backoffDelay(reason === 'moved' ? attempt - 1 : attempt, client.options);
      client.dispatchEvent(new CustomEvent('reconnecting', {detail: {attempt, delayMs, reason,
        error, code: close?.code, closeReason: close?.reason}}));
      await this.pause(delayMs);
      if (client.intent !== intent) {
        return;
      }
      try {
        const joined = await this.attempt(intent);
        client.dispatchEvent(new CustomEvent('rejoined', {detail: {...joined, attempt}}));
        return;
      } catch (e) {
        if (client.intent !== intent) {
          return;
        }
        if (e?.code === 'unauthorized') {
          client.giveUp({reason: 'unauthorized', error: e});
          return;
        }
        error = e;
      }
    }
    client.giveUp({reason: 'attempts', error});
  }

  /** @param {{room: string, name?: string, token?: string}} intent */
  async attempt(intent) {
    this.lost = null;
    const joined = await this.client.rejoin(intent);
    if (this.lost) {
      // The room moved again, or the socket closed, before the session was up.
      this.client.teardown(this.lost);
      throw new SfuError('unavailable', `the session was lost while rejoining (${this.lost})`);
    }
    return joined;
  }

  /** @param {number} ms @returns {Promise<void>} after `ms`, or at once on `stop()` */
  pause(ms) {
    if (ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wake = wake;
    });
  }
}

/**
 * The wait before attempt `n` (docs/protocol.md): 0 for n = 0, else
 * `reconnectBaseMs` doubling per attempt up to `reconnectMaxMs`, with ±20% jitter.
 * @param {number} n
 * @param {{reconnectBaseMs: number, reconnectMaxMs: number}} options
 * @param {() => number} [random] uniform in [0, 1)
 * @returns {number} ms
 */
export function backoffDelay(n, {reconnectBaseMs, reconnectMaxMs}, random = Math.random) {
  if (n <= 0) {
    return 0;
  }
  const nominal = Math.min(reconnectBaseMs * 2 ** (n - 1), reconnectMaxMs);
  return Math.round(nominal * (0.8 + 0.4 * random()));
}

/**
 * When the client restarts ICE and when it gives up and rejoins instead (docs/protocol.md
 * section 18), as the Java client's `IceRestartPolicy`: a peer connection that was connected
 * and goes `disconnected` or `failed` restarts ICE at once (an offer with `iceRestart`); an
 * attempt that has not brought it back to `connected` within `timeoutMs` (or that ends in
 * `failed`) is followed by the next, and after `maxAttempts` of them the client rejoins. Back to
 * `connected`, it starts from scratch. One per peer connection.
 *
 * Pure: the client passes the states and the time (ms), calls `tick()` from a timer, and acts on
 * what comes back: `'none'`, `'restart'` or `'rejoin'`.
 */
export class IceRestartPolicy {
  /** @param {{maxAttempts?: number, timeoutMs?: number}} [options] */
  constructor({maxAttempts = 2, timeoutMs = 10000} = {}) {
    this.maxAttempts = maxAttempts;
    this.timeoutMs = timeoutMs;
    /** restarts since the connection was last connected */
    this.attempts = 0;
    /** when the running attempt started; -1 when none runs */
    this.startedAt = -1;
    this.gaveUp = false;
    this.everConnected = false;
  }

  /**
   * @param {RTCPeerConnectionState} state @param {number} now ms
   * @returns {'none'|'restart'|'rejoin'}
   */
  onState(state, now) {
    if (this.gaveUp) {
      return 'none';
    }
    if (state === 'connected') {
      this.everConnected = true;
      this.attempts = 0;
      this.startedAt = -1;
      return 'none';
    }
    if (state === 'disconnected') {
      return this.everConnected && this.startedAt < 0 ? this.next(now) : 'none';
    }
    if (state === 'failed') {
      return this.everConnected ? this.next(now) : 'none';
    }
    return 'none';
  }

  /** @param {number} now ms @returns {'none'|'restart'|'rejoin'} */
  tick(now) {
    if (this.gaveUp || this.startedAt < 0 || now - this.startedAt < this.timeoutMs) {
      return 'none';
    }
    return this.next(now);
  }

  /** Whether an attempt runs (the client's timer is needed only then). */
  get running() {
    return this.startedAt >= 0;
  }

  /** @param {number} now @returns {'restart'|'rejoin'} */
  next(now) {
    if (this.attempts >= this.maxAttempts) {
      this.gaveUp = true;
      this.startedAt = -1;
      return 'rejoin';
    }
    this.attempts++;
    this.startedAt = now;
    return 'restart';
  }
}
