package io.execready.state;

/** What became of a conditional mark of a task event on an unchanged subject. */
public enum MarkOutcome {
    /** The event is marked, and the subject's state was the one the caller decided from. */
    MARKED,
    /** The subject's state was the one decided from, and the same or a newer event of the task was marked before. */
    ALREADY_MARKED,
    /** The subject's state changed since the caller read it: nothing was written; read again and decide again. */
    STATE_MOVED
}
