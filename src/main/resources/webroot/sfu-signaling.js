// The WebSocket half of the SDK: docs/protocol.md v1 frames, request ids matched to replies.
// Used by SfuClient only; knows nothing about WebRTC.

/**
 * A refusal or failure of the SFU (docs/protocol.md "Errors"), or of the signaling itself
 * (`timeout`, `closed`).
 */
export class SfuError extends Error {
  /**
   * @param {string} code docs/protocol.md error code (`bad_request`, `not_allowed`, ...) or
   *     `timeout` / `closed` for failures of the channel
   * @param {string} message
   * @param {string|number} [id] the id of the request it answers
   */
  constructor(code, message, id) {
    super(`${code}: ${message}`);
    this.name = 'SfuError';
    /** @type {string} */
    this.code = code;
    /** @type {string|number|undefined} */
    this.id = id;
  }
}

/**
 * One WebSocket to the SFU. `request()` gives each request an integer id and resolves with
 * the reply that carries it (rejects with an {@link SfuError} on an `error` reply, a timeout
 * or the socket closing). Every other frame is dispatched as a `message` event (detail: the
 * parsed object); the socket closing is a `close` event (detail: `{code, reason}`).
 */
export class SignalingChannel extends EventTarget {
  /**
   * @param {string} url a `ws:` or `wss:` URL
   * @param {{requestTimeoutMs?: number, WebSocketImpl?: typeof WebSocket}} [options]
   */
  constructor(url, options = {}) {
    super();
    this.url = url;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10000;
    this.WebSocketImpl = options.WebSocketImpl ?? globalThis.WebSocket;
    /** @type {WebSocket|null} */
    this.socket = null;
    this.nextId = 1;
    /** @type {Map<number, {resolve: Function, reject: Function, timer: any}>} */
    this.pending = new Map();
  }

  /** Whether the socket is open. */
  get open() {
    return this.socket !== null && this.socket.readyState === this.WebSocketImpl.OPEN;
  }

  /**
   * Opens the socket.
   * @returns {Promise<void>} resolves once open; rejects if it closes first, or does not open
   *     within the request timeout (a node that is gone may never answer)
   */
  connect() {
    if (this.socket) {
      return Promise.reject(new SfuError('not_allowed', 'already connected'));
    }
    return new Promise((resolve, reject) => {
      const socket = new this.WebSocketImpl(this.url);
      this.socket = socket;
      let opened = false;
      const timer = setTimeout(() => socket.close(), this.requestTimeoutMs);
      socket.addEventListener('open', () => {
        opened = true;
        clearTimeout(timer);
        resolve();
      });
      socket.addEventListener('message', (event) => this.onFrame(event.data));
      socket.addEventListener('close', (event) => {
        clearTimeout(timer);
        this.socket = null;
        this.abandon(new SfuError('closed', `signaling closed (${event.code} ${event.reason})`));
        if (!opened) {
          reject(new SfuError('closed', `cannot connect to ${this.url} (${event.code})`));
        }
        this.dispatchEvent(new CustomEvent('close', {
          detail: {code: event.code, reason: event.reason},
        }));
      });
    });
  }

  /**
   * Sends a request and waits for its reply.
   * @param {object} message a docs/protocol.md client message without `id`
   * @returns {Promise<any>} the reply frame
   */
  request(message) {
    if (!this.open) {
      return Promise.reject(new SfuError('closed', `cannot send ${message.type}: not connected`));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SfuError('timeout', `no reply to ${message.type} (id ${id}) in `
            + `${this.requestTimeoutMs} ms`, id));
      }, this.requestTimeoutMs);
      this.pending.set(id, {resolve, reject, timer});
      this.socket.send(JSON.stringify({...message, id}));
    });
  }

  /**
   * Sends a message that has no reply (`answer`, `candidate`).
   * @param {object} message
   * @returns {boolean} whether it was sent
   */
  send(message) {
    if (!this.open) {
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /**
   * Rejects every request still waiting for its reply: the SFU will not answer them (the
   * socket closed, or the room they went to moved and the SFU drops their late replies).
   * @param {SfuError} failure
   */
  abandon(failure) {
    for (const [, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      waiter.reject(failure);
    }
    this.pending.clear();
  }

  /** Closes the socket (normal closure). */
  close() {
    if (this.socket) {
      this.socket.close(1000, 'client closed');
    }
  }

  /** @param {any} data */
  onFrame(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      this.dispatchEvent(new CustomEvent('message', {
        detail: {type: 'error', code: 'bad_frame', message: `unparsable frame from the SFU: ${e}`},
      }));
      return;
    }
    if (message === null || typeof message !== 'object') {
      return;
    }
    const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
    if (waiter) {
      this.pending.delete(message.id);
      clearTimeout(waiter.timer);
      if (message.type === 'error') {
        waiter.reject(new SfuError(message.code ?? 'internal', message.message ?? '', message.id));
      } else {
        waiter.resolve(message);
      }
      return;
    }
    this.dispatchEvent(new CustomEvent('message', {detail: message}));
  }
}
