package dev.vertxsfu.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who holds the heap: reads a HotSpot heap dump (HPROF 1.0.2, as {@code jcmd GC.heap_dump} or
 * {@code bench/run.sh --heap-dumps DIR} writes it) and sums the shallow size of every reachable
 * object under its <em>owner</em>: the nearest object on its path from a GC root (breadth-first,
 * so the shortest path) whose class belongs to this project, Vert.x, Netty, BouncyCastle or
 * Hazelcast, named with the owner's field that leads to it ({@code RetransmissionBuffer.slots}).
 * Given two dumps, it prints the growth from the first to the second, and divided by a number of
 * streams when one is given:
 *
 * <pre>
 * java -cp ... dev.vertxsfu.bench.HeapDumpOwners idle.hprof step.hprof [streams] [rows]
 * </pre>
 *
 * <p>With {@code -Downers.depth=2} the key also names the owner's own owner
 * ({@code Client > DtlsTransport.applicationData -> byte[]}).
 *
 * <p>Sizes are estimated for a 64-bit JVM with compressed oops (12-byte object and 16-byte array
 * headers, 4-byte references, 8-byte alignment); the totals come within a few percent of
 * {@code GC.class_histogram}'s. A diagnostic, not a test: run by hand on the harness's dumps.
 * Threads: the caller's; holds a whole dump in memory (give it {@code -Xmx} of about ten times
 * the dump's live heap).
 */
public final class HeapDumpOwners {
  private static final String[] OWNER_PREFIXES = {
      "dev.vertxsfu.", "io.vertx.", "io.netty.", "org.bouncycastle.", "com.hazelcast."};

  private static final int DEPTH = Integer.getInteger("owners.depth", 1);

  private int idSize;
  private final Map<Long, String> strings = new HashMap<>();
  private final Map<Long, String> classNames = new HashMap<>();
  private final Map<Long, ClassInfo> classes = new HashMap<>();
  private final Map<Long, Integer> index = new HashMap<>();
  private final List<Long> roots = new ArrayList<>();
  // per object, by index
  private final List<Long> objectClass = new ArrayList<>(); // class id; arrays: array class id
  private final List<String> arrayType = new ArrayList<>(); // primitive arrays: "byte[]"...
  private final List<Integer> size = new ArrayList<>();
  private final List<long[]> refs = new ArrayList<>();
  private final List<String[]> refNames = new ArrayList<>();

  private record ClassInfo(long superId, byte[] fieldTypes, long[] fieldNames,
      long[] staticRefs, String[] staticNames) {}

