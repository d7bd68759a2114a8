package studio.sselfie.storage.minio;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import studio.sselfie.storage.s3protocol.S3ErrorTable;

/**
 * The MinIO backend's one retry layer, as the AWS SDK's standard retry mode is the S3 backend's: up to
 * {@value #MAX_ATTEMPTS} attempts in all for an answer the shared {@link S3ErrorTable} calls retryable (5xx but 501,
 * 408, 429, {@code SlowDown}, {@code RequestTimeout}, {@code ConditionalRequestConflict}, ...) and for a connection
 * that failed (an {@link IOException}), with exponential backoff and full jitter: a delay drawn from
 * {@code [0, min(20 s, base x 2^(attempt-1))]}, base 100 ms, or 1 s after a throttling answer. A request whose body
 * cannot be sent twice ({@code isOneShot}) is sent once. Installed only when {@link MinioStorageConfig#clientRetries()}.
 */
final class RetryInterceptor implements Interceptor {
    /** Attempts per request in all, as the AWS SDK's standard mode. */
    static final int MAX_ATTEMPTS = 3;
    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    private static final Duration THROTTLED_BASE_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);
    /** An S3 error document is small; more than this is not one. */
    private static final long MAX_ERROR_BODY = 64 * 1024;
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean replayable = request.body() == null || !request.body().isOneShot();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt == MAX_ATTEMPTS || !replayable;
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException failed) {
                if (last || failed instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                    throw failed;
                }
                pause(BASE_DELAY, attempt);
                continue;
            }
            if (response.isSuccessful() || last) {
                return response;
            }
            String code = errorCode(response);
            S3ErrorTable.Meaning meaning = S3ErrorTable.meaning(response.code(), code);
            if (!meaning.isRetryable()) {
                return response;
            }
            response.close();
            pause(meaning == S3ErrorTable.Meaning.THROTTLED ? THROTTLED_BASE_DELAY : BASE_DELAY, attempt);
        }
    }

    /** The S3 error code of an error answer, read without consuming its body; null when there is none. */
    private static String errorCode(Response response) throws IOException {
        if (response.body() == null || "HEAD".equals(response.request().method())) {
            return null;
        }
        Matcher matcher = CODE.matcher(response.peekBody(MAX_ERROR_BODY).string());
        return matcher.find() ? matcher.group(1) : null;
    }

    private static void pause(Duration base, int attempt) throws InterruptedIOException {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), base.toMillis() << (attempt - 1));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
            interrupted.initCause(e);
            throw interrupted;
        }
    }
}
