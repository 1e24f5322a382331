package tandem.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import tandem.core.Json;

/**
 * Turns job payloads into the JSON of the table and back. Reading is tolerant (unknown fields are
 * ignored, missing numbers read as 0) so rows written by an older version still run; a payload that
 * cannot be read at all fails its job for good, as no retry can make it readable.
 */
public final class JobCodec {
    /** Our own mapper: the table's format must not change when the application's mapper is tuned. */
    private final ObjectMapper mapper = Json.newMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public <P> String encode(JobType<P> type, P payload) {
        try {
            return mapper.writerFor(type.payload()).writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            // Payloads are our own records: failing to write one is a bug, not a condition to retry.
            throw new IllegalStateException("cannot write the payload of a " + type.name() + " job: " + e.getOriginalMessage(), e);
        }
    }

    /** The job's payload as its type's record; a payload that cannot be read is a permanent failure naming the job and why. */
    public <P> P decode(JobType<P> type, Job job) throws PermanentJobFailure {
        P payload;
        try {
            payload = mapper.readerFor(type.payload()).readValue(job.payload() == null ? "null" : job.payload());
        } catch (JsonProcessingException e) {
            throw unreadable(job, e.getOriginalMessage(), e);
        }
        if (payload == null) throw unreadable(job, "it is empty", null);
        return payload;
    }

    private static PermanentJobFailure unreadable(Job job, String reason, Throwable cause) {
        String raw = job.payload() == null ? "null" : job.payload();
        if (raw.length() > 200) raw = raw.substring(0, 200) + "…";
        return new PermanentJobFailure("cannot read the payload of job " + job.type() + " #" + job.id() + " (" + raw + "): " + reason, cause);
    }
}
