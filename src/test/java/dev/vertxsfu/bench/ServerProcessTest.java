package dev.vertxsfu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ServerProcessTest {

  @Test
  void theLiveHeapIsTheHistogramsTotalBytes() {
    String histogram = """
        14029:
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:         52269        7837640  [B (java.base@17.0.15)
           2:         44042        1411360  [J (java.base@17.0.15)
        Total        386072       24137432
        """;
    assertThat(ServerProcess.histogramTotalBytes(histogram)).isEqualTo(24_137_432L);
  }

  @Test
  void aHistogramWithoutTotalGivesMinusOne() {
    assertThat(ServerProcess.histogramTotalBytes("14029:\nCould not attach\n")).isEqualTo(-1);
  }
}
