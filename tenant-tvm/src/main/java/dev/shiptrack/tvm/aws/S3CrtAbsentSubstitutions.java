package dev.shiptrack.tvm.aws;

import java.util.function.BooleanSupplier;

import com.oracle.svm.core.annotate.Delete;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * Native image only, for the services that use S3 with tenant credentials (tracking-service, tenant-service): they
 * use the synchronous S3 client over the URL-connection HTTP client, so aws-crt is not on the classpath. The S3 SDK still references its CRT client's execution
 * interceptor, whose attributes name {@code software.amazon.awssdk.crt.s3.ResumeToken}; native-image fails on
 * that unresolved type. The Amazon Services extension deletes this class from 3.13.0 on (quarkiverse
 * quarkus-amazon-services#1950), a release whose SDK does not resolve on our build machines; remove this class
 * when the BOM moves past 3.13.0.
 */
final class S3CrtAbsentSubstitutions {

    private S3CrtAbsentSubstitutions() {
    }

    private static final String INTERCEPTOR = "software.amazon.awssdk.services.s3.internal.crt."
            + "DefaultS3CrtAsyncClient$AttachHttpAttributesExecutionInterceptor";

    /** True when the S3 SDK is in the image and the AWS CRT is not (the normal case; shipment-service has neither). */
    static final class S3WithoutCrt implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return present(INTERCEPTOR) && !present("software.amazon.awssdk.crt.CRT");
        }

        private static boolean present(String className) {
            try {
                Class.forName(className, false, S3WithoutCrt.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }

    @TargetClass(className = INTERCEPTOR, onlyWith = S3WithoutCrt.class)
    @Delete
    static final class DeleteCrtHttpAttributesInterceptor {
    }
}
