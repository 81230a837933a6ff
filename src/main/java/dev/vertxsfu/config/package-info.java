/**
 * Typed configuration: defaults from {@code conf/} on the class path, environment overrides.
 * Immutable values only; no logic that belongs to a room.
 */
package dev.vertxsfu.config;
