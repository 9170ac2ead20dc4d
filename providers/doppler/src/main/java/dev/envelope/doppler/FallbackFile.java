package dev.envelope.doppler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and decrypts a last-known-good copy of a config's secrets in the Doppler CLI's fallback
 * file format.
 *
 * <p>The format, version 4, is one line {@code 4:base64:ROUNDS:SALT-IV-CIPHERTEXT}: AES-256-GCM
 * (12-byte IV, 16-byte tag appended to the ciphertext) under a key derived by PBKDF2-HMAC-SHA256 with
 * an 8-byte random salt and {@value #ROUNDS} rounds from a passphrase; the plaintext is the secrets
 * as a JSON object. Older CLI versions' forms ({@code base64:ROUNDS:…}, {@code base64:…}, bare hex
 * with 50,000 rounds) are read too.
 */
final class FallbackFile {
  /** The Doppler CLI's current PBKDF2 iteration count. */
  static final int ROUNDS = 500_000;

  private static final int LEGACY_ROUNDS = 50_000;
  private static final int SALT_BYTES = 8;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_READ_ONLY = PosixFilePermissions.fromString("r--------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

  private FallbackFile() {}

  /**
   * A key derived from a passphrase with a random salt: deriving costs {@value #ROUNDS} PBKDF2 rounds
   * (about 0.7 s), so a provider keeps it and encrypts every later write of the same passphrase with
   * it, under a fresh IV each time.
   */
  static final class Key {
    private final byte[] passphraseDigest;
    private final byte[] salt;
    private final SecretKeySpec key;

    private Key(byte[] passphraseDigest, byte[] salt, SecretKeySpec key) {
      this.passphraseDigest = passphraseDigest;
      this.salt = salt;
      this.key = key;
    }

    /** Returns whether this key was derived from {@code passphrase}. */
    boolean derivedFrom(String passphrase) {
      return MessageDigest.isEqual(passphraseDigest, digest(passphrase));
    }

    @Override
    public String toString() {
      return "FallbackFile.Key[****]";
    }
  }

  /** Derives a key from {@code passphrase} with a fresh random salt. */
  static Key derive(String passphrase) throws GeneralSecurityException {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new Key(digest(passphrase), salt, key(passphrase, salt, ROUNDS));
  }

  /** Returns {@code plaintext} encrypted under {@code passphrase}, in the CLI's version 4 form. */
  static String encrypt(String passphrase, byte[] plaintext) throws GeneralSecurityException {
    return encrypt(derive(passphrase), plaintext);
  }

  /** Returns {@code plaintext} encrypted with {@code key} under a fresh IV, in the CLI's version 4 form. */
  static String encrypt(Key key, byte[] plaintext) throws GeneralSecurityException {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, key.key, new GCMParameterSpec(TAG_BITS, iv));
    byte[] sealed = aes.doFinal(plaintext);
    Base64.Encoder base64 = Base64.getEncoder();
    return "4:base64:" + ROUNDS + ":" + base64.encodeToString(key.salt) + "-" + base64.encodeToString(iv)
        + "-" + base64.encodeToString(sealed);
  }

  private static byte[] digest(String passphrase) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  /**
   * Returns the plaintext of {@code contents}.
   *
   * @throws GeneralSecurityException if the passphrase is wrong or the file was altered (the GCM tag
   *     does not match)
   * @throws IllegalArgumentException if {@code contents} is not in any of the CLI's forms
   */
  static byte[] decrypt(String passphrase, String contents) throws GeneralSecurityException {
    String[] parts = contents.strip().split(":", 4);
    String encoding = "hex";
    int rounds = LEGACY_ROUNDS;
    String data;
    switch (parts.length) {
      case 4:
        if (!parts[0].equals("4")) {
          throw new IllegalArgumentException("unknown file version " + parts[0]);
        }
        encoding = parts[1];
        rounds = parseRounds(parts[2]);
        data = parts[3];
        break;
      case 3:
        encoding = parts[0];
        rounds = parseRounds(parts[1]);
        data = parts[2];
        break;
      case 2:
        encoding = parts[0];
        data = parts[1];
        break;
      default:
        data = parts[0];
    }
    String[] pieces = data.split("-", 3);
    if (pieces.length != 3) {
      throw new IllegalArgumentException("expected SALT-IV-CIPHERTEXT");
    }
    byte[][] decoded = new byte[3][];
    for (int i = 0; i < 3; i++) {
      decoded[i] = decode(encoding, pieces[i]);
    }
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.DECRYPT_MODE, key(passphrase, decoded[0], rounds), new GCMParameterSpec(TAG_BITS, decoded[1]));
    return aes.doFinal(decoded[2]);
  }

  /**
   * Writes {@code contents} to {@code file} readable by its owner only (mode 0400, as the Doppler CLI
   * writes it), atomically: a reader sees the old file or the new one, never a part. The new file is
   * written under a temporary name (mode 0600 while it is written) and renamed over the old one, so a
   * rewrite needs the directory writable, not the file. The parent directory is created owner-only
   * (0700) if missing.
   */
  static void writeAtomically(Path file, String contents) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(directory)) {
      if (posix) {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      } else {
        Files.createDirectories(directory);
      }
    }
    FileAttribute<?>[] ownerOnly =
        posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    // Created with owner-only permissions from the start, so the secrets are never readable by others.
    Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp", ownerOnly);
    try {
      Files.writeString(temporary, contents, StandardCharsets.UTF_8);
      if (posix) {
        Files.setPosixFilePermissions(temporary, OWNER_READ_ONLY);
      }
      try {
        Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static SecretKeySpec key(String passphrase, byte[] salt, int rounds) throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(passphrase.toCharArray(), salt, rounds, 256);
    try {
      byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      return new SecretKeySpec(key, "AES");
    } finally {
      spec.clearPassword();
    }
  }

  private static int parseRounds(String rounds) {
    try {
      int value = Integer.parseInt(rounds);
      if (value < 1) {
        throw new IllegalArgumentException("invalid number of PBKDF2 rounds");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid number of PBKDF2 rounds");
    }
  }

  private static byte[] decode(String encoding, String text) {
    switch (encoding) {
      case "base64":
        return Base64.getDecoder().decode(text);
      case "hex":
        return HexFormat.of().parseHex(text);
      default:
        throw new IllegalArgumentException("unknown encoding " + encoding + " (expected base64 or hex)");
    }
  }
}
