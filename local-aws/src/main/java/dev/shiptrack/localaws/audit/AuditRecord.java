package dev.shiptrack.localaws.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * One authorization decision of the edge.
 *
 * @param principal         the caller's ARN (assumed-role session, role or account root)
 * @param session           the role session name; null for long-term keys
 * @param tags              the session tags
 * @param requestTags       the session tags an AssumeRole asks for ({@code aws:RequestTag/*}); empty otherwise
 * @param action            e.g. {@code dynamodb:Query}
 * @param resource          the resource ARN
 * @param decision          {@code ALLOWED}, {@code IMPLICITLY_DENIED} or {@code EXPLICITLY_DENIED}
 * @param decidingPolicy    the policy holding the deciding statement; null when implicitly denied
 * @param decidingStatement the deciding statement's Sid (or {@code #index}); null when implicitly denied
 */
@RegisterForReflection
public record AuditRecord(Instant time, String principal, String session, Map<String, String> tags,
                          Map<String, String> requestTags, String action,
                          String resource, String decision, String decidingPolicy, String decidingStatement) {

    public boolean allowed() {
        return "ALLOWED".equals(decision);
    }
}
