package tandem.media;

/**
 * A generated .torrent file.
 *
 * @param bytes    the bencoded metainfo, ready to serve as {@code application/x-bittorrent}
 * @param infoHash lowercase hex SHA-1 of the bencoded info dictionary (BitTorrent v1)
 */
public record Torrent(byte[] bytes, String infoHash) {
}
