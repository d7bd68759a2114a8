package studio.sselfie.storage.s3;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Records every request the client executes, to tell which S3 operations a call used. */
final class RequestRecorder implements ExecutionInterceptor {
    private final Queue<SdkRequest> requests = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        requests.add(context.request());
    }

    /** The last request of {@code type} the client executed. */
    <T extends SdkRequest> T last(Class<T> type) {
        T last = null;
        for (SdkRequest request : requests) {
            if (type.isInstance(request)) {
                last = type.cast(request);
            }
        }
        if (last == null) {
            throw new AssertionError("no " + type.getSimpleName() + " was sent");
        }
        return last;
    }

    long count(Class<? extends SdkRequest> type) {
        return requests.stream().filter(type::isInstance).count();
    }
}
