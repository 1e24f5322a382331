package tandem.federation.signature;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenSSL's signatures are the JDK's, byte for byte, and verify with the public key. */
class NativeRsaTest {

    @Test
    void openssl_signs_exactly_as_the_jdk_does() throws Exception {
        assertThat(NativeRsa.available()).as("libcrypto.so.3 is on every machine we run on (Debian's libssl3)").isTrue();
        KeyPairPem pem = RsaKeys.generate();
        var priv = RsaKeys.privateKey(pem.privatePem());
        for (String text : new String[] {"", "(request-target): post /inbox\nhost: a.example\ndate: Thu, 26 Nov 2026 01:00:00 GMT", "é".repeat(5000)}) {
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            byte[] nativeSig = NativeRsa.sign(priv, data);
            Signature jdk = Signature.getInstance("SHA256withRSA");
            jdk.initSign(priv);
            jdk.update(data);
            assertThat(nativeSig).isEqualTo(jdk.sign());
            Signature verify = Signature.getInstance("SHA256withRSA");
            verify.initVerify(RsaKeys.publicKey(pem.publicPem()));
            verify.update(data);
            assertThat(verify.verify(nativeSig)).isTrue();
        }
    }
}
