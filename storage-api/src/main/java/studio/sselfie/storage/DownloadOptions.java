package studio.sselfie.storage;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * How a presigned download is served: how long the signature is valid, and the {@code Content-Type} and
 * {@code Content-Disposition} the store answers with instead of the object's (S3's {@code response-content-type} and
 * {@code response-content-disposition}, signed into the URL). A {@code Content-Disposition} from
 * {@link ContentDisposition#attachment(String)} makes a browser save the object under that name.
 *
 * <p>Defaults: {@link Presigner#DEFAULT_EXPIRY}, no overrides.
 */
public final class DownloadOptions {
    private final Duration expiry;
    private final String responseContentType;
    private final String responseContentDisposition;

    private DownloadOptions(Builder builder) {
        this.expiry = builder.expiry;
        this.responseContentType = builder.responseContentType;
        this.responseContentDisposition = builder.responseContentDisposition;
    }

    /** A new builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options with every default. */
    public static DownloadOptions defaults() {
        return builder().build();
    }

    /** How long the signature is valid, counted from signing. */
    public Duration expiry() {
        return expiry;
    }

    /** The {@code Content-Type} the store answers with instead of the object's, if any. */
    public Optional<String> responseContentType() {
        return Optional.ofNullable(responseContentType);
    }

    /** The {@code Content-Disposition} the store answers with instead of the object's, if any. */
    public Optional<String> responseContentDisposition() {
        return Optional.ofNullable(responseContentDisposition);
    }

    @Override
    public String toString() {
        return "DownloadOptions{expiry=" + expiry + ", responseContentType=" + responseContentType
                + ", responseContentDisposition=" + responseContentDisposition + '}';
    }

    static Duration checkExpiry(Duration expiry) {
        Objects.requireNonNull(expiry, "expiry is null");
        Duration seconds = expiry.truncatedTo(ChronoUnit.SECONDS);
        if (seconds.compareTo(Duration.ofSeconds(1)) < 0 || seconds.compareTo(Presigner.MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("expiry " + expiry + " must be 1 second to 7 days (SigV4's limit)");
        }
        return seconds;
    }

    /** Builder of {@link DownloadOptions}; each setter checks its value at once. */
    public static final class Builder {
        private Duration expiry = Presigner.DEFAULT_EXPIRY;
        private String responseContentType;
        private String responseContentDisposition;

        private Builder() {
        }

        /**
         * How long the signature is valid, in whole seconds (a fraction is cut).
         *
         * @throws IllegalArgumentException unless it is 1 second to {@link Presigner#MAX_EXPIRY}
         */
        public Builder expiry(Duration expiry) {
            this.expiry = checkExpiry(expiry);
            return this;
        }

        /** @throws IllegalArgumentException if it is not a media type */
        public Builder responseContentType(String contentType) {
            Objects.requireNonNull(contentType, "contentType is null");
            this.responseContentType = PutOptions.builder().contentType(contentType).build().contentType().orElseThrow();
            return this;
        }

        /**
         * E.g. {@code ContentDisposition.attachment("selfie.jpg")}.
         *
         * @throws IllegalArgumentException if it is not a valid header value (see {@link ObjectHeaders})
         */
        public Builder responseContentDisposition(String contentDisposition) {
            Objects.requireNonNull(contentDisposition, "contentDisposition is null");
            this.responseContentDisposition = ObjectHeaders.builder().contentDisposition(contentDisposition).build()
                    .contentDisposition().orElseThrow();
            return this;
        }

        public DownloadOptions build() {
            return new DownloadOptions(this);
        }
    }
}
