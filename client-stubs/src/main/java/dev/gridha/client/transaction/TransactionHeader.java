package dev.gridha.client.transaction;

import java.util.regex.Pattern;

import javax.xml.namespace.QName;

/**
 * The SOAP header that puts a request into a service transaction: {@code <tx:Transaction>id</tx:Transaction>},
 * sent with {@code mustUnderstand="1"} so a service that cannot take part in transactions refuses the request
 * instead of running it on its own.
 */
public final class TransactionHeader {

    public static final String NAMESPACE = "urn:gridha:transaction";
    public static final QName NAME = new QName(NAMESPACE, "Transaction");
    /** Services issue 22 characters of base64url; anything outside this shape is refused unread. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private TransactionHeader() {
    }

    public static boolean wellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }
}
