package io.execready.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.snapshot.Subject;
import org.junit.jupiter.api.Test;

class CustomActionEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "arn:aws:ecs:eu-west-1:123456789012:cluster/prod";

    @Test
    void isCustomAction_onlyForSecurityHubsCustomActionEvents() throws Exception {
        assertThat(CustomActionEvents.isCustomAction(JSON.readTree(
                "{\"source\": \"aws.securityhub\", \"detail-type\": \"Security Hub Findings - Custom Action\"}"))).isTrue();
        assertThat(CustomActionEvents.isCustomAction(JSON.readTree(
                "{\"source\": \"aws.securityhub\", \"detail-type\": \"Security Hub Findings - Imported\"}"))).isFalse();
        assertThat(CustomActionEvents.isCustomAction(JSON.readTree("{\"cluster\": \"prod\", \"service\": \"web\"}"))).isFalse();
    }

    @Test
    void subject_readsTheKeyTheMapperWrites() {
        assertThat(CustomActionEvents.subject(Subject.service(CLUSTER, "web").key())).isEqualTo(Subject.service(CLUSTER, "web"));
        assertThat(CustomActionEvents.subject(CLUSTER + "|family:batch")).isEqualTo(new Subject(CLUSTER, Subject.Kind.GROUP, "family:batch"));
        assertThat(CustomActionEvents.subject("prod|service:web")).as("not a cluster ARN").isNull();
        assertThat(CustomActionEvents.subject(CLUSTER + "|")).isNull();
        assertThat(CustomActionEvents.subject(CLUSTER)).isNull();
    }

    @Test
    void read_withoutFindings_saysSo() throws Exception {
        JsonNode event = JSON.readTree("{\"source\": \"aws.securityhub\", \"detail-type\": \"Security Hub Findings - Custom Action\","
                + " \"detail\": {\"actionName\": \"Re-check ECS Exec\"}}");

        CustomActionEvents.Recheck recheck = CustomActionEvents.read(event, "eu-west-1");

        assertThat(recheck.subjects()).isEmpty();
        assertThat(recheck.skipped()).containsExactly("the event selects no findings");
        assertThat(recheck.actionName()).isEqualTo("Re-check ECS Exec");
    }
}
