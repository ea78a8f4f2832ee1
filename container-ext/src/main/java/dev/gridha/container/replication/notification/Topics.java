package dev.gridha.container.replication.notification;

import java.util.ArrayList;
import java.util.List;

import javax.xml.namespace.QName;

import jakarta.xml.bind.JAXBElement;

import org.oasis_open.docs.wsn.b_2.FilterType;
import org.oasis_open.docs.wsn.b_2.InvalidFilterFaultType;
import org.oasis_open.docs.wsn.b_2.InvalidTopicExpressionFaultType;
import org.oasis_open.docs.wsn.b_2.TopicExpressionDialectUnknownFaultType;
import org.oasis_open.docs.wsn.b_2.TopicExpressionType;
import org.oasis_open.docs.wsn.b_2.TopicNotSupportedFaultType;
import org.oasis_open.docs.wsn.bw_2.InvalidFilterFault;
import org.oasis_open.docs.wsn.bw_2.InvalidTopicExpressionFault;
import org.oasis_open.docs.wsn.bw_2.TopicExpressionDialectUnknownFault;
import org.oasis_open.docs.wsn.bw_2.TopicNotSupportedFault;

/**
 * The two topics of the notification state transfer and their WS-Topics Simple expressions: the primary
 * publishes {@value #STATE_UPDATE} (thesis ch. III) and backups answer on {@value #STATE_ACKNOWLEDGEMENT}.
 * A topic is written as a bare name, as CXF's own WS-Notification client writes simple expressions; a
 * prefixed name would need a namespace declaration that JAXB cannot put on mixed text.
 */
public final class Topics {

    static final String STATE_UPDATE = "STATE_UPDATE";
    static final String STATE_ACKNOWLEDGEMENT = "STATE_ACKNOWLEDGEMENT";
    public static final String SIMPLE_DIALECT = "http://docs.oasis-open.org/wsn/t-1/TopicExpression/Simple";

    private static final QName TOPIC_EXPRESSION = new QName("http://docs.oasis-open.org/wsn/b-2", "TopicExpression");

    private Topics() {
    }

    public static TopicExpressionType expression(String topic) {
        TopicExpressionType expression = new TopicExpressionType();
        expression.setDialect(SIMPLE_DIALECT);
        expression.getContent().add(topic);
        return expression;
    }

    /**
     * The topic a notification was published on.
     *
     * @throws IllegalArgumentException if there is none, or it is not a simple expression
     */
    static String topicOf(TopicExpressionType expression) {
        if (expression == null) {
            throw new IllegalArgumentException("notification without a topic");
        }
        if (!SIMPLE_DIALECT.equals(expression.getDialect())) {
            throw new IllegalArgumentException("topic dialect " + expression.getDialect() + " is not " + SIMPLE_DIALECT);
        }
        StringBuilder text = new StringBuilder();
        for (Object part : expression.getContent()) {
            if (!(part instanceof String string)) {
                throw new IllegalArgumentException("a simple topic expression holds text only, not " + part);
            }
            text.append(string);
        }
        String topic = text.toString().trim();
        if (topic.isEmpty() || !topic.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-'
                || c == '.')) {
            throw new IllegalArgumentException("'" + topic + "' is not a simple topic name");
        }
        return topic;
    }

    /**
     * Checks that a Subscribe asks for exactly {@value #STATE_UPDATE}, the one topic a primary produces.
     * Each refusal is the WS-BaseNotification fault a subscriber expects for it.
     */
    static void requireStateUpdate(FilterType filter) throws InvalidFilterFault, TopicExpressionDialectUnknownFault,
            InvalidTopicExpressionFault, TopicNotSupportedFault {
        requireTopic(filter, STATE_UPDATE);
    }

    /**
     * Checks that a Subscribe asks for exactly {@code produced}, the one topic its producer has. Each refusal
     * is the WS-BaseNotification fault a subscriber expects for it.
     */
    public static void requireTopic(FilterType filter, String produced) throws InvalidFilterFault,
            TopicExpressionDialectUnknownFault, InvalidTopicExpressionFault, TopicNotSupportedFault {
        List<TopicExpressionType> expressions = new ArrayList<>();
        if (filter != null) {
            for (Object part : filter.getAny()) {
                if (part instanceof JAXBElement<?> element && TOPIC_EXPRESSION.equals(element.getName())
                        && element.getValue() instanceof TopicExpressionType expression) {
                    expressions.add(expression);
                } else {
                    throw new InvalidFilterFault("only a topic expression may filter a " + produced + " subscription",
                            BaseFaults.describe(new InvalidFilterFaultType(), "unsupported filter " + describe(part)));
                }
            }
        }
        if (expressions.size() != 1) {
            throw new InvalidFilterFault("subscribe to exactly one topic, " + produced,
                    BaseFaults.describe(new InvalidFilterFaultType(), expressions.size() + " topic expressions"));
        }
        TopicExpressionType expression = expressions.get(0);
        if (!SIMPLE_DIALECT.equals(expression.getDialect())) {
            String message = "topic dialect " + expression.getDialect() + " is not supported, use " + SIMPLE_DIALECT;
            throw new TopicExpressionDialectUnknownFault(message,
                    BaseFaults.describe(new TopicExpressionDialectUnknownFaultType(), message));
        }
        String topic;
        try {
            topic = topicOf(expression);
        } catch (IllegalArgumentException e) {
            throw new InvalidTopicExpressionFault(e.getMessage(),
                    BaseFaults.describe(new InvalidTopicExpressionFaultType(), e.getMessage()));
        }
        if (!produced.equals(topic)) {
            String message = "topic " + topic + " is not produced here, only " + produced;
            throw new TopicNotSupportedFault(message, BaseFaults.describe(new TopicNotSupportedFaultType(), message));
        }
    }

    private static String describe(Object part) {
        return part instanceof JAXBElement<?> element ? element.getName().toString() : String.valueOf(part);
    }
}
