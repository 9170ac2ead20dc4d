package dev.envelope.gcp;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/** Rejects calls without the bearer token the fake requires, as Google's front end does: UNAUTHENTICATED. */
final class AuthorizationCheck implements ServerInterceptor {
  private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final FakeSecretManager fake;

  AuthorizationCheck(FakeSecretManager fake) {
    this.fake = fake;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String required = fake.requiredToken();
    if (required != null && !("Bearer " + required).equals(headers.get(AUTHORIZATION))) {
      call.close(
          Status.UNAUTHENTICATED.withDescription(
              "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other"
                  + " valid authentication credential."),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
