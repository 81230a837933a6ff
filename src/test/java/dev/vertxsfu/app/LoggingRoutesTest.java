package dev.vertxsfu.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every logging API of the node's libraries ends in Logback: Vert.x's, Netty's and
 * java.util.logging (the node's own older loggers) once {@link Logging#install} ran.
 */
@Tag("fast")
class LoggingRoutesTest {
  private final Logger probe = (Logger) LoggerFactory.getLogger("dev.vertxsfu.probe");
  private final ListAppender<ILoggingEvent> caught = new ListAppender<>();

  @BeforeEach
  void attach() {
    caught.setContext(probe.getLoggerContext());
    caught.start();
    probe.addAppender(caught);
  }

  @AfterEach
  void detach() {
    probe.detachAppender(caught);
  }

  @Test
  void vertxLogsReachLogback() {
    io.vertx.core.internal.logging.LoggerFactory.getLogger("dev.vertxsfu.probe").info("vertx");
    assertThat(messages()).containsExactly("vertx");
  }

  @Test
  void nettyLogsReachLogback() {
    assertThat(InternalLoggerFactory.getDefaultFactory()).isInstanceOf(Slf4JLoggerFactory.class);
    InternalLoggerFactory.getInstance("dev.vertxsfu.probe").info("netty");
    assertThat(messages()).containsExactly("netty");
  }

  @Test
  void javaUtilLoggingReachesLogbackOnceInstalled() {
    Logging.install();
    java.util.logging.Logger.getLogger("dev.vertxsfu.probe").info("jul");
    assertThat(messages()).containsExactly("jul");
    assertThat(System.getProperty("hazelcast.logging.type")).isEqualTo("slf4j");
  }

  private List<String> messages() {
    synchronized (caught) {
      return caught.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
