package dev.vertxsfu.room;

import dev.vertxsfu.media.transport.WebRtcServer;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import java.util.function.BooleanSupplier;

/**
 * One room's end of the node's ICE-TCP port ({@link IceTcpServer}): it mirrors every ufrag the
 * room's {@link WebRtcServer} answers to into the node's directory, and takes the connections
 * whose first check named one of them into the room's {@link IceTcpChannels}.
 *
 * <p>Made and started by the {@link RoomVerticle} in its {@code start()}, stopped in its
 * {@code stop()}; every method but {@link #context} runs on the room's event loop (the ufrag
 * changes are handed to the port's loop by the port itself).
 */
final class RoomIceTcpEnd implements IceTcpServer.RoomEnd, WebRtcServer.UfragListener {
  private final IceTcpServer port;
  private final Context context;
  private final LoopOwner owner;
  private final Room room;
  private final BooleanSupplier closed;

  /** @param closed whether the room takes no more clients (it is closing) */
  RoomIceTcpEnd(IceTcpServer port, Context context, LoopOwner owner, Room room,
      BooleanSupplier closed) {
    this.port = port;
    this.context = context;
    this.owner = owner;
    this.room = room;
    this.closed = closed;
  }

  /** The room announces the port and routes its ufrags there from now on. */
  void start(String roomId) {
    room.enableIceTcp(port.port(), new IceTcpChannels(roomId, room.server(), port::count));
    room.server().onUfragChange(this);
  }

  /** The room closes: none of its ufrags routes any more (its connections close with it). */
  void stop() {
    port.unregisterAll(this);
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public void adopt(Channel channel, byte[] preamble, long acceptedAt) {
    owner.check("ICE-TCP connections");
    if (closed.getAsBoolean() || room.iceTcp() == null) {
      channel.close();
      return;
    }
    room.iceTcp().adopt((ContextInternal) context, channel, preamble, acceptedAt,
        RoomVerticle.now());
    room.flush();
  }

  @Override
  public void onUfragAdded(String ufrag) {
    port.register(ufrag, this);
  }

  @Override
  public void onUfragRemoved(String ufrag) {
    port.unregister(ufrag, this);
  }
}
