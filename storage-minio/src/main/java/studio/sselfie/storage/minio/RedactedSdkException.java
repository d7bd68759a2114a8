package studio.sselfie.storage.minio;

import java.util.regex.Pattern;

/**
 * Stands in for a MinIO SDK exception whose message shows a session token or an SSE-C key. The SDK's exceptions
 * print the failed request's headers; they redact {@code Authorization} (signature and access key) but not
 * {@code X-Amz-Security-Token} nor {@code x-amz-(copy-source-)server-side-encryption-customer-key}, so keeping such an
 * exception as a cause would put the secret into every log line that prints the failure. The stand-in has the SDK exception's class name, its text ({@code toString}, where the SDK
 * prints the request) with the token's value blanked out, and its stack trace.
 */
final class RedactedSdkException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern TOKEN_HEADER = Pattern.compile(
            "(?im)^(x-amz-security-token:|x-amz-(?:copy-source-)?server-side-encryption-customer-key:)[^\\r\\n]*");

    private RedactedSdkException(String message, Throwable cause) {
        super(message, cause, false, true);
    }

    /** {@code failure} itself when nothing in it or its causes shows a session token, else a redacted stand-in. */
    static Throwable of(Throwable failure) {
        if (failure == null || !showsToken(failure)) {
            return failure;
        }
        // toString, not getMessage: the SDK's exceptions print the request there.
        String message = TOKEN_HEADER.matcher(failure.toString()).replaceAll("$1 <redacted>");
        Throwable cause = failure.getCause() == failure ? null : of(failure.getCause());
        RedactedSdkException standIn = new RedactedSdkException(failure.getClass().getName()
                + " (session token and SSE-C key headers redacted): " + message, cause);
        standIn.setStackTrace(failure.getStackTrace());
        return standIn;
    }

    private static boolean showsToken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (TOKEN_HEADER.matcher(t.toString()).find()) {
                return true;
            }
        }
        return false;
    }
}
