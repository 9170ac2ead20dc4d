package dev.envelope.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * An identity for tests: hands out a fixed token, or fails as a credential whose sign-in was
 * rejected; records what each token was asked for.
 */
final class TestCredential implements TokenCredential {
  private final String token;
  private final String failure;
  final List<TokenRequestContext> requests = new CopyOnWriteArrayList<>();

  private TestCredential(String token, String failure) {
    this.token = token;
    this.failure = failure;
  }

  static TestCredential issuing(String token) {
    return new TestCredential(token, null);
  }

  static TestCredential failing(String message) {
    return new TestCredential(null, message);
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromCallable(() -> getTokenSync(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    requests.add(request);
    if (failure != null) {
      throw new ClientAuthenticationException(failure, null);
    }
    return new AccessToken(token, OffsetDateTime.now().plusHours(1));
  }
}
