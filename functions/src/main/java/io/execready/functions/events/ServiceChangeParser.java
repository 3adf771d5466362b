package io.execready.functions.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.execready.snapshot.Arn;
import java.util.List;
import java.util.Objects;

/**
 * Turns the raw bytes of a service trigger into what to do with which service: an ECS Deployment
 * State Change, an ECS Service Action, or a CloudTrail record of CreateService, UpdateService or
 * DeleteService. Bad input is an outcome with its reason, never an exception.
 */
public final class ServiceChangeParser {

    static final String SOURCE = "aws.ecs";
    static final String DEPLOYMENT_STATE_CHANGE = "ECS Deployment State Change";
    static final String SERVICE_ACTION = "ECS Service Action";
    static final String CLOUDTRAIL = "AWS API Call via CloudTrail";
    static final String ECS_EVENT_SOURCE = "ecs.amazonaws.com";
    private static final List<String> DEPLOYMENT_DONE = List.of("SERVICE_DEPLOYMENT_COMPLETED", "SERVICE_DEPLOYMENT_FAILED");

    /** What the function does with the named service. */
    public enum Action {
        /** Evaluate it now. */
        EVALUATE,
        /** Evaluate it unless it was evaluated within the debounce window. */
        EVALUATE_DEBOUNCED,
        /** Archive its findings: it was deleted. */
        ARCHIVE
    }

    /** The result of parsing one invocation payload. */
    public sealed interface Parsed {
    }

    /**
     * A service to act on.
     *
     * @param action  what to do
     * @param cluster the cluster, by ARN or name
     * @param service the service name
     * @param why     the event that asked, for the log ("SERVICE_DEPLOYMENT_COMPLETED", "UpdateService")
     * @param eventId the EventBridge event id
     */
    public record Accepted(Action action, String cluster, String service, String why, String eventId) implements Parsed {
        public Accepted {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(why, "why");
        }
    }

    /** A well-formed event that asks for nothing (a deployment still in progress). */
    public record Skipped(String reason, String eventId, String detailType) implements Parsed {
    }

