package dev.portico.demo;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/** The most recent requests a service received (bounded, so a load test cannot exhaust memory). */
final class Recorder {
    private static final int KEEP = 1000;
    private final Deque<Received> recent = new ConcurrentLinkedDeque<>();

    void add(Received request) {
        recent.addLast(request);
        while (recent.size() > KEEP) {
            recent.pollFirst();
        }
    }

    List<Received> list() {
        return List.copyOf(new ArrayList<>(recent));
    }

    void clear() {
        recent.clear();
    }
}
