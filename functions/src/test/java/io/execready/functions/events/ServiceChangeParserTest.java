package io.execready.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.functions.events.ServiceChangeParser.Accepted;
import io.execready.functions.events.ServiceChangeParser.Action;
import io.execready.functions.events.ServiceChangeParser.Parsed;
import io.execready.functions.events.ServiceChangeParser.Rejected;
import io.execready.functions.events.ServiceChangeParser.Skipped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceChangeParserTest {

    private static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/execready-demo";

    private final ServiceChangeParser parser = new ServiceChangeParser();

    private static byte[] event(String name) throws IOException {
        return Files.readAllBytes(Path.of("..", "events", name));
    }

    private Parsed parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_whenDeploymentCompleted_evaluatesTheServiceOfResources() throws IOException {
        assertThat(parser.parse(event("deployment-completed.json")))
                .isEqualTo(new Accepted(Action.EVALUATE, CLUSTER_ARN, "web", "SERVICE_DEPLOYMENT_COMPLETED", "4b1c6e3a-8d2f-4a7b-9e5c-0f1a2b3c4d5e"));
    }

    @Test
    void parse_whenDeploymentInProgress_skips() throws IOException {
        String inProgress = new String(event("deployment-completed.json"), StandardCharsets.UTF_8)
                .replace("SERVICE_DEPLOYMENT_COMPLETED", "SERVICE_DEPLOYMENT_IN_PROGRESS");

        assertThat(parse(inProgress)).isInstanceOf(Skipped.class);
    }

    @Test
    void parse_whenServiceAction_evaluatesDebounced() throws IOException {
        assertThat(parser.parse(event("service-action-steady-state.json")))
                .extracting(p -> ((Accepted) p).action(), p -> ((Accepted) p).service())
                .containsExactly(Action.EVALUATE_DEBOUNCED, "web");
    }

    @Test
    void parse_whenCloudTrailCalls_takesTheServiceFromTheResponse() throws IOException {
        assertThat(parser.parse(event("cloudtrail-update-service.json")))
                .extracting(p -> ((Accepted) p).action(), p -> ((Accepted) p).cluster(), p -> ((Accepted) p).service())
                .containsExactly(Action.EVALUATE, CLUSTER_ARN, "billing-api");
        assertThat(parser.parse(event("cloudtrail-create-service.json"))).extracting(p -> ((Accepted) p).service()).isEqualTo("web");
        assertThat(parser.parse(event("cloudtrail-delete-service.json"))).extracting(p -> ((Accepted) p).action()).isEqualTo(Action.ARCHIVE);
    }

    @Test
    void parse_whenNoResponseElements_takesTheRequestParameters() throws IOException {
        String withoutResponse = new String(event("cloudtrail-update-service.json"), StandardCharsets.UTF_8)
                .replace("\"responseElements\": {", "\"responseElementsIgnored\": {");

        assertThat(parse(withoutResponse)).isEqualTo(new Accepted(Action.EVALUATE, "execready-demo", "billing-api", "UpdateService",
                "9c3e5a7b-1d2f-4e6a-8b0c-3d4e5f6a7b8c"));
    }

    @Test
    void parse_whenMalformedOrForeign_rejects() {
        assertThat(parse("{not json")).isInstanceOf(Rejected.class);
        assertThat(parse("[]")).isInstanceOf(Rejected.class);
        assertThat(parse("{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Deployment State Change\",\"detail\":{\"eventName\":\"SERVICE_DEPLOYMENT_COMPLETED\"},"
                + "\"resources\":[\"not-an-arn\"]}")).isInstanceOf(Rejected.class);
        assertThat(parse("{\"source\":\"aws.ecs\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventSource\":\"ecs.amazonaws.com\","
                + "\"eventName\":\"RunTask\"}}")).isInstanceOf(Rejected.class);
        assertThat(parse("{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"detail\":{\"eventName\":7,\"clusterArn\":[1]}}"))
                .isInstanceOf(Rejected.class);
    }
}
