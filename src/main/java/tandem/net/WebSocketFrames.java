package tandem.net;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** RFC 6455 frame bytes: lengths of client frames, unmasking, server frames, UTF-8 checks. */
public final class WebSocketFrames {
    /** One message, its fragments together; far above what a player sends (a few KB of SDP). */
    public static final int MAX_MESSAGE = 256 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private WebSocketFrames() {
    }

    /** The whole length of the (masked) client frame starting at `at` once its header is in, else -1. */
    public static int frameLength(byte[] b, int at, int len) {
        if (len - at < 2) return -1;
        int n = b[at + 1] & 0x7f, h = 6;
        if (n == 126) {
            if (len - at < 4) return -1;
            n = (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
            h = 8;
        } else if (n == 127) {
            if (len - at < 10) return -1;
            long l = ByteBuffer.wrap(b, at + 2, 8).getLong();
            if (l < 0 || l > MAX_MESSAGE) return -1;
            n = (int) l;
            h = 14;
        }
        return h + Math.min(n, MAX_MESSAGE);
    }

    /** XORs the payload with its 4-byte key, eight bytes at a time. */
    public static void unmask(byte[] b, int keyAt, int from, int len) {
        int key = (b[keyAt] & 0xff) | (b[keyAt + 1] & 0xff) << 8 | (b[keyAt + 2] & 0xff) << 16 | (b[keyAt + 3] & 0xff) << 24;
        long key8 = (key & 0xffffffffL) | (long) key << 32;
        int i = 0;
        for (; i + 8 <= len; i += 8) LONGS.set(b, from + i, (long) LONGS.get(b, from + i) ^ key8);
        for (; i < len; i++) b[from + i] ^= b[keyAt + (i & 3)];
    }

    /** A server frame (unmasked) with the given opcode and payload. */
    public static byte[] serverFrame(int opcode, byte[] payload) {
        int n = payload.length;
        int h = n < 126 ? 2 : n < 65536 ? 4 : 10;
        byte[] f = new byte[h + n];
        f[0] = (byte) (0x80 | opcode);
        if (n < 126) {
            f[1] = (byte) n;
        } else if (n < 65536) {
            f[1] = 126;
            f[2] = (byte) (n >> 8);
            f[3] = (byte) n;
        } else {
            f[1] = 127;
            for (int i = 0; i < 8; i++) f[2 + i] = (byte) ((long) n >> (56 - 8 * i));
        }
        System.arraycopy(payload, 0, f, h, n);
        return f;
    }

    /** A close frame: the two-byte status, then the reason. */
    public static byte[] closeFrame(int status, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + r.length];
        body[0] = (byte) (status >> 8);
        body[1] = (byte) status;
        System.arraycopy(r, 0, body, 2, r.length);
        return serverFrame(0x8, body);
    }

    public static boolean validUtf8(byte[] b, int from, int len) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
