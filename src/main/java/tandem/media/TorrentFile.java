package tandem.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes single-file BitTorrent v1 metainfo with web seeds, as PeerTube publishes for each video file. */
public final class TorrentFile {
    static final int MIN_PIECE_LENGTH = 256 * 1024;
    static final int MAX_PIECES = 2000;
    static final String CREATED_BY = "Tandem";

    private TorrentFile() {
    }

    /**
     * Hashes {@code file} and builds its metainfo.
     *
     * @param name     the file name peers will save it under
     * @param trackers announce URLs, first one is the primary {@code announce}
     * @param webSeeds HTTP URLs of the same file (BEP 19), so a swarm always has a seed
     */
    public static Torrent create(Path file, String name, List<String> trackers, List<String> webSeeds,
                                 Instant creationDate) throws IOException {
        long length = Files.size(file);
        int pieceLength = pieceLength(length);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("length", length);
        info.put("name", name);
        info.put("piece length", pieceLength);
        info.put("pieces", pieceHashes(file, pieceLength));
        byte[] infoBytes = Bencode.encode(info);

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("info", info);
        if (!trackers.isEmpty()) {
            meta.put("announce", trackers.getFirst());
            meta.put("announce-list", trackers.stream().map(List::of).toList());
        }
        if (!webSeeds.isEmpty()) {
            meta.put("url-list", List.copyOf(webSeeds));
        }
        meta.put("creation date", creationDate.getEpochSecond());
        meta.put("created by", CREATED_BY);
        return new Torrent(Bencode.encode(meta), HexFormat.of().formatHex(digest("SHA-1").digest(infoBytes)));
    }

    /** Builds a magnet link: {@code magnet:?xs=<torrent url>&xt=urn:btih:<hash>&dn=<name>&tr=...&ws=...}. */
    public static String magnetUri(String infoHash, String name, List<String> trackers, String torrentUrl,
                                   List<String> webSeeds) {
        List<String> params = new ArrayList<>();
        if (torrentUrl != null && !torrentUrl.isEmpty()) {
            params.add("xs=" + encode(torrentUrl));
        }
        params.add("xt=urn:btih:" + infoHash);
        params.add("dn=" + encode(name));
        trackers.forEach(t -> params.add("tr=" + encode(t)));
        webSeeds.forEach(w -> params.add("ws=" + encode(w)));
        return "magnet:?" + String.join("&", params);
    }

    /** Picks the smallest power-of-two piece size from 256 KiB up that keeps the piece count ≤ 2000. */
    static int pieceLength(long fileLength) {
        long piece = MIN_PIECE_LENGTH;
        while ((fileLength + piece - 1) / piece > MAX_PIECES && piece < (1 << 26)) {
            piece <<= 1;
        }
        return (int) piece;
    }

    private static byte[] pieceHashes(Path file, int pieceLength) throws IOException {
        MessageDigest sha1 = digest("SHA-1");
        List<byte[]> hashes = new ArrayList<>();
        byte[] buffer = new byte[pieceLength];
        try (InputStream in = Files.newInputStream(file)) {
            int filled;
            while ((filled = in.readNBytes(buffer, 0, pieceLength)) > 0) {
                sha1.update(buffer, 0, filled);
                hashes.add(sha1.digest());
            }
        }
        byte[] pieces = new byte[hashes.size() * 20];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i), 0, pieces, i * 20, 20);
        }
        return pieces;
    }

    private static String encode(String value) {
        // Form encoding turns spaces into '+', which magnet consumers do not all decode.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is mandatory in every JVM", e);
        }
    }
}
