package io.tabelogo.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class RolesUnitTest {

    @Test
    void onlyATokenWithTheAdminRoleIsAnAdmins() {
        assertThat(Roles.isAdmin(token("admin"))).isTrue();
        assertThat(Roles.isAdmin(token("user"))).isFalse();
        assertThat(Roles.isAdmin(token("Admin"))).isFalse();
        assertThat(Roles.isAdmin(null)).isFalse();
    }

    private static Jwt token(String role) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claim(Roles.CLAIM, role)
                .build();
    }
}
