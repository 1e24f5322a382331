package tandem.p2p;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * PeerTube's P2P swarm ids: variant i of a master playlist is swarm `<masterUrl>+V<i>`, announced
 * as SHA-1 of "2" + that id ("2" is the loader's peer protocol version). Server and players must agree.
 */
public final class Infohashes {
    static final String PEER_PROTOCOL_VERSION = "2";

    private Infohashes() {}

    public static List<String> forMaster(String masterUrl, int variants) {
        List<String> out = new ArrayList<>(variants);
        for (int i = 0; i < variants; i++) out.add(sha1Hex(PEER_PROTOCOL_VERSION + masterUrl + "+V" + i));
        return out;
    }

    static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
