package tandem.video;

/** A resumable upload in progress: what was declared at init and how many bytes have arrived. */
public record UploadSession(String id, long userId, String metadataJson, String fileName, String mimeType, long size,
                            long received, Long videoId, long createdAt, long updatedAt) {}
