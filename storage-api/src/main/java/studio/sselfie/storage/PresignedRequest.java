package studio.sselfie.storage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request signed for a client to send to the store directly: the method, the URL, the headers to send exactly as
 * given, and for a {@code POST} the form fields. Immutable.
 *
 * <ul>
 *   <li>{@code GET}: send it with {@link #headers()}.</li>
 *   <li>{@code PUT}: send the body with {@link #headers()}, each exactly as given (they are signed; the length is the
 *       body's, and must be the signed one when the policy fixed a size).</li>
 *   <li>{@code POST}: send {@code multipart/form-data} with every field of {@link #formFields()} in order, then the
 *       fields of {@link #clientFields()} that the client fills itself ({@code key} under a key prefix,
 *       {@code Content-Type} under a content type prefix), then the file as the last part, named {@value #FILE_FIELD}.
 *       The object's content type is the {@code Content-Type} field's, not the file part's.</li>
 * </ul>
 *
 * <p>It is a bearer credential until {@link #expiresAt()}: {@link #toString()} shows neither its signature, nor its
 * credential scope, nor a session token, nor its policy.
 */
public final class PresignedRequest {
    /** The name of the form part that carries the file in a POST upload; it must be the last part. */
    public static final String FILE_FIELD = "file";

    private static final Pattern LINE_BREAK = Pattern.compile("[\r\n]");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|&)(?:x-amz-signature|x-amz-credential|x-amz-security-token|signature|awsaccesskeyid)=)[^&]*");

    private final String method;
    private final URI url;
    private final Map<String, String> headers;
    private final Map<String, String> formFields;
    private final Set<String> clientFields;
    private final Instant expiresAt;

    private PresignedRequest(String method, URI url, Map<String, String> headers, Map<String, String> formFields,
            Set<String> clientFields, Instant expiresAt) {
        this.method = method;
        this.url = Objects.requireNonNull(url, "url is null");
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.formFields = Collections.unmodifiableMap(new LinkedHashMap<>(formFields));
        this.clientFields = Collections.unmodifiableSet(new LinkedHashSet<>(clientFields));
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt is null");
    }

    /** A signed GET of {@code url} with {@code headers}. */
    public static PresignedRequest get(URI url, Map<String, String> headers, Instant expiresAt) {
        return new PresignedRequest("GET", url, headers, Map.of(), Set.of(), expiresAt);
    }

    /** A signed PUT to {@code url}; the client sends every one of {@code headers}. */
    public static PresignedRequest put(URI url, Map<String, String> headers, Instant expiresAt) {
        return new PresignedRequest("PUT", url, headers, Map.of(), Set.of(), expiresAt);
    }

    /**
     * A signed POST of a form to {@code url}.
     *
     * @param formFields   the signed fields, in the order to send them
     * @param clientFields the fields the client adds itself, under the policy's prefixes
     */
    public static PresignedRequest post(URI url, Map<String, String> formFields, Set<String> clientFields,
            Instant expiresAt) {
        return new PresignedRequest("POST", url, Map.of(), formFields, clientFields, expiresAt);
    }

    /** {@code GET}, {@code PUT} or {@code POST}. */
    public String method() {
        return method;
    }

    /** Where to send the request; for GET and PUT it carries the signature in its query. */
    public URI url() {
        return url;
    }

    /** The headers to send, each exactly as given; empty for a POST. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The form fields of a POST, in order, before the file; empty otherwise. */
    public Map<String, String> formFields() {
        return formFields;
    }

    /**
     * The form fields of a POST that the client fills itself within the policy: {@code key} under a key prefix,
     * {@code Content-Type} under a content type prefix. Empty otherwise.
     */
    public Set<String> clientFields() {
        return clientFields;
    }

    /** When the signature stops being accepted. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** A request as a JDK {@link HttpClient} sends it: see {@link #toHttpRequest(HttpRequest.BodyPublisher, Map)}. */
    public HttpRequest toHttpRequest() {
        return toHttpRequest(HttpRequest.BodyPublishers.noBody(), Map.of());
    }

    /**
     * This request as a JDK {@link HttpClient} sends it, with {@code body} streamed: a GET (the body is not sent), a
     * PUT of the body with {@link #headers()}, or a POST of a {@code multipart/form-data} form of
     * {@link #formFields()}, then {@code clientFields} (see {@link #clientFields()}), then the body as the file part.
     * A PUT whose policy fixed the size needs a body publisher of exactly that length.
     *
     * @throws IllegalArgumentException if a client field is named {@value #FILE_FIELD}, or a name or value holds a CR
     *                                  or LF, or a name a quote (it would break the form)
     */
    public HttpRequest toHttpRequest(HttpRequest.BodyPublisher body, Map<String, String> clientFields) {
        Objects.requireNonNull(body, "body is null");
        Objects.requireNonNull(clientFields, "clientFields is null");
        HttpRequest.Builder http = HttpRequest.newBuilder(url);
        headers.forEach(http::header);
        switch (method) {
            case "GET" -> http.GET();
            case "PUT" -> http.PUT(body);
            default -> {
                String boundary = "----sselfie-" + UUID.randomUUID();
                StringBuilder fields = new StringBuilder();
                formFields.forEach((name, value) -> appendField(fields, boundary, name, value));
                clientFields.forEach((name, value) -> appendField(fields, boundary, name, value));
                fields.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(FILE_FIELD)
                        .append("\"; filename=\"upload\"\r\nContent-Type: application/octet-stream\r\n\r\n");
                http.header("Content-Type", "multipart/form-data; boundary=" + boundary);
                http.POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString(fields.toString(), StandardCharsets.UTF_8), body,
                        HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8)));
            }
        }
        return http.build();
    }

    private static void appendField(StringBuilder form, String boundary, String name, String value) {
        if (name.equalsIgnoreCase(FILE_FIELD)) {
            throw new IllegalArgumentException("the file goes last, as the body, not as a field");
        }
        if (LINE_BREAK.matcher(name).find() || name.contains("\"") || LINE_BREAK.matcher(value).find()) {
            throw new IllegalArgumentException("form field '" + LINE_BREAK.matcher(name).replaceAll("?")
                    + "' holds a CR or LF, or a quote in its name");
        }
        form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
                .append("\"\r\n\r\n").append(value).append("\r\n");
    }

    /** The method, the URL without the signature, credential or token, and the names (only) of headers and fields. */
    @Override
    public String toString() {
        String query = url.getRawQuery();
        String shown = url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath()
                + (query == null ? "" : "?" + SECRET_PARAMETER.matcher(query).replaceAll("$1<hidden>"));
        return "PresignedRequest{" + method + " " + shown + ", headers=" + headers.keySet()
                + (method.equals("POST") ? ", formFields=" + formFields.keySet() + ", clientFields=" + clientFields : "")
                + ", expiresAt=" + expiresAt + '}';
    }

}
