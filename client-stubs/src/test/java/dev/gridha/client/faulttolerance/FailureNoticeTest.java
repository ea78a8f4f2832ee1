package dev.gridha.client.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** FAILURE notices: their XML, what a push consumer refuses, and what an announcement does to a client. */
class FailureNoticeTest {

    private static Document newDocument() throws Exception {
        return DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
    }

    private static java.util.Optional<FailureNotice> pushed(String body) throws Exception {
        return PushFailureWatch.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNoticeSurvivesItsXmlAndIsFoundInsideANotify() throws Exception {
        FailureNotice notice = new FailureNotice("counter", 3, "r2");
        Document document = newDocument();
        document.appendChild(notice.toElement(document));
        assertThat(FailureNotice.from(document.getDocumentElement())).contains(notice);

        String notify = "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body>"
                + "<wsnt:Notify xmlns:wsnt='http://docs.oasis-open.org/wsn/b-2'><wsnt:NotificationMessage>"
                + "<wsnt:Message><f:Failure xmlns:f='urn:gridha:failure'><f:Group>counter</f:Group>"
                + "<f:Epoch>3</f:Epoch><f:Primary>r2</f:Primary></f:Failure></wsnt:Message>"
                + "</wsnt:NotificationMessage></wsnt:Notify></s:Body></s:Envelope>";
        assertThat(pushed(notify)).contains(notice);
    }

    @Test
    void malformedNoticesAreNotNotices() throws Exception {
        for (String failure : List.of(
                "<f:Failure xmlns:f='urn:gridha:failure'><f:Group>c</f:Group><f:Epoch>x</f:Epoch><f:Primary>r</f:Primary></f:Failure>",
                "<f:Failure xmlns:f='urn:gridha:failure'><f:Group>c</f:Group><f:Epoch>0</f:Epoch><f:Primary>r</f:Primary></f:Failure>",
                "<f:Failure xmlns:f='urn:gridha:failure'><f:Group>c</f:Group><f:Epoch>2</f:Epoch></f:Failure>",
                "<f:Failure xmlns:f='urn:other'><f:Group>c</f:Group><f:Epoch>2</f:Epoch><f:Primary>r</f:Primary></f:Failure>",
                "<f:Failure xmlns:f='urn:gridha:failure'><f:Group></f:Group><f:Epoch>2</f:Epoch><f:Primary>r</f:Primary></f:Failure>")) {
            assertThat(pushed(failure)).as(failure).isEmpty();
        }
    }

    @Test
    void aPushConsumerRefusesDtdsExternalEntitiesAndOversizedBodies() throws Exception {
        String entity = "<!DOCTYPE f [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<f:Failure xmlns:f='urn:gridha:failure'><f:Group>&x;</f:Group><f:Epoch>2</f:Epoch>"
                + "<f:Primary>r</f:Primary></f:Failure>";
        assertThat(pushed(entity)).isEmpty();
        assertThat(pushed("<x>" + "a".repeat(70 * 1024) + "</x>")).isEmpty();
        assertThat(pushed("not xml")).isEmpty();
    }

    @Test
    void anAnnouncementMovesCallsToTheReplicaThatTookOverOnceAndSignalsTheCallsInFlight() {
        FaultTolerance tolerance = FaultTolerance.across(List.of(URI.create("http://h1/a"), URI.create("http://h2/b"),
                URI.create("http://h3/c")));
        var signal = tolerance.nextTakeOver();
        tolerance.tookOver(2, 2);
        assertThat(tolerance.primary()).isEqualTo(URI.create("http://h3/c"));
        assertThat(signal).isCompletedWithValue(2);
        assertThat(tolerance.nextTakeOver()).isNotDone();
        tolerance.tookOver(2, 2); // the same notice from a second subscription: nothing new
        assertThat(tolerance.takeOversAnnounced()).isEqualTo(1);
        tolerance.acceptEpoch(2); // the new primary's reply
        tolerance.tookOver(1, 1); // older than a reply heard since: ignored
        assertThat(tolerance.primary()).isEqualTo(URI.create("http://h3/c"));
        tolerance.tookOver(7, 9); // no such replica: ignored
        assertThat(tolerance.takeOversAnnounced()).isEqualTo(1);
    }

    @Test
    void anAnnouncementNeverRaisesTheEpochRepliesAreCheckedAgainst() {
        FaultTolerance tolerance = FaultTolerance.across(List.of(URI.create("http://h1/a"), URI.create("http://h2/b")));
        assertThat(tolerance.acceptEpoch(1)).isTrue();
        tolerance.tookOver(1, 1_000_000); // forged, say: it moves calls, but cannot make real replies look stale
        assertThat(tolerance.acceptEpoch(2)).isTrue();
        assertThat(tolerance.newestEpoch()).isEqualTo(2);
        tolerance.tookOver(0, 1); // older than a reply already heard: ignored
        assertThat(tolerance.primary()).isEqualTo(URI.create("http://h2/b"));
        tolerance.tookOver(0, 3); // and the forged one silenced no later announcement
        assertThat(tolerance.primary()).isEqualTo(URI.create("http://h1/a"));
    }
}
