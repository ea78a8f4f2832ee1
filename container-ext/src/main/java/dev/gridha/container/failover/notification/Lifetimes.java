package dev.gridha.container.failover.notification;

import java.time.Duration;
import java.util.Optional;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

/**
 * WS-BaseNotification's termination times, which come as an xsd:duration ({@code PT10M}) or an xsd:dateTime,
 * turned into a lifetime from now.
 */
final class Lifetimes {

    private Lifetimes() {
    }

    /**
     * @param requested the requested termination time; null or blank for the default
     * @throws IllegalArgumentException if it is neither form, or not in the future
     */
    static Optional<Duration> parse(String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.empty();
        }
        String text = requested.strip();
        DatatypeFactory types;
        try {
            types = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no XML datatype factory", e);
        }
        long now = System.currentTimeMillis();
        long millis = text.startsWith("P") || text.startsWith("-P")
                ? types.newDuration(text).getTimeInMillis(new java.util.Date(now))
                : types.newXMLGregorianCalendar(text).toGregorianCalendar().getTimeInMillis() - now;
        if (millis <= 0) {
            throw new IllegalArgumentException("termination time " + text + " is not in the future");
        }
        return Optional.of(Duration.ofMillis(millis));
    }
}
