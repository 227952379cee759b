package dev.shiptrack.tenant.model;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The tenant's first user.
 *
 * @param password accepted only where {@code tenant-service.accept-admin-password} is on (local and test profiles);
 *                 never stored by tenant-service, never part of the request fingerprint; its strength is the
 *                 identity provider's password policy
 */
public record AdminUser(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}", message = "must be 3 to 64 of a-z, 0-9, '.', '_', '-'") String username,
        @NotBlank @Email @Size(max = 254) String email,
        @Size(min = 3, max = 128) String password) {
}
