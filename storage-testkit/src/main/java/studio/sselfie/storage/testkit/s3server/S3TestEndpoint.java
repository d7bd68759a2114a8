package studio.sselfie.storage.testkit.s3server;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where an S3 backend's tests send their requests: the embedded server of this JVM, or an external S3-compatible
 * endpoint named by environment variables. Immutable; {@link #toString()} never shows the secret.
 *
 * <p>{@link #get()} answers the same value for the whole JVM:
 * <ul>
 *   <li>When {@value #ENV_ENDPOINT} is set, that endpoint, with {@value #ENV_ACCESS_KEY}, {@value #ENV_SECRET_KEY}
 *       (both required then), {@value #ENV_REGION} (default {@code us-east-1}) and {@value #ENV_PATH_STYLE} (default
 *       {@code true}; set {@code false} for stores that want virtual-hosted buckets). No server starts.</li>
 *   <li>Otherwise an {@link EmbeddedS3Server} started on first use and stopped when the JVM exits.</li>
 * </ul>
 *
 * <p>The testkit does not speak S3 itself: each test class creates its own bucket with its backend's client (name it
 * with {@link #newBucketName(String)}, so runs against a shared external store do not collide) and deletes it
 * afterwards.
 */
public final class S3TestEndpoint {
    /** Environment variable naming an external endpoint, e.g. {@code http://localhost:9000} or {@code https://s3.amazonaws.com}. */
    public static final String ENV_ENDPOINT = "STORAGE_TEST_S3_ENDPOINT";
    /** Environment variable with the external endpoint's access key id. */
    public static final String ENV_ACCESS_KEY = "STORAGE_TEST_S3_ACCESS_KEY";
    /** Environment variable with the external endpoint's secret key. */
    public static final String ENV_SECRET_KEY = "STORAGE_TEST_S3_SECRET_KEY";
    /** Environment variable with the external endpoint's region; default {@code us-east-1}. */
    public static final String ENV_REGION = "STORAGE_TEST_S3_REGION";
    /** Environment variable: {@code true} (default) for path-style bucket addressing, {@code false} for virtual hosts. */
    public static final String ENV_PATH_STYLE = "STORAGE_TEST_S3_PATH_STYLE";

    private static final String DEFAULT_REGION = "us-east-1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final boolean pathStyle;
    private final boolean external;

    S3TestEndpoint(URI endpoint, String accessKey, String secretKey, String region, boolean pathStyle, boolean external) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.accessKey = requireNonNull(accessKey, "accessKey is null");
        this.secretKey = requireNonNull(secretKey, "secretKey is null");
        this.region = requireNonNull(region, "region is null");
        this.pathStyle = pathStyle;
        this.external = external;
    }

    /**
     * The endpoint of this JVM's tests: the external one named by {@value #ENV_ENDPOINT}, or the shared embedded
     * server, started on the first call.
     *
     * @throws IllegalStateException if {@value #ENV_ENDPOINT} is set without its credentials, or the embedded server
     *                               cannot start
     */
    public static S3TestEndpoint get() {
        return SharedEndpoint.get();
    }

    /**
     * The external endpoint the variables of {@code environment} name, or {@code null} when {@value #ENV_ENDPOINT} is
     * not set there.
     *
     * @throws IllegalStateException naming the missing variable
     */
    static S3TestEndpoint fromEnvironment(Function<String, String> environment) {
        String endpoint = blankToNull(environment.apply(ENV_ENDPOINT));
        if (endpoint == null) {
            return null;
        }
        String accessKey = required(environment, ENV_ACCESS_KEY);
        String secretKey = required(environment, ENV_SECRET_KEY);
        String region = blankToNull(environment.apply(ENV_REGION));
        String pathStyle = blankToNull(environment.apply(ENV_PATH_STYLE));
        return new S3TestEndpoint(URI.create(endpoint), accessKey, secretKey, region == null ? DEFAULT_REGION : region,
                pathStyle == null || Boolean.parseBoolean(pathStyle), true);
    }

    /** See {@link #fromEnvironment(Function)}; for tests of this class. */
    static S3TestEndpoint fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment::get);
    }

    private static String required(Function<String, String> environment, String name) {
        String value = blankToNull(environment.apply(name));
        if (value == null) {
            throw new IllegalStateException(ENV_ENDPOINT + " is set, so " + name + " must be set too");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The base URI to send requests to, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The access key id. */
    public String accessKey() {
        return accessKey;
    }

    /** The secret key; keep it out of messages and logs. */
    public String secretKey() {
        return secretKey;
    }

    /** The region to sign requests for. */
    public String region() {
        return region;
    }

    /** Whether buckets are addressed path style ({@code endpoint/bucket/key}); always for the embedded server. */
    public boolean pathStyle() {
        return pathStyle;
    }

    /** Whether this is an external endpoint named by {@value #ENV_ENDPOINT} rather than the embedded server. */
    public boolean isExternal() {
        return external;
    }

    private static final String PATHS = "S3Proxy's transient store keeps keys as paths of a file system: it cannot"
            + " hold a key and another key below it ('a' and 'a/b'); the second put fails with HTTP 500"
            + " (DirectoryNotEmptyException)";

    /** What the embedded server (S3Proxy 4.1, transient store) lacks, by "Category.test"; S3 itself has none of it. */
    private static final String FOLDER_MARKERS = "S3Proxy's store keeps a folder marker ('photos/') as a directory:"
            + " it lists it, but answers a get or head of it without ETag, as for an object still being written";
    private static final Map<String, String> EMBEDDED_SERVER_LIMITATIONS = Map.ofEntries(
            Map.entry("Listing.list_mixedKeys_areInAscendingUtf8ByteOrder", PATHS),
            Map.entry("Listing.list_prefixEqualToKey_returnsThatKeyAndKeysStartingWithIt", PATHS),
            Map.entry("Listing.list_separatorsAndDigits_sortByByteValueNotBySegment", PATHS),
            Map.entry("Listing.list_supplementaryCharacter_sortsAfterEveryBmpCharacter", "S3Proxy lists keys in UTF-16 order"
                    + " (Java String order), not in S3's UTF-8 byte order: a supplementary character sorts before U+E000"),
            Map.entry("KeyRules.list_prefixEndingInPartialDotSegment_isAccepted", "S3Proxy's transient store normalises a"
                    + " listing prefix as a file-system path: prefix 'photos/.' lists everything under 'photos/'"),
            Map.entry("ConditionalWrites.put_racingIfMatchOnSameEtag_exactlyOneWriterWinsPerKey", "S3Proxy checks If-Match and"
                    + " then writes, not atomically: two racing puts with the same current ETag can both succeed"),
            Map.entry("KeyRules.existingObjectCalls_emptySegmentOrLeadingSlashKey_areTakenAndFindNothing", "S3Proxy (Jetty)"
                    + " normalises '//' in a request path before it checks the signature, so a key with an empty"
                    + " segment or a leading '/' fails with 403 SignatureDoesNotMatch; S3 holds and serves such keys"),
            Map.entry("ExistingKeys.readListDelete_emptySegmentAndLeadingSlashKeys_addressExactlyThoseObjects", "S3Proxy (Jetty)"
                    + " normalises '//' in a request path before it checks the signature (403 SignatureDoesNotMatch)"),
            Map.entry("KeyRules.deleteAll_dotSegmentKeys_deletesExactlyThoseKeysAndNotWhatTheyResolveTo", "S3Proxy's store"
                    + " resolves '.' and '..' segments of a key named in a DeleteObjects body: deleting 'a/../b' deletes"
                    + " 'b'. S3 deletes the object named 'a/../b' (here: none)"),
            Map.entry("ExistingKeys.getHeadAndCopy_folderMarker_isAnEmptyObject", FOLDER_MARKERS),
            Map.entry("HttpHeaders.copy_keep_targetHasSourceHeaders", "S3Proxy's CopyObject with the COPY metadata"
                    + " directive drops the source's Expires header (S3 keeps it); the backends' requests are checked"
                    + " instead (S3CopyTest, MinioHeadersCopyTest)"),
            Map.entry("HttpHeaders.put_unknownLengthMultipartSized_keepsEveryHeader", "S3Proxy's CompleteMultipartUpload"
                    + " drops the Expires header CreateMultipartUpload was given (S3 keeps it); the backends' requests"
                    + " are checked instead (S3CopyTest, MinioHeadersCopyTest)"),
            Map.entry("StorageClassAndEncryption.copy_replaceWithStorageClass_targetHasTheNewClass", "S3Proxy's"
                    + " CopyObject ignores x-amz-storage-class (the target is STANDARD; S3 stores the class asked for);"
                    + " the request is checked instead (S3ProtectionRequestTest)"),
            Map.entry("PresignedRequests.postUpload_withFixedHeaders_storesThem", "S3Proxy's POST upload stores the"
                    + " Content-Type and x-amz-meta-* fields but drops Cache-Control, Content-Disposition,"
                    + " Content-Encoding and Expires (S3 stores them); the signed form is checked instead"
                    + " (PostPoliciesTest)"));

    /** The {@code "Category.test"} names of the embedded server's limitations; for the test that they exist. */
    static Set<String> embeddedServerLimitationNames() {
        return EMBEDDED_SERVER_LIMITATIONS.keySet();
    }

    /**
     * The reason a conformance test cannot pass against this endpoint, for a suite's
     * {@code knownLimitation(category, test)}: a behaviour the embedded server (S3Proxy) lacks, or {@code null}. An
     * external endpoint has none: it runs every test.
     */
    public String knownLimitation(String category, String test) {
        return external ? null : EMBEDDED_SERVER_LIMITATIONS.get(category + "." + test);
    }

    /**
     * A bucket name no other run is using: {@code hint} in lower case, cut to the characters S3 allows, followed by a
     * random suffix; 3..63 characters, valid on AWS and every S3-compatible store.
     */
    public static String newBucketName(String hint) {
        requireNonNull(hint, "hint is null");
        String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.isEmpty()) {
            base = "test";
        }
        String suffix = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        int room = 63 - suffix.length() - 1;
        if (base.length() > room) {
            base = base.substring(0, room).replaceAll("-+$", "");
        }
        return base + "-" + suffix;
    }

    /** Shows endpoint, access key, region and mode; never the secret. */
    @Override
    public String toString() {
        return "S3TestEndpoint{endpoint=" + endpoint + ", accessKey=" + accessKey + ", region=" + region
                + ", pathStyle=" + pathStyle + ", " + (external ? "external" : "embedded") + '}';
    }

    /** The one value of {@link #get()}; a failed start is not cached, so the next call reports it again. */
    private static final class SharedEndpoint {
        private static S3TestEndpoint instance;

        static synchronized S3TestEndpoint get() {
            if (instance == null) {
                instance = create();
            }
            return instance;
        }

        private static S3TestEndpoint create() {
            S3TestEndpoint external = fromEnvironment(System::getenv);
            if (external != null) {
                return external;
            }
            EmbeddedS3Server server = EmbeddedS3Server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-s3-server-stop"));
            return server.toEndpoint();
        }
    }
}
