package dev.vertxsfu.media.cc;

/**
 * A burst the transport is to send to find out whether the path carries {@code targetBps}: at
 * least {@code packets} packets and {@code bytes} bytes paced at {@code targetBps} in total,
 * over about {@value ProbeController#CLUSTER_DURATION_MS} ms. The media packets that leave
 * meanwhile are part of it, and RTX of recent packets or padding-only packets fill the rest (as
 * libwebrtc's pacer does); every one goes through
 * {@link SendSideBandwidthEstimator#onProbePacketSent} with {@code id}, so the cluster's
 * measured rate is the whole rate sent.
 *
 * @param id the cluster id to stamp in the send history
 * @param targetBps the rate to send the cluster at
 * @param bytes how many bytes to send in all
 * @param packets how many packets at least
 */
public record ProbeCluster(int id, long targetBps, int bytes, int packets) {}
