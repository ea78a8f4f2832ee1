package dev.gridha.container.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.cxf.interceptor.AbstractBasicInterceptorProvider;
import org.junit.jupiter.api.Test;

class ChaosFeatureTest {

    @Test
    void aProcessStartedWithoutThePropertyGetsNoInterceptorsAndNoStep() {
        AbstractBasicInterceptorProvider endpoint = new AbstractBasicInterceptorProvider() {
        };

        new ChaosFeature().initialize(endpoint, null);

        assertThat(System.getProperty(ChaosPoints.PROPERTY)).isNull();
        assertThat(ChaosPoints.ENABLED).isFalse();
        assertThat(endpoint.getInInterceptors()).isEmpty();
        assertThat(endpoint.getOutInterceptors()).isEmpty();
        assertThat(endpoint.getOutFaultInterceptors()).isEmpty();
    }
}
