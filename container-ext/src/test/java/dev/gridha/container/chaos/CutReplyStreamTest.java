package dev.gridha.container.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CutReplyStreamTest {

    /** What reached the client: the bytes flushed, which is all a SIGKILL after the stop leaves it. */
    private static final class Client extends ByteArrayOutputStream {
        private String flushed = "";

        @Override
        public void flush() {
            flushed = toString(StandardCharsets.UTF_8);
        }
    }

    /** Stands for the stop, which in a chaos run never returns. */
    private static final class Stopped extends RuntimeException {
    }

    private static void stop() {
        throw new Stopped();
    }

    @Test
    void halfOfTheFirstWriteIsFlushedToTheClientBeforeTheStopAndTheRestNever() {
        Client client = new Client();
        CutReplyStream reply = new CutReplyStream(client, CutReplyStreamTest::stop);
        byte[] envelope = "<soap:Envelope><soap:Body/></soap:Envelope>".getBytes(StandardCharsets.UTF_8); // 43 bytes

        assertThatThrownBy(() -> reply.write(envelope, 0, envelope.length)).isInstanceOf(Stopped.class);

        assertThat(client.flushed).isEqualTo("<soap:Envelope><soap:")
                .isEqualTo(client.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aOneByteWriteStillReachesTheClientBeforeTheStop() {
        Client client = new Client();
        CutReplyStream reply = new CutReplyStream(client, CutReplyStreamTest::stop);

        assertThatThrownBy(() -> reply.write(new byte[] {'<'}, 0, 1)).isInstanceOf(Stopped.class);
        assertThatThrownBy(() -> reply.write('s')).isInstanceOf(Stopped.class);

        assertThat(client.flushed).isEqualTo("<s");
    }
}
