package studio.sselfie.storage.s3;

import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import studio.sselfie.storage.ObjectHeaders;

/**
 * The HTTP object headers between {@link ObjectHeaders} and the SDK's requests and responses. The SDK's request
 * builders share no interface for them, hence one method per request type.
 */
final class S3Headers {
    private S3Headers() {
    }

    static void apply(ObjectHeaders headers, PutObjectRequest.Builder request) {
        request.cacheControl(headers.cacheControl().orElse(null))
                .contentDisposition(headers.contentDisposition().orElse(null))
                .contentEncoding(headers.contentEncoding().orElse(null))
                .contentLanguage(headers.contentLanguage().orElse(null))
                .expires(headers.expires().orElse(null));
    }

    static void apply(ObjectHeaders headers, CreateMultipartUploadRequest.Builder request) {
        request.cacheControl(headers.cacheControl().orElse(null))
                .contentDisposition(headers.contentDisposition().orElse(null))
                .contentEncoding(headers.contentEncoding().orElse(null))
                .contentLanguage(headers.contentLanguage().orElse(null))
                .expires(headers.expires().orElse(null));
    }

    static void apply(ObjectHeaders headers, CopyObjectRequest.Builder request) {
        request.cacheControl(headers.cacheControl().orElse(null))
                .contentDisposition(headers.contentDisposition().orElse(null))
                .contentEncoding(headers.contentEncoding().orElse(null))
                .contentLanguage(headers.contentLanguage().orElse(null))
                .expires(headers.expires().orElse(null));
    }

    // expiresString, not expires(): a stored Expires that is no HTTP date (legacy "0") must not fail the read.
    static ObjectHeaders of(HeadObjectResponse response) {
        return ObjectHeaders.stored(response.cacheControl(), response.contentDisposition(), response.contentEncoding(),
                response.contentLanguage(), response.expiresString());
    }

    static ObjectHeaders of(GetObjectResponse response) {
        return ObjectHeaders.stored(response.cacheControl(), response.contentDisposition(), response.contentEncoding(),
                response.contentLanguage(), response.expiresString());
    }
}
