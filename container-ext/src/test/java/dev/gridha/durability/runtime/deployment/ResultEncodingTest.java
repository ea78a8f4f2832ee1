package dev.gridha.durability.runtime.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;

import org.junit.jupiter.api.Test;

import dev.gridha.contracts.counter.InvalidRequestFault;
import dev.gridha.contracts.faults.InvalidRequestFaultType;

/** What travels with a state update as the request's result, for a promoted backup to answer with. */
class ResultEncodingTest {

    private static Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    @Test
    void aValueAndTheOutParametersOfAnOperationTravel() throws Exception {
        assertThat(decode(ResultEncoding.encode(42))).isEqualTo(42);
        assertThat((Object[]) decode(ResultEncoding.encode(new Object[] {"machine-1", "http://machine-1"})))
                .containsExactly("machine-1", "http://machine-1");
    }

    @Test
    void aDeclaredFaultTravelsWithItsGeneratedDetail() throws Exception {
        InvalidRequestFaultType detail = new InvalidRequestFaultType();
        detail.setTimestamp(javax.xml.datatype.DatatypeFactory.newInstance()
                .newXMLGregorianCalendar("2026-11-22T05:00:00Z"));
        InvalidRequestFault fault = new InvalidRequestFault("adding 5 would overflow", detail);

        InvalidRequestFault decoded = (InvalidRequestFault) decode(ResultEncoding.encode(fault));

        assertThat(decoded).hasMessage("adding 5 would overflow");
        assertThat(decoded.getFaultInfo().getTimestamp()).isEqualTo(detail.getTimestamp());
    }

    @Test
    void whatCannotBeSerializedTravelsEmpty() {
        assertThat(ResultEncoding.encode(new Object())).isEmpty();
        assertThat(ResultEncoding.encode(null)).isEmpty();
    }
}
