package dev.gridha.container.failover.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import dev.gridha.client.faulttolerance.FailureNotice;

class NotifyPushTest {

    @Test
    void theTemplateIsAWellFormedNotifyCarryingTheNoticeWithEveryNameEscaped() throws Exception {
        FailureNotice notice = new FailureNotice("a<b&c", 4, "r\"2");
        String xml = NotifyPush.envelope("http://client:9/consumer?x=1&y=2", notice,
                "http://replica/services/failure/subscription?id=1&z");
        Document document = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(FailureNotice.findIn(document)).contains(notice);
        assertThat(document.getElementsByTagNameNS("http://docs.oasis-open.org/wsn/b-2", "Notify").getLength())
                .isEqualTo(1);
        assertThat(document.getElementsByTagNameNS("http://docs.oasis-open.org/wsn/b-2", "Topic").item(0)
                .getTextContent()).isEqualTo("FAILURE");
        assertThat(document.getElementsByTagNameNS("http://www.w3.org/2005/08/addressing", "To").item(0)
                .getTextContent()).isEqualTo("http://client:9/consumer?x=1&y=2");
    }
}
