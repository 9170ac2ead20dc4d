package dev.envelope.junit;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTP/1.1 server that misbehaves on purpose: each request takes the next scripted
 * {@link Step} (answer, never answer, stall after the headers, trickle, reset mid-body, ...). Every
 * connection is closed after one exchange. Its threads are named {@code envelope-fault-server-*} so
 * that thread checks can tell them from the provider's.
 */
final class FaultServer implements AutoCloseable {
  static final String THREAD_PREFIX = "envelope-fault-server-";

  /** What the server does with one request. */
  enum Kind { ANSWER, DELAYED_ANSWER, NEVER_ANSWER, STALL_AFTER_HEADERS, TRICKLE, RESET_MID_BODY, ENDLESS_BODY }

  /** One scripted exchange; {@code body} and {@code headers} are used by the kinds that answer. */
  record Step(Kind kind, int status, Map<String, String> headers, byte[] body, long delayMillis) {
    static Step answer(int status, Map<String, String> headers, String body) {
      return new Step(Kind.ANSWER, status, headers, body.getBytes(UTF_8), 0);
    }

    static Step of(Kind kind) {
      return new Step(kind, 200, Map.of(), new byte[0], 0);
    }
  }

  private final ServerSocket socket;
  private final String scheme;
  private final BlockingQueue<Step> script = new LinkedBlockingQueue<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger threads = new AtomicInteger();
  private volatile boolean closed;

  /** Starts a server on 127.0.0.1, speaking TLS with {@code tls} unless it is null. */
  FaultServer(SSLContext tls) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    socket = tls == null ? new ServerSocket(0, 50, loopback) : tls.getServerSocketFactory().createServerSocket(0, 50, loopback);
    scheme = tls == null ? "http" : "https";
    Thread acceptor = new Thread(this::accept, THREAD_PREFIX + "accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Returns {@code http://127.0.0.1:port} (or https). */
  URI uri() {
    return URI.create(scheme + "://127.0.0.1:" + socket.getLocalPort());
  }

  /** Returns the same server under another host name, {@code localhost}: another host to a client. */
  URI uriAsOtherHost() {
    return URI.create(scheme + "://localhost:" + socket.getLocalPort());
  }

  /** Queues steps, taken one per request in order; a request with none left gets a 503. */
  void script(Step... steps) {
    Collections.addAll(script, steps);
  }

  /** Returns the request lines received so far ({@code GET /path HTTP/1.1}). */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void accept() {
    while (!closed) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException e) {
        return;
      }
      open.add(connection);
      Thread handler = new Thread(() -> handle(connection), THREAD_PREFIX + threads.incrementAndGet());
      handler.setDaemon(true);
      handler.start();
    }
  }

  private void handle(Socket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      String requestLine = readHead(in);
      if (requestLine == null) {
        return;
      }
      requests.add(requestLine);
      Step step = script.poll();
      if (step == null) {
        step = Step.answer(503, Map.of(), "no answer scripted");
      }
      play(step, connection, in, connection.getOutputStream());
    } catch (IOException | InterruptedException e) {
      // The client hung up or the server closed: either ends the exchange.
    } finally {
      open.remove(connection);
    }
  }

  private void play(Step step, Socket connection, InputStream in, OutputStream out)
      throws IOException, InterruptedException {
    switch (step.kind()) {
      case ANSWER -> answer(out, step, step.body().length);
      case DELAYED_ANSWER -> {
        Thread.sleep(step.delayMillis());
        answer(out, step, step.body().length);
      }
      case NEVER_ANSWER -> waitForHangUp(in);
      case STALL_AFTER_HEADERS -> {
        head(out, 200, step.headers(), 1000L);
        out.write('{');
        out.flush();
        waitForHangUp(in);
      }
      case TRICKLE -> {
        head(out, 200, step.headers(), 100_000L);
        for (int i = 0; i < 100_000 && !closed; i++) {
          out.write(' '); // JSON white space: a parser keeps waiting for the value
          out.flush();
          Thread.sleep(100);
        }
      }
      case RESET_MID_BODY -> {
        head(out, 200, step.headers(), 1000L);
        out.write("{\"".getBytes(US_ASCII));
        out.flush();
        connection.setSoLinger(true, 0); // close with a TCP reset, not an orderly end
      }
      case ENDLESS_BODY -> {
        head(out, 200, step.headers(), null); // no length: the body runs until the connection ends
        out.write("{\"FILLER\":\"".getBytes(US_ASCII));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int sent = 0; sent < 10 * 1024 * 1024 && !closed; sent += chunk.length) {
          out.write(chunk);
        }
        out.write("\"}".getBytes(US_ASCII));
        out.flush();
      }
    }
  }

  private static void answer(OutputStream out, Step step, long length) throws IOException {
    head(out, step.status(), step.headers(), length);
    out.write(step.body());
    out.flush();
  }

  private static void head(OutputStream out, int status, Map<String, String> headers, Long length) throws IOException {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Content-Type", "application/json");
    all.putAll(headers);
    all.put("Connection", "close");
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (length != null) {
      head.append("Content-Length: ").append(length).append("\r\n");
    }
    out.write(head.append("\r\n").toString().getBytes(US_ASCII));
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 302 -> "Found";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  /** Reads the request's head; returns its first line, or null if the client sent nothing. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last = 0; // the last four bytes read, one per octet
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      last = (last << 8) | b;
      if (last == 0x0d0a0d0a) { // CR LF CR LF: the end of the head
        break;
      }
      if (head.size() > 64 * 1024) {
        throw new IOException("request head too large");
      }
    }
    if (last != 0x0d0a0d0a) {
      return null;
    }
    String text = head.toString(US_ASCII);
    return text.substring(0, text.indexOf("\r\n"));
  }

  private static void waitForHangUp(InputStream in) throws IOException {
    while (in.read() != -1) {
      // discard: the client sends nothing more after its request
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    synchronized (open) {
      for (Socket connection : open) {
        connection.close();
      }
    }
  }
}