    /** Not something this function handles; {@code reason} says why, for the log. */
    public record Rejected(String reason, String eventId, String detailType) implements Parsed {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EcsServiceEventDetail(String eventName, String deploymentId, String clusterArn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CloudTrailDetail(String eventSource, String eventName, String errorCode, RequestParameters requestParameters,
                            ResponseElements responseElements) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RequestParameters(String cluster, String service, String serviceName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseElements(ServiceElement service) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ServiceElement(String serviceArn, String serviceName, String clusterArn) {
    }

    public Parsed parse(byte[] payload) {
        return switch (EventBridgeEnvelopes.read(payload, TaskStateChangeParser.MAX_EVENT_BYTES)) {
            case EventBridgeEnvelopes.Unreadable unreadable -> new Rejected(unreadable.reason(), null, null);
            case EventBridgeEnvelopes.Event event -> parse(event);
        };
    }

    private static Parsed parse(EventBridgeEnvelopes.Event event) {
        var envelope = event.envelope();
        String id = envelope.getId();
        String type = envelope.getDetailType();
        if (!SOURCE.equals(envelope.getSource())) {
            return new Rejected("expected source '" + SOURCE + "', got '" + envelope.getSource() + "'", id, type);
        }
        if (event.detail().isEmpty()) {
            return new Rejected("event has no detail object", id, type);
        }
        JsonNode detail = event.detail().get();
        try {
            if (DEPLOYMENT_STATE_CHANGE.equals(type) || SERVICE_ACTION.equals(type)) {
                String serviceArn = envelope.getResources() == null || envelope.getResources().isEmpty() ? null : envelope.getResources().getFirst();
                return fromServiceEvent(EventBridgeEnvelopes.MAPPER.treeToValue(detail, EcsServiceEventDetail.class), serviceArn, id, type);
            }
            if (CLOUDTRAIL.equals(type)) {
                return fromCloudTrail(EventBridgeEnvelopes.MAPPER.treeToValue(detail, CloudTrailDetail.class), id, type);
            }
        } catch (JsonProcessingException e) {
            return new Rejected("detail does not have the expected shape: " + EventBridgeEnvelopes.firstLine(e), id, type);
        }
        return new Rejected("detail-type '" + type + "' is not a service event", id, type);
    }

    private static Parsed fromServiceEvent(EcsServiceEventDetail detail, String serviceArn, String id, String type) {
        if (detail.eventName() == null) {
            return new Rejected("detail has no eventName", id, type);
        }
        ServiceName name = ServiceName.fromArn(serviceArn, detail.clusterArn());
        if (name == null) {
            return new Rejected("resources[0] is not a service ARN: " + serviceArn, id, type);
        }
        if (DEPLOYMENT_STATE_CHANGE.equals(type)) {
            if (!DEPLOYMENT_DONE.contains(detail.eventName())) {
                return new Skipped(detail.eventName() + " of deployment " + detail.deploymentId() + ": the service is evaluated when it completes or fails",
                        id, type);
            }
            return accepted(Action.EVALUATE, name, detail.eventName(), id, type);
        }
        return accepted(Action.EVALUATE_DEBOUNCED, name, detail.eventName(), id, type);
    }

    private static Parsed fromCloudTrail(CloudTrailDetail detail, String id, String type) {
        if (!ECS_EVENT_SOURCE.equals(detail.eventSource())) {
            return new Rejected("eventSource '" + detail.eventSource() + "' is not " + ECS_EVENT_SOURCE, id, type);
        }
        Action action = switch (String.valueOf(detail.eventName())) {
            case "CreateService", "UpdateService" -> Action.EVALUATE;
            case "DeleteService" -> Action.ARCHIVE;
            default -> null;
        };
        if (action == null) {
            return new Rejected("eventName '" + detail.eventName() + "' is not CreateService, UpdateService or DeleteService", id, type);
        }
        if (detail.errorCode() != null) {
            return new Skipped(detail.eventName() + " failed with " + detail.errorCode() + ": nothing changed", id, type);
        }
        ServiceElement response = detail.responseElements() == null ? null : detail.responseElements().service();
        RequestParameters request = detail.requestParameters();
        String requestCluster = request == null || request.cluster() == null ? "default" : request.cluster();
        ServiceName name = response == null ? null : ServiceName.fromArn(response.serviceArn(), response.clusterArn());
        if (name == null && request != null) {
            String service = request.service() != null ? request.service() : request.serviceName();
            name = service == null ? null : ServiceName.fromArn(service, requestCluster);
            if (name == null && service != null) {
                name = new ServiceName(requestCluster, service);
            }
        }
        if (name == null) {
            return new Rejected(detail.eventName() + " names no service in responseElements or requestParameters", id, type);
        }
        return accepted(action, name, detail.eventName(), id, type);
    }

    /** A cluster and service ECS could have: anything else could never be evaluated, so it is rejected here, once. */
    private static Parsed accepted(Action action, ServiceName name, String why, String id, String type) {
        if (!EcsArns.isNameOrArn(name.cluster(), "cluster/")) {
            return new Rejected("the cluster is not an ECS cluster name or ARN: " + EcsArns.shown(name.cluster()), id, type);
        }
        if (!EcsArns.isName(name.service())) {
            return new Rejected("the service is not an ECS service name: " + EcsArns.shown(name.service()), id, type);
        }
        return new Accepted(action, name.cluster(), name.service(), why, id);
    }

    /** A cluster and service name, from a service ARN ({@code service/CLUSTER/NAME}, or the older {@code service/NAME}). */
    record ServiceName(String cluster, String service) {

        static ServiceName fromArn(String serviceArn, String clusterWhenOldFormat) {
            Arn arn = serviceArn == null ? null : Arn.parse(serviceArn).orElse(null);
            if (arn == null || !"ecs".equals(arn.service()) || !arn.resource().startsWith("service/")) {
                return null;
            }
            String[] parts = arn.resource().split("/");
            if (parts.length == 3) {
                return new ServiceName(arn.sibling("ecs", "cluster/" + parts[1]).toString(), parts[2]);
            }
            return parts.length == 2 && clusterWhenOldFormat != null ? new ServiceName(clusterWhenOldFormat, parts[1]) : null;
        }
    }
}
