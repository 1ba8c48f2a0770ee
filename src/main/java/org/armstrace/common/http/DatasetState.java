package org.armstrace.common.http;

/**
 * How far the dataset has changed: the sequence of its last committed revision and the id of its
 * last release, as one text that changes whenever either grows. Live answers are tagged and
 * remembered by it. Implemented by the revision log's package, so that the HTTP layer needs no SQL of
 * its own (as {@link TokenCheck} does for tokens).
 */
public interface DatasetState {

    String state();
}
