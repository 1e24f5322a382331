package tandem.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tandem.federation.signature.KeyPairPem;
import tandem.federation.signature.RsaKeys;

class RsaKeysTest {

    @Test
    void generated_pem_round_trips_and_signs() throws Exception {
        KeyPairPem pem = TestKeys.ALICE_PEM;
        assertThat(pem.publicPem()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(pem.privatePem()).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(pem.publicPem().lines().filter(l -> !l.startsWith("-----")).toList())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64))
                .first().satisfies(line -> assertThat(line).hasSize(64));
        assertThat(((RSAPublicKey) TestKeys.ALICE_PUBLIC).getModulus().bitLength()).isEqualTo(2048);

        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(TestKeys.ALICE_PRIVATE);
        signer.update("hello".getBytes(StandardCharsets.UTF_8));
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(RsaKeys.publicKey(pem.publicPem()));
        verifier.update("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(sig)).isTrue();
    }

    @Test
    void pkcs1_public_key_is_rejected_with_a_conversion_hint() {
        String pkcs1 = TestKeys.ALICE_PEM.publicPem().replace("PUBLIC KEY", "RSA PUBLIC KEY");
        assertThatThrownBy(() -> RsaKeys.publicKey(pkcs1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a PEM 'PUBLIC KEY' block, got 'RSA PUBLIC KEY'")
                .hasMessageContaining("PKCS#1");
    }

    @Test
    void private_key_pem_is_not_a_public_key() {
        assertThatThrownBy(() -> RsaKeys.publicKey(TestKeys.ALICE_PEM.privatePem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a PEM 'PUBLIC KEY' block, got 'PRIVATE KEY'");
    }

    @Test
    void garbage_is_rejected() {
        assertThatThrownBy(() -> RsaKeys.publicKey("hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a PEM block: expected -----BEGIN PUBLIC KEY-----");
        assertThatThrownBy(() -> RsaKeys.publicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid RSA public key");
        assertThatThrownBy(() -> RsaKeys.privateKey(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty key");
    }

    @Test
    void keys_under_1024_bits_are_rejected_but_1024_is_accepted() throws Exception {
        assertThatThrownBy(() -> RsaKeys.publicKey(pemOfBits(512)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RSA key of 512 bits is too short (at least 1024 required)");
        assertThat(((RSAPublicKey) RsaKeys.publicKey(pemOfBits(1024))).getModulus().bitLength()).isEqualTo(1024);
    }

    private static String pemOfBits(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        byte[] der = generator.generateKeyPair().getPublic().getEncoded();
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    }
}
