package tandem.account;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Users edit their own profile and password at PeerTube's path; bad values and a wrong current password change nothing. */
class ProfileEditingTest {
    private static TestInstance tandem;

    @BeforeAll
    static void start() {
        // The per-address budget of failed logins also limits password tries per user.
        tandem = TestInstance.start(Map.of("login_attempts_per_window", "30"));
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static JsonNode account(String name) {
        return tandem.client().get("/api/v1/accounts/" + name).json();
    }

    @Test
    void a_user_renames_their_account_and_describes_it() {
        TestClient cleo = tandem.newUser("cleo");
        Response r = cleo.putJson("/api/v1/users/me", Map.of("displayName", "Cléo from the hill", "description", "Hikes and birds"));
        assertThat(r.status()).as(r.text()).isEqualTo(204);
        assertThat(cleo.putJson("/api/v1/users/me", Map.of("description", "Birds, mostly")).status()).isEqualTo(204);
        assertThat(account("cleo").at("/displayName").asText()).isEqualTo("Cléo from the hill");
        assertThat(account("cleo").at("/description").asText()).isEqualTo("Birds, mostly");
        assertThat(cleo.me().at("/account/displayName").asText()).isEqualTo("Cléo from the hill");

        assertThat(cleo.putJson("/api/v1/users/me", Map.of("description", "")).status()).as("empty clears").isEqualTo(204);
        assertThat(account("cleo").at("/description").isNull()).isTrue();
        assertThat(cleo.putJson("/api/v1/users/me", Map.of("description", "Back again")).status()).isEqualTo(204);
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("description", null);
        assertThat(cleo.putJson("/api/v1/users/me", cleared).status()).as("null clears too, as PeerTube reads it").isEqualTo(204);
        assertThat(account("cleo").at("/description").isNull()).isTrue();
        assertThat(account("cleo").at("/displayName").asText()).as("what was not given stays").isEqualTo("Cléo from the hill");
        assertThat(tandem.client().putJson("/api/v1/users/me", Map.of("displayName", "Anyone")).status()).isEqualTo(401);
    }

    @Test
    void a_new_password_needs_the_current_one_and_ends_the_other_sessions() {
        TestClient dan = tandem.newUser("dan");
        TestClient otherDevice = tandem.client().login("dan", "dan-password");

        Response wrong = dan.putJson("/api/v1/users/me", Map.of("displayName", "Dan the new", "currentPassword", "not-it", "password", "a-new-secret"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text()).contains("currentPassword");
        Response missing = dan.putJson("/api/v1/users/me", Map.of("password", "a-new-secret"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text()).contains("currentPassword");
        Response tooShort = dan.putJson("/api/v1/users/me", Map.of("currentPassword", "dan-password", "password", "abc"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.text()).contains("password");
        assertThat(account("dan").at("/displayName").asText()).as("a refused request changes nothing").isEqualTo("dan");
        assertThat(tandem.client().token("dan", "dan-password").status()).isEqualTo(200);

        Response ok = dan.putJson("/api/v1/users/me", Map.of("currentPassword", "dan-password", "password", "a-new-secret"));
        assertThat(ok.status()).as(ok.text()).isEqualTo(204);
        assertThat(tandem.client().token("dan", "dan-password").status()).isEqualTo(400);
        assertThat(tandem.client().token("dan", "a-new-secret").status()).isEqualTo(200);
        assertThat(dan.get("/api/v1/users/me").status()).as("the session that changed it stays").isEqualTo(200);
        assertThat(otherDevice.get("/api/v1/users/me").status()).as("other sessions end").isEqualTo(401);
    }

    @Test
    void guesses_at_the_current_password_are_limited_per_user() {
        TestClient fay = tandem.newUser("fay");
        int limit = tandem.config().loginAttemptsPerWindow();
        for (int i = 0; i < limit; i++) {
            assertThat(fay.putJson("/api/v1/users/me", Map.of("currentPassword", "guess-" + i, "password", "taken-over")).status()).isEqualTo(400);
        }
        Response blocked = fay.putJson("/api/v1/users/me", Map.of("currentPassword", "fay-password", "password", "taken-over"));
        assertThat(blocked.status()).as(blocked.text()).isEqualTo(429);
        assertThat(tandem.client().token("fay", "fay-password").status()).as("the password did not change").isEqualTo(200);
        assertThat(fay.putJson("/api/v1/users/me", Map.of("displayName", "Fay")).status()).as("the profile stays editable").isEqualTo(204);
    }

    @Test
    void bad_values_are_refused_with_the_field_and_change_nothing() {
        TestClient eve = tandem.newUser("eve");
        String before = account("eve").toString();
        Response blank = eve.putJson("/api/v1/users/me", Map.of("displayName", "  ", "description", "fine"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.text()).contains("displayName");
        assertThat(eve.putJson("/api/v1/users/me", Map.of("displayName", "e".repeat(121))).status()).isEqualTo(400);
        Response longText = eve.putJson("/api/v1/users/me", Map.of("description", "x".repeat(1001)));
        assertThat(longText.status()).isEqualTo(400);
        assertThat(longText.text()).contains("description");
        assertThat(eve.putJson("/api/v1/users/me", Map.of("displayName", 42)).status()).isEqualTo(400);
        assertThat(account("eve").toString()).isEqualTo(before);
        assertThat(eve.putJson("/api/v1/users/me", Map.of("displayName", "e".repeat(120))).status()).as("120 is the limit").isEqualTo(204);
    }
}
