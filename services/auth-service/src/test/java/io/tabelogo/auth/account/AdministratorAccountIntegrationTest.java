package io.tabelogo.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tabelogo.auth.AuthServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The installation's first administrator, as a start with TABELOGO_ADMIN_EMAIL/PASSWORD makes it, on the real database. */
class AdministratorAccountIntegrationTest extends AuthServiceIntegrationTest {

    @Autowired
    Accounts accounts;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void aStartCreatesTheAdministratorWhoLogsInWithAnAdministratorsToken() throws Exception {
        String email = uniqueEmail("first-admin");

        start(email, "Keep-it-Safe-42");
        start(email, "Another-Pass-43"); // a second start (another replica, a restart) changes nothing

        assertThat(accountsWithEmail(email)).isOne();
        var login = login(email, "Keep-it-Safe-42");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(json(login).get("user").get("role").asString()).isEqualTo("admin");
        String token = json(login).get("access_token").asString();
        assertThat(verifier().decode(token).getClaimAsString("role")).isEqualTo("admin");
    }

    @Test
    void anExistingAccountIsMadeAnAdministratorItsPasswordKept() {
        String email = uniqueEmail("promoted");
        assertThat(register(email, PASSWORD, "promoted").statusCode()).isEqualTo(201);

        start(email.toUpperCase(), "Not-Its-Password-1");

        var login = login(email, PASSWORD);
        assertThat(json(login).get("user").get("role").asString()).isEqualTo("admin");
        assertThat(login(email, "Not-Its-Password-1").statusCode()).isEqualTo(401);
    }

    @Test
    void aWeakOrMissingPasswordStopsTheStartSayingWhyAndNoEmailDoesNothing() {
        String email = uniqueEmail("weak-admin");

        assertThatThrownBy(() -> start(email, "short"))
                .hasMessageContaining("TABELOGO_ADMIN_PASSWORD")
                .hasMessageContaining("password must be");
        assertThatThrownBy(() -> start(email, null)).hasMessageContaining("password is required");
        assertThat(accountsWithEmail(email)).isZero();

        start(null, null);
        start(" ", "whatever");
    }

    private void start(String email, String password) {
        new AdministratorAccount(new AdministratorAccount.Settings(email, password), accounts, passwords).run(null);
    }
}
