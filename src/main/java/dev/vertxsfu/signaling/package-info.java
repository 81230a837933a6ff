/**
 * The node's HTTP and WebSocket front. Never holds media objects; talks to rooms over the
 * event bus only.
 */
package dev.vertxsfu.signaling;
