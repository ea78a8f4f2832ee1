package dev.gridha.container.replication.notification;

import java.util.GregorianCalendar;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import org.oasis_open.docs.wsrf.bf_2.BaseFaultType;

/** Fills the WS-BaseFaults detail every WS-Notification fault carries: its required timestamp and a description. */
public final class BaseFaults {

    private BaseFaults() {
    }

    public static <T extends BaseFaultType> T describe(T fault, String description) {
        fault.setTimestamp(now());
        BaseFaultType.Description text = new BaseFaultType.Description();
        text.setValue(description);
        fault.getDescription().add(text);
        return fault;
    }

    public static XMLGregorianCalendar now() {
        try {
            return DatatypeFactory.newInstance().newXMLGregorianCalendar(new GregorianCalendar());
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no XML datatype factory", e);
        }
    }
}
