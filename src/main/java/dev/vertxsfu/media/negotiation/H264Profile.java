package dev.vertxsfu.media.negotiation;

/**
 * The H.264 profile a {@code profile-level-id} names (RFC 6184 section 8.1): the first byte is
 * {@code profile_idc}, the second {@code profile-iop} (constraint_set0..5 flags, then two
 * reserved zero bits), the third {@code level_idc}. Two formats are the same codec only if their
 * profiles are equal (RFC 6184 section 8.2.2: the level may differ, the answerer may lower it or,
 * with {@code level-asymmetry-allowed}, keep its own). Some profiles have several spellings;
 * constrained baseline, for instance, is {@code 42e0xx}, {@code 42c0xx}, {@code 4de0xx}...
 *
 * <pre>
 * profile-level-id = 6HEXDIG   ; profile_idc, profile-iop, level_idc
 * profile-iop bits: c0 c1 c2 c3 c4 c5 0 0
 * </pre>
 *
 * <p>The table is RFC 6184 Table 5 (profile_idc and the profile-iop patterns, x = any) plus
 * constrained high (H.264 Annex A.2.4.2: high with constraint_set4 and 5).
 */
enum H264Profile {
  CONSTRAINED_BASELINE,
  BASELINE,
  MAIN,
  EXTENDED,
  HIGH,
  CONSTRAINED_HIGH,
  HIGH_10,
  HIGH_422,
  HIGH_444;

  /** RFC 6184 section 8.1: absent, profile-level-id is 42000A (baseline, level 1). */
  static final String DEFAULT_PROFILE_LEVEL_ID = "42000a";

  private record Pattern(int profileIdc, String iop, H264Profile profile) {
    boolean matches(int idc, int iopByte) {
      if (idc != profileIdc) {
        return false;
      }
      for (int bit = 0; bit < 8; bit++) {
        char c = iop.charAt(bit);
        int value = (iopByte >> (7 - bit)) & 1;
        if (c != 'x' && c - '0' != value) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Pattern[] PATTERNS = {
      new Pattern(0x42, "x1xx0000", CONSTRAINED_BASELINE),
      new Pattern(0x4D, "1xxx0000", CONSTRAINED_BASELINE),
      new Pattern(0x58, "11xx0000", CONSTRAINED_BASELINE),
      new Pattern(0x42, "x0xx0000", BASELINE),
      new Pattern(0x58, "10xx0000", BASELINE),
      new Pattern(0x4D, "0x0x0000", MAIN),
      new Pattern(0x58, "00xx0000", EXTENDED),
      new Pattern(0x64, "00000000", HIGH),
      new Pattern(0x64, "00001100", CONSTRAINED_HIGH),
      new Pattern(0x6E, "00000000", HIGH_10),
      new Pattern(0x7A, "00000000", HIGH_422),
      new Pattern(0xF4, "00000000", HIGH_444),
  };

  /**
   * The profile of a {@code profile-level-id} value ({@code null}: the default), or
   * {@code null} if it is not six hex digits or names no profile of the table.
   */
  static H264Profile of(String profileLevelId) {
    String value = profileLevelId == null ? DEFAULT_PROFILE_LEVEL_ID : profileLevelId;
    if (value.length() != 6) {
      return null;
    }
    int idc = hexByte(value, 0);
    int iop = hexByte(value, 2);
    if (idc < 0 || iop < 0 || hexByte(value, 4) < 0) {
      return null;
    }
    for (Pattern pattern : PATTERNS) {
      if (pattern.matches(idc, iop)) {
        return pattern.profile;
      }
    }
    return null;
  }

  private static int hexByte(String s, int at) {
    int high = Character.digit(s.charAt(at), 16);
    int low = Character.digit(s.charAt(at + 1), 16);
    return high < 0 || low < 0 ? -1 : high << 4 | low;
  }
}
