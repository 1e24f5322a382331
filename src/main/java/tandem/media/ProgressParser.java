package tandem.media;

import java.util.function.DoubleConsumer;

/** Turns ffmpeg's {@code -progress} key=value lines into a monotonically increasing percentage. */
final class ProgressParser {
    private final double durationMicros;
    private final DoubleConsumer percent;
    private double last = -1;

    ProgressParser(double durationSeconds, DoubleConsumer percent) {
        this.durationMicros = durationSeconds * 1_000_000d;
        this.percent = percent;
    }

    void accept(String line) {
        // out_time_ms is in microseconds too (a long-standing ffmpeg quirk), so both keys parse alike.
        if (line.startsWith("out_time_us=") || line.startsWith("out_time_ms=")) {
            String value = line.substring(line.indexOf('=') + 1).trim();
            if (durationMicros <= 0 || value.isEmpty() || value.equals("N/A")) {
                return;
            }
            try {
                report(Math.max(0, Long.parseLong(value)) / durationMicros * 100d);
            } catch (NumberFormatException ignored) {
                // Malformed progress lines are harmless; the next one will do.
            }
        } else if (line.equals("progress=end")) {
            finish();
        }
    }

    void finish() {
        report(100);
    }

    private void report(double value) {
        double clamped = Math.min(100d, value);
        if (clamped > last) {
            last = clamped;
            percent.accept(clamped);
        }
    }
}
