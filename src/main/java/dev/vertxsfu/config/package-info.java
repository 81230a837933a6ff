/**
 * Typed configuration: defaults from {@code conf/} on the class path, environment overrides,
 * and, once at start-up, the media addresses resolved against this machine's interfaces
 * ({@link dev.vertxsfu.config.MediaAddresses}: {@code auto} and the wildcard bind host;
 * {@code java.net.NetworkInterface} only, no Vert.x). Immutable values only; no logic that
 * belongs to a room.
 */
package dev.vertxsfu.config;
