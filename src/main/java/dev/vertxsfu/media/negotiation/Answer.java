package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.SessionDescription;
import java.util.List;

/**
 * The SFU's answer to a client's offer ({@link SessionNegotiator#answer}) and what it changes
 * for the room.
 *
 * @param description the answer (a fresh object; the negotiator keeps no reference to it)
 * @param sdp its text, for the {@code answer} message
 * @param receivedTracks every track the client sends now, in m-line order
 * @param addedTracks those of them that are new (or whose msid, SSRCs or rids changed): open a
 *     producer for each
 * @param removedTracks tracks received before that the client stopped sending (m-line now
 *     recvonly, inactive or port 0, or replaced): close their producers
 * @param sendTracks the state of every SendTrack placed on an m-line, after this exchange
 * @param remote the client's ICE credentials and fingerprint
 */
public record Answer(SessionDescription description, String sdp,
    List<ReceivedTrack> receivedTracks, List<ReceivedTrack> addedTracks,
    List<ReceivedTrack> removedTracks, List<NegotiatedSendTrack> sendTracks,
    RemoteEndpoint remote) {

  public Answer {
    receivedTracks = List.copyOf(receivedTracks);
    addedTracks = List.copyOf(addedTracks);
    removedTracks = List.copyOf(removedTracks);
    sendTracks = List.copyOf(sendTracks);
  }
}