  private HeapDumpOwners() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("HeapDumpOwners [before.hprof] after.hprof [streams] [rows]");
      return;
    }
    boolean two = args.length >= 2 && args[1].endsWith(".hprof");
    Map<String, long[]> after = read(Path.of(args[two ? 1 : 0]));
    Map<String, long[]> before = two ? read(Path.of(args[0])) : Map.of();
    int next = two ? 2 : 1;
    int streams = args.length > next ? Integer.parseInt(args[next]) : 1;
    int rows = args.length > next + 1 ? Integer.parseInt(args[next + 1]) : 60;
    print(before, after, streams, rows);
  }

  /** Owner key to {count, bytes}, plus "TOTAL". */
  static Map<String, long[]> read(Path file) throws IOException {
    HeapDumpOwners dump = new HeapDumpOwners();
    try (InputStream in = Files.newInputStream(file)) {
      dump.parse(new DataInputStream(new BufferedInputStream(in, 1 << 20)));
    }
    return dump.owners();
  }

  private static void print(Map<String, long[]> before, Map<String, long[]> after, int streams,
      int rows) {
    Map<String, long[]> growth = new HashMap<>();
    after.forEach((k, v) -> growth.put(k, new long[] {v[0], v[1]}));
    before.forEach((k, v) -> {
      long[] g = growth.computeIfAbsent(k, x -> new long[2]);
      g[0] -= v[0];
      g[1] -= v[1];
    });
    System.out.printf(Locale.ROOT, "%12s %12s %10s  %s%n", "objects", "bytes", "B/stream",
        "owner.field -> class");
    growth.entrySet().stream()
        .sorted((a, b) -> Long.compare(Math.abs(b.getValue()[1]), Math.abs(a.getValue()[1])))
        .limit(rows)
        .forEach(e -> System.out.printf(Locale.ROOT, "%12d %12d %10.0f  %s%n", e.getValue()[0],
            e.getValue()[1], e.getValue()[1] / (double) streams, e.getKey()));
  }

  private void parse(DataInputStream in) throws IOException {
    StringBuilder header = new StringBuilder();
    for (int c = in.read(); c > 0; c = in.read()) {
      header.append((char) c);
    }
    if (!header.toString().startsWith("JAVA PROFILE")) {
      throw new IOException("not an HPROF file: " + header);
    }
    idSize = in.readInt();
    in.readLong();
    while (true) {
      int tag;
      try {
        tag = in.readUnsignedByte();
      } catch (EOFException e) {
        break;
      }
      in.readInt();
      long length = in.readInt() & 0xffffffffL;
      switch (tag) {
        case 0x01 -> {
          long id = id(in);
          byte[] chars = new byte[(int) (length - idSize)];
          in.readFully(chars);
          strings.put(id, new String(chars, java.nio.charset.StandardCharsets.UTF_8));
        }
        case 0x02 -> {
          in.readInt();
          long classId = id(in);
          in.readInt();
          classNames.put(classId, strings.get(id(in)).replace('/', '.'));
        }
        case 0x0C, 0x1C -> heapDump(in, length);
        default -> in.skipNBytes(length);
      }
    }
  }

  private long id(DataInputStream in) throws IOException {
    return idSize == 4 ? in.readInt() & 0xffffffffL : in.readLong();
  }

  private int valueSize(int type) {
    return switch (type) {
      case 2 -> idSize;
      case 4, 8 -> 1;
      case 5, 9 -> 2;
      case 6, 10 -> 4;
      case 7, 11 -> 8;
      default -> throw new IllegalStateException("basic type " + type);
    };
  }

  /** Size of a field or element on the heap (compressed oops). */
  private static int heapSize(int type) {
    return switch (type) {
      case 2, 6, 10 -> 4;
      case 4, 8 -> 1;
      case 5, 9 -> 2;
      default -> 8;
    };
  }

  private static String primitiveName(int type) {
    return switch (type) {
      case 4 -> "boolean[]";
      case 5 -> "char[]";
      case 6 -> "float[]";
      case 7 -> "double[]";
      case 8 -> "byte[]";
      case 9 -> "short[]";
      case 10 -> "int[]";
      default -> "long[]";
    };
  }

  private static int align(long bytes) {
    return (int) ((bytes + 7) & ~7L);
  }

  private void heapDump(DataInputStream in, long length) throws IOException {
    long end = length;
    CountingInput c = new CountingInput(in);
    while (c.read < end) {
      int sub = c.u1();
      switch (sub) {
        case 0xFF, 0x05, 0x07 -> roots.add(c.id());
        case 0x01 -> {
          roots.add(c.id());
          c.id();
        }
        case 0x02, 0x03, 0x08 -> {
          roots.add(c.id());
          c.u4();
          c.u4();
        }
        case 0x04, 0x06 -> {
          roots.add(c.id());
          c.u4();
        }
        case 0x20 -> classDump(c);
        case 0x21 -> {
          long id = c.id();
          c.u4();
          long classId = c.id();
          int bytes = c.u4();
          byte[] values = c.bytes(bytes);
          add(id, classId, null, 0, instanceRefs(classId, values));
        }
        case 0x22 -> {
          long id = c.id();
          c.u4();
          int n = c.u4();
          long arrayClass = c.id();
          long[] elements = new long[n];
          for (int i = 0; i < n; i++) {
            elements[i] = c.id();
          }
          add(id, arrayClass, null, align(16 + 4L * n), new Refs(elements, null));
        }
        case 0x23 -> {
          long id = c.id();
          c.u4();
          int n = c.u4();
          int type = c.u1();
          c.skip((long) n * valueSize(type));
          add(id, 0, primitiveName(type), align(16 + (long) n * heapSize(type)), null);
        }
        default -> throw new IOException("unknown heap dump sub-record 0x"
            + Integer.toHexString(sub));
      }
    }
  }

  private record Refs(long[] ids, String[] names) {}

  private void add(long id, long classId, String primitive, int bytes, Refs r) {
    index.put(id, objectClass.size());
    objectClass.add(classId);
    arrayType.add(primitive);
    size.add(bytes);
    refs.add(r == null ? null : r.ids());
    refNames.add(r == null ? null : r.names());
  }

  private void classDump(CountingInput c) throws IOException {
    long id = c.id();
    c.u4();
    long superId = c.id();
    for (int i = 0; i < 5; i++) {
      c.id();
    }
    c.u4();
    int cp = c.u2();
    for (int i = 0; i < cp; i++) {
      c.u2();
      c.skip(valueSize(c.u1()));
    }
    int statics = c.u2();
    List<Long> staticRefs = new ArrayList<>();
    List<String> staticNames = new ArrayList<>();
    for (int i = 0; i < statics; i++) {
      long name = c.id();
      int type = c.u1();
      if (type == 2) {
        long ref = c.id();
        if (ref != 0) {
          staticRefs.add(ref);
          staticNames.add(strings.getOrDefault(name, "?"));
        }
      } else {
        c.skip(valueSize(type));
      }
    }
    int fields = c.u2();
    byte[] types = new byte[fields];
    long[] names = new long[fields];
    for (int i = 0; i < fields; i++) {
      names[i] = c.id();
      types[i] = (byte) c.u1();
    }
    classes.put(id, new ClassInfo(superId, types, names,
        staticRefs.stream().mapToLong(Long::longValue).toArray(),
        staticNames.toArray(String[]::new)));
    // the class itself: a node whose references are its statics, of no size of its own
    add(id, -1, null, 0, new Refs(classes.get(id).staticRefs(), classes.get(id).staticNames()));
    roots.add(id);
  }

  /** Reference fields of an instance, and its heap size through {@link #instanceSize}. */
  private Refs instanceRefs(long classId, byte[] values) {
    List<Long> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int at = 0;
    for (long k = classId; k != 0 && classes.containsKey(k); k = classes.get(k).superId()) {
      ClassInfo info = classes.get(k);
      for (int i = 0; i < info.fieldTypes().length; i++) {
        int type = info.fieldTypes()[i];
        if (type == 2) {
          long ref = 0;
          for (int b = 0; b < idSize; b++) {
            ref = (ref << 8) | (values[at + b] & 0xff);
          }
          if (ref != 0) {
            ids.add(ref);
            names.add(strings.getOrDefault(info.fieldNames()[i], "?"));
          }
        }
        at += valueSize(type);
      }
    }
    return new Refs(ids.stream().mapToLong(Long::longValue).toArray(),
        names.toArray(String[]::new));
  }

  private int instanceSize(long classId) {
    long bytes = 12;
    for (long k = classId; k != 0 && classes.containsKey(k); k = classes.get(k).superId()) {
      for (byte type : classes.get(k).fieldTypes()) {
        bytes += heapSize(type);
      }
    }
    return align(bytes);
  }

  private String className(int object) {
    String primitive = arrayType.get(object);
    if (primitive != null) {
      return primitive;
    }
    long k = objectClass.get(object);
    if (k == -1) {
      return "class";
    }
    String name = classNames.getOrDefault(k, "?");
    return name.startsWith("[L") ? name.substring(2, name.length() - 1) + "[]" : name;
  }

  private static boolean isOwner(String name) {
    for (String prefix : OWNER_PREFIXES) {
      if (name.startsWith(prefix) && !name.endsWith("[]")) {
        return true;
      }
    }
    return false;
  }

  /** Breadth-first from the roots, then each object's size under its owner. */
  private Map<String, long[]> owners() {
    int n = objectClass.size();
    int[] parent = new int[n];
    String[] via = new String[n];
    java.util.Arrays.fill(parent, -2);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (long root : roots) {
      Integer i = index.get(root);
      if (i != null && parent[i] == -2) {
        parent[i] = -1;
        queue.add(i);
      }
    }
    while (!queue.isEmpty()) {
      int o = queue.poll();
      long[] r = refs.get(o);
      if (r == null) {
        continue;
      }
      String[] names = refNames.get(o);
      for (int j = 0; j < r.length; j++) {
        Integer child = index.get(r[j]);
        if (child != null && parent[child] == -2) {
          parent[child] = o;
          via[child] = names == null ? "[]" : names[j];
          queue.add(child);
        }
      }
    }
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = className(i);
    }
    Map<String, long[]> owners = new LinkedHashMap<>();
    long total = 0;
    for (int i = 0; i < n; i++) {
      if (parent[i] == -2 || objectClass.get(i) == -1) {
        continue;
      }
      int bytes = arrayType.get(i) == null && refNames.get(i) != null
          && !names[i].endsWith("[]") ? instanceSize(objectClass.get(i)) : size.get(i);
      total += bytes;
      String key = names[i] + " (root)";
      int below = i;
      for (int p = parent[i]; p >= 0; below = p, p = parent[p]) {
        if (objectClass.get(p) == -1) {
          key = "static " + names[p] + "." + via[below] + " -> " + names[i];
          break;
        }
        if (isOwner(names[p])) {
          key = names[p] + "." + via[below] + " -> " + names[i];
          if (DEPTH > 1) {
            key = ownerOf(parent, names, p) + " > " + key;
          }
          break;
        }
      }
      long[] sum = owners.computeIfAbsent(key, x -> new long[2]);
      sum[0]++;
      sum[1] += bytes;
    }
    owners.put("TOTAL", new long[] {n, total});
    return owners;
  }

  private String ownerOf(int[] parent, String[] names, int object) {
    for (int p = parent[object]; p >= 0; p = parent[p]) {
      if (objectClass.get(p) == -1) {
        return "static " + names[p];
      }
      if (isOwner(names[p])) {
        return names[p];
      }
    }
    return "(root)";
  }

  /** A heap dump record's reader that counts what it consumed. */
  private final class CountingInput {
    private final DataInputStream in;
    long read;

    CountingInput(DataInputStream in) {
      this.in = in;
    }

    int u1() throws IOException {
      read++;
      return in.readUnsignedByte();
    }

    int u2() throws IOException {
      read += 2;
      return in.readUnsignedShort();
    }

    int u4() throws IOException {
      read += 4;
      return in.readInt();
    }

    long id() throws IOException {
      read += idSize;
      return HeapDumpOwners.this.id(in);
    }

    byte[] bytes(int n) throws IOException {
      read += n;
      byte[] b = new byte[n];
      in.readFully(b);
      return b;
    }

    void skip(long n) throws IOException {
      read += n;
      in.skipNBytes(n);
    }
  }
}
