package studio.sselfie.storage.testkit.faults;

/**
 * A failure {@link HttpFaultProxy} can inject into one HTTP exchange between an S3 client and its server.
 *
 * <p>After any fault the proxy closes both the client connection and its upstream connection, so a faulted
 * connection is never reused.
 */
public enum HttpFault {
    /**
     * Answer {@code 503 Slow Down} with the S3 XML error body (code {@code SlowDown}) and {@code Connection: close};
     * the request is not forwarded, so the store is unchanged. A request with {@code Expect: 100-continue} is answered
     * at once, before its body is sent.
     */
    SLOW_DOWN_503,

    /** Like {@link #SLOW_DOWN_503}, with {@code 500 Internal Server Error} and code {@code InternalError}. */
    INTERNAL_ERROR_500,

    /**
     * Forward the request, wait until the server has answered it, then reset the client connection (a TCP RST)
     * without sending any response. The ambiguous case: the store applied the request, the client cannot know.
     */
    RESET_BEFORE_RESPONSE,

    /**
     * Forward the request, relay the response head and part of its body (half of {@code Content-Length}, or the
     * first chunk of a chunked body), then reset the client connection. A response without a body (for example a
     * {@code PUT}'s {@code 200} with {@code Content-Length: 0}, or any answer to {@code HEAD}) has no part to relay:
     * it is reset before its head, like {@link #RESET_BEFORE_RESPONSE}.
     */
    RESET_MID_RESPONSE,

    /**
     * Forward the request and hold the start of the final response for the proxy's
     * {@linkplain HttpFaultProxy#slowResponseDelay(java.time.Duration) slow response delay} (default 200 ms), then
     * relay it whole, with {@code Connection: close} added. An interim {@code 100 Continue} is relayed without delay.
     */
    SLOW_RESPONSE
}
