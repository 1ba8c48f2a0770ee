package org.armstrace.common.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** An answer is computed once per dataset state, however many requests ask for it at the same time. */
class RememberedTest {

    private final AtomicReference<String> state = new AtomicReference<>("7/1");
    private final Remembered remembered = new Remembered(state::get, 1_000_000);

    @Test
    void requestsThatAskWhileAnAnswerIsBeingComputedWaitForItInsteadOfComputingItAgain() throws Exception {
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> askers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            askers.add(Thread.ofPlatform()
                    .start(() -> answers.add(remembered.get("facet", "country", () -> {
                        computations.incrementAndGet();
                        await(release);
                        return new Remembered.Sized<>("DE: 3", 5);
                    }))));
        }
        // every asker is parked: either computing (held by the latch) or waiting for the one that computes
        for (Thread asker : askers) {
            while (asker.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
        }
        release.countDown();
        for (Thread asker : askers) {
            asker.join();
        }
        assertEquals(1, computations.get(), "one computation for eight simultaneous requests");
        assertEquals(List.of("DE: 3", "DE: 3", "DE: 3", "DE: 3", "DE: 3", "DE: 3", "DE: 3", "DE: 3"), answers);
    }

    @Test
    void aFailedComputationIsNotRememberedAndANewStateIsComputedAfresh() {
        assertThrows(
                IllegalStateException.class,
                () -> remembered.get("stats", "year", () -> {
                    throw new IllegalStateException("no connection free");
                }));
        assertEquals("2024: 5", remembered.get("stats", "year", () -> new Remembered.Sized<>("2024: 5", 7)));
        assertEquals("2024: 5", remembered.get("stats", "year", () -> new Remembered.Sized<>("not asked", 9)));
        state.set("8/1"); // a revision committed
        assertEquals("2024: 6", remembered.get("stats", "year", () -> new Remembered.Sized<>("2024: 6", 7)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
