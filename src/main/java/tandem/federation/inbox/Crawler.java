package tandem.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.JobQueue;

import java.util.LinkedHashSet;
import java.util.Set;
import tandem.federation.actor.ObjectFetcher;
import tandem.federation.transport.JobFailures;
import tandem.federation.vocab.AsToActivity;

/**
 * Reads a followed actor's outbox (paged `OrderedCollection`) and queues a fetch job for each
 * video it announces or creates, so an instance we start following shows its existing videos.
 */
public final class Crawler implements JobHandler<CrawlJob> {
    private static final Logger log = LoggerFactory.getLogger(Crawler.class);
    private static final int MAX_PAGES = 50;
    private static final int MAX_ITEMS = 1000;

    private final ObjectFetcher fetcher;
    private final JobQueue jobs;

    public Crawler(ObjectFetcher fetcher, JobQueue jobs) {
        this.fetcher = fetcher;
        this.jobs = jobs;
    }

    @Override
    public void run(Job job, CrawlJob payload) throws Exception {
        String outbox = payload.outbox();
        try {
            crawl(outbox);
        } catch (RuntimeException e) {
            throw JobFailures.classify(e);
        }
    }

    private void crawl(String outbox) {
        JsonNode collection = fetcher.fetch(outbox);
        Set<String> videos = new LinkedHashSet<>();
        JsonNode page = collection.has("orderedItems") || collection.has("items") ? collection : next(collection.path("first"));
        for (int pages = 0; page != null && pages < MAX_PAGES && videos.size() < MAX_ITEMS; pages++) {
            JsonNode items = page.has("orderedItems") ? page.path("orderedItems") : page.path("items");
            for (JsonNode item : items) {
                String type = item.path("type").asText();
                JsonNode object = item.path("object");
                if ("Announce".equals(type) || ("Create".equals(type) && "Video".equals(object.path("type").asText()))) {
                    String url = AsToActivity.idOf(object);
                    if (url != null) videos.add(url);
                }
            }
            page = next(page.path("next"));
        }
        for (String url : videos) {
            jobs.enqueue(InboxJobs.FETCH, new FetchJob.VideoByUrl(url));
        }
        log.info("crawled {}: {} video(s) to fetch", outbox, videos.size());
    }

    private JsonNode next(JsonNode link) {
        if (link.isObject() && (link.has("orderedItems") || link.has("items"))) return link;
        String url = AsToActivity.idOf(link);
        return url == null ? null : fetcher.fetch(url);
    }
}
