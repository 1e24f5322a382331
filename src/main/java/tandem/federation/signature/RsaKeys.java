package tandem.federation.signature;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/** Creates actor key pairs and reads RSA keys from PEM, as ActivityPub actors publish them in {@code publicKey.publicKeyPem}. */
public final class RsaKeys {
    /** What we generate: PeerTube and Mastodon both use 2048-bit keys. */
    private static final int GENERATED_BITS = 2048;
    /** What we accept from others: some older software still publishes 1024-bit keys; anything shorter is forgeable. */
    private static final int MIN_BITS = 1024;

    private RsaKeys() {}

    public static KeyPairPem generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(GENERATED_BITS);
            KeyPair pair = generator.generateKeyPair();
            return new KeyPairPem(
                    Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()),
                    Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no RSA key generator", e);
        }
    }

    /** Reads an SPKI "PUBLIC KEY" PEM; rejects PKCS#1, other key types and keys under 1024 bits with IllegalArgumentException. */
    public static PublicKey publicKey(String pem) {
        byte[] der = Pem.decode(pem, "PUBLIC KEY");
        try {
            PublicKey key = rsa().generatePublic(new X509EncodedKeySpec(der));
            checkSize((RSAKey) key);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid RSA public key: " + e.getMessage(), e);
        }
    }

    /** Reads a PKCS#8 "PRIVATE KEY" PEM. */
    public static PrivateKey privateKey(String pem) {
        byte[] der = Pem.decode(pem, "PRIVATE KEY");
        try {
            PrivateKey key = rsa().generatePrivate(new PKCS8EncodedKeySpec(der));
            checkSize((RSAKey) key);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid RSA private key: " + e.getMessage(), e);
        }
    }

    private static void checkSize(RSAKey key) {
        BigInteger modulus = key.getModulus();
        if (modulus.bitLength() < MIN_BITS) {
            throw new IllegalArgumentException(
                    "RSA key of " + modulus.bitLength() + " bits is too short (at least " + MIN_BITS + " required)");
        }
    }

    private static KeyFactory rsa() throws NoSuchAlgorithmException {
        return KeyFactory.getInstance("RSA");
    }
}
