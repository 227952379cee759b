package dev.shiptrack.tvm.vending;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One structured audit event per STS vend, on the logger {@code dev.shiptrack.tvm.audit}: the fields are MDC
 * entries (JSON logging emits them as fields) and repeated in the message. Never any key, token or policy text.
 */
final class VendingAudit {

    static final String CATEGORY = "dev.shiptrack.tvm.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private VendingAudit() {
    }

    static void vended(AssumeRoleSpec spec, String sessionName, String outcome, String detail) {
        MDC.put("tenant", spec.tenant().value());
        MDC.put("roleArn", spec.roleArn());
        MDC.put("sessionName", sessionName);
        MDC.put("policyHash", spec.policyHash());
        MDC.put("outcome", outcome);
        try {
            String message = "tvm.vend tenant=%s role=%s session=%s policyHash=%s tags=%s outcome=%s%s";
            Object[] args = {spec.tenant(), spec.roleArn(), sessionName, spec.policyHash(),
                    spec.sessionTags().keySet(), outcome, detail == null ? "" : " detail=" + detail};
            if ("success".equals(outcome)) {
                LOG.infof(message, args);
            } else {
                LOG.warnf(message, args);
            }
        } finally {
            MDC.remove("tenant");
            MDC.remove("roleArn");
            MDC.remove("sessionName");
            MDC.remove("policyHash");
            MDC.remove("outcome");
        }
    }
}
