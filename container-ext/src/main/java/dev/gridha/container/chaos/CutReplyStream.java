package dev.gridha.container.chaos;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A reply that stops part-way: the first write sends half of its bytes (at least one) and flushes them, so
 * the HTTP headers and the start of the envelope reach the client, and then {@code stop} runs, which in a
 * chaos test never returns. Whatever the writer had buffered arrives in that first write, so the client
 * always gets a reply that is cut off, never a complete one.
 */
final class CutReplyStream extends FilterOutputStream {

    private final Runnable stop;

    CutReplyStream(OutputStream reply, Runnable stop) {
        super(reply);
        this.stop = stop;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        out.flush();
        stop.run();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        out.write(bytes, offset, Math.max(1, length / 2));
        out.flush();
        stop.run();
    }
}
