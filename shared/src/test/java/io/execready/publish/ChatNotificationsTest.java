package io.execready.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatNotificationsTest {

    @Test
    void of_writesTheCustomNotificationFormatAndKeepsTheAttributes() throws Exception {
        Alert alert = new Alert("ECS Exec not ready: service web in prod", "ECS Exec is not ready on service web.\n\n1. Fix it.",
                Map.of("status", "NOT_READY", "severity", "HIGH", "cluster", "prod", "service", "web", "region", "eu-west-1"));

        Alert chat = ChatNotifications.of(alert);

        JsonNode json = new ObjectMapper().readTree(chat.message());
        assertThat(json.get("version").asText()).isEqualTo("1.0");
        assertThat(json.get("source").asText()).isEqualTo("custom");
        assertThat(json.get("content").get("title").asText()).isEqualTo(alert.subject());
        assertThat(json.get("content").get("description").asText()).contains("ECS Exec is not ready on service web.", "1. Fix it.");
        assertThat(json.get("content").get("keywords")).extracting(JsonNode::asText).containsExactly("NOT_READY", "HIGH", "prod", "web");
        assertThat(chat.attributes()).isEqualTo(alert.attributes());
    }

    @Test
    void of_addsThreadNextStepsAndRelatedResources() throws Exception {
        Alert alert = new Alert("ECS Exec not ready: service web in prod", "ECS Exec is not ready on service web.",
                Map.of("status", "NOT_READY", "cluster", "prod", "service", "web"), List.of("ssm-reachable"),
                new Alert.ChatContext("execready-abc", List.of("Reach Systems Manager: add a NAT route."),
                        List.of("arn:aws:ecs:eu-west-1:123456789012:service/prod/web", "arn:aws:ec2:eu-west-1:123456789012:route-table/rtb-1")));

        Alert chat = ChatNotifications.of(alert);

        JsonNode json = new ObjectMapper().readTree(chat.message());
        assertThat(json.get("metadata").get("threadId").asText()).isEqualTo("execready-abc");
        assertThat(json.get("content").get("nextSteps")).extracting(JsonNode::asText).containsExactly("Reach Systems Manager: add a NAT route.");
        assertThat(json.get("metadata").get("relatedResources")).extracting(JsonNode::asText)
                .containsExactly("arn:aws:ecs:eu-west-1:123456789012:service/prod/web", "arn:aws:ec2:eu-west-1:123456789012:route-table/rtb-1");
        assertThat(json.get("content").get("keywords")).extracting(JsonNode::asText).contains("ssm-reachable");
        assertThat(chat.checkIds()).containsExactly("ssm-reachable");
    }

    @Test
    void of_cutsALongTextAtASentenceNotMidSentence() throws Exception {
        String sentence = "The exec agent cannot reach Systems Manager from subnet subnet-0abc of task 0f1e. ";
        Alert alert = new Alert("ECS Exec not ready: service web in prod", sentence.repeat(100), Map.of("status", "NOT_READY"));

        String description = new ObjectMapper().readTree(ChatNotifications.of(alert).message()).get("content").get("description").asText();

        assertThat(description).hasSizeLessThanOrEqualTo(ChatNotifications.MAX_DESCRIPTION);
        String body = description.substring(4, description.length() - 4);
        assertThat(body).endsWith("task 0f1e." + ChatNotifications.CUT_MARKER);
    }

    @Test
    void atSentence_withoutASentenceEndInReach_cutsAtASpaceWithAnEllipsis() {
        String cut = ChatNotifications.atSentence("word ".repeat(1_000), 200);

        assertThat(cut).hasSizeLessThanOrEqualTo(200).endsWith("word..." + ChatNotifications.CUT_MARKER);
    }
}
