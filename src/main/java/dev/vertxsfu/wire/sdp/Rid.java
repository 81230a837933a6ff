package dev.vertxsfu.wire.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code a=rid} attribute, RFC 8851 section 10: one RTP stream (a simulcast layer) by its
 * RTP stream id, with the payload types it may use and restrictions on it. Browsers offer one
 * {@code send} rid per simulcast encoding; the SFU answers each with {@code recv}.
 *
 * <pre>
 * rid-syntax        = %s"a=rid:" rid-id SP rid-dir [ rid-pt-param-list / rid-param-list ]
 * rid-id            = 1*(alpha-numeric / "-" / "_")
 * rid-pt-param-list = SP rid-fmt-list *( ";" rid-param )
 * rid-param-list    = SP rid-param *( ";" rid-param )
 * rid-fmt-list      = %s"pt=" fmt *( "," fmt )
 * rid-param         = 1*(alpha-numeric / "-") [ "=" param-val ]
 * param-val         = *( %x20-3A / %x3C-7E )
 *
 * a=rid:q send
 * a=rid:1 send pt=97;max-width=1280;max-height=720
 * </pre>
 *
 * @param id the rid-id
 * @param direction send or recv
 * @param payloadTypes the {@code pt=} list, empty when absent (any payload type)
 * @param restrictions the other parameters in order ({@code max-width}...), a value
 *     {@code null} when written without '='
 */
public record Rid(String id, RidDirection direction, List<Integer> payloadTypes,
    Map<String, String> restrictions) {
  /** The attribute name. */
  public static final String NAME = "rid";

  public Rid {
    if (!isRidId(id) || direction == null) {
      throw new IllegalArgumentException("bad rid id or no direction: " + id);
    }
    payloadTypes = List.copyOf(payloadTypes);
    for (int pt : payloadTypes) {
      if (pt < 0 || pt > 127) {
        throw new IllegalArgumentException("payload type out of 0..127: " + pt);
      }
    }
    Map<String, String> copy = new LinkedHashMap<>(restrictions);
    copy.forEach((key, value) -> {
      if (!isParamName(key) || key.equals("pt") || (value != null && !isParamValue(value))) {
        throw new IllegalArgumentException("bad rid parameter " + key + "=" + value);
      }
    });
    restrictions = Collections.unmodifiableMap(copy);
  }

  /** A rid without payload types or restrictions. */
  public static Rid of(String id, RidDirection direction) {
    return new Rid(id, direction, List.of(), Map.of());
  }

  /** {@code rid-id}: 1*(alpha-numeric / "-" / "_"). Also the grammar of a simulcast rid. */
  static boolean isRidId(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!SdpSyntax.isAlphaNumeric(c) && c != '-' && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean isParamName(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!SdpSyntax.isAlphaNumeric(s.charAt(i)) && s.charAt(i) != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isParamValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E || c == ';') {
        return false;
      }
    }
    return true;
  }

  /** The attribute value, e.g. {@code 1 send pt=97;max-width=1280}. */
  public String format() {
    List<String> params = new ArrayList<>();
    if (!payloadTypes.isEmpty()) {
      StringBuilder pt = new StringBuilder("pt=");
      for (int i = 0; i < payloadTypes.size(); i++) {
        pt.append(i == 0 ? "" : ",").append(payloadTypes.get(i));
      }
      params.add(pt.toString());
    }
    restrictions.forEach((key, value) -> params.add(value == null ? key : key + '=' + value));
    return id + ' ' + direction.value() + (params.isEmpty() ? "" : " " + String.join(";", params));
  }

  /** {@code a=rid:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /** Reads an {@code a=rid} value. */
  public static Rid parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static Rid from(Attribute attribute) {
    List<String> fields = SdpSyntax.split(attribute.requireValue(), ' ');
    if (fields.size() < 2 || fields.size() > 3 || !isRidId(fields.get(0))) {
      throw attribute.malformed("expected <rid-id> send|recv [<params>], single spaces");
    }
    RidDirection direction = RidDirection.fromValue(fields.get(1));
    if (direction == null) {
      throw attribute.malformed("the direction is neither send nor recv");
    }
    List<Integer> payloadTypes = new ArrayList<>();
    Map<String, String> restrictions = new LinkedHashMap<>();
    if (fields.size() == 3) {
      List<String> params = SdpSyntax.split(fields.get(2), ';');
      for (int i = 0; i < params.size(); i++) {
        String param = params.get(i);
        int equals = param.indexOf('=');
        String key = equals < 0 ? param : param.substring(0, equals);
        String paramValue = equals < 0 ? null : param.substring(equals + 1);
        if (key.equals("pt") && i == 0 && paramValue != null) {
          for (String pt : SdpSyntax.split(paramValue, ',')) {
            long payloadType = SdpSyntax.number(pt, 127);
            if (payloadType < 0) {
              throw attribute.malformed("pt= lists something other than payload types");
            }
            payloadTypes.add((int) payloadType);
          }
        } else if (!isParamName(key) || key.equals("pt") || restrictions.containsKey(key)
            || (paramValue != null && !isParamValue(paramValue))) {
          throw attribute.malformed("bad or repeated parameter: " + param);
        } else {
          restrictions.put(key, paramValue);
        }
      }
    }
    return new Rid(fields.get(0), direction, payloadTypes, restrictions);
  }
}
