package tandem.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settings and waits for several real instances federating over loopback HTTP. */
public final class Federated {
    private Federated() {}

    /** Loopback is private: allow it (and plain http) explicitly, as an admin would for side-by-side instances. */
    public static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>();
        s.put("federation_allowed_hosts", "localhost,127.0.0.0/8");
        s.put("federation_retry_first_seconds", "1");
        s.putAll(extra);
        return s;
    }

    public static TestInstance start() {
        return TestInstance.start(settings(Map.of()));
    }

    /** Waits until every instance's queue is idle in the same pass: deliveries cause work on the others. */
    public static void awaitIdle(List<TestInstance> instances) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int quiet = 0;
        while (quiet < 3) {
            if (System.nanoTime() > deadline) throw new AssertionError("instances still busy after 120 s");
            boolean allIdle = true;
            for (TestInstance t : instances) {
                if (!t.app().jobs().isIdle(java.util.Set.of())) allIdle = false;
            }
            quiet = allIdle ? quiet + 1 : 0;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static void awaitIdle(TestInstance... instances) {
        awaitIdle(List.of(instances));
    }

    /** `host:port` of an instance, as admins type it to follow it. */
    public static String host(TestInstance t) {
        return t.baseUrl().substring("http://".length());
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
