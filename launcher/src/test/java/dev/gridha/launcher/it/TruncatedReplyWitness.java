package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gridha.client.faulttolerance.RequestHeader;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.group.ReplicaProcess;

/**
 * Shows on the wire what a primary killed during a reply does to its client, which the fault-tolerant clients
 * cannot show: a client of its own, calling through raw HTTP with the fault-tolerance header a
 * {@code FaultTolerantPort} sends, either the Counter (adds to a counter of its own) or the Matchmaker
 * (advertises machines of its own, too small for any job), whichever the stopped replica is the primary of.
 * Against a primary stopped at {@code DURING_REPLY} it calls until one reply stops part-way (status line,
 * headers and the start of the envelope, then nothing); after the kill it reads that connection to its end,
 * which comes before the envelope's; then it resubmits the call, same client and sequence number, until the
 * new primary answers, and checks that the answer is the result of the call's only execution.
 */
final class TruncatedReplyWitness {

    /** The calls the witness makes: each changes state and tells a second execution from the first. */
    enum Service {
        COUNTER(GridWars.COUNTER + "/services/counter", RawSoap.COUNTER_NS + "/Add"),
        MATCHMAKER(GridWars.MATCHMAKER + "/services/matchmaker", RawSoap.MATCHMAKER_NS + "/MachineAdvertise");

        private final String path;
        private final String action;

        Service(String path, String action) {
            this.path = path;
            this.action = action;
        }
    }

    private static final String CLIENT = "chaos-witness";
    private static final Pattern VALUE = Pattern.compile("<(?:\\w+:)?Value>(-?\\d+)</");
    private static final Pattern REGISTERED = Pattern.compile("<(?:\\w+:)?Registered>(\\w+)</");
    private static final Pattern ENVELOPE_END = Pattern.compile("</(?:\\w+:)?Envelope>");
    /** Silence after the start of a reply that means it is held, not slow. */
    private static final int HELD_AFTER_MILLIS = 2_000;

    /** A reply stopped part-way, on its still open connection. */
    record HeldReply(Service service, Socket connection, long sequence, String received) {
    }

    private final String key;
    private long sequence;
    /** The witness counter's value, as its acknowledged adds say. */
    private int value;
    /** Machines its acknowledged advertisements registered. */
    private int machines;
    private int cutReplies;

    private TruncatedReplyWitness(String key) {
        this.key = key;
    }

