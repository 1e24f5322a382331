package tandem.federation;

import java.security.PrivateKey;
import java.security.PublicKey;
import tandem.federation.signature.KeyPairPem;
import tandem.federation.signature.RsaKeys;

/** Two RSA key pairs made once per test run: generating 2048-bit keys is slow on a shared machine. */
final class TestKeys {
    static final KeyPairPem ALICE_PEM = RsaKeys.generate();
    static final KeyPairPem MALLORY_PEM = RsaKeys.generate();
    static final PublicKey ALICE_PUBLIC = RsaKeys.publicKey(ALICE_PEM.publicPem());
    static final PrivateKey ALICE_PRIVATE = RsaKeys.privateKey(ALICE_PEM.privatePem());
    static final PublicKey MALLORY_PUBLIC = RsaKeys.publicKey(MALLORY_PEM.publicPem());
    static final PrivateKey MALLORY_PRIVATE = RsaKeys.privateKey(MALLORY_PEM.privatePem());

    private TestKeys() {}
}
