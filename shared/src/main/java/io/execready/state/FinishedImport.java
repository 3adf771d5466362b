package io.execready.state;

import io.execready.snapshot.Subject;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;

/**
 * An import Security Hub accepted, to be recorded under the reservation it was made with.
 *
 * @param reservation the reservation
 * @param status      the check status imported
 * @param taskArn     the task whose evaluation was imported
 * @param finding     the imported finding (gzip'd ASFF JSON)
 */
public record FinishedImport(Reservation reservation, String status, String taskArn, SdkBytes finding) {

    public FinishedImport {
        Objects.requireNonNull(reservation, "reservation");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(finding, "finding");
    }

    /** What the record adds to a write request, roughly: the finding and its keys. */
    int approximateBytes(Subject subject) {
        return finding.asByteArrayUnsafe().length + taskArn.length() + status.length() + reservation.key().length()
                + reservation.checkId().length() + subject.key().length() + 256;
    }
}
