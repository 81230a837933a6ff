package dev.vertxsfu.testpeer;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.concurrent.CompletableFuture;

/**
 * How the tests make real libwebrtc peers (webrtc-java) that keep to loopback.
 *
 * <p>libwebrtc gathers host candidates per network adapter; this machine's test traffic must
 * stay in 127.0.0.0/8 (MEDIA-NOTES.md); see {@link #configuration()} for how.
 * Callbacks of webrtc-java arrive on libwebrtc's signaling thread; the helpers here turn them
 * into futures the test thread waits on with a timeout.
 */
public final class LoopbackPeers {
  private LoopbackPeers() {}

  /**
   * Host UDP candidates only, from sockets bound to the wildcard address: libwebrtc ignores the
   * loopback adapter when it enumerates adapters, so enumeration is off and it binds
   * {@code 0.0.0.0}. Such a socket is reachable on 127.0.0.1 and answers from it, so a test
   * hands the other side {@link #onLoopback(String) the same candidate on 127.0.0.1}.
   */
  public static RTCConfiguration configuration() {
    RTCConfiguration config = new RTCConfiguration();
    config.portAllocatorConfig = new PortAllocatorConfig()
        .setDisableTcp(true)
        .setDisableStun(true)
        .setDisableRelay(true)
        .setEnableIpv6(false)
        .setDisableAdapterEnumeration(true)
        .setEnableAnyAddressPorts(true);
    return config;
  }

  /**
   * {@link #configuration()} with TCP allowed: libwebrtc also gathers active TCP candidates, and
   * pairs them with a remote side's passive TCP ones (RFC 6544), e.g. the SFU's ICE-TCP port.
   */
  public static RTCConfiguration configurationWithTcp() {
    RTCConfiguration config = configuration();
    config.portAllocatorConfig.setDisableTcp(false);
    return config;
  }

  /** A UDP candidate with an IPv4 connection address. */
  public static boolean isUdpIpv4(String candidate) {
    String[] fields = candidate.trim().split(" ");
    return fields.length > 5 && fields[2].equalsIgnoreCase("udp") && fields[4].indexOf(':') < 0;
  }

  /** The candidate line with its connection address replaced by 127.0.0.1. */
  public static String onLoopback(String candidate) {
    String[] fields = candidate.trim().split(" ");
    if (fields.length < 8) {
      throw new IllegalArgumentException("not a candidate line: " + candidate);
    }
    fields[4] = "127.0.0.1";
    return String.join(" ", fields);
  }

  public static CompletableFuture<RTCSessionDescription> sessionDescription() {
    return new CompletableFuture<>();
  }

  /** Completes the future with the description or fails it with libwebrtc's message. */
  public static CreateSessionDescriptionObserver completing(
      CompletableFuture<RTCSessionDescription> future) {
    return new CreateSessionDescriptionObserver() {
      @Override
      public void onSuccess(RTCSessionDescription description) {
        future.complete(description);
      }

      @Override
      public void onFailure(String error) {
        future.completeExceptionally(new IllegalStateException(error));
      }
    };
  }

  /** Applies a local description and waits for libwebrtc to accept it (15 s at most). */
  public static void setLocal(dev.onvoid.webrtc.RTCPeerConnection connection,
      RTCSessionDescription description) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    connection.setLocalDescription(description, applied(done));
    done.get(15, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Applies a remote description and waits for libwebrtc to accept it (15 s at most). */
  public static void setRemote(dev.onvoid.webrtc.RTCPeerConnection connection,
      RTCSessionDescription description) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    connection.setRemoteDescription(description, applied(done));
    done.get(15, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Completes the future when the description is applied, or fails it. */
  public static SetSessionDescriptionObserver applied(CompletableFuture<Void> future) {
    return new SetSessionDescriptionObserver() {
      @Override
      public void onSuccess() {
        future.complete(null);
      }

      @Override
      public void onFailure(String error) {
        future.completeExceptionally(new IllegalStateException(error));
      }
    };
  }
}
