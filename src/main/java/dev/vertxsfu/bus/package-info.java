/**
 * The event-bus contract between the signaling front and the rooms: addresses and message
 * shapes. Small and logic-free; nothing that belongs to a room.
 */
package dev.vertxsfu.bus;
