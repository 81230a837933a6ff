package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.WireFuzz;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Hostile input, about 100,000 inputs from fixed seeds: random bytes, byte-level
 * mutations of the captures (WireFuzz), and line-level mutations that keep the text printable
 * so they reach the grammar and the typed readers. The parser and every typed accessor may only
 * throw {@link SdpFormatException}; whatever the parser accepts must write back byte for byte.
 */
@Tag("fuzz")
class SdpFuzzTest {

  /** Parses, checks the round trip, then reads every typed attribute. */
  private static void parseAndRead(byte[] input) {
    SessionDescription sdp = SessionDescription.parse(input);
    byte[] written = sdp.toBytes();
    if (!Arrays.equals(written, input)) {
      throw new AssertionError("accepted input does not write back: " + WireFuzz.hex(input));
    }
    Captures.readEverything(sdp);
  }

  @Test
  void randomBytesOnlyGiveTheTypedError() {
    int rejected = WireFuzz.randomBytes(0x5D9L, 25_000, 600, SdpFormatException.class,
        SdpFuzzTest::parseAndRead);
    assertThat(rejected).isEqualTo(25_000);
  }

  @Test
  void randomLinesOfKnownTypesOnlyGiveTheTypedError() {
    SplittableRandom random = new SplittableRandom(0x11DE5L);
    String letters = "vosiuepcbtrzkam";
    String alphabet = " =:/;,.-0123456789abcdefghkmnoprstuvwxyzIPN~*";
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder("v=0\r\no=- 1 2 IN IP4 h\r\ns=-\r\nt=0 0\r\n");
      int lines = random.nextInt(12);
      for (int l = 0; l < lines; l++) {
        text.append(letters.charAt(random.nextInt(letters.length()))).append('=');
        int length = random.nextInt(24);
        for (int c = 0; c < length; c++) {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        text.append("\r\n");
      }
      accepted += feed(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    assertThat(accepted).isPositive();
  }

  @Test
  void byteMutationsOfCapturesOnlyGiveTheTypedError() {
    long seed = 0xC0FFEEL;
    for (String name : Captures.all()) {
      WireFuzz.mutations(seed++, 2_000, Captures.bytes(name), SdpFormatException.class,
          SdpFuzzTest::parseAndRead);
    }
  }

  @Test
  void lineMutationsOfCapturesOnlyGiveTheTypedError() {
    SplittableRandom random = new SplittableRandom(0xFACADEL);
    String printable = " !\"#$%&'()*+,-./0123456789:;<=>?@AZaz[]^_`{|}~é";
    int accepted = 0;
    int count = 0;
    for (String name : Captures.all()) {
      List<String> original = List.of(Captures.text(name).split("\r\n"));
      for (int i = 0; i < 2_000; i++) {
        List<String> lines = new ArrayList<>(original);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
          int at = random.nextInt(lines.size());
          String line = lines.get(at);
          int column = line.isEmpty() ? 0 : random.nextInt(line.length());
          switch (random.nextInt(7)) {
            case 0 -> lines.set(at, line.substring(0, column)
                + printable.charAt(random.nextInt(printable.length()))
                + line.substring(Math.min(line.length(), column + 1)));
            case 1 -> lines.set(at, line.substring(0, column) + line.substring(
                Math.min(line.length(), column + 1)));
            case 2 -> lines.set(at, line.substring(0, column) + " " + line.substring(column));
            case 3 -> lines.remove(at);
            case 4 -> lines.add(at, lines.get(random.nextInt(lines.size())));
            case 5 -> lines.set(at, line.substring(0, column));
            default -> {
              int other = random.nextInt(lines.size());
              lines.set(at, lines.get(other));
              lines.set(other, line);
            }
          }
          if (lines.isEmpty()) {
            lines.add("");
          }
        }
        accepted += feed((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8));
        count++;
      }
    }
    assertThat(count).isEqualTo(18_000);
    // Some mutations (a swapped attribute, a changed ufrag letter) are still valid.
    assertThat(accepted).isPositive();
  }

  @Test
  void mutationsOfCandidateLinesOnlyGiveTheTypedError() {
    byte[] candidate = ("candidate:842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx raddr "
        + "fe80::6676:baff:fe9c:ee4a rport 61665 generation 0 ufrag abcd network-cost 999")
        .getBytes(StandardCharsets.UTF_8);
    WireFuzz.mutations(0xCA7DL, 15_000, candidate, SdpFormatException.class, bytes -> {
      Candidate parsed = Candidate.parse(new String(bytes, StandardCharsets.ISO_8859_1));
      assertThat(Candidate.parse(parsed.toString())).isEqualTo(parsed);
    });
  }

  /** 1 if {@link #parseAndRead} accepted {@code input}, 0 if it gave the typed error. */
  private static int feed(byte[] input) {
    try {
      parseAndRead(input);
      return 1;
    } catch (SdpFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
      return 0;
    } catch (RuntimeException e) {
      throw new AssertionError("expected only SdpFormatException but got " + e + " for "
          + new String(input, StandardCharsets.UTF_8), e);
    }
  }
}
