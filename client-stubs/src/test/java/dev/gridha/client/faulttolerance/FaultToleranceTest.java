package dev.gridha.client.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;

import jakarta.xml.ws.WebServiceException;

import org.apache.cxf.transport.http.HTTPException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import dev.gridha.contracts.wsrf.basefaults.BaseFaultType;

class FaultToleranceTest {

    private final FaultTolerance tolerance = FaultTolerance.across(List.of(URI.create("http://h1:8080/counter-a/"),
            URI.create("http://h2:8080/counter-b")));

    @Test
    void addressesMoveFromOneReplicaToAnother() {
        assertThat(tolerance.rebase("http://h1:8080/counter-a/services/counter", 1))
                .contains("http://h2:8080/counter-b/services/counter");
        assertThat(tolerance.rebase("http://h2:8080/counter-b/services/counter?wsdl", 0))
                .contains("http://h1:8080/counter-a/services/counter?wsdl");
        // a context whose name only starts like a replica's is not under it
        assertThat(tolerance.rebase("http://h1:8080/counter-ab/services/counter", 1)).isEmpty();
        assertThat(tolerance.rebase("http://elsewhere/x", 0)).isEmpty();
    }

    @Test
    void eachFailureMovesThePrimaryOnOnceHoweverManyCallsNoticeIt() {
        assertThat(tolerance.primary()).isEqualTo(URI.create("http://h1:8080/counter-a"));
        tolerance.failedOver(0, System.nanoTime());
        tolerance.failedOver(0, System.nanoTime()); // a second call that failed at the same replica
        assertThat(tolerance.primary()).isEqualTo(URI.create("http://h2:8080/counter-b"));
        tolerance.failedOver(1, System.nanoTime());
        assertThat(tolerance.primary()).isEqualTo(URI.create("http://h1:8080/counter-a"));
        assertThat(tolerance.resubmissions()).isEqualTo(3);
    }

    @Test
    void aLateFailureFromAReplicaThatHasSinceAnsweredDoesNotMoveAway() {
        long sentBeforeTakeover = System.nanoTime();
        tolerance.failedOver(0, sentBeforeTakeover);
        tolerance.answeredBy(1); // the new primary answered someone
        tolerance.failedOver(1, sentBeforeTakeover); // its "not primary" to a call sent before it took over
        assertThat(tolerance.primary()).isEqualTo(URI.create("http://h2:8080/counter-b"));
    }

    @Test
    void aReplyFromAnEpochOlderThanOneAlreadyHeardIsRefused() {
        assertThat(tolerance.acceptEpoch(1)).isTrue();
        assertThat(tolerance.acceptEpoch(2)).isTrue();
        assertThat(tolerance.acceptEpoch(1)).as("the deposed primary of epoch 1").isFalse();
        assertThat(tolerance.acceptEpoch(2)).isTrue();
        assertThat(tolerance.newestEpoch()).isEqualTo(2);
    }

    @Test
    void theReplicaThatAnsweredIsKnownToTheCallingThread() {
        assertThat(tolerance.lastAnsweredBy()).isEmpty();
        tolerance.answeredBy(1);
        assertThat(tolerance.lastAnsweredBy()).contains(URI.create("http://h2:8080/counter-b"));
    }

    @Test
    void aRefusedConnectionCxfWrapsInASoapFaultIsStillATransportFailure() {
        jakarta.xml.ws.soap.SOAPFaultException wrapped = new jakarta.xml.ws.soap.SOAPFaultException(soapFault());
        wrapped.initCause(new java.io.IOException("Connection refused"));
        assertThat(FailureKind.of(wrapped)).isEqualTo(FailureKind.NEXT_REPLICA);
        assertThat(FailureKind.of(new jakarta.xml.ws.soap.SOAPFaultException(soapFault()))).isEqualTo(FailureKind.FINAL);
    }

