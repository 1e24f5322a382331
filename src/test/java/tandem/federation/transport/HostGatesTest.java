package tandem.federation.transport;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** One request in flight per host here, two in line: the line is served in order, the rest told to come back. */
class HostGatesTest {

    @Test
    void a_full_line_refuses_at_once_and_the_line_is_served_in_order() throws Exception {
        HostGates gates = new HostGates(1, 2);
        assertThat(gates.enter("slow.example")).isTrue();
        List<String> served = new CopyOnWriteArrayList<>();
        Thread first = waiter(gates, "first", served);
        awaitWaiting(first);
        Thread second = waiter(gates, "second", served);
        awaitWaiting(second);

        long start = System.nanoTime();
        assertThat(gates.enter("slow.example")).as("a third in line is refused").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("without waiting").isLessThan(Duration.ofSeconds(1));
        assertThat(gates.enter("other.example")).as("another host has its own gate").isTrue();

        gates.leave("slow.example");
        first.join(5000);
        second.join(5000);
        assertThat(served).containsExactly("first", "second");
        assertThat(gates.enter("slow.example")).as("the gate is free again").isTrue();
    }

    private static Thread waiter(HostGates gates, String name, List<String> served) {
        return Thread.ofVirtual().start(() -> {
            try {
                if (gates.enter("slow.example")) {
                    served.add(name);
                    gates.leave("slow.example");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(t.getState()).isEqualTo(Thread.State.WAITING);
    }
}
