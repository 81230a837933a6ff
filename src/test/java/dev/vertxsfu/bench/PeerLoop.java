package dev.vertxsfu.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One thread of the load generator: an NIO {@link Selector} over the UDP channels of the
 * synthetic peers it owns, a task queue and a timer queue, in the style of an event loop. The
 * harness runs a small set of these (one per core by default) and spreads peers over them, so
 * a thousand peers need no thousand threads.
 *
 * <p>Threads: {@link #execute} and {@link #close} may be called from any thread; everything
 * else ({@link #register}, {@link #send}, {@link #schedule}, {@link #periodic}) only on the
 * loop's own thread, which also runs every handler, task and timer. A peer's state therefore
 * has exactly one owner and needs no lock.
 *
 * <p>Owns: the selector, one direct receive buffer and one direct send buffer (datagrams are
 * copied into and out of heap arrays once: nothing is allocated per packet on either path).
 */
final class PeerLoop implements Executor, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PeerLoop.class.getName());
  /** Larger than any datagram on loopback here (Chromium's ClientHello is ~1,400 bytes). */
  static final int MAX_DATAGRAM = 2048;

  /** Receives one datagram; {@code buf} is valid only during the call. */
  interface DatagramHandler {
    void onDatagram(byte[] buf, int len, long arrivalNanos);
  }

  /** A cancellable timer. */
  static final class Timer implements Comparable<Timer> {
    private final Runnable task;
    private final long periodNanos;
    private final long sequence;
    private long deadline;
    private boolean cancelled;

    private Timer(Runnable task, long deadline, long periodNanos, long sequence) {
      this.task = task;
      this.deadline = deadline;
      this.periodNanos = periodNanos;
      this.sequence = sequence;
    }

    /** Loop thread only. */
    void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Timer other) {
      int byDeadline = Long.compare(deadline, other.deadline);
      return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
    }
  }

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final ByteBuffer receive = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private final ByteBuffer transmit = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private final byte[] array = new byte[MAX_DATAGRAM];
  private long timerSequence;
  private volatile boolean running = true;

  PeerLoop(String name) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    if (!inLoop()) {
      selector.wakeup();
    }
  }

  /** Loop thread: reads {@code channel} (made non-blocking here) into {@code handler}. */
  SelectionKey register(DatagramChannel channel, DatagramHandler handler) throws IOException {
    channel.configureBlocking(false);
    return channel.register(selector, SelectionKey.OP_READ, handler);
  }

  /** Loop thread: writes one datagram to a connected channel; false if the kernel refused it. */
  boolean send(DatagramChannel channel, byte[] buf, int off, int len) {
    transmit.clear();
    transmit.put(buf, off, len).flip();
    try {
      return channel.write(transmit) == len;
    } catch (IOException e) {
      return false; // ICMP port unreachable after the far end closed, or a full buffer
    }
  }

  /** Loop thread: runs {@code task} once after {@code delayNanos}. */
  Timer schedule(long delayNanos, Runnable task) {
    Timer timer = new Timer(task, System.nanoTime() + delayNanos, 0, timerSequence++);
    timers.add(timer);
    return timer;
  }

  /** Loop thread: runs {@code task} every {@code periodNanos}, first after one period. */
  Timer periodic(long periodNanos, Runnable task) {
    Timer timer = new Timer(task, System.nanoTime() + periodNanos, periodNanos, timerSequence++);
    timers.add(timer);
    return timer;
  }

  private void run() {
    while (running) {
      try {
        long now = System.nanoTime();
        Timer next = timers.peek();
        if (!tasks.isEmpty()) {
          selector.selectNow();
        } else if (next == null) {
          selector.select();
        } else {
          long waitNanos = next.deadline - now;
          if (waitNanos <= 0) {
            selector.selectNow();
          } else {
            selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
          }
        }
        readSelected();
        runTasks();
        runTimers();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "peer loop " + thread.getName() + " caught", e);
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private void readSelected() throws IOException {
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      if (!key.isValid()) {
        continue;
      }
      DatagramChannel channel = (DatagramChannel) key.channel();
      DatagramHandler handler = (DatagramHandler) key.attachment();
      for (int i = 0; i < 64; i++) { // bounded, so one busy socket cannot starve the timers
        receive.clear();
        boolean got;
        try {
          got = channel.isConnected() ? channel.read(receive) > 0 : channel.receive(receive) != null;
        } catch (IOException e) {
          got = false; // ICMP errors surface on connected channels; ignore them
        }
        if (!got) {
          break;
        }
        long arrival = System.nanoTime();
        int len = receive.flip().remaining();
        receive.get(array, 0, len);
        try {
          handler.onDatagram(array, len, arrival);
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "a datagram handler threw", e);
        }
      }
    }
  }

  private void runTasks() {
    Runnable task;
    int budget = 1024;
    while (budget-- > 0 && (task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a task on " + thread.getName() + " threw", e);
      }
    }
  }

  private void runTimers() {
    long now = System.nanoTime();
    Timer timer;
    while ((timer = timers.peek()) != null && timer.deadline <= now) {
      timers.poll();
      if (timer.cancelled) {
        continue;
      }
      try {
        timer.task.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a timer on " + thread.getName() + " threw", e);
      }
      if (timer.periodNanos > 0 && !timer.cancelled) {
        // Fixed rate, but never a burst of catch-up runs after a stall.
        timer.deadline = Math.max(timer.deadline + timer.periodNanos, now);
        timers.add(timer);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
