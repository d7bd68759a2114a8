package studio.sselfie.storage.minio;

import java.io.IOException;

import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Makes closing a download early release its connection at once. When the body of a successful GET is closed before
 * its end, a rest of at most {@link #DRAIN_LIMIT} bytes is read and dropped, so the connection goes back to the pool;
 * a longer rest is not read at all: the call is cancelled, which closes the socket. (Plain OkHttp would try to read
 * any rest for up to 100 ms first, a waste of bandwidth on a fast link and a wait on a slow one.)
 */
final class ReleasingBodyInterceptor implements Interceptor {
    /** The longest rest of a body that is read to keep its connection: {@value} bytes. */
    static final long DRAIN_LIMIT = 64 * 1024;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (!"GET".equals(chain.request().method()) || !response.isSuccessful()) {
            return response;
        }
        return response.newBuilder().body(new ReleasingBody(response.body(), chain.call())).build();
    }

    /** A response body whose source releases the connection on close, as the class comment says. */
    private static final class ReleasingBody extends ResponseBody {
        private final ResponseBody delegate;
        private final Call call;
        private BufferedSource source;

        ReleasingBody(ResponseBody delegate, Call call) {
            this.delegate = delegate;
            this.call = call;
        }

        @Override
        public MediaType contentType() {
            return delegate.contentType();
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public synchronized BufferedSource source() {
            if (source == null) {
                source = Okio.buffer(new ReleasingSource(delegate.source(), delegate.contentLength(), call));
            }
            return source;
        }
    }

    /** Counts what is read; on close drains a short rest or cancels the call. */
    private static final class ReleasingSource extends ForwardingSource {
        private final long contentLength;
        private final Call call;
        private long consumed;
        private boolean exhausted;
        private boolean closed;

        ReleasingSource(Source delegate, long contentLength, Call call) {
            super(delegate);
            this.contentLength = contentLength;
            this.call = call;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long read = super.read(sink, byteCount);
            if (read < 0) {
                exhausted = true;
            } else {
                consumed += read;
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (!exhausted && !(contentLength >= 0 && consumed >= contentLength) && !drainShortRest()) {
                call.cancel();
            }
            try {
                super.close();
            } catch (IOException e) {
                // The call was cancelled on purpose or the connection is already gone: nothing left to release.
                if (!call.isCanceled()) {
                    throw e;
                }
            }
        }

        /** Reads and drops the rest if it is short; false if it is longer than the limit or reading it fails. */
        private boolean drainShortRest() {
            long rest = contentLength < 0 ? -1 : contentLength - consumed;
            if (rest > DRAIN_LIMIT) {
                return false;
            }
            try (Buffer scratch = new Buffer()) {
                long drained = 0;
                while (drained <= DRAIN_LIMIT) {
                    long read = read(scratch, 8192);
                    if (read < 0) {
                        return true;
                    }
                    drained += read;
                    scratch.clear();
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
