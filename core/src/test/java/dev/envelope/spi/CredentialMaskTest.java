package dev.envelope.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialMaskTest {
  static final String TOKEN = "dp.st.prd.canary0123456789abcdef";

  @Test
  void anEchoedFragmentOfEightCharactersIsMasked() {
    assertThat(CredentialMask.mask("bad token dp.st.prd.cana... rejected", TOKEN, "****"))
        .isEqualTo("bad token ****... rejected");
    assertThat(CredentialMask.mask("token 0123456789ab is revoked", TOKEN, "dp.st"))
        .isEqualTo("token dp.st is revoked");
  }

  @Test
  void shorterRunsAndUnrelatedTextStay() {
    assertThat(CredentialMask.mask("dp.st.p is seven characters", TOKEN, "****")).isEqualTo("dp.st.p is seven characters");
    assertThat(CredentialMask.mask("nothing here", TOKEN, "****")).isEqualTo("nothing here");
  }

  @Test
  void aShortCredentialIsMaskedWhole() {
    assertThat(CredentialMask.mask("key abc123 failed", "abc123", "****")).isEqualTo("key **** failed");
  }
}
