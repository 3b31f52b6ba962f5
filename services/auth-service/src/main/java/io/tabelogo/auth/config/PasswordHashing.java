package io.tabelogo.auth.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt at cost 12, over the password's SHA-256: bcrypt reads at most 72 bytes (and Spring Security
 * refuses longer input), while passwords may be 128 characters of any script. The digest is Base64-encoded so no
 * zero byte cuts it short.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    static final int BCRYPT_COST = 12;

    @Bean
    PasswordEncoder passwordEncoder() {
        return new PrehashedBcrypt(new BCryptPasswordEncoder(BCRYPT_COST));
    }

    record PrehashedBcrypt(BCryptPasswordEncoder bcrypt) implements PasswordEncoder {

        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(sha256(rawPassword));
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return bcrypt.matches(sha256(rawPassword), encodedPassword);
        }

        private static String sha256(CharSequence password) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(password.toString().getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
