package dev.vertxsfu.client;

/**
 * What the SFU says an m-line it sends on carries: {@code a=msid:<streamId> <trackId>}, the
 * publisher's own ids (docs/protocol.md, {@code TrackInfo}), and the m-line's kind.
 *
 * @param mid the m-line's {@code a=mid}
 * @param streamId the msid-id ({@code -} for a track in no stream)
 * @param trackId the msid-appdata
 * @param kind {@code audio} or {@code video}
 */
public record RemoteTrackId(String mid, String streamId, String trackId, String kind) {}
