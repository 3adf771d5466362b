package io.execready.functions.events;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execready.snapshot.Arn;
import java.util.Objects;

/**
 * The two inputs of the periodic sweep: the EventBridge Scheduled Event that starts it, and the
 * sweep-queue message body {@code {"cluster": CLUSTER_ARN}} that names one cluster to sweep.
 * Input that is neither is an outcome with a reason, not an exception: retrying it cannot help.
 */
public final class SweepEvents {

    /** A Scheduled Event is a few hundred bytes; anything far larger is not one. */
    public static final int MAX_EVENT_BYTES = 64 * 1024;
    static final String SCHEDULE_SOURCE = "aws.events";
    static final String SCHEDULE_DETAIL_TYPE = "Scheduled Event";
    static final String CLUSTER_FIELD = "cluster";
    static final String IAM_SOURCE = "aws.iam";
    static final String API_CALL_DETAIL_TYPE = "AWS API Call via CloudTrail";
    /**
     * IAM calls that can change what a task role or operator may do. A managed policy change names
     * no role, so any of them sweeps every cluster rather than guessing which subjects it touched.
     */
    static final java.util.Set<String> IAM_CHANGES = java.util.Set.of(
            "PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "CreatePolicyVersion",
            "SetDefaultPolicyVersion", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
            "PutUserPolicy", "AttachUserPolicy", "DetachUserPolicy", "DeleteUserPolicy");

    private SweepEvents() {
    }

    /** A scheduled event, or why the payload is not one. */
    public sealed interface Schedule {
    }

    public record ScheduleAccepted(ScheduledEvent envelope) implements Schedule {
        public ScheduleAccepted {
            Objects.requireNonNull(envelope, "envelope");
        }
    }

    public record ScheduleRejected(String reason, String eventId) implements Schedule {
    }

    /** A cluster to sweep, or why a message body does not name one. */
    public sealed interface ClusterMessage {
    }

    public record ClusterAccepted(String clusterArn) implements ClusterMessage {
        public ClusterAccepted {
            Objects.requireNonNull(clusterArn, "clusterArn");
        }
    }

    public record ClusterRejected(String reason) implements ClusterMessage {
    }

    public static Schedule schedule(byte[] payload) {
        return switch (EventBridgeEnvelopes.read(payload, MAX_EVENT_BYTES)) {
            case EventBridgeEnvelopes.Unreadable unreadable -> new ScheduleRejected(unreadable.reason(), null);
            case EventBridgeEnvelopes.Event event -> schedule(event);
        };
    }

    private static Schedule schedule(EventBridgeEnvelopes.Event event) {
        ScheduledEvent envelope = event.envelope();
        if (IAM_SOURCE.equals(envelope.getSource()) && API_CALL_DETAIL_TYPE.equals(envelope.getDetailType())) {
            String eventName = event.json().path("detail").path("eventName").asText("");
            return IAM_CHANGES.contains(eventName)
                    ? new ScheduleAccepted(envelope)
                    : new ScheduleRejected("IAM call " + eventName + " changes no permission the checks evaluate", envelope.getId());
        }
        if (!SCHEDULE_SOURCE.equals(envelope.getSource()) || !SCHEDULE_DETAIL_TYPE.equals(envelope.getDetailType())) {
            return new ScheduleRejected("expected source '" + SCHEDULE_SOURCE + "' and detail-type '" + SCHEDULE_DETAIL_TYPE
                    + "', got source '" + envelope.getSource() + "' and detail-type '" + envelope.getDetailType() + "'", envelope.getId());
        }
        return new ScheduleAccepted(envelope);
    }

    /** The message body that asks for one cluster's sweep. */
    public static String clusterMessageBody(String clusterArn) {
        ObjectNode body = EventBridgeEnvelopes.MAPPER.createObjectNode();
        body.put(CLUSTER_FIELD, clusterArn);
        return body.toString();
    }

    public static ClusterMessage clusterMessage(String body) {
        JsonNode json;
        try {
            json = body == null ? null : EventBridgeEnvelopes.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return new ClusterRejected("message body is not JSON: " + EventBridgeEnvelopes.firstLine(e));
        }
        if (json == null || !json.isObject()) {
            return new ClusterRejected("message body is not a JSON object");
        }
        JsonNode cluster = json.get(CLUSTER_FIELD);
        if (cluster == null || !cluster.isTextual()) {
            return new ClusterRejected("message body has no \"" + CLUSTER_FIELD + "\" string");
        }
        String arn = cluster.asText().trim();
        return EcsArns.isResourceArn(arn, "cluster/") ? new ClusterAccepted(arn)
                : new ClusterRejected("\"" + CLUSTER_FIELD + "\" is not an ECS cluster ARN: " + EcsArns.shown(arn));
    }
}
