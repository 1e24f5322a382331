package tandem.federation.signature;

import java.security.PrivateKey;

/** Who signs an outgoing request: the key id we publish ({@code <actor URL>#main-key}) and its private key. */
public record Signer(String keyId, PrivateKey key) {
    @Override
    public String toString() {
        return "Signer[keyId=" + keyId + "]";
    }
}
