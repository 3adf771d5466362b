package io.execready.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> waits = new ArrayList<>();
    /** Waiting moves the fake clock, as real sleeping would. */
    private final Sleeper sleeper = duration -> {
        waits.add(duration);
        nanos.addAndGet(duration.toNanos());
    };

    @Test
    void acquire_withinTheBurst_doesNotWait() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(2, 2, nanos::get, sleeper);

        bucket.acquire();
        bucket.acquire();

        assertThat(waits).isEmpty();
    }

    @Test
    void acquire_beyondTheBurst_waitsForTheRate() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(2, 2, nanos::get, sleeper);

        for (int i = 0; i < 6; i++) {
            bucket.acquire();
        }

        assertThat(waits).hasSize(4).allSatisfy(wait -> assertThat(wait).isEqualTo(Duration.ofMillis(500)));
        assertThat(Duration.ofNanos(nanos.get())).as("6 calls at 2/s with a burst of 2").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void acquire_afterAQuietSpell_refillsNoMoreThanTheCapacity() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(1, 1, nanos::get, sleeper);
        bucket.acquire();

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        bucket.acquire();
        bucket.acquire();

        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void new_withoutARateOrWithAFractionalCapacity_isRejected() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, nanos::get, sleeper)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0.5, nanos::get, sleeper)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publish_pacesEveryCallThroughTheLimiter() {
        List<String> events = new ArrayList<>();
        ScriptedSecurityHubClient client = new ScriptedSecurityHubClient((call, request) -> {
            events.add("call");
            return ScriptedSecurityHubClient.accepted(request, List.of());
        });
        SecurityHubPublisher publisher = new SecurityHubPublisher(client, ImportRetryPolicy.DEFAULT, duration -> { }, () -> events.add("acquire"));
        List<software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding> findings = java.util.stream.IntStream.range(0, 150)
                .mapToObj(i -> software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding.builder().id("finding-" + i).build())
                .toList();

        publisher.publish(findings);

        assertThat(events).containsExactly("acquire", "call", "acquire", "call");
    }
}
