package dev.gridha.services.dataaccess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gridha.services.dataaccess.SoapClient.Reply;
import dev.gridha.services.dataaccess.SoapClient.Version;

/**
 * Deploys the built {@code dataaccess.war} into an embedded Tomcat 10.1 three times and talks SOAP to it
 * over HTTP: {@code /dataaccess} as Tomcat deploys a WAR by default (expanded), with the demo database;
 * {@code /leaky} the same with the leak on through a context parameter; {@code /nodb} served from the packed
 * WAR ({@code unpackWARs="false"}, where Axis2 finds no service folders) and configured for a MySQL server
 * that is not there.
 */
class DataAccessServiceIT {

    private static final int LEAK_RATE = 65_536;
    private static final String MACHINE_COUNT = "SELECT COUNT(*) FROM machines";

    private static EmbeddedTomcat tomcat;
    private static Context leaky;
    private static Context dataaccess;
    private static final SoapClient soap = new SoapClient();

    @BeforeAll
    static void deploy() throws IOException {
        Path war = Path.of(System.getProperty("gridha.dataaccess.war", "target/dataaccess.war"));
        assertThat(war).as("the WAR the build produced").isRegularFile();
        tomcat = new EmbeddedTomcat();
        dataaccess = tomcat.addWar("/dataaccess", war, Map.of(), true);
        leaky = tomcat.addWar("/leaky", war,
                Map.of(DataAccessSettings.LEAK_BYTES_PER_REQUEST, String.valueOf(LEAK_RATE)), true);
        // packed once only: classes load slowly from jars inside a WAR, and this one is never restarted
        tomcat.addWar("/nodb", war, Map.of(DataAccessSettings.URL,
                "jdbc:mysql://127.0.0.1:" + closedPort() + "/grid?connectTimeout=1000",
                DataAccessSettings.USER, "nobody", DataAccessSettings.PASSWORD, "none"), false);
        tomcat.start();
    }

    @AfterAll
    static void undeploy() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static URI endpoint(String contextPath) {
        return tomcat.uri(contextPath + "/services/DataAccess");
    }

    private static URI service() {
        return endpoint("/dataaccess");
    }

    private static void assertStillAnswersWithEveryMachine(URI endpoint) {
        Reply count = soap.query(endpoint, MACHINE_COUNT, 1);
        assertThat(count.status()).as(count.body()).isEqualTo(200);
        assertThat(count.rows()).containsExactly(List.of(String.valueOf(DemoDatabase.MACHINES)));
    }

