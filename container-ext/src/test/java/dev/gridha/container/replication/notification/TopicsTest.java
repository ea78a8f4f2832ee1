package dev.gridha.container.replication.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.oasis_open.docs.wsn.b_2.FilterType;
import org.oasis_open.docs.wsn.b_2.ObjectFactory;
import org.oasis_open.docs.wsn.b_2.TopicExpressionType;
import org.oasis_open.docs.wsn.bw_2.InvalidFilterFault;
import org.oasis_open.docs.wsn.bw_2.InvalidTopicExpressionFault;
import org.oasis_open.docs.wsn.bw_2.TopicExpressionDialectUnknownFault;
import org.oasis_open.docs.wsn.bw_2.TopicNotSupportedFault;

class TopicsTest {

    @Test
    void aSimpleExpressionReadsBackAsItsTopic() {
        assertThat(Topics.topicOf(Topics.expression(Topics.STATE_UPDATE))).isEqualTo(Topics.STATE_UPDATE);
    }

    @Test
    void surroundingWhitespaceAndSplitTextAreOneTopic() {
        TopicExpressionType expression = Topics.expression("\n  STATE_");
        expression.getContent().add("UPDATE  ");
        assertThat(Topics.topicOf(expression)).isEqualTo(Topics.STATE_UPDATE);
    }

    @Test
    void anotherDialectOrAPathIsNotASimpleTopic() {
        TopicExpressionType full = Topics.expression(Topics.STATE_UPDATE);
        full.setDialect("http://docs.oasis-open.org/wsn/t-1/TopicExpression/Full");
        assertThatThrownBy(() -> Topics.topicOf(full)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Full");
        assertThatThrownBy(() -> Topics.topicOf(Topics.expression("STATE_UPDATE//*")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.topicOf(Topics.expression(" ")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.topicOf(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubscriptionToStateUpdateIsAccepted() {
        assertThatCode(() -> Topics.requireStateUpdate(filter(Topics.expression(Topics.STATE_UPDATE))))
                .doesNotThrowAnyException();
    }

    @Test
    void anotherTopicIsNotSupported() {
        assertThatThrownBy(() -> Topics.requireStateUpdate(filter(Topics.expression(Topics.STATE_ACKNOWLEDGEMENT))))
                .isInstanceOf(TopicNotSupportedFault.class).hasMessageContaining(Topics.STATE_ACKNOWLEDGEMENT);
    }

    @Test
    void anotherDialectIsUnknown() throws Exception {
        TopicExpressionType concrete = Topics.expression(Topics.STATE_UPDATE);
        concrete.setDialect("http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete");
        TopicExpressionDialectUnknownFault fault = org.junit.jupiter.api.Assertions.assertThrows(
                TopicExpressionDialectUnknownFault.class, () -> Topics.requireStateUpdate(filter(concrete)));
        assertThat(fault.getFaultInfo().getTimestamp()).isNotNull();
        assertThat(fault.getFaultInfo().getDescription().get(0).getValue()).contains("Concrete");
    }

    @Test
    void aMalformedExpressionIsInvalid() {
        assertThatThrownBy(() -> Topics.requireStateUpdate(filter(Topics.expression("a b"))))
                .isInstanceOf(InvalidTopicExpressionFault.class);
    }

    @Test
    void noTopicOrTwoTopicsIsAnInvalidFilter() {
        assertThatThrownBy(() -> Topics.requireStateUpdate(null)).isInstanceOf(InvalidFilterFault.class);
        assertThatThrownBy(() -> Topics.requireStateUpdate(new FilterType())).isInstanceOf(InvalidFilterFault.class);
        FilterType two = filter(Topics.expression(Topics.STATE_UPDATE));
        two.getAny().add(new ObjectFactory().createTopicExpression(Topics.expression(Topics.STATE_UPDATE)));
        assertThatThrownBy(() -> Topics.requireStateUpdate(two)).isInstanceOf(InvalidFilterFault.class);
    }

    @Test
    void aMessageContentFilterIsRefused() {
        FilterType filter = filter(Topics.expression(Topics.STATE_UPDATE));
        filter.getAny().add(new ObjectFactory().createMessageContent(new org.oasis_open.docs.wsn.b_2.QueryExpressionType()));
        assertThatThrownBy(() -> Topics.requireStateUpdate(filter)).isInstanceOf(InvalidFilterFault.class)
                .hasMessageContaining("only a topic expression");
    }

    private static FilterType filter(TopicExpressionType expression) {
        FilterType filter = new FilterType();
        filter.getAny().add(new ObjectFactory().createTopicExpression(expression));
        return filter;
    }
}
