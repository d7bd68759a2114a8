package studio.sselfie.storage.testkit.s3server;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves parameters of type {@link S3TestEndpoint} (constructor, lifecycle and test methods) with
 * {@link S3TestEndpoint#get()}: the shared embedded server of this JVM, started on first use, or the external endpoint
 * the environment names.
 *
 * <pre>{@code
 * @ExtendWith(S3ServerExtension.class)
 * class MyS3Test {
 *     @BeforeAll
 *     static void createBucket(S3TestEndpoint s3) { ... }
 * }
 * }</pre>
 */
public final class S3ServerExtension implements ParameterResolver {

    /** Created by JUnit. */
    public S3ServerExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == S3TestEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return S3TestEndpoint.get();
    }
}
