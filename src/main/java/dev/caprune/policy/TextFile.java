package dev.caprune.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small UTF-8 text file read whole, refused past a size: a huge file is no one's mistake. */
final class TextFile {
  private TextFile() {}

  /** More than {@code max} bytes. */
  static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The file's text.
   *
   * @throws IOException it cannot be read
   * @throws TooLarge it holds more than {@code max} bytes
   * @throws CharacterCodingException it is not UTF-8
   */
  static String read(Path file, int max) throws IOException, TooLarge {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(max + 1);
    }
    if (bytes.length > max) {
      throw new TooLarge();
    }
    return utf8(bytes);
  }

  /**
   * {@code bytes} as text, strictly: a byte sequence that is not UTF-8 is refused, never replaced.
   *
   * @throws CharacterCodingException they are not UTF-8
   */
  static String utf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
