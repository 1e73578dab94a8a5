package dev.caprune.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * stdout as a {@link PrintWriter} that remembers why a write failed ({@code /dev/full}, a closed
 * descriptor, a reader that quit), where a plain PrintWriter over {@code System.out} loses it.
 */
final class ReportWriter extends PrintWriter {
  private final Recording sink;

  private ReportWriter(Recording sink) {
    super(new OutputStreamWriter(sink, StandardCharsets.UTF_8), true);
    this.sink = sink;
  }

  /** The process's stdout. */
  static ReportWriter stdout() {
    return over(new FileOutputStream(FileDescriptor.out));
  }

  static ReportWriter over(OutputStream out) {
    return new ReportWriter(new Recording(out));
  }

  /**
   * Why writing to {@code out} failed: the first I/O error's message for a ReportWriter, a generic
   * text for another writer, or null when nothing failed.
   */
  static String problem(PrintWriter out) {
    if (!out.checkError()) {
      return null;
    }
    if (out instanceof ReportWriter r && r.sink.failure != null) {
      String m = r.sink.failure.getMessage();
      return m == null ? r.sink.failure.getClass().getSimpleName() : m;
    }
    return "write error";
  }

  /** Passes bytes through and keeps the first failure. */
  private static final class Recording extends OutputStream {
    private final OutputStream out;
    private volatile IOException failure;

    Recording(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }

    private IOException remember(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return e;
    }
  }
}
