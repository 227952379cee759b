package dev.shiptrack.tracking.repository;

import java.util.function.BooleanSupplier;

import com.oracle.svm.core.annotate.Delete;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * Native image only: {@link DeliveryDocumentRepository} uses the synchronous S3 client over the URL-connection
 * HTTP client, so aws-crt is not on the classpath. The S3 SDK still references its CRT client's execution
 * interceptor, whose attributes name {@code software.amazon.awssdk.crt.s3.ResumeToken}; native-image fails on
 * that unresolved type. The Amazon Services extension deletes this class from 3.13.0 on (quarkiverse
 * quarkus-amazon-services#1950), a release whose SDK does not resolve on our build machines; remove this class
 * when the BOM moves past 3.13.0.
 */
final class S3CrtAbsentSubstitutions {

    private S3CrtAbsentSubstitutions() {
    }

    /** True when the AWS CRT is not on the image's classpath (the normal case here). */
    static final class CrtAbsent implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            try {
                Class.forName("software.amazon.awssdk.crt.CRT", false, CrtAbsent.class.getClassLoader());
                return false;
            } catch (ClassNotFoundException e) {
                return true;
            }
        }
    }

    @TargetClass(className = "software.amazon.awssdk.services.s3.internal.crt."
            + "DefaultS3CrtAsyncClient$AttachHttpAttributesExecutionInterceptor", onlyWith = CrtAbsent.class)
    @Delete
    static final class DeleteCrtHttpAttributesInterceptor {
    }
}
