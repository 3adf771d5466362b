package io.execready.snapshot;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of a task's {@code attachments[]}: the awsvpc ENI, an ELB, Service Connect, EBS.
 *
 * @param type    for example {@code ElasticNetworkInterface} (DescribeTasks) or {@code eni} (events)
 * @param status  the attachment status, or null
 * @param details name/value details such as {@code subnetId} and {@code networkInterfaceId}
 */
public record TaskAttachment(String type, String status, Map<String, String> details) {

    public TaskAttachment {
        Objects.requireNonNull(type, "type");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public boolean isNetworkInterface() {
        return "ElasticNetworkInterface".equalsIgnoreCase(type) || "eni".equalsIgnoreCase(type);
    }
}
