package dev.envelope.doppler;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Loads a Doppler config's secrets: the Java equivalent of {@code doppler run -- java -jar app.jar},
 * without the CLI.
 *
 * <p>Each fetch downloads the whole config with one request ({@code GET
 * /v3/configs/config/secrets/download?format=json}). A refresh of live configuration sends the ETag
 * of the {@linkplain ProviderRequest#previous() previous snapshot} as {@code If-None-Match}: a {@code
 * 304} returns that snapshot itself, one request and nothing parsed. Each fetch keeps to its {@link
 * FetchLimits} (every attempt bounded body included, the whole fetch bounded), reads at most {@value
 * DopplerClient#MAX_BODY_BYTES} bytes, follows no redirect, and cancels its request when the load
 * interrupts it. Connection failures, time-outs, 429 (honouring {@code Retry-After}, with a random
 * part of up to half as long again, when it fits in the time left) and 5xx are retried with jittered exponential backoff; 401, 403, 404, other 4xx
 * and redirects fail at once. The token is read from the builder, else from the setting
 * {@code DOPPLER_TOKEN} (explicit values, the environment or a {@code .env} file), and never appears
 * in a message, an origin or {@link #toString()}: at most its kind, such as {@code dp.st.…}.
 *
 * <p>With a {@linkplain Builder#fallbackFile fallback file} (or the {@linkplain
 * Builder#cliFallbackFile CLI's default one}), every successful download is also stored encrypted
 * (the Doppler CLI's format, AES-256-GCM under a PBKDF2-HMAC-SHA256 key derived from {@code
 * DOPPLER_PASSPHRASE} or the token) by a background thread, which the JVM's exit waits for, and
 * read back when Doppler stays unreachable or answers 5xx, unless older than {@linkplain
 * Builder#fallbackMaxAge its maximum age}; never after 401, 403 or 404.
 *
 * <p>Instances are immutable and thread-safe; builders are not.
 */
public final class DopplerProvider implements EnvProvider {
  /** The API host used when neither the builder nor {@code DOPPLER_API_HOST} names one. */
  public static final String DEFAULT_API_HOST = "https://api.doppler.com";

  private final String token;
  private final String project;
  private final String config;
  private final String apiHost;
  private final FetchLimits limits;
  private final DopplerClient client;
  private final FallbackStore fallbackStore;

  private DopplerProvider(Builder builder) {
    this.token = builder.token;
    this.project = builder.project;
    this.config = builder.config;
    this.apiHost = builder.apiHost;
    this.limits = builder.limits;
    this.client =
        new DopplerClient(
            HttpClients.derive(builder.httpClient, limits.attemptTimeout()), limits, builder.initialBackoff,
            builder.maxBackoff, builder.sleeper, builder.fallbackOnRateLimit);
    this.fallbackStore = new FallbackStore(new FallbackLocation(
        builder.fallbackFile, builder.cliFallbackFile, builder.homeDirectory, builder.fallbackPassphrase,
        builder.fallbackMaxAge));
  }

  /** Returns a provider whose token, project, config and API host all come from the settings. */
  public static DopplerProvider fromSettings() {
    return builder().build();
  }

  /** Returns a builder; every setting left unset there is read from the load's settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@code doppler api/prd} when the builder names project and config, else {@code doppler}. */
  @Override
  public String name() {
    return project != null && config != null ? "doppler " + project + "/" + config : "doppler";
  }

  /**
   * Downloads the config's secrets, or returns the request's previous snapshot when Doppler answers
   * that they have not changed since ({@code 304} to its ETag).
   *
   * @throws ProviderException if the token is missing or rejected, the config does not exist, the
   *     response is not Doppler's JSON, or Doppler stayed unavailable and no usable fallback file
   *     exists; the message says which, and never contains the token or a secret
   * @throws InterruptedException if the load gave up; the request in flight is cancelled
   */
  @Override
  public ProviderSnapshot fetch(ProviderRequest request) throws ProviderException, InterruptedException {
    DopplerTarget target = target(request);
    FallbackLocation.Resolved fallback =
        fallbackStore.enabled() ? fallbackStore.location().resolve(target, request) : null;
    ProviderSnapshot previous = request.previous().orElse(null);
    String etag = previous == null ? null : target.etagOf(previous.version());
    Download download;
    try {
      download = client.download(target, etag);
    } catch (DopplerUnavailableException unavailable) {
      if (fallback == null) {
        throw new ProviderException(unavailable.getMessage(), unavailable);
      }
      return fallbackStore.read(fallback, target, unavailable);
    }
    if (download.notModified()) {
      if (fallback != null) {
        fallbackStore.writeIfMissing(fallback, Snapshots.secrets(previous));
      }
      return previous;
    }
    String version = download.etag() == null ? "" : target.version(download.etag());
    ProviderSnapshot snapshot =
        Snapshots.of(download.secrets(), Snapshots.origin(target, download.secrets()), "", version);
    if (fallback != null) {
      fallbackStore.write(fallback, download.secrets());
    }
    return snapshot;
  }

  private DopplerTarget target(ProviderRequest request) throws ProviderException {
    String token = this.token != null ? this.token : request.setting("DOPPLER_TOKEN").orElse(null);
    if (token == null || token.isBlank()) {
      throw new ProviderException(
          "DOPPLER_TOKEN is not set (looked in: DopplerProvider.builder().token(...), explicit values,"
              + " the environment, the profile's .env files); create a service token in Doppler"
              + " (the config's Access tab) and set DOPPLER_TOKEN");
    }
    token = token.strip();
    if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ProviderException("DOPPLER_TOKEN contains spaces or characters that are not printable ASCII");
    }
    String project = this.project != null ? this.project : request.setting("DOPPLER_PROJECT").orElse(null);
    String config = this.config != null ? this.config : request.setting("DOPPLER_CONFIG").orElse(null);
    String host = this.apiHost != null ? this.apiHost : request.setting("DOPPLER_API_HOST").orElse(DEFAULT_API_HOST);
    HttpUrl url = HttpUrl.parse(host.strip());
    if (url == null) {
      throw new ProviderException("DOPPLER_API_HOST '" + host + "' is not an http or https URL");
    }
    return new DopplerTarget(url, token, project, config);
  }

  /** Returns the name, API host and fallback file; never the token. */
  @Override
  public String toString() {
    return "DopplerProvider[" + name() + (apiHost != null ? ", " + apiHost : "")
        + (fallbackStore.enabled() ? ", fallback " + fallbackStore.location().describe() : "") + ", " + limits + "]";
  }

  /**
   * Configures a {@link DopplerProvider}. Every value left unset is read from the load's settings
   * ({@code DOPPLER_TOKEN}, {@code DOPPLER_PROJECT}, {@code DOPPLER_CONFIG}, {@code
   * DOPPLER_API_HOST}) at each fetch. Not thread-safe.
   */
  public static final class Builder {
    private String token;
    private String project;
    private String config;
    private String apiHost;
    private Path fallbackFile;
    private boolean cliFallbackFile;
    private Path homeDirectory;
    private String fallbackPassphrase;
    private Duration fallbackMaxAge;
    private boolean fallbackOnRateLimit;
    private OkHttpClient httpClient;
    private FetchLimits limits = FetchLimits.DEFAULT;
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(4);
    private Sleeper sleeper = Sleeper.THREAD;

    private Builder() {}

    /**
     * Sets the token, instead of {@code DOPPLER_TOKEN}. Prefer the setting: a token in code ends up
     * in version control.
     */
    public Builder token(String token) {
      this.token = requireText(token, "token");
      return this;
    }

    /** Sets the project, instead of {@code DOPPLER_PROJECT}; a service token implies its own. */
    public Builder project(String project) {
      this.project = requireText(project, "project");
      return this;
    }

    /** Sets the config, such as {@code prd}, instead of {@code DOPPLER_CONFIG}. */
    public Builder config(String config) {
      this.config = requireText(config, "config");
      return this;
    }

    /**
     * Sets the API host, instead of {@code DOPPLER_API_HOST}; default {@value #DEFAULT_API_HOST}.
     *
     * @throws IllegalArgumentException if it is not an http or https URL
     */
    public Builder apiHost(String apiHost) {
      if (HttpUrl.parse(requireText(apiHost, "apiHost")) == null) {
        throw new IllegalArgumentException("apiHost '" + apiHost + "' is not an http or https URL");
      }
      this.apiHost = apiHost;
      return this;
    }

    /**
     * Sets how many attempts a fetch makes, how long each may take (body included) and how long the
     * whole fetch may take; default {@link FetchLimits#DEFAULT} (3 attempts of at most 10 s, 25 s in
     * all, inside the load's 30 s provider time-out).
     */
    public Builder limits(FetchLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Sets how many attempts a fetch makes, the first included; see {@link #limits}. */
    public Builder maxAttempts(int maxAttempts) {
      this.limits = limits.withMaxAttempts(maxAttempts);
      return this;
    }

    /** Sets how long one attempt may take, from connecting to the last byte; see {@link #limits}. */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.limits = limits.withAttemptTimeout(attemptTimeout);
      return this;
    }

    /** Sets how long the whole fetch may take, retries and waits included; see {@link #limits}. */
    public Builder timeout(Duration timeout) {
      this.limits = limits.withTimeout(timeout);
      return this;
    }

    /**
     * Keeps an encrypted last-known-good copy of the secrets in {@code file}, used when Doppler is
     * unreachable or failing; see the class documentation.
     */
    public Builder fallbackFile(Path file) {
      this.fallbackFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Keeps the fallback file where the Doppler CLI keeps its own, {@code
     * ~/.doppler/fallback/.secrets-SHA256.json}, so that {@code doppler run} and this provider share
     * it. The home directory is {@link #homeDirectory}, else the setting {@code HOME}, else the
     * system property {@code user.home}.
     */
    public Builder cliFallbackFile() {
      this.cliFallbackFile = true;
      return this;
    }

    /** Sets the home directory under which {@link #cliFallbackFile} lives. */
    public Builder homeDirectory(Path home) {
      this.homeDirectory = Objects.requireNonNull(home, "home");
      return this;
    }

    /**
     * Sets the passphrase that encrypts the fallback file, instead of the setting {@code
     * DOPPLER_PASSPHRASE} or the CLI's default ({@code token:project:config}, or the token alone).
     */
    public Builder fallbackPassphrase(String passphrase) {
      this.fallbackPassphrase = requireText(passphrase, "passphrase");
      return this;
    }

    /**
     * Refuses a fallback file older than {@code maxAge}: the load fails rather than run on stale
     * secrets. A fallback file that is used is reported in the load's notes with its age and this
     * limit. No limit by default.
     */
    public Builder fallbackMaxAge(Duration maxAge) {
      this.fallbackMaxAge = requirePositive(maxAge, "fallbackMaxAge");
      return this;
    }

    /**
     * Lets the fallback file stand in when Doppler rate-limits the token for longer than the fetch
     * may wait (a {@code Retry-After} beyond its time limit, or still 429 after the last attempt), as
     * it does when Doppler is unreachable. Off by default: then such a load fails, saying Doppler is
     * rate-limiting the token. Worth turning on for a fleet that starts many replicas with one
     * token; the use of the file is reported in the load's notes. Needs a {@linkplain #fallbackFile
     * fallback file}.
     */
    public Builder fallbackOnRateLimit() {
      this.fallbackOnRateLimit = true;
      return this;
    }

    /**
     * Uses {@code client}'s connection pool, dispatcher, proxy and TLS settings. Its time-outs give
     * way to the {@linkplain #limits limits}, its own retry on connection failure and its redirects
     * are turned off, so that the limits bound the requests and the token stays on the API host.
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Replaces the backoff's first step and its cap; for tests. */
    Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = requirePositive(initial, "initial");
      this.maxBackoff = requirePositive(max, "max");
      return this;
    }

    /** Replaces how the provider waits between retries; for tests. */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Returns the provider.
     *
     * @throws IllegalStateException if {@link #fallbackOnRateLimit} was asked for without a fallback file
     */
    public DopplerProvider build() {
      if (fallbackOnRateLimit && fallbackFile == null && !cliFallbackFile) {
        throw new IllegalStateException("fallbackOnRateLimit needs a fallback file (fallbackFile or cliFallbackFile)");
      }
      return new DopplerProvider(this);
    }

    private static String requireText(String value, String what) {
      if (Objects.requireNonNull(value, what).isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value.strip();
    }

    private static Duration requirePositive(Duration duration, String what) {
      if (Objects.requireNonNull(duration, what).isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + duration);
      }
      return duration;
    }
  }
}