    /** A SOAP fault with a text and no detail (the client side has no SAAJ implementation to build one). */
    private static jakarta.xml.soap.SOAPFault soapFault() {
        return (jakarta.xml.soap.SOAPFault) java.lang.reflect.Proxy.newProxyInstance(
                FaultToleranceTest.class.getClassLoader(), new Class<?>[] {jakarta.xml.soap.SOAPFault.class},
                (proxy, method, args) -> method.getName().equals("getFaultString") ? "refused" : null);
    }

    @Test
    void callsAreNumberedUnderOneClientId() throws Exception {
        RequestHeader first = tolerance.nextCall();
        RequestHeader second = tolerance.nextCall();
        tolerance.answered();
        tolerance.answered();
        assertThat(first.client()).isEqualTo(second.client()).isEqualTo(tolerance.clientId());
        assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
        assertThat(FaultTolerance.across(List.of(URI.create("http://x"))).clientId()).isNotEqualTo(tolerance.clientId());
    }

    @Test
    void theHeaderRoundTripsAndRefusesWhatIsMalformed() {
        Document document = org.apache.cxf.helpers.DOMUtils.createDocument();
        RequestHeader header = new RequestHeader("c-1", 9);
        assertThat(RequestHeader.fromElement(header.toElement(document))).contains(header);
        assertThat(header.requestId()).isEqualTo("ft:c-1:9");

        var element = header.toElement(document);
        element.setAttribute("sequence", "0");
        assertThat(RequestHeader.fromElement(element)).isEmpty();
        element.setAttribute("sequence", "5");
        element.setAttribute("client", "no spaces");
        assertThat(RequestHeader.fromElement(element)).isEmpty();
        assertThatThrownBy(() -> new RequestHeader("x".repeat(65), 1)).hasMessageContaining("1-64");
    }

    @Test
    void failuresAreSortedIntoGiveUpRetryAndNextReplica() {
        assertThat(FailureKind.of(new WebServiceException("send failed", new ConnectException("refused"))))
                .isEqualTo(FailureKind.NEXT_REPLICA);
        assertThat(FailureKind.of(new WebServiceException(new HTTPException(404, "Not Found",
                toUrl("http://h1/x"))))).isEqualTo(FailureKind.NEXT_REPLICA);
        for (int balancerStatus : new int[] {502, 503, 504}) { // a balancer's container gone
            assertThat(FailureKind.of(new WebServiceException(new HTTPException(balancerStatus, "Gateway",
                    toUrl("http://front/x"))))).isEqualTo(FailureKind.NEXT_REPLICA);
        }
        assertThat(FailureKind.of(new WebServiceException(new HTTPException(500, "Error", toUrl("http://h1/x")))))
                .isEqualTo(FailureKind.FINAL);
        assertThat(FailureKind.of(declaredFault("state.not-primary"))).isEqualTo(FailureKind.NEXT_REPLICA);
        assertThat(FailureKind.of(declaredFault("state.replication-failed"))).isEqualTo(FailureKind.RETRY_SAME);
        assertThat(FailureKind.of(declaredFault("counter.overflow"))).isEqualTo(FailureKind.FINAL);
        assertThat(FailureKind.of(new IllegalArgumentException("caller's mistake"))).isEqualTo(FailureKind.FINAL);
    }

    /** Shaped like a fault exception generated from the WSDL. */
    public static final class DeclaredFault extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient BaseFaultType info;

        DeclaredFault(BaseFaultType info) {
            super("declared");
            this.info = info;
        }

        public BaseFaultType getFaultInfo() {
            return info;
        }
    }

    private static DeclaredFault declaredFault(String code) {
        BaseFaultType info = new BaseFaultType();
        dev.gridha.contracts.wsrf.basefaults.ErrorCodeType errorCode = new dev.gridha.contracts.wsrf.basefaults.ErrorCodeType();
        errorCode.setDialect("urn:gridha:error-codes");
        errorCode.getContent().add(code);
        info.setErrorCode(errorCode);
        return new DeclaredFault(info);
    }

    private static java.net.URL toUrl(String url) {
        try {
            return URI.create(url).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
