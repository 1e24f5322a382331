package tandem.media.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import tandem.media.FfmpegBinaries;
import tandem.media.LadderCommand;
import tandem.media.MediaInfo;
import tandem.media.MediaProbe;
import tandem.media.Rendition;
import tandem.media.TestMedia;
import tandem.media.TranscodePlan;

/**
 * Benchmark behind {@code bench/ladder.sh}: our one-process ladder (A) against PeerTube's one process per
 * resolution (B), interleaved A B A B… on a synthetic 1080p30 clip; prints medians and a verdict.
 *
 * <p>Environment: {@code RUNS} (default 3) pairs, {@code DURATION} (default 60) clip seconds.
 */
public final class LadderBench {
    private record Measure(double cpu, double wall) {
    }

    private LadderBench() {
    }

    /** Runs the benchmark; writes the report to stdout. */
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "3"));
        int duration = Integer.parseInt(System.getenv().getOrDefault("DURATION", "60"));
        FfmpegBinaries binaries = TestMedia.binaries();
        out("Generating a %d s 1920x1080 30 fps clip with audio (cached per JVM)...", duration);
        Path source = TestMedia.clip1080p(duration);
        MediaInfo info = new MediaProbe(binaries).probe(source);
        TranscodePlan plan = TranscodePlan.of(info);
        out("Source: %s, %.1f s, %d kb/s; ladder: %s", source.getFileName(), info.durationSeconds(),
                info.bitRate() / 1000, plan.renditions().stream().map(r -> r.name() + "p@" + r.fps()).toList());

        Path work = Files.createTempDirectory("tandem-ladder-bench-");
        List<Measure> a = new ArrayList<>();
        List<Measure> b = new ArrayList<>();
        List<Double> bFirst = new ArrayList<>();
        try {
            for (int i = 1; i <= runs; i++) {
                Path outA = fresh(work.resolve("a"));
                Measure ma = measure(LadderCommand.build(binaries.ffmpeg(), source, plan, outA, "bench"), work);
                a.add(ma);
                out("run %d/%d A one-pass ladder:      cpu %7.1f s  wall %7.1f s", i, runs, ma.cpu(), ma.wall());

                Path outB = fresh(work.resolve("b"));
                double cpu = 0;
                double wall = 0;
                Double first = null;
                // Lowest resolution first, as a sequential per-resolution pipeline would publish it.
                List<Rendition> lowestFirst = plan.renditions().stream()
                        .sorted(Comparator.comparingInt(Rendition::resolution)).toList();
                for (Rendition rung : lowestFirst) {
                    TranscodePlan single = new TranscodePlan(List.of(rung), rung.fps());
                    Measure m = measure(LadderCommand.build(binaries.ffmpeg(), source, single, outB, "bench"), work);
                    cpu += m.cpu();
                    wall += m.wall();
                    first = first == null ? m.wall() : first;
                }
                b.add(new Measure(cpu, wall));
                bFirst.add(first);
                out("run %d/%d B one process per rung: cpu %7.1f s  wall %7.1f s (first rung after %.1f s)",
                        i, runs, cpu, wall, first);
            }
        } finally {
            deleteRecursively(work);
        }
        report(a, b, bFirst);
    }

    private static void report(List<Measure> a, List<Measure> b, List<Double> bFirst) {
        List<Double> aCpu = a.stream().map(Measure::cpu).toList();
        List<Double> bCpu = b.stream().map(Measure::cpu).toList();
        List<Double> aWall = a.stream().map(Measure::wall).toList();
        List<Double> bWall = b.stream().map(Measure::wall).toList();
        out("");
        out("%-34s %-26s %-26s", "strategy (" + a.size() + " runs each)", "CPU s median (min-max)",
                "wall s median (min-max)");
        out("%-34s %-26s %-26s", "A one ffmpeg, decode once + split", stats(aCpu), stats(aWall));
        out("%-34s %-26s %-26s", "B one ffmpeg per resolution (PT)", stats(bCpu), stats(bWall));
        out("");
        out("Time to first playable rendition: A %.1f s (all rungs finish together, so = A wall time);"
                + " B %.1f s (the lowest rung's process alone, if B runs sequentially lowest-first)",
                median(aWall), median(bFirst));
        double cpuRatio = median(aCpu) / median(bCpu);
        out("VERDICT: CPU A/B = %.2f (target <= 0.70: %s), wall A/B = %.2f", cpuRatio,
                cpuRatio <= 0.70 ? "MET" : "NOT MET", median(aWall) / median(bWall));
    }

    /** Runs through bash so its {@code times} builtin reports the children's user+sys CPU without extra tools. */
    private static Measure measure(List<String> command, Path work) throws IOException, InterruptedException {
        Path timesFile = work.resolve("times.txt");
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c",
                "\"$@\" >/dev/null 2>\"$TANDEM_ERR\"; rc=$?; times >\"$TANDEM_TIMES\"; exit $rc", "bench"));
        wrapped.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(wrapped).redirectErrorStream(true);
        pb.environment().put("TANDEM_TIMES", timesFile.toString());
        pb.environment().put("TANDEM_ERR", work.resolve("stderr.txt").toString());
        pb.environment().put("LD_LIBRARY_PATH", command.getFirst().substring(0, command.getFirst().lastIndexOf('/')));
        long start = System.nanoTime();
        Process process = pb.start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + Files.readString(work.resolve("stderr.txt")));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        // Second line of `times`: children's user and system time, e.g. "1m2.345s 0m0.678s".
        String[] children = Files.readAllLines(timesFile).get(1).trim().split("\\s+");
        return new Measure(seconds(children[0]) + seconds(children[1]), wall);
    }

    private static double seconds(String bashTime) {
        int m = bashTime.indexOf('m');
        return Double.parseDouble(bashTime.substring(0, m)) * 60
                + Double.parseDouble(bashTime.substring(m + 1, bashTime.length() - 1));
    }

    private static String stats(List<Double> values) {
        return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", median(values),
                values.stream().mapToDouble(d -> d).min().orElse(0), values.stream().mapToDouble(d -> d).max().orElse(0));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Path fresh(Path dir) throws IOException {
        deleteRecursively(dir);
        return Files.createDirectories(dir);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @SuppressWarnings("java:S106")
    private static void out(String format, Object... args) {
        // A benchmark's report is its stdout; this is test-scope code, not the application.
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
