package dev.portico.backend;

import dev.portico.config.BackendDefinition.Balancing;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Chooses one instance among candidates (never empty). */
public interface LoadBalancer {
    Instance choose(List<Instance> candidates);

    static LoadBalancer of(Balancing policy) {
        return switch (policy) {
            case ROUND_ROBIN -> new RoundRobin();
            case LEAST_REQUESTS -> LoadBalancer::leastOfTwo;
            case RANDOM -> c -> c.get(ThreadLocalRandom.current().nextInt(c.size()));
        };
    }

    /** Power of two choices: two random candidates, the one with fewer calls in flight wins. */
    static Instance leastOfTwo(List<Instance> candidates) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(candidates.size());
        int b = random.nextInt(candidates.size() - 1);
        Instance first = candidates.get(a);
        Instance second = candidates.get(b >= a ? b + 1 : b);
        return second.inFlight() < first.inFlight() ? second : first;
    }

    /** Each candidate in turn. */
    final class RoundRobin implements LoadBalancer {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Instance choose(List<Instance> candidates) {
            return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
        }
    }
}
