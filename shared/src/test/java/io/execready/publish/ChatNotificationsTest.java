package io.execready.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    void of_cutsALongTextToWhatAChatShows() throws Exception {
        Alert alert = new Alert("ECS Exec not ready: service web in prod", "x".repeat(10_000), Map.of("status", "NOT_READY"));

        JsonNode json = new ObjectMapper().readTree(ChatNotifications.of(alert).message());

        assertThat(json.get("content").get("description").asText()).hasSizeLessThanOrEqualTo(ChatNotifications.MAX_DESCRIPTION);
    }
}
