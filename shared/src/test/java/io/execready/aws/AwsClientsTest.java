package io.execready.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

class AwsClientsTest {

    @Test
    void sns_forATopicOfAnotherRegion_isAClientOfThatRegion_builtOnce() {
        AwsClients clients = new AwsClients(Region.EU_WEST_1);

        SnsClient central = clients.sns(Region.US_EAST_1);

        assertThat(central.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
        assertThat(clients.sns(Region.US_EAST_1)).isSameAs(central);
        assertThat(clients.sns(Region.EU_WEST_1)).isSameAs(clients.sns());
        assertThat(clients.sns().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
    }
}
