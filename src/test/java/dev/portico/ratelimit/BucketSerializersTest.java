package dev.portico.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.SerializationConstants;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import dev.portico.cluster.SharedState;
import dev.portico.config.ClusterDefinition;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A gateway member stores and sends the limiter's records in Compact form, and reads back what it wrote. */
class BucketSerializersTest {
    private static HazelcastInstance member;
    private static SerializationService serialization;

    @BeforeAll
    static void start() {
        member = Hazelcast.newHazelcastInstance(SharedState.hazelcast(
                new ClusterDefinition(List.of(), 15801, "127.0.0.1"), BucketSerializersTest.class.getClassLoader()));
        serialization = ((SerializationServiceSupport) member).getSerializationService();
    }

    @AfterAll
    static void stop() {
        member.shutdown();
    }

    @Test
    void everyRecordTravelsCompactAndComesBackEqual() {
        TokenBucket.State state = new TokenBucket.State(2_500_000, 1_700_000_000_000L);
        for (Object value : List.of(state, new TakeToken(1_700_000_000_123L, 100, 60_000, 8),
                new TokenBucket.Decision(0, 12, 3, state, 0), new TokenBucket.Decision(40, 12, 0, state, 7))) {
            Data data = serialization.toData(value);
            assertEquals(SerializationConstants.TYPE_COMPACT, data.getType(), value.toString());
            assertEquals(value, serialization.toObject(data));
        }
    }
}
