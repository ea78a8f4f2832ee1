package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Pins the wire contract with raw SOAP and no generated code: namespaces, WS-Addressing actions, the EPR's
 * reference parameter, the WS-ResourceProperties and WS-ResourceLifetime messages, and the WSDL served.
 * A change here breaks every non-Java grid client, so it must be deliberate.
 */
class WireContractIT {

    private static URI counter;
    private static URI matchmaker;

    @BeforeAll
    static void endpoints() {
        counter = SharedGrid.counterEndpoint();
        matchmaker = SharedGrid.matchmakerEndpoint();
    }

    @Test
    void createCounterReturnsAnEprWhoseReferenceParameterIsTheCounterKey() {
        String action = RawSoap.COUNTER_NS + "/CreateCounter";
        RawSoap.Reply reply = RawSoap.post(counter, action, RawSoap.envelope(counter, action, "",
                "<c:CreateCounter xmlns:c=\"" + RawSoap.COUNTER_NS + "\"/>"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text(RawSoap.WSA_NS, "Action")).isEqualTo(RawSoap.COUNTER_NS + "/CreateCounterResponse");
        Element epr = reply.first(RawSoap.WSA_NS, "EndpointReference");
        assertThat(epr).isNotNull();
        assertThat(((Element) epr.getParentNode()).getLocalName()).isEqualTo("CreateCounterResponse");
        assertThat(epr.getElementsByTagNameNS(RawSoap.WSA_NS, "Address").item(0).getTextContent())
                .isEqualTo(counter.toString());
        Element parameters = (Element) epr.getElementsByTagNameNS(RawSoap.WSA_NS, "ReferenceParameters").item(0);
        Element key = (Element) parameters.getElementsByTagNameNS(RawSoap.COUNTER_NS, "CounterKey").item(0);
        assertThat(key.getTextContent()).matches("[0-9a-f-]{36}");
    }

    @Test
    void addCarriesTheKeyAsAReferenceParameterHeaderAndReturnsTheNewValue() {
        String key = RawSoap.createCounter(counter, 40);
        RawSoap.Reply reply = RawSoap.add(counter, key, "2");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text(RawSoap.WSA_NS, "Action")).isEqualTo(RawSoap.COUNTER_NS + "/AddResponse");
        assertThat(reply.first(RawSoap.COUNTER_NS, "AddResponse")).isNotNull();
        assertThat(reply.text(RawSoap.COUNTER_NS, "Value")).isEqualTo("42");
    }

    @Test
    void getResourcePropertyAnswersInTheWsrfNamespaceWithTheValueElement() {
        String key = RawSoap.createCounter(counter, 7);
        RawSoap.Reply reply = RawSoap.getValue(counter, key);

        assertThat(reply.text(RawSoap.WSA_NS, "Action")).isEqualTo(
                "http://docs.oasis-open.org/wsrf/rpw-2/GetResourceProperty/GetResourcePropertyResponse");
        Element response = reply.first(RawSoap.RP_NS, "GetResourcePropertyResponse");
        assertThat(response).isNotNull();
        Element value = (Element) response.getElementsByTagNameNS(RawSoap.COUNTER_NS, "Value").item(0);
        assertThat(value.getTextContent()).isEqualTo("7");
    }

