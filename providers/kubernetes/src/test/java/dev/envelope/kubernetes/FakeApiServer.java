package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A local HTTPS server that answers like the Kubernetes API server: queued {@code Secret} and {@code
 * Status} objects, as JSON, and a record of every request received.
 */
final class FakeApiServer implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();

  private final HttpsServer server;
  private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  /** A request as the server saw it. */
  record Received(String method, String path, String authorization, String accept) {}

  private record Answer(int status, String body, Map<String, String> headers) {}

  FakeApiServer(SSLContext tls) throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Returns the port, for {@code KUBERNETES_SERVICE_PORT}. */
  int port() {
    return server.getAddress().getPort();
  }

  /** Queues an answer. */
  void enqueue(int status, String body, Map<String, String> headers) {
    answers.add(new Answer(status, body, headers));
  }

  /** Queues an answer without extra headers. */
  void enqueue(int status, String body) {
    enqueue(status, body, Map.of());
  }

  /** Returns the next request received, failing if none came. */
  Received takeRequest() throws InterruptedException {
    Received request = received.poll(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the server received no request");
    }
    return request;
  }

  /** Returns how many requests were received and not yet taken. */
  int pendingRequests() {
    return received.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    received.add(new Received(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        exchange.getRequestHeaders().getFirst("Authorization"),
        exchange.getRequestHeaders().getFirst("Accept")));
    Answer answer = answers.poll();
    if (answer == null) {
      answer = new Answer(500, status(500, "InternalError", "the test queued no answer"), Map.of());
    }
    byte[] body = answer.body().getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    answer.headers().forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(answer.status(), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Returns a {@code Secret} object as the API serializes it, with {@code data} base64-encoded. */
  static String secret(String namespace, String name, String resourceVersion, Map<String, byte[]> data) {
    return json(json -> {
      json.writeStringField("kind", "Secret");
      json.writeStringField("apiVersion", "v1");
      json.writeObjectFieldStart("metadata");
      json.writeStringField("name", name);
      json.writeStringField("namespace", namespace);
      json.writeStringField("uid", "6f1c7a4e-3b8d-4f0a-9c1e-2d5b7a9e0f11");
      json.writeStringField("resourceVersion", resourceVersion);
      json.writeStringField("creationTimestamp", "2026-11-20T10:00:00Z");
      json.writeArrayFieldStart("managedFields");
      json.writeStartObject();
      json.writeStringField("manager", "kubectl-create");
      json.writeStringField("operation", "Update");
      json.writeObjectFieldStart("fieldsV1");
      json.writeObjectFieldStart("f:data");
      json.writeObjectFieldStart("f:resourceVersion"); // a nested object named like a field we read
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
      json.writeObjectFieldStart("data");
      for (Map.Entry<String, byte[]> entry : data.entrySet()) {
        json.writeStringField(entry.getKey(), Base64.getEncoder().encodeToString(entry.getValue()));
      }
      json.writeEndObject();
      json.writeStringField("type", "Opaque");
    });
  }

  /** Returns a failure {@code Status} object as the API serializes it. */
  static String status(int code, String reason, String message) {
    return json(json -> {
      json.writeStringField("kind", "Status");
      json.writeStringField("apiVersion", "v1");
      json.writeObjectFieldStart("metadata");
      json.writeEndObject();
      json.writeStringField("status", "Failure");
      json.writeStringField("message", message);
      json.writeStringField("reason", reason);
      json.writeObjectFieldStart("details");
      json.writeStringField("kind", "secrets");
      json.writeEndObject();
      json.writeNumberField("code", code);
    });
  }

  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  private static String json(Fields fields) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
