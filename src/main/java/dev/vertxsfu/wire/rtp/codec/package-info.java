/**
 * The first bytes of video RTP payloads, read only as far as a forwarder must: where a key
 * frame starts. Never decodes media. Stateless; malformed payloads read as "not a key frame".
 */
package dev.vertxsfu.wire.rtp.codec;