    /** Creates the witness's counter at whichever of {@code replicas} is the primary. */
    static TruncatedReplyWitness create(List<ReplicaProcess> replicas, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            for (ReplicaProcess replica : replicas) {
                try {
                    return new TruncatedReplyWitness(RawSoap.createCounter(endpoint(replica, Service.COUNTER), 0));
                } catch (IllegalStateException notThePrimary) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError("no replica created the witness's counter within "
                                + limit.toSeconds() + " s", notThePrimary);
                    }
                }
            }
            Thread.sleep(25);
        }
    }

    /** Adds acknowledged so far. */
    int adds() {
        return value;
    }

    /** Machines advertised (and acknowledged) so far: free for good, as no job fits them. */
    int machines() {
        return machines;
    }

    /** Replies seen cut off mid-way and resubmitted. */
    int cutReplies() {
        return cutReplies;
    }

    /**
     * Calls {@code service} at {@code stopped}, its primary stopped at {@code DURING_REPLY}, until a reply is
     * held part-way (a reply that comes whole is a call like any other and must show one execution).
     */
    HeldReply callUntilAReplyIsHeld(ReplicaProcess stopped, Service service, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - deadline < 0) {
            long number = ++sequence;
            Socket connection = new Socket(InetAddress.getLoopbackAddress(), stopped.httpPort());
            connection.setSoTimeout(HELD_AFTER_MILLIS);
            send(connection, stopped, service, number);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = connection.getInputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketTimeoutException silence) {
                    String text = received.toString(StandardCharsets.ISO_8859_1);
                    if (hasBodyBytes(text)) {
                        return new HeldReply(service, connection, number, text); // left open: the kill ends it
                    }
                    if (System.nanoTime() - deadline > 0) {
                        connection.close();
                        break;
                    }
                    continue; // still executing, or waiting for its objects
                }
                if (read < 0) {
                    connection.close();
                    acknowledged(service, received.toString(StandardCharsets.UTF_8), number);
                    break;
                }
                received.write(buffer, 0, read);
            }
        }
        throw new AssertionError("no reply to the witness's " + service + " calls at " + stopped.id()
                + " was held part-way within " + limit.toSeconds() + " s: the primary did not stop during its"
                + " replies");
    }

    /**
     * After the held reply's primary was killed: the connection ends before the envelope does, and the call,
     * resubmitted to the replicas left, is answered with the result of its one execution.
     */
    void resubmitAfterKill(HeldReply held, List<ReplicaProcess> others, Duration limit) throws IOException,
            InterruptedException {
        String reply = held.received() + readToTheEnd(held.connection());
        assertThat(reply).as("the reply cut by the kill").startsWith("HTTP/1.1 200");
        assertThat(ENVELOPE_END.matcher(reply).find()).as("whether the cut reply's envelope ended: " + reply)
                .isFalse();
        cutReplies++;
        System.out.println("TruncatedReplyWitness: " + held.service() + " call " + held.sequence() + ": the reply"
                + " ended after " + reply.length() + " bytes, in its envelope: "
                + reply.substring(reply.indexOf("\r\n\r\n") + 4));
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "nothing";
        while (true) {
            for (ReplicaProcess replica : others) {
                RawSoap.Reply answer;
                try {
                    answer = RawSoap.post(endpoint(replica, held.service()), held.service().action,
                            envelope(replica, held.service(), held.sequence()));
                } catch (IllegalStateException unreachable) {
                    last = replica.id() + ": " + unreachable.getMessage();
                    continue; // down, or restarting
                }
                if (answer.status() == 200 && !answer.isFault()) {
                    acknowledged(held.service(), answer.body(), held.sequence());
                    return;
                }
                last = replica.id() + ": " + answer.body(); // a backup's state.not-primary, until one takes over
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no replica answered the witness's resubmitted " + held.service() + " call "
                        + held.sequence() + " within " + limit.toSeconds() + " s; the last answer: " + last);
            }
            Thread.sleep(25); // none is primary yet: the take-over is under way
        }
    }

    /** The witness counter, read at {@code primary}, holds exactly its acknowledged adds. */
    void checkCounter(ReplicaProcess primary, String run) {
        assertThat(RawSoap.value(endpoint(primary, Service.COUNTER), key)).as(run + ": the witness's counter")
                .isEqualTo(value);
    }

    private void acknowledged(Service service, String reply, long number) {
        Matcher found = (service == Service.COUNTER ? VALUE : REGISTERED).matcher(reply);
        assertThat(found.find()).as("the result in the reply to the witness's call " + number + ": " + reply)
                .isTrue();
        if (service == Service.COUNTER) {
            // an add run twice would return one more: the resubmission must get the first execution's result
            assertThat(Integer.parseInt(found.group(1))).as("the value the witness's add " + number + " returned")
                    .isEqualTo(value + 1);
            value++;
        } else {
            // a second run would find the machine known and answer false
            assertThat(found.group(1)).as("whether the witness's machine " + number + " was new").isEqualTo("true");
            machines++;
        }
    }

    private void send(Socket connection, ReplicaProcess replica, Service service, long number) throws IOException {
        byte[] body = envelope(replica, service, number).getBytes(StandardCharsets.UTF_8);
        // HTTP/1.0: the reply is not chunked and ends when the connection does, so what arrived is the reply
        String head = "POST " + endpoint(replica, service).getPath() + " HTTP/1.0\r\n"
                + "Host: 127.0.0.1:" + replica.httpPort() + "\r\n"
                + "Content-Type: text/xml; charset=UTF-8\r\n"
                + "SOAPAction: \"" + service.action + "\"\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        OutputStream out = connection.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private String envelope(ReplicaProcess replica, Service service, long number) {
        String numbered = "<ft:Request xmlns:ft=\"" + RequestHeader.NAMESPACE + "\" client=\"" + CLIENT
                + "\" sequence=\"" + number + "\" soap:mustUnderstand=\"1\"/>";
        URI to = endpoint(replica, service);
        if (service == Service.COUNTER) {
            return RawSoap.envelope(to, service.action, RawSoap.counterKeyHeader(key) + numbered,
                    "<c:Add xmlns:c=\"" + RawSoap.COUNTER_NS + "\"><c:Amount>1</c:Amount></c:Add>");
        }
        // too small for any job, so it stays free and the workload's machines are unaffected
        return RawSoap.envelope(to, service.action, numbered, "<m:MachineAdvertise xmlns:m=\""
                + RawSoap.MATCHMAKER_NS + "\"><m:MachineId>witness-" + number + "</m:MachineId><m:CpuMhz>1</m:CpuMhz>"
                + "<m:MemoryMb>1</m:MemoryMb><m:DiskGb>1</m:DiskGb><m:Address>https://witness-" + number
                + ".example/jobs</m:Address></m:MachineAdvertise>");
    }

    private static boolean hasBodyBytes(String received) {
        int headersEnd = received.indexOf("\r\n\r\n");
        return headersEnd >= 0 && received.length() > headersEnd + 4;
    }

    /** The rest of a held reply once its process is gone: up to the close (or reset) the kill caused. */
    private static String readToTheEnd(Socket connection) throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        try (connection; InputStream in = connection.getInputStream()) {
            connection.setSoTimeout(10_000);
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                rest.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the held reply's connection stayed open 10 s after its process was killed", e);
        } catch (IOException reset) {
            // a reset ends the reply as surely as a close
        }
        return rest.toString(StandardCharsets.ISO_8859_1);
    }

    private static URI endpoint(ReplicaProcess replica, Service service) {
        return URI.create("http://127.0.0.1:" + replica.httpPort() + service.path);
    }
}
