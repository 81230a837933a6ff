package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The room's side of an ICE restart (docs/protocol.md section 18), without media: a later offer
 * with new ICE credentials is answered with new SFU credentials and nothing else changes; the
 * same credentials again change nothing.
 */
@ExtendWith(VertxExtension.class)
class RoomIceRestartApiTest {
  private static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
  private static final Pattern PWD = Pattern.compile("a=ice-pwd:(\\S+)");
  private static final Pattern FINGERPRINT = Pattern.compile("a=fingerprint:(.+)\r\n");
  private RoomVerticle room;
  private final RoomApiTest.Recorder alice = new RoomApiTest.Recorder();

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    room = RoomMediaTest.deploy(vertx, "restart");
    await(room.addClient("alice", alice));
  }

  private <T> T await(Future<T> future) throws Exception {
    return new RoomCalls(room).await(future);
  }

  private static String first(Pattern pattern, String sdp) {
    Matcher matcher = pattern.matcher(sdp);
    assertThat(matcher.find()).as("%s in %s", pattern, sdp).isTrue();
    return matcher.group(1);
  }

  @Test
  void anOfferWithNewIceCredentialsGetsNewSfuCredentialsOverTheSameTransport() throws Exception {
    String offer = RoomApiTest.chromiumOffer();
    String answer = await(room.negotiate("alice", offer));
    int tracks = alice.added.size();

    String restartOffer = offer.replace("a=ice-ufrag:CU36", "a=ice-ufrag:N3wU")
        .replace("a=ice-pwd:wxoN9qK754WA/uzjpFvNyKzZ", "a=ice-pwd:NewPasswordOf24CharsXYZ");
    String restarted = await(room.negotiate("alice", restartOffer));

    assertThat(first(UFRAG, restarted)).isNotEqualTo(first(UFRAG, answer));
    assertThat(first(PWD, restarted)).isNotEqualTo(first(PWD, answer));
    assertThat(first(FINGERPRINT, restarted)).isEqualTo(first(FINGERPRINT, answer));
    assertThat(restarted).contains(" 127.0.0.1 " + room.mediaPort() + " typ host");
    assertThat(alice.added).as("no tracks_added for a restart").hasSize(tracks);
    assertThat(alice.errors).isEmpty();

    String again = await(room.negotiate("alice", restartOffer));
    assertThat(first(UFRAG, again)).isEqualTo(first(UFRAG, restarted));
    assertThat(first(PWD, again)).isEqualTo(first(PWD, restarted));
  }
}
