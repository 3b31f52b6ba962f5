package io.tabelogo.auth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.encrypt.Encryptors;

/**
 * The signing keys' private halves at rest (pure JDK cryptography): AES-256-GCM under a key derived from
 * {@code TABELOGO_AUTH_KEY_PASSWORD} and the row's salt with PBKDF2-HMAC-SHA256 at 600,000 iterations (OWASP's
 * figure for that hash), stored as hex of nonce and ciphertext. Rows written before ({@link #LEGACY}: Spring
 * Security's {@code Encryptors.delux}, PBKDF2-HMAC-SHA1 at 1,024 iterations) are still read, so they can be
 * encrypted again with the current scheme.
 */
final class KeyEncryption {

    static final String CURRENT = "pbkdf2-sha256-600000";
    static final String LEGACY = "pbkdf2-sha1-1024";

    private static final int ITERATIONS = 600_000;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyEncryption() {}

    /** A new random salt, as stored beside the key. */
    static String newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    static String encrypt(String password, String salt, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(password, salt), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of()
                    .formatHex(ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a signing key", e);
        }
    }

    /**
     * @throws IllegalStateException when the password is not the one the key was encrypted with
     */
    static String decrypt(String kdf, String password, String salt, String stored) {
        if (LEGACY.equals(kdf)) {
            return Encryptors.delux(password, salt).decrypt(stored);
        }
        if (!CURRENT.equals(kdf)) {
            throw new IllegalStateException("a signing key is encrypted with an unknown scheme: " + kdf);
        }
        try {
            byte[] bytes = HexFormat.of().parseHex(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(password, salt), new GCMParameterSpec(128, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt a signing key", e);
        }
    }

    private static SecretKeySpec key(String password, String salt) throws GeneralSecurityException {
        var spec = new PBEKeySpec(password.toCharArray(), HexFormat.of().parseHex(salt), ITERATIONS, 256);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(spec)
                .getEncoded();
        return new SecretKeySpec(key, "AES");
    }
}
