package tandem.federation.signature;

/** An RSA key pair as PEM text: SPKI "PUBLIC KEY" for the actor document, PKCS#8 "PRIVATE KEY" for storage. */
public record KeyPairPem(String publicPem, String privatePem) {
    @Override
    public String toString() {
        // Keep the private key out of logs and exception messages that print records.
        return "KeyPairPem[publicPem=" + publicPem.length() + " chars, privatePem=<redacted>]";
    }
}
