package dev.vertxsfu.bench;

/** Bytes that are not an IVF file of VP8 frames, as {@link IvfReader} reads one. */
final class IvfFormatException extends RuntimeException {
  IvfFormatException(String message) {
    super(message);
  }
}
