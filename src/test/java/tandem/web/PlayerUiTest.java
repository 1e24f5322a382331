package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tandem.media.TestMedia;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The player's controls in a real headless Chromium, on a phone and on a desktop
 * (interop/browser-player.mjs): PeerTube's shortcuts, the quality menu, resume, stats for nerds,
 * P2P switched off (no tracker socket at all) and the embed driven by the real {@code @peertube/embed-api}.
 */
class PlayerUiTest {
    private static TestInstance tandem;
    private static String uuid;

    @BeforeAll
    static void publish() {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        tandem = TestInstance.start();
        // 360p source: published at 360p, then the ladder adds 240p, so there are two qualities to pick.
        uuid = tandem.admin().upload(TestMedia.webReadyClip(640, 360, 40), "Player controls", Map.of()).json()
                .at("/video/uuid").asText();
        // Another video to offer when this one ends.
        tandem.admin().upload(TestMedia.clipWithAudio(), "The next one", Map.of());
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        if (tandem != null) tandem.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"desktop", "phone"})
    void the_player_obeys_shortcuts_menus_and_the_embed_api(String size) {
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(240), "browser-player.mjs", tandem.baseUrl(), uuid, size);
        String out = run.output();
        assertThat(run.exitCode()).as(out).isZero();
        JsonNode r = run.report();

        JsonNode watch = r.get("watch");
        assertThat(watch.get("controls").asInt()).as(out).isEqualTo(1);
        assertThat(watch.get("statsHidden").asBoolean()).as("no permanent debug line: " + out).isTrue();
        assertThat(watch.get("p2p").asText()).isEqualTo("on");
        assertThat(watch.get("p2pLine").asText()).contains("other viewers can see your IP address");
        assertThat(watch.get("trackerSockets").asInt()).as("P2P on joins the tracker: " + out).isPositive();

        JsonNode keys = r.get("shortcuts");
        assertThat(keys.get("paused").asBoolean()).isTrue();
        assertThat(keys.get("resumed").asBoolean()).isTrue();
        double duration = keys.get("duration").asDouble();
        assertThat(keys.get("fiftyPercent").asDouble()).as(out).isCloseTo(duration / 2, within(1.0));
        assertThat(keys.get("plusTen").asDouble()).isCloseTo(keys.get("fiftyPercent").asDouble() + 10, within(1.0));
        assertThat(keys.get("minusTen").asDouble()).isCloseTo(keys.get("fiftyPercent").asDouble(), within(1.0));
        assertThat(keys.get("muted").asBoolean()).isNotEqualTo(keys.get("wasMuted").asBoolean());
        assertThat(keys.get("fullscreenRequests").asInt()).isEqualTo(1);
        assertThat(keys.get("pausedAfterTyping").asBoolean()).as("k typed in the search field is just a letter: " + out)
                .isEqualTo(keys.get("pausedBeforeTyping").asBoolean());

        JsonNode quality = r.get("quality");
        assertThat(quality.get("levels").size()).as(out).isGreaterThanOrEqualTo(2);
        assertThat(quality.get("options").get(0).asText()).isEqualTo("Auto");
        assertThat(quality.get("options").size()).isEqualTo(quality.get("levels").size() + 1);
        assertThat(quality.get("lowHeight").asInt()).isEqualTo(240);
        assertThat(quality.get("highHeight").asInt()).isEqualTo(360);
        assertThat(quality.get("auto").asBoolean()).isTrue();

        JsonNode stats = r.get("stats");
        assertThat(stats.get("shown").asBoolean()).as(out).isTrue();
        assertThat(stats.get("text").asText()).contains("HTTP").contains("buffer");
        assertThat(stats.get("hiddenAgain").asBoolean()).isTrue();

        JsonNode resume = r.get("resume");
        assertThat(resume.get("saved").asDouble()).as(out).isGreaterThan(20);
        assertThat(resume.get("startedAt").asDouble()).as(out).isCloseTo(resume.get("saved").asDouble(), within(2.0));

        assertThat(r.at("/theater/on").asBoolean()).isTrue();
        assertThat(r.at("/theater/remembered").asBoolean()).isTrue();

        JsonNode off = r.get("p2pOff");
        assertThat(off.get("p2p").asText()).isEqualTo("off");
        assertThat(off.get("sockets").size()).as("P2P off opens no WebSocket at all: " + out).isZero();
        assertThat(off.get("http").asLong()).isPositive();
        assertThat(off.get("line").asText()).contains("P2P is off");

        JsonNode ask = r.get("p2pAsk");
        assertThat(ask.at("/before/p2p").asText()).as(out).isEqualTo("off");
        assertThat(ask.at("/before/sockets").asInt()).as("no tracker socket before the viewer agrees: " + out).isZero();
        assertThat(ask.at("/before/prompt").asText()).contains("IP address");
        assertThat(ask.at("/after/p2p").asText()).isEqualTo("on");
        assertThat(ask.at("/after/sockets").asInt()).isPositive();
        assertThat(ask.at("/after/prompt").asInt()).as("asked once, remembered").isZero();

        JsonNode next = r.get("next");
        assertThat(next.get("offered").asText()).as(out).contains("The next one");
        assertThat(next.get("cancelled").asBoolean()).isTrue();
        assertThat(next.get("stayed").asBoolean()).isTrue();

        JsonNode embed = r.get("embedApi");
        assertThat(embed.get("playing").asBoolean()).as(out).isTrue();
        assertThat(embed.get("paused").asBoolean()).isTrue();
        assertThat(embed.get("time").asDouble()).isCloseTo(12, within(0.5));
        assertThat(embed.get("volume").asDouble()).isCloseTo(0.4, within(0.01));
        assertThat(embed.get("resolutions").size()).isGreaterThanOrEqualTo(3);
        assertThat(embed.get("activeAfterSet").asInt()).isEqualTo(embed.get("lowId").asInt());
        assertThat(embed.get("rate").asDouble()).isEqualTo(1.5);
        assertThat(embed.at("/events/playbackStatusUpdate").asInt()).as(out).isPositive();
        assertThat(embed.at("/events/playbackStatusChange").toString()).contains("playing").contains("paused");
        assertThat(embed.at("/events/volumeChange").toString()).contains("0.4");
    }
}
