package dev.vertxsfu.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The codec of one bus record: on the wire (between nodes) a 4-byte length and the record's
 * JSON in UTF-8; within a node the record itself, with its JSON payloads copied so sender and
 * receiver share nothing mutable. Decoding checks every field's type and fails with a
 * {@link MalformedBusMessageException}. Stateless; any thread.
 */
final class JsonBusCodec<T> implements MessageCodec<T, T> {
  private final String name;
  private final Class<T> type;
  private final Function<T, JsonObject> toJson;
  private final Function<Fields, T> fromJson;
  private final UnaryOperator<T> copy;

  JsonBusCodec(Class<T> type, Function<T, JsonObject> toJson, Function<Fields, T> fromJson,
      UnaryOperator<T> copy) {
    this.name = "sfu." + type.getSimpleName();
    this.type = type;
    this.toJson = toJson;
    this.fromJson = fromJson;
    this.copy = copy;
  }

  Class<T> type() {
    return type;
  }

  @Override
  public void encodeToWire(Buffer buffer, T record) {
    Buffer json = toJson.apply(record).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    if (pos < 0 || buffer.length() - pos < 4) {
      throw new MalformedBusMessageException(name, "no length at " + pos + " of "
          + buffer.length() + " bytes");
    }
    int length = buffer.getInt(pos);
    if (length < 0 || length > buffer.length() - pos - 4) {
      throw new MalformedBusMessageException(name, "a length of " + length + " with "
          + (buffer.length() - pos - 4) + " bytes left");
    }
    JsonObject json;
    try {
      json = new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
    } catch (DecodeException | ClassCastException e) {
      throw new MalformedBusMessageException(name, "not a JSON object: " + e.getMessage());
    }
    return fromJson(json);
  }

  /** The record {@code json} describes; a field of the wrong type is malformed. */
  T fromJson(JsonObject json) {
    return fromJson.apply(new Fields(name, json));
  }

  JsonObject toJson(T record) {
    return toJson.apply(record);
  }

  @Override
  public T transform(T record) {
    return copy.apply(record);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  /** Typed reads of a record's JSON; a wrong type is a {@link MalformedBusMessageException}. */
  static final class Fields {
    private final String codec;
    private final JsonObject json;

    Fields(String codec, JsonObject json) {
      this.codec = codec;
      this.json = json;
    }

    /** A string, or null when absent. */
    String string(String key) {
      return typed(key, String.class);
    }

    /** A string that must be there. */
    String requiredString(String key) {
      String value = string(key);
      if (value == null) {
        throw new MalformedBusMessageException(codec, "no " + key);
      }
      return value;
    }

    /** An object, or null when absent. */
    JsonObject object(String key) {
      return typed(key, JsonObject.class);
    }

    /** An array of objects, empty when absent. */
    java.util.List<JsonObject> objects(String key) {
      io.vertx.core.json.JsonArray array = typed(key, io.vertx.core.json.JsonArray.class);
      java.util.List<JsonObject> list = new java.util.ArrayList<>();
      if (array != null) {
        for (Object item : array) {
          if (!(item instanceof JsonObject object)) {
            throw new MalformedBusMessageException(codec, key + " holds a " + kind(item));
          }
          list.add(object);
        }
      }
      return list;
    }

    private <V> V typed(String key, Class<V> type) {
      Object value = json.getValue(key);
      if (value == null || type.isInstance(value)) {
        return type.cast(value);
      }
      throw new MalformedBusMessageException(codec, key + " is a " + kind(value) + ", not a "
          + type.getSimpleName());
    }

    private static String kind(Object value) {
      return value == null ? "null" : value.getClass().getSimpleName();
    }
  }
}
