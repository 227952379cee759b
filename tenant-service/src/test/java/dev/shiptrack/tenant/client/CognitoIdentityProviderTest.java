package dev.shiptrack.tenant.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shiptrack.tenant.model.AdminUser;
import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDeleteUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDeleteUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Cognito implementation against an in-memory user pool that pages ListUsers two users at a time. */
class CognitoIdentityProviderTest {

    private static final String POOL = "us-east-1_TEST";

    private final FakeUserPool pool = new FakeUserPool();
    private final CognitoIdentityProvider cognito = new CognitoIdentityProvider(pool, POOL);

    @Test
    void shouldCreateTheFirstUserWithTheTenantAttributeAndAnEmailInvitation() {
        cognito.createFirstUser(new TenantId("acme"), new AdminUser("ann", "ann@acme.example", null));

        AdminCreateUserRequest created = pool.created.get(0);
        assertThat(created.userPoolId()).isEqualTo(POOL);
        assertThat(created.userAttributes()).extracting(AttributeType::name, AttributeType::value)
                .contains(org.assertj.core.groups.Tuple.tuple("custom:tenant_id", "acme"),
                        org.assertj.core.groups.Tuple.tuple("email", "ann@acme.example"));
        assertThat(created.desiredDeliveryMediums()).containsExactly(DeliveryMediumType.EMAIL);
        assertThat(created.temporaryPassword()).as("Cognito makes the temporary password").isNull();
    }

    @Test
    void shouldAcceptTheUserAPreviousAttemptCreatedForTheSameTenant() {
        pool.add("ann", "acme");

        cognito.createFirstUser(new TenantId("acme"), new AdminUser("ann", "ann@acme.example", null));

        assertThat(pool.created).isEmpty();
    }

    @Test
    void shouldRefuseAUsernameOfAnotherTenantAsAConflict() {
        pool.add("ann", "acme2");

        assertThatThrownBy(() -> cognito.createFirstUser(new TenantId("acme"), new AdminUser("ann", "a@acme.example", null)))
                .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.conflict()).isTrue());
        assertThat(pool.created).isEmpty();
    }

    @Test
    void shouldDeleteOnlyTheTenantsUsersAcrossPagesAndLeaveThePrefixSharingTenantAlone() {
        pool.add("ann", "acme");
        pool.add("abe", "acme2");
        pool.add("amy", "acme");
        pool.add("olivia", "");
        pool.add("art", "acme");

        int deleted = cognito.deleteUsersOf(new TenantId("acme"));

        assertThat(deleted).isEqualTo(3);
        assertThat(pool.users.keySet()).containsExactly("abe", "olivia");
        assertThat(cognito.countUsersOf(new TenantId("acme"))).isZero();
        assertThat(cognito.countUsersOf(new TenantId("acme2"))).isEqualTo(1);
    }

    /** The calls the provider makes; any other call fails the test (the SDK's defaults throw). */
    private static final class FakeUserPool implements CognitoIdentityProviderClient {

        final Map<String, String> users = new LinkedHashMap<>();
        final List<AdminCreateUserRequest> created = new ArrayList<>();

        void add(String username, String tenant) {
            users.put(username, tenant);
        }

        @Override
        public AdminGetUserResponse adminGetUser(AdminGetUserRequest request) {
            String tenant = users.get(request.username());
            if (tenant == null) {
                throw UserNotFoundException.builder().message("User does not exist.").build();
            }
            return AdminGetUserResponse.builder().username(request.username())
                    .userAttributes(AttributeType.builder().name("custom:tenant_id").value(tenant).build()).build();
        }

        @Override
        public AdminCreateUserResponse adminCreateUser(AdminCreateUserRequest request) {
            created.add(request);
            users.put(request.username(), request.userAttributes().stream()
                    .filter(a -> a.name().equals("custom:tenant_id")).findFirst().orElseThrow().value());
            return AdminCreateUserResponse.builder().build();
        }

        @Override
        public ListUsersResponse listUsers(ListUsersRequest request) {
            List<String> names = new ArrayList<>(users.keySet());
            int from = request.paginationToken() == null ? 0 : Integer.parseInt(request.paginationToken());
            List<UserType> page = new ArrayList<>();
            for (int i = from; i < Math.min(names.size(), from + 2); i++) {
                page.add(UserType.builder().username(names.get(i)).attributes(AttributeType.builder()
                        .name("custom:tenant_id").value(users.get(names.get(i))).build()).build());
            }
            return ListUsersResponse.builder().users(page)
                    .paginationToken(from + 2 < names.size() ? Integer.toString(from + 2) : null).build();
        }

        @Override
        public AdminDeleteUserResponse adminDeleteUser(AdminDeleteUserRequest request) {
            users.remove(request.username());
            return AdminDeleteUserResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "cognito-idp";
        }

        @Override
        public void close() {
        }
    }
}