    @Test
    void getMultipleResourcePropertiesReturnsValueAndLifetimeProperties() {
        String key = RawSoap.createCounter(counter, 3);
        String action = "http://docs.oasis-open.org/wsrf/rpw-2/GetMultipleResourceProperties/"
                + "GetMultipleResourcePropertiesRequest";
        RawSoap.Reply reply = RawSoap.post(counter, action, RawSoap.envelope(counter, action,
                RawSoap.counterKeyHeader(key),
                "<rp:GetMultipleResourceProperties xmlns:rp=\"" + RawSoap.RP_NS + "\" xmlns:c=\""
                        + RawSoap.COUNTER_NS + "\" xmlns:rl=\"" + RawSoap.RL_NS + "\">"
                        + "<rp:ResourceProperty>c:Value</rp:ResourceProperty>"
                        + "<rp:ResourceProperty>rl:CurrentTime</rp:ResourceProperty>"
                        + "<rp:ResourceProperty>rl:TerminationTime</rp:ResourceProperty>"
                        + "</rp:GetMultipleResourceProperties>"));

        assertThat(reply.text(RawSoap.COUNTER_NS, "Value")).isEqualTo("3");
        assertThat(reply.text(RawSoap.RL_NS, "CurrentTime")).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        Element termination = reply.first(RawSoap.RL_NS, "TerminationTime");
        assertThat(termination.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil")).isEqualTo("true");
    }

    @Test
    void destroyUsesTheWsResourceLifetimeActionAndTheCounterIsGone() {
        String key = RawSoap.createCounter(counter, 0);
        String action = "http://docs.oasis-open.org/wsrf/rlw-2/ImmediateResourceTermination/DestroyRequest";
        RawSoap.Reply reply = RawSoap.post(counter, action, RawSoap.envelope(counter, action,
                RawSoap.counterKeyHeader(key), "<rl:Destroy xmlns:rl=\"" + RawSoap.RL_NS + "\"/>"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.first(RawSoap.RL_NS, "DestroyResponse")).isNotNull();
        RawSoap.Reply after = RawSoap.add(counter, key, "1");
        assertThat(after.first("http://docs.oasis-open.org/wsrf/r-2", "ResourceUnknownFault")).isNotNull();
    }

    @Test
    void setTerminationTimeAnswersNewTerminationTimeAndCurrentTime() {
        String key = RawSoap.createCounter(counter, 0);
        String action = "http://docs.oasis-open.org/wsrf/rlw-2/ScheduledResourceTermination/SetTerminationTimeRequest";
        RawSoap.Reply reply = RawSoap.post(counter, action, RawSoap.envelope(counter, action,
                RawSoap.counterKeyHeader(key), "<rl:SetTerminationTime xmlns:rl=\"" + RawSoap.RL_NS + "\">"
                        + "<rl:RequestedLifetimeDuration>PT1H</rl:RequestedLifetimeDuration>"
                        + "</rl:SetTerminationTime>"));

        assertThat(reply.first(RawSoap.RL_NS, "SetTerminationTimeResponse")).isNotNull();
        assertThat(reply.text(RawSoap.RL_NS, "NewTerminationTime")).matches("\\d{4}-.*");
        assertThat(reply.text(RawSoap.RL_NS, "CurrentTime")).matches("\\d{4}-.*");
    }

    @Test
    void jobSubmitAnswersTheAssignedMachineAndRefusalIsANoMatchingMachineFault() {
        String advertise = RawSoap.MATCHMAKER_NS + "/MachineAdvertise";
        RawSoap.post(matchmaker, advertise, RawSoap.envelope(matchmaker, advertise, "",
                "<m:MachineAdvertise xmlns:m=\"" + RawSoap.MATCHMAKER_NS + "\"><m:MachineId>wire-node</m:MachineId>"
                        + "<m:CpuMhz>999999</m:CpuMhz><m:MemoryMb>16777216</m:MemoryMb><m:DiskGb>999999</m:DiskGb>"
                        + "<m:Address>https://wire-node.example/jobs</m:Address>"
                        + "<m:Capability>linux</m:Capability></m:MachineAdvertise>"));
        String submit = RawSoap.MATCHMAKER_NS + "/JobSubmit";
        String job = "<m:JobSubmit xmlns:m=\"" + RawSoap.MATCHMAKER_NS + "\"><m:JobId>%s</m:JobId>"
                + "<m:ClientId>wire</m:ClientId><m:CpuMhz>999999</m:CpuMhz><m:MemoryMb>16777216</m:MemoryMb>"
                + "<m:DiskGb>999999</m:DiskGb><m:Priority>1</m:Priority></m:JobSubmit>";

        RawSoap.Reply assigned = RawSoap.post(matchmaker, submit,
                RawSoap.envelope(matchmaker, submit, "", String.format(job, "wire-job-1")));
        assertThat(assigned.text(RawSoap.WSA_NS, "Action")).isEqualTo(RawSoap.MATCHMAKER_NS + "/JobSubmitResponse");
        assertThat(assigned.text(RawSoap.MATCHMAKER_NS, "MachineId")).isEqualTo("wire-node");
        assertThat(assigned.text(RawSoap.MATCHMAKER_NS, "Address")).isEqualTo("https://wire-node.example/jobs");

        RawSoap.Reply refused = RawSoap.post(matchmaker, submit,
                RawSoap.envelope(matchmaker, submit, "", String.format(job, "wire-job-2")));
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.faultCodeLocalPart()).isEqualTo("Client");
        Element fault = refused.first(RawSoap.MATCHMAKER_NS, "NoMatchingMachineFault");
        assertThat(fault).isNotNull();
        assertThat(fault.getElementsByTagNameNS(RawSoap.BF_NS, "Timestamp").getLength()).isEqualTo(1);
        assertThat(fault.getElementsByTagNameNS(RawSoap.BF_NS, "ErrorCode").item(0).getTextContent())
                .isEqualTo("match.none");
    }

    @Test
    void servedWsdlDeclaresTheWsrfResourcePropertiesDocument() {
        RawSoap.Reply wsdl = get(URI.create(counter + "?wsdl"));
        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.body()).contains("CounterResourceProperties", "http://docs.oasis-open.org/wsrf/rp-2",
                "http://gridha.dev/counter/Add");
    }

    private static RawSoap.Reply get(URI uri) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(uri).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new RawSoap.Reply(response.statusCode(), response.body(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
