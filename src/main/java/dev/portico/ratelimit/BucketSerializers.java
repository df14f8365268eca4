package dev.portico.ratelimit;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.List;

/**
 * Hazelcast Compact serializers for what a rate-limited request stores and sends: the bucket, the step
 * and its decision. A few longs each, written as such; Java serialization of the same records cost ~5 %
 * of a rate-limited request's CPU (JFR). Every node of a cluster registers the same ones.
 */
public final class BucketSerializers {
    private BucketSerializers() {
    }

    public static List<CompactSerializer<?>> all() {
        return List.of(new StateSerializer(), new TakeTokenSerializer(), new DecisionSerializer());
    }

    static final class StateSerializer implements CompactSerializer<TokenBucket.State> {
        @Override
        public TokenBucket.State read(CompactReader in) {
            return new TokenBucket.State(in.readInt64("microTokens"), in.readInt64("atMillis"));
        }

        @Override
        public void write(CompactWriter out, TokenBucket.State state) {
            out.writeInt64("microTokens", state.microTokens());
            out.writeInt64("atMillis", state.atMillis());
        }

        @Override
        public String getTypeName() {
            return "portico.bucket";
        }

        @Override
        public Class<TokenBucket.State> getCompactClass() {
            return TokenBucket.State.class;
        }
    }

    static final class TakeTokenSerializer implements CompactSerializer<TakeToken> {
        @Override
        public TakeToken read(CompactReader in) {
            return new TakeToken(in.readInt64("nowMillis"), in.readInt64("limit"), in.readInt64("windowMillis"),
                    in.readInt32("count"));
        }

        @Override
        public void write(CompactWriter out, TakeToken take) {
            out.writeInt64("nowMillis", take.nowMillis());
            out.writeInt64("limit", take.limit());
            out.writeInt64("windowMillis", take.windowMillis());
            out.writeInt32("count", take.count());
        }

        @Override
        public String getTypeName() {
            return "portico.take-token";
        }

        @Override
        public Class<TakeToken> getCompactClass() {
            return TakeToken.class;
        }
    }

    static final class DecisionSerializer implements CompactSerializer<TokenBucket.Decision> {
        @Override
        public TokenBucket.Decision read(CompactReader in) {
            return new TokenBucket.Decision(in.readInt64("remaining"),
                    in.readInt64("resetSeconds"), in.readInt64("retryAfter"),
                    new TokenBucket.State(in.readInt64("microTokens"), in.readInt64("atMillis")), in.readInt32("taken"));
        }

        @Override
        public void write(CompactWriter out, TokenBucket.Decision decision) {
            out.writeInt64("remaining", decision.remaining());
            out.writeInt64("resetSeconds", decision.resetSeconds());
            out.writeInt64("retryAfter", decision.retryAfter());
            out.writeInt64("microTokens", decision.state().microTokens());
            out.writeInt64("atMillis", decision.state().atMillis());
            out.writeInt32("taken", decision.taken());
        }

        @Override
        public String getTypeName() {
            return "portico.decision";
        }

        @Override
        public Class<TokenBucket.Decision> getCompactClass() {
            return TokenBucket.Decision.class;
        }
    }
}
