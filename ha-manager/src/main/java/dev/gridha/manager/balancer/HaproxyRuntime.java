package dev.gridha.manager.balancer;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy's runtime API over its admin socket: one command per connection (the non-interactive mode), the
 * whole answer read until HAProxy closes. The socket is a file only its owner may open (mode 600), which is
 * how HAProxy authenticates the manager.
 */
final class HaproxyRuntime {

    /** The largest answer read (a stats dump of a few servers is a few kB). */
    private static final int MAX_ANSWER = 1 << 20;

    private final Path socket;

    HaproxyRuntime(Path socket) {
        this.socket = socket;
    }

    /**
     * Sends {@code command} and returns HAProxy's answer.
     *
     * @throws IllegalStateException if the socket cannot be reached
     */
    String command(String command) {
        if (command.indexOf('\n') >= 0 || command.indexOf(';') >= 0) {
            throw new IllegalArgumentException("one HAProxy command at a time, without ';' or newlines");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                answer.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
                if (answer.size() > MAX_ANSWER) {
                    throw new IllegalStateException("HAProxy's answer to '" + command + "' exceeds " + MAX_ANSWER
                            + " bytes");
                }
            }
            return answer.toString(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("HAProxy's runtime API at " + socket + " does not answer: " + e.getMessage(), e);
        }
    }

    /** {@code show stat}: one map per row, by column name ({@code pxname}, {@code svname}, {@code scur}, ...). */
    List<Map<String, String>> stats() {
        String[] lines = command("show stat").split("\n");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            throw new IllegalStateException("HAProxy's show stat answer has no header");
        }
        String[] columns = lines[0].substring(2).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] values = lines[i].split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < columns.length && c < values.length; c++) {
                row.put(columns[c], values[c]);
            }
            rows.add(row);
        }
        return rows;
    }
}
