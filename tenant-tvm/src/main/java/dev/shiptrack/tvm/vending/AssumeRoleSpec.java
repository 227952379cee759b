package dev.shiptrack.tvm.vending;

import dev.shiptrack.tvm.tenant.TenantId;

import java.util.Optional;
import java.util.SortedMap;

/**
 * Everything that decides what vended credentials may do; two vends with equal specs may share credentials,
 * so this is the cache key.
 *
 * @param roleArn       role to assume
 * @param tenant        tenant the credentials are for
 * @param sessionTags   session tags (TenantID and the configured claim tags), sorted by key
 * @param sessionPolicy compact session policy JSON, if permission templates are configured
 * @param policyHash    SHA-256 (hex) of the session policy, {@code none} without one
 */
record AssumeRoleSpec(String roleArn, TenantId tenant, SortedMap<String, String> sessionTags,
                      Optional<String> sessionPolicy, String policyHash) {
}