    @Test
    void queryReturnsTheRows() {
        Reply reply = soap.query(service(),
                "SELECT id, name, cpu_mhz, memory_mb FROM machines WHERE id <= 3 ORDER BY id", 10);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.columns()).containsExactly("ID", "NAME", "CPU_MHZ", "MEMORY_MB");
        assertThat(reply.rows()).containsExactly(
                List.of("1", "node-001", "1037", "2048"),
                List.of("2", "node-002", "1074", "3072"),
                List.of("3", "node-003", "1111", "4096"));
        assertThat(reply.truncated()).isFalse();
    }

    @Test
    void soap12WorksAsWell() {
        Reply reply = soap.post(service(), Version.SOAP12,
                SoapClient.envelope(Version.SOAP12, SoapClient.queryBody("SELECT name FROM machines WHERE id = 42", 1)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains(Version.SOAP12.namespace);
        assertThat(reply.rows()).containsExactly(List.of("node-042"));
    }

    @Test
    void moreRowsThanMaxRowsComeBackCutAndMarkedTruncated() {
        Reply reply = soap.query(service(), "SELECT id FROM machines ORDER BY id", 5);

        assertThat(reply.rows()).hasSize(5).first().isEqualTo(List.of("1"));
        assertThat(reply.truncated()).isTrue();
    }

    @Test
    void sqlNullComesBackAsNil() {
        Reply reply = soap.query(service(), "SELECT CAST(NULL AS VARCHAR) AS nothing, name FROM machines WHERE id = 1", 1);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.rows()).containsExactly(java.util.Arrays.asList(null, "node-001"));
    }

    static Stream<Arguments> badInputs() {
        String tooLong = "SELECT id FROM machines WHERE name = '" + "x".repeat(16_400) + "'";
        return Stream.of(
                Arguments.of("DELETE FROM machines", 10, "dataaccess.not-a-select"),
                Arguments.of("DROP TABLE machines", 10, "dataaccess.not-a-select"),
                Arguments.of("INSERT INTO machines VALUES (101, 'x', 1, 1)", 10, "dataaccess.not-a-select"),
                Arguments.of("CALL 1", 10, "dataaccess.not-a-select"),
                Arguments.of("SELECT 1; DROP TABLE machines", 10, "dataaccess.multiple-statements"),
                Arguments.of("SELECT * FROM FINAL TABLE (DELETE FROM machines)", 10, "dataaccess.forbidden-keyword"),
                Arguments.of("SELECT 'x\\' ; DELETE FROM machines; --'", 10, "dataaccess.malformed-query"),
                Arguments.of("SELECT * FROM nosuch", 10, "dataaccess.sql-error"),
                Arguments.of("SELECT id FROM machines", 0, "dataaccess.bad-max-rows"),
                Arguments.of("SELECT id FROM machines", 10_001, "dataaccess.bad-max-rows"),
                Arguments.of("   ", 10, "dataaccess.empty-query"),
                Arguments.of(tooLong, 10, "dataaccess.query-too-long"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badInputs")
    void badInputGetsAClientFaultWithItsCodeAndChangesNothing(String sql, int maxRows, String code) {
        Reply reply = soap.query(service(), sql, maxRows);

        assertThat(reply.status()).as(reply.body()).isEqualTo(500);
        assertThat(reply.isFault()).isTrue();
        assertThat(reply.faultCode()).isEqualTo("Client");
        assertThat(reply.faultReason()).startsWith("[" + code + "] ");
        assertThat(reply.detailCode()).isEqualTo(code);
        assertThat(reply.body()).doesNotContain("at dev.gridha").doesNotContain("at org.apache");
        assertStillAnswersWithEveryMachine(service());
    }

    @Test
    void soap12FaultsSaySenderWithTheCodeAsSubcode() {
        Reply reply = soap.post(service(), Version.SOAP12,
                SoapClient.envelope(Version.SOAP12, SoapClient.queryBody("DELETE FROM machines", 10)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(500);
        assertThat(reply.faultCode()).isEqualTo("Sender");
        assertThat(reply.faultSubcode()).isEqualTo("dataaccess.not-a-select");
        assertThat(reply.faultReason()).startsWith("[dataaccess.not-a-select] ");
        assertStillAnswersWithEveryMachine(service());
    }

    @Test
    void aDatabaseThatIsDownFaultsOnTheServersSideWhileTheLivenessPageAnswers() {
        // also the packed deployment: the fault comes from the service, so Axis2 deployed it
        URI alive = tomcat.uri("/nodb/alive.html");
        assertThat(soap.get(alive).statusCode()).isEqualTo(200);

        Reply reply = soap.query(endpoint("/nodb"), "SELECT 1", 1);

        assertThat(reply.status()).as(reply.body()).isEqualTo(500);
        assertThat(reply.faultCode()).isEqualTo("Server");
        assertThat(reply.detailCode()).isEqualTo("dataaccess.database-unavailable");
        assertThat(soap.get(alive).statusCode()).isEqualTo(200);
    }

    @Test
    void theLivenessPageIsStatic() {
        HttpResponse<String> alive = soap.get(tomcat.uri("/dataaccess/alive.html"));

        assertThat(alive.statusCode()).isEqualTo(200);
        assertThat(alive.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(alive.body()).contains("alive");
    }

    /** Axis2's SOAP parser must refuse any DOCTYPE: external entities would read files, internal ones explode. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("doctypes")
    void aRequestWithADoctypeIsRefusedAndTheServiceKeepsRunning(String kind, String doctype, @TempDir Path dir)
            throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "XXE-MARKER-4711");
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + doctype.replace("SECRET", secret.toUri().toString())
                + "<soapenv:Envelope xmlns:soapenv=\"" + Version.SOAP11.namespace + "\" xmlns:da=\""
                + SoapClient.SERVICE_NS + "\"><soapenv:Body>"
                + "<da:query><da:sql>SELECT '&e;' AS leaked</da:sql><da:maxRows>1</da:maxRows></da:query>"
                + "</soapenv:Body></soapenv:Envelope>";

        Reply reply = soap.post(service(), Version.SOAP11, envelope);

        assertThat(reply.status()).as(reply.body()).isEqualTo(500);
        assertThat(reply.isFault()).isTrue();
        assertThat(reply.faultReason()).contains("DOCTYPE is not allowed");
        assertThat(reply.body()).doesNotContain("XXE-MARKER-4711").doesNotContain("lollollol");
        assertStillAnswersWithEveryMachine(service());
    }

    static Stream<Arguments> doctypes() {
        return Stream.of(
                Arguments.of("external entity", "<!DOCTYPE soapenv:Envelope [<!ENTITY e SYSTEM \"SECRET\">]>"),
                Arguments.of("entity expansion", "<!DOCTYPE soapenv:Envelope [<!ENTITY l \"lol\">"
                        + "<!ENTITY l2 \"&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;\"><!ENTITY e \"&l2;&l2;&l2;&l2;&l2;&l2;\">]>"));
    }

    @Test
    void aRequestOverTheSizeCapIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        String padding = "<!--" + "x".repeat(70_000) + "-->";
        String envelope = SoapClient.envelope(Version.SOAP11, padding + SoapClient.queryBody("SELECT 1", 1));

        Reply declared = soap.post(service(), Version.SOAP11, envelope);
        Reply chunked = soap.postChunked(service(), Version.SOAP11,
                () -> new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)));

        assertThat(declared.status()).isEqualTo(413);
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(500);
        assertThat(chunked.isFault()).isTrue();
        assertStillAnswersWithEveryMachine(service());
    }

    @Test
    void withTheLeakOnEachQueryRequestRetainsTheRateRefusedOrNot() {
        Reply before = soap.leakStatus(endpoint("/leaky"));
        assertThat(before.status()).as(before.body()).isEqualTo(200);

        soap.query(endpoint("/leaky"), "SELECT id FROM machines", 10);
        soap.query(endpoint("/leaky"), "SELECT name FROM machines", 1);
        soap.query(endpoint("/leaky"), "DELETE FROM machines", 1);

        Reply after = soap.leakStatus(endpoint("/leaky"));
        assertThat(after.number("bytesPerRequest")).isEqualTo(LEAK_RATE);
        assertThat(after.number("heldBytes") - before.number("heldBytes")).isEqualTo(3L * LEAK_RATE);
        assertThat(after.number("leakedRequests") - before.number("leakedRequests")).isEqualTo(3);
    }

    @Test
    void withTheLeakOffNothingIsHeld() {
        soap.query(service(), "SELECT id FROM machines", 10);

        Reply status = soap.leakStatus(service());
        assertThat(status.number("bytesPerRequest")).isZero();
        assertThat(status.number("heldBytes")).isZero();
    }

    /** What rejuvenation relies on: a restart of the web application starts the leak from nothing. */
    @Test
    void restartingTheWebApplicationLetsGoOfTheLeak() {
        soap.query(endpoint("/leaky"), "SELECT 1", 1);
        assertThat(soap.leakStatus(endpoint("/leaky")).number("heldBytes")).isPositive();

        tomcat.restart(leaky);

        Reply status = soap.leakStatus(endpoint("/leaky"));
        assertThat(status.number("heldBytes")).isZero();
        assertThat(status.number("bytesPerRequest")).isEqualTo(LEAK_RATE);
        assertStillAnswersWithEveryMachine(endpoint("/leaky"));
    }

    @Test
    void theWsdlDescribesBothOperations() {
        HttpResponse<String> wsdl = soap.get(tomcat.uri("/dataaccess/services/DataAccess?wsdl"));

        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("urn:gridha:dataaccess").contains("\"query\"").contains("\"leakStatus\"")
                .contains("name=\"sql\"").contains("name=\"maxRows\"");
    }

    /** Regression: Axis2 2.0.0 reads the javax name of the temp folder and put _axis2 in the working directory. */
    @Test
    void axis2KeepsItsWorkFolderOutOfTheWorkingDirectory() {
        assertThat(Path.of("_axis2")).doesNotExist();
        assertThat(tomcat.workDirectory(dataaccess).resolve("_axis2")).isDirectory();
    }
}
