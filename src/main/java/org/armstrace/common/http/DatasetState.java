package org.armstrace.common.http;

/**
 * How far the dataset has changed: the sequence of its last committed revision. Live answers are
 * tagged and remembered by it; it only grows. Implemented by the revision log's package, so that the
 * HTTP layer needs no SQL of its own (as {@link TokenCheck} does for tokens).
 */
public interface DatasetState {

    long lastSequence();
}
