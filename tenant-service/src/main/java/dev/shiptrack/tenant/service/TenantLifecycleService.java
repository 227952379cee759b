package dev.shiptrack.tenant.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tenant.client.IdentityProvider;
import dev.shiptrack.tenant.client.StepFailedException;
import dev.shiptrack.tenant.client.TenantDocuments;
import dev.shiptrack.tenant.client.TenantRoutes;
import dev.shiptrack.tenant.client.TenantSearchIndex;
import dev.shiptrack.tenant.client.TenantSiloTables;
import dev.shiptrack.tenant.client.TenantTrackingItems;
import dev.shiptrack.tenant.config.TenantServiceConfig;
import dev.shiptrack.tenant.model.LifecycleEvent;
import dev.shiptrack.tenant.model.NewTenant;
import dev.shiptrack.tenant.model.TenantHostname;
import dev.shiptrack.tenant.model.TenantPage;
import dev.shiptrack.tenant.model.TenantRecord;
import dev.shiptrack.tenant.model.TenantRecord.Operation;
import dev.shiptrack.tenant.model.TenantStatus;
import dev.shiptrack.tenant.model.TenantView;
import dev.shiptrack.tenant.model.Tier;
import dev.shiptrack.tenant.repository.DataPlaneDatabase;
import dev.shiptrack.tenant.repository.LifecycleEvents;
import dev.shiptrack.tenant.repository.TenantRegistry;
import dev.shiptrack.tvm.tenant.TenantId;

/**
 * Onboarding, suspension, reactivation, storage moves and offboarding. Every status change is a conditional write in
 * the registry, committed with its lifecycle event and the data plane's tenant row; the steps between are each
 * create-if-absent, delete-if-present or a copy that can be made again, so the same request after a failure resumes
 * where it stopped. No step creates an IAM role or policy: the data-plane steps run with the tenant's own ABAC
 * credentials.
 */
@ApplicationScoped
public class TenantLifecycleService {

    private static final Logger LOG = Logger.getLogger(TenantLifecycleService.class);
    private static final int INDEX_REREADS = 5;
    private static final Duration INDEX_REREAD_PAUSE = Duration.ofMillis(500);
    /** A custom hostname: exact, or a wildcard {@code *.<domain>} matching exactly one more label. */
    private static final Pattern CUSTOM_HOSTNAME = Pattern.compile("(\\*\\.)?" + TenantHostname.DNS_NAME);
    /** Passes over the source a move's verification makes at most, each copying what the previous found missing. */
    private static final int VERIFY_PASSES = 4;
    private static final String SWITCH_STEP = "switch";
    /** The failed step recorded when the transaction that claims, resumes or takes over an operation fails. */
    private static final String START_STEP = "start";
    /** How often a failure PostgreSQL could not take is offered to it again. */
    private static final Duration FAILURE_RECORD_RETRY = Duration.ofSeconds(1);

    /** A step of an operation. */
    @FunctionalInterface
    private interface Step {
        void run(Connection connection) throws SQLException;
    }

    private record NamedStep(String name, Step step) {
    }

    /** The work of a storage move's step, which adds what it counted to the step's lifecycle event. */
    @FunctionalInterface
    private interface MoveWork {
        void run(Connection connection, ObjectNode detail) throws SQLException;
    }

    private final DataSource database;
    private final TenantRegistry registry;
    private final LifecycleEvents events;
    private final DataPlaneDatabase dataPlane;
    private final TenantSearchIndex searchIndex;
    private final TenantTrackingItems trackingItems;
    private final TenantSiloTables siloTables;
    private final TenantDocuments documents;
    private final TenantRoutes routes;
    private final IdentityProvider identity;
    private final TenantServiceConfig config;
    private final ObjectMapper json;
    /** Failures PostgreSQL could not take when they happened, offered to it again (see recordFailure). */
    private final ScheduledExecutorService failureRecords;

    TenantLifecycleService(DataSource database, TenantRegistry registry, LifecycleEvents events,
            DataPlaneDatabase dataPlane, TenantSearchIndex searchIndex, TenantTrackingItems trackingItems,
            TenantSiloTables siloTables, TenantDocuments documents, TenantRoutes routes, IdentityProvider identity,
            TenantServiceConfig config, ObjectMapper json) {
        this.database = database;
        this.registry = registry;
        this.events = events;
        this.dataPlane = dataPlane;
        this.searchIndex = searchIndex;
        this.trackingItems = trackingItems;
        this.siloTables = siloTables;
        this.documents = documents;
        this.routes = routes;
        this.identity = identity;
        this.config = config;
        this.json = json;
        this.failureRecords = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tenant-failure-records");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Onboards a tenant, or answers a retry of the same request with the tenant as it is (or resumes it). */
    public Outcome onboard(NewTenant request) {
        if (config.reservedIds().contains(request.id())) {
            throw new InvalidTenantRequestException("The id " + request.id() + " is reserved");
        }
        if (request.admin().password() != null && !config.acceptAdminPassword()) {
            throw new InvalidTenantRequestException("admin.password is accepted only in local runs; the identity"
                    + " provider invites the first user");
        }
        String fingerprint = fingerprint(request);
        boolean[] inserted = new boolean[1];
        TenantRecord tenant = claim(request.id(), Operation.ONBOARDING, TenantStatus.PROVISIONING,
                (connection, attempt) -> {
            inserted[0] = registry.insertProvisioning(connection, request.id(), request.name(), request.tier(),
                    request.resolvedStorage(), fingerprint, request.admin().username(), request.admin().email(),
                    attempt);
            if (inserted[0]) {
                events.record(connection, request.id(), "TenantOnboardingStarted", detail("PROVISIONING"));
            }
            return registry.find(connection, request.id()).orElseThrow();
        });
        if (!tenant.fingerprint().equals(fingerprint)) {
            throw new TenantConflictException("Tenant " + request.id() + " exists with another name, tier, storage or"
                    + " first user; ids are never reused, even after offboarding");
        }
        switch (tenant.status()) {
            case PROVISIONING -> {
                if (!inserted[0]) {
                    Optional<TenantRecord> stalled = takeOverStalled(tenant, Operation.ONBOARDING);
                    if (stalled.isEmpty()) {
                        return new Outcome(tenant, Outcome.Result.IN_PROGRESS);
                    }
                    tenant = stalled.get();
                }
            }
            case ACTIVE, SUSPENDED -> {
                // A retry also repairs the data plane's copy of the status (written after the registry changed), and
                // routes a tenant onboarded before the routes registry existed.
                trackingItems.writeStatus(new TenantId(tenant.id()), tenant.storage(), tenant.status().name());
                writeRoutes(tenant);
                return new Outcome(tenant, Outcome.Result.UNCHANGED);
            }
            case MOVING -> {
                // Nothing to repair: the move writes the routes item, and the status item moves with the others.
                return new Outcome(tenant, Outcome.Result.UNCHANGED);
            }
            case OFFBOARDING, DELETED -> throw new TenantConflictException("Tenant " + request.id()
                    + " was offboarded; its id is not reused");
            case FAILED -> {
                if (tenant.failedOperation().orElse(null) != Operation.ONBOARDING) {
                    throw failedOtherOperation(tenant);
                }
                Optional<TenantRecord> resumed = claim(request.id(), Operation.ONBOARDING, TenantStatus.PROVISIONING,
                        (connection, attempt) -> registry.transition(connection, request.id(),
                                EnumSet.of(TenantStatus.FAILED), TenantStatus.PROVISIONING, false, attempt));
                if (resumed.isEmpty()) {
                    return new Outcome(current(request.id()), Outcome.Result.IN_PROGRESS);
                }
                tenant = resumed.get();
            }
        }
        return new Outcome(runOnboarding(tenant, request), Outcome.Result.CREATED);
    }

    private TenantRecord runOnboarding(TenantRecord tenant, NewTenant request) {
        TenantId id = new TenantId(tenant.id());
        List<NamedStep> steps = new ArrayList<>(List.of(
                new NamedStep("tenant-row", connection -> dataPlane.insertDisabledTenantRow(connection, id.value(),
                        tenant.tier())),
                new NamedStep("database-role", connection -> dataPlane.createTenantRole(connection, id.value())),
                new NamedStep("search-index", connection -> searchIndex.create(id))));
        if (tenant.storage() == StorageModel.SILO) {
            steps.add(new NamedStep("silo-table", connection -> siloTables.create(id)));
        }
        steps.addAll(List.of(
                new NamedStep("identity-user", connection -> identity.createFirstUser(id, request.admin())),
                new NamedStep("routes", connection -> writeRoutes(tenant)),
                new NamedStep("tenant-status", connection -> trackingItems.writeStatus(id, tenant.storage(),
                        TenantDataLayout.ACTIVE))));
        runSteps(tenant, Operation.ONBOARDING, TenantStatus.PROVISIONING, tenant.stepsDone(), steps);
        return operationTransaction(new UnfinishedOperation(id.value(), Operation.ONBOARDING,
                TenantStatus.PROVISIONING, "activate", tenant.attempt().orElseThrow()), connection -> {
            dataPlane.setTenantRowStatus(connection, id.value(), "active");
            TenantRecord active = registry.transition(connection, id.value(), EnumSet.of(TenantStatus.PROVISIONING),
                    TenantStatus.ACTIVE, false, null).orElseThrow(() -> new TenantConflictException(
                            "Tenant " + id + " changed status while it was being onboarded"));
            events.record(connection, id.value(), "TenantOnboardingSucceeded", detail("ACTIVE"));
            return active;
        });
    }

    /**
     * The tenant's routes item with its tier and storage, and its subdomain; create-if-absent, never over another
     * tenant's.
     */
    private void writeRoutes(TenantRecord tenant) {
        TenantId id = new TenantId(tenant.id());
        routes.writeTenant(id, tenant.tier(), tenant.storage(), tenant.updatedAt());
        routes.register(id, subdomain(tenant.id()));
    }

    /**
     * Writes the tenant's routes item as the registry row {@code after} has it. A write that timed out may still land
     * when the store answers again, so on a failure the item of {@code before} is written back with a newer version,
     * which that late write cannot replace, and the failure is thrown: the caller's transaction rolls back.
     */
    private void writeTenantRoute(TenantRecord before, TenantRecord after) {
        TenantId id = new TenantId(after.id());
        try {
            routes.writeTenant(id, after.tier(), after.storage(), after.updatedAt());
        } catch (StepFailedException unknownOutcome) {
            try {
                routes.writeTenant(id, before.tier(), before.storage(), after.updatedAt().plusNanos(1_000));
            } catch (StepFailedException stillUnknown) {
                LOG.warnf("The routes item of %s could not be written back either; the next change repairs it: %s",
                        after.id(), stillUnknown.getMessage());
            }
            throw unknownOutcome;
        }
    }

    private String subdomain(String tenantId) {
        return tenantId + "." + config.routing().baseDomain();
    }

    /**
     * ACTIVE to SUSPENDED: shipment-service refuses the tenant's users from the next request on, tracking-service
     * once its status cache expires ({@code tracking.tenant-status.cache-ttl}).
     */
    public Outcome suspend(String tenantId) {
        return toggle(tenantId, TenantStatus.ACTIVE, TenantStatus.SUSPENDED, "suspended", "TenantSuspended");
    }

    /** SUSPENDED to ACTIVE. */
    public Outcome activate(String tenantId) {
        return toggle(tenantId, TenantStatus.SUSPENDED, TenantStatus.ACTIVE, "active", "TenantActivated");
    }

    /**
     * The registry and the tenant row change in one transaction; the DynamoDB status item follows. If that write
     * fails the answer is 503, and the same request again (then "unchanged") writes it again.
     */
    private Outcome toggle(String tenantId, TenantStatus from, TenantStatus to, String rowStatus, String detailType) {
        Outcome outcome = changeRegistry(tenantId, from, to, rowStatus, detailType);
        trackingItems.writeStatus(new TenantId(tenantId), outcome.tenant().storage(), to.name());
        return outcome;
    }

    private Outcome changeRegistry(String tenantId, TenantStatus from, TenantStatus to, String rowStatus,
            String detailType) {
        return inTransaction(connection -> {
            Optional<TenantRecord> changed = registry.transition(connection, tenantId, EnumSet.of(from), to, false, null);
            if (changed.isEmpty()) {
                TenantRecord tenant = registry.find(connection, tenantId)
                        .orElseThrow(() -> new TenantNotFoundException(tenantId));
                if (tenant.status() == to) {
                    return new Outcome(tenant, Outcome.Result.UNCHANGED);
                }
                throw new TenantConflictException("Tenant " + tenantId + " is " + tenant.status() + ", not " + from);
            }
            dataPlane.setTenantRowStatus(connection, tenantId, rowStatus);
            events.record(connection, tenantId, detailType, detail(to.name()));
            return new Outcome(changed.get(), Outcome.Result.CREATED);
        });
    }

    /**
     * Offboards the tenant: erases its users, items, documents, index, shipments, database role and tenant row,
     * verifies that nothing is left, and keeps a tombstone. The same request after a failure resumes.
     */
    public Outcome offboard(String tenantId) {
        TenantRecord tenant = current(tenantId);
        switch (tenant.status()) {
            case DELETED -> {
                return new Outcome(tenant, Outcome.Result.UNCHANGED);
            }
            case OFFBOARDING -> {
                Optional<TenantRecord> stalled = takeOverStalled(tenant, Operation.OFFBOARDING);
                return stalled.isPresent() ? new Outcome(erase(stalled.get()), Outcome.Result.CREATED)
                        : new Outcome(tenant, Outcome.Result.IN_PROGRESS);
            }
            case PROVISIONING -> throw new TenantConflictException("Tenant " + tenantId + " is being onboarded;"
                    + " offboard it once that ended");
            case MOVING -> throw movingElsewhere(tenant);
            default -> {
                // ACTIVE, SUSPENDED or FAILED: claimed below
            }
        }
        boolean resume = tenant.status() == TenantStatus.FAILED
                && tenant.failedOperation().orElse(null) == Operation.OFFBOARDING;
        TenantStatus from = tenant.status();
        Optional<TenantRecord> claimed = claim(tenantId, Operation.OFFBOARDING, TenantStatus.OFFBOARDING,
                (connection, attempt) -> {
            Optional<TenantRecord> offboarding = registry.transition(connection, tenantId, EnumSet.of(from),
                    TenantStatus.OFFBOARDING, !resume, attempt);
            if (offboarding.isPresent()) {
                dataPlane.setTenantRowStatus(connection, tenantId, "disabled");
                events.record(connection, tenantId, "TenantOffboardingStarted", detail("OFFBOARDING"));
            }
            return offboarding;
        });
        if (claimed.isEmpty()) {
            throw new TenantConflictException("Tenant " + tenantId + " changed status meanwhile; it is now "
                    + current(tenantId).status());
        }
        return new Outcome(erase(claimed.get()), Outcome.Result.CREATED);
    }

    /**
     * The steps of offboarding not done yet, then the tombstone. The pooled table's items and the silo table are both
     * erased whatever the tenant's storage: a move that failed may have left items in both.
     */
    private TenantRecord erase(TenantRecord offboarding) {
        String tenantId = offboarding.id();
        TenantId id = new TenantId(tenantId);
        StorageModel storage = offboarding.storage();
        int[] erased = new int[5];
        runSteps(offboarding, Operation.OFFBOARDING, TenantStatus.OFFBOARDING,
                offboarding.stepsDone(), List.of(
                // tracking-service refuses the tenant from its next status read on; then nobody logs in again. A silo
                // table that was never created holds no status to disable.
                new NamedStep("tenant-status", connection -> {
                    if (storage == StorageModel.POOL || siloTables.exists(id)) {
                        trackingItems.writeStatus(id, storage, "DISABLED");
                    }
                }),
                new NamedStep("routes", connection -> erased[3] = routes.deleteAll(id)),
                new NamedStep("identity-users", connection -> erased[0] = identity.deleteUsersOf(id)),
                new NamedStep("tracking-items", connection -> erased[1] = trackingItems.deleteAll(id)),
                new NamedStep("silo-table", connection -> {
                    erased[4] = trackingItems.countSilo(id);
                    siloTables.delete(id);
                }),
                new NamedStep("documents", connection -> erased[2] = documents.deleteAll(id)),
                new NamedStep("search-index", connection -> searchIndex.delete(id)),
                new NamedStep("shipments", connection -> dataPlane.deleteShipments(connection, tenantId)),
                new NamedStep("database-role", connection -> dataPlane.dropTenantRole(connection, tenantId)),
                new NamedStep("tenant-row", connection -> dataPlane.deleteTenantRow(connection, tenantId)),
                new NamedStep("verification", connection -> verifyErased(id))));
        return operationTransaction(new UnfinishedOperation(tenantId, Operation.OFFBOARDING, TenantStatus.OFFBOARDING,
                "tombstone", offboarding.attempt().orElseThrow()), connection -> {
            TenantRecord deleted = registry.tombstone(connection, tenantId).orElseThrow(
                    () -> new TenantConflictException("Tenant " + tenantId + " changed status while offboarding"));
            ObjectNode detail = detail("DELETED");
            detail.put("usersDeleted", erased[0]).put("itemsDeleted", erased[1]).put("documentsDeleted", erased[2])
                    .put("routesDeleted", erased[3]).put("siloItemsDeleted", erased[4]);
            events.record(connection, tenantId, "TenantOffboardingSucceeded", detail);
            return deleted;
        });
    }

    /**
     * An operation whose process died (or whose function timed out) leaves the tenant PROVISIONING or OFFBOARDING
     * with no failure recorded; once it has recorded no step for {@code tenant-service.stalled-after}, the same
     * request takes it over and runs the remaining steps, each of which tolerates what the dead one did.
     */
    private Optional<TenantRecord> takeOverStalled(TenantRecord tenant, Operation operation) {
        return claim(tenant.id(), operation, tenant.status(), (connection, attempt) -> {
            Optional<TenantRecord> taken = registry.takeOverStalled(connection, tenant.id(), tenant.status(),
                    config.stalledAfter(), attempt);
            if (taken.isPresent()) {
                LOG.warnf("%s of %s recorded no step since %s; this request resumes it", operation, tenant.id(),
                        tenant.updatedAt());
                events.record(connection, tenant.id(), "TenantOperationResumed", detail(tenant.status().name())
                        .put("operation", operation.name()).put("stalledSince", tenant.updatedAt().toString()));
            }
            return taken;
        });
    }

    /**
     * Reads every data-plane store again; offboarding never reports DELETED while something is left. The DynamoDB
     * index is eventually consistent on AWS (it may still list deleted keys for a moment): a few short rereads
     * before giving up.
     */
    private void verifyErased(TenantId tenant) {
        int items = trackingItems.count(tenant);
        for (int reread = 0; items > 0 && reread < INDEX_REREADS; reread++) {
            pause(INDEX_REREAD_PAUSE);
            items = trackingItems.count(tenant);
        }
        int siloItems = trackingItems.countSilo(tenant);
        boolean siloTable = siloTables.exists(tenant);
        int routeItems = routes.count(tenant);
        int objects = documents.count(tenant);
        boolean index = searchIndex.exists(tenant);
        int users = identity.countUsersOf(tenant);
        if (items > 0 || siloItems > 0 || siloTable || routeItems > 0 || objects > 0 || index || users > 0) {
            throw new StepFailedException(String.format("still present: %d items, silo table %s with %d items, %d"
                            + " routes, %d documents, index %s, %d users", items, siloTable ? "yes" : "no", siloItems,
                    routeItems, objects, index ? "yes" : "no", users), false, null);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("interrupted while waiting", false, e);
        }
    }

    /**
     * Changes the tier in the registry, the data plane's tenant row and the routes item, with the registry row locked
     * throughout: if the routes write fails nothing changed (503), and no offboarding can start before it ended. The
     * storage stays: moving the items is an operation of its own ({@link #moveStorage}).
     */
    public TenantRecord changeTier(String tenantId, Tier tier) {
        return inTransaction(connection -> {
            TenantRecord tenant = lockSettled(connection, tenantId, "change its tier");
            TenantRecord changed = registry.changeTier(connection, tenantId, tier);
            dataPlane.setTenantRowTier(connection, tenantId, tier);
            // Also when the tier is unchanged: the same request again repairs the routes item.
            writeTenantRoute(tenant, changed);
            if (tenant.tier() != tier) {
                events.record(connection, tenantId, "TenantTierChanged", detail(tenant.status().name())
                        .put("from", tenant.tier().value()).put("to", tier.value()));
            }
            return changed;
        });
    }

    /**
     * Moves the tenant's tracking items to the pooled table or to its silo table, while its users go on being served;
     * see docs/tenant-service.md, "Moving a tenant's storage". The tenant is MOVING meanwhile (no other operation can
     * start), then returns to the status it had.
     *
     * @return the tenant with its new storage; as it is when the storage is {@code target} already
     */
    public TenantRecord moveStorage(String tenantId, StorageModel target) {
        TenantRecord tenant = current(tenantId);
        TenantRecord moving = switch (tenant.status()) {
            case ACTIVE, SUSPENDED -> {
                if (tenant.storage() == target) {
                    yield tenant;
                }
                yield startMove(tenant, target);
            }
            case MOVING -> {
                if (tenant.movingTo().orElse(null) != target) {
                    throw movingElsewhere(tenant);
                }
                yield takeOverStalled(tenant, Operation.STORAGE_MOVE).orElseThrow(() -> new TenantConflictException(
                        "A storage move of tenant " + tenantId + " to " + target.value() + " is running"));
            }
            case FAILED -> resumeMove(tenant, target);
            case DELETED -> throw new TenantNotFoundException(tenantId);
            case PROVISIONING, OFFBOARDING -> throw new TenantConflictException("Tenant " + tenantId + " is "
                    + tenant.status() + "; only an active or suspended tenant can move its storage");
        };
        return moving.status() == TenantStatus.MOVING ? runMove(moving) : moving;
    }

    /** ACTIVE or SUSPENDED to MOVING; another request that won meanwhile is a conflict, unless it finished this move. */
    private TenantRecord startMove(TenantRecord tenant, StorageModel target) {
        Optional<TenantRecord> started = claim(tenant.id(), Operation.STORAGE_MOVE, TenantStatus.MOVING,
                (connection, attempt) -> {
            Optional<TenantRecord> moving = registry.startMove(connection, tenant.id(), target, attempt);
            if (moving.isPresent()) {
                events.record(connection, tenant.id(), "TenantStorageMoveStarted", detail("MOVING")
                        .put("from", tenant.storage().value()).put("to", target.value()));
            }
            return moving;
        });
        if (started.isPresent()) {
            return started.get();
        }
        TenantRecord now = current(tenant.id());
        if (now.storage() == target && (now.status() == TenantStatus.ACTIVE || now.status() == TenantStatus.SUSPENDED)) {
            return now;
        }
        throw now.status() == TenantStatus.MOVING ? movingElsewhere(now) : new TenantConflictException("Tenant "
                + tenant.id() + " changed status meanwhile; it is now " + now.status());
    }

    /** A FAILED tenant is finished by the request of the operation that failed, again. */
    private static TenantConflictException failedOtherOperation(TenantRecord tenant) {
        String retry = tenant.failedOperation().map(operation -> switch (operation) {
            case ONBOARDING -> "POST /tenants with the same body";
            case STORAGE_MOVE -> "PUT /tenants/" + tenant.id() + "/storage with the same model, or DELETE";
            case OFFBOARDING -> "DELETE /tenants/" + tenant.id();
        }).orElse("DELETE /tenants/" + tenant.id());
        return new TenantConflictException("Tenant " + tenant.id() + " failed "
                + tenant.failedOperation().map(Enum::name).orElse("an operation") + " at step "
                + tenant.failedStep().orElse("?") + "; finish it with " + retry);
    }

    private static TenantConflictException movingElsewhere(TenantRecord tenant) {
        return new TenantConflictException("Tenant " + tenant.id() + " is moving to "
                + tenant.movingTo().map(StorageModel::value).orElse("another storage") + "; wait until it ended");
    }

    /** A move that failed is resumed by the same request again; any other operation is finished by its own. */
    private TenantRecord resumeMove(TenantRecord tenant, StorageModel target) {
        if (tenant.failedOperation().orElse(null) != Operation.STORAGE_MOVE) {
            throw failedOtherOperation(tenant);
        }
        if (tenant.movingTo().orElse(null) != target) {
            throw new TenantConflictException("The move of tenant " + tenant.id() + " to "
                    + tenant.movingTo().map(StorageModel::value).orElse("another storage") + " failed at step "
                    + tenant.failedStep().orElse("?") + "; retry that move first (or offboard the tenant)");
        }
        return claim(tenant.id(), Operation.STORAGE_MOVE, TenantStatus.MOVING, (connection, attempt) ->
                registry.transition(connection, tenant.id(), EnumSet.of(TenantStatus.FAILED), TenantStatus.MOVING,
                        false, attempt)).orElseThrow(() ->
                new TenantConflictException("Tenant " + tenant.id() + " changed status meanwhile; it is now "
                        + current(tenant.id()).status()));
    }

    /**
     * The steps of a move not done yet, then the tenant back in the status it had. Until the switch the source is the
     * truth and may have changed since an interrupted attempt, so a resumed move copies again from the start; from
     * the switch on it continues where it stopped. Nothing is erased before the switch and the catch-up's
     * verification.
     */
    private TenantRecord runMove(TenantRecord moving) {
        TenantId id = new TenantId(moving.id());
        StorageModel to = moving.movingTo().orElseThrow();
        StorageModel from = to == StorageModel.SILO ? StorageModel.POOL : StorageModel.SILO;
        List<NamedStep> steps = new ArrayList<>();
        if (to == StorageModel.SILO) {
            steps.add(moveStep(moving, "silo-table", (connection, detail) -> siloTables.create(id)));
        }
        steps.addAll(List.of(
                moveStep(moving, "copy", (connection, detail) ->
                        detail.put("copied", trackingItems.copyAll(id, from, to))),
                // The services still write to the source: what they added since the copy listed it is copied too.
                moveStep(moving, "verify", (connection, detail) -> verifyCopied(id, from, to, detail)),
                moveStep(moving, SWITCH_STEP, (connection, detail) -> {
                    TenantRecord before = registry.findForUpdate(connection, id.value()).orElseThrow();
                    writeTenantRoute(before, registry.switchStorage(connection, id.value()));
                }),
                // Services whose registry snapshot predates the switch still use the source meanwhile.
                moveStep(moving, "drain", (connection, detail) -> {
                    pause(config.storageMove().drain());
                    detail.put("drainedSeconds", config.storageMove().drain().toSeconds());
                }),
                moveStep(moving, "catch-up", (connection, detail) -> verifyCopied(id, from, to, detail)),
                moveStep(moving, "erase-source", (connection, detail) -> {
                    if (from == StorageModel.POOL) {
                        detail.put("deleted", trackingItems.deleteAll(id));
                    } else {
                        siloTables.delete(id);
                    }
                })));
        List<String> done = moving.stepsDone().contains(SWITCH_STEP) ? moving.stepsDone() : List.of();
        runSteps(moving, Operation.STORAGE_MOVE, TenantStatus.MOVING, done, steps);
        return operationTransaction(new UnfinishedOperation(id.value(), Operation.STORAGE_MOVE, TenantStatus.MOVING,
                "finish-move", moving.attempt().orElseThrow()), connection -> {
            TenantRecord moved = registry.finishMove(connection, id.value()).orElseThrow(() ->
                    new TenantConflictException("Tenant " + id + " changed status while its storage moved"));
            events.record(connection, id.value(), "TenantStorageMoved", detail(moved.status().name())
                    .put("from", from.value()).put("to", to.value()));
            return moved;
        });
    }

    /** A step of a move, recorded with a {@code TenantStorageMoveStepDone} event carrying what it counted. */
    private NamedStep moveStep(TenantRecord moving, String name, MoveWork work) {
        return new NamedStep(name, connection -> {
            ObjectNode detail = detail("MOVING").put("step", name)
                    .put("to", moving.movingTo().orElseThrow().value());
            work.run(connection, detail);
            events.record(connection, moving.id(), "TenantStorageMoveStepDone", detail);
        });
    }

    /**
     * Passes over the source copying the items the target lacks, until a pass finds none missing: then every source
     * key is in the target. Fails (nothing switched or erased) when the target still lacked some after the last pass.
     */
    private void verifyCopied(TenantId id, StorageModel from, StorageModel to, ObjectNode detail) {
        int copied = 0;
        for (int pass = 1; pass <= VERIFY_PASSES; pass++) {
            TenantTrackingItems.Copied result = trackingItems.copyMissing(id, from, to);
            if (result.copied() == 0) {
                detail.put("sourceItems", result.sourceItems()).put("copiedMissing", copied).put("passes", pass);
                return;
            }
            copied += result.copied();
        }
        throw new StepFailedException("the " + to.value() + " table still lacked items of the " + from.value()
                + " table after " + VERIFY_PASSES + " passes (the tenant writes faster than they are copied)", false,
                null);
    }

    /** The tenant's subdomain and custom hostnames, from the routes registry. */
    public List<TenantHostname> hostnames(String tenantId) {
        current(tenantId);
        String subdomain = subdomain(tenantId);
        return routes.hostnames(new TenantId(tenantId)).stream().map(hostname -> new TenantHostname(hostname,
                hostname.equals(subdomain) ? TenantHostname.Kind.SUBDOMAIN : TenantHostname.Kind.CUSTOM)).toList();
    }

    /**
     * Routes a custom hostname to the tenant; DynamoDB's conditional write decides between two tenants racing for it.
     *
     * @return true when registered by this request, false when it already routed to the tenant
     */
    public boolean registerHostname(String tenantId, String hostname) {
        requireCustomHostname(hostname);
        return inTransaction(connection -> {
            TenantRecord tenant = lockSettled(connection, tenantId, "register a hostname");
            boolean registered = routes.register(new TenantId(tenantId), hostname);
            if (registered) {
                events.record(connection, tenantId, "TenantHostnameRegistered", detail(tenant.status().name())
                        .put("hostname", hostname));
            }
            return registered;
        });
    }

    /** Removes a custom hostname of the tenant; another tenant's is never touched (404, as if absent). */
    public void unregisterHostname(String tenantId, String hostname) {
        boolean subdomain = hostname.equals(subdomain(tenantId));
        if (!subdomain) {
            requireCustomHostname(hostname);
        }
        inTransaction(connection -> {
            TenantRecord tenant = lockSettled(connection, tenantId, "unregister a hostname");
            if (subdomain) {
                throw new TenantConflictException(hostname + " is the tenant's subdomain: it stays until offboarding");
            }
            if (!routes.unregister(new TenantId(tenantId), hostname)) {
                throw new HostnameNotFoundException(tenantId, hostname);
            }
            events.record(connection, tenantId, "TenantHostnameUnregistered", detail(tenant.status().name())
                    .put("hostname", hostname));
            return null;
        });
    }

    /**
     * Hostnames are taken as sent, never lowercased: uppercase is refused, so the routes key is exactly what the
     * operator asked for. Names under the base domain are the tenants' subdomains.
     */
    private void requireCustomHostname(String hostname) {
        if (hostname.length() > TenantHostname.MAX_LENGTH || !CUSTOM_HOSTNAME.matcher(hostname).matches()) {
            throw new InvalidTenantRequestException("A hostname is at most " + TenantHostname.MAX_LENGTH
                    + " characters: two or more dot-separated labels of 1 to 63 lowercase letters, digits and inner"
                    + " hyphens, optionally preceded by '*.' (a wildcard for one more label); no port, no trailing dot");
        }
        String baseDomain = config.routing().baseDomain();
        String domain = hostname.startsWith("*.") ? hostname.substring(2) : hostname;
        if (domain.equals(baseDomain) || domain.endsWith("." + baseDomain)) {
            throw new InvalidTenantRequestException("Hostnames under " + baseDomain + " are reserved for the tenants'"
                    + " subdomains <tenant>." + baseDomain);
        }
    }

    /**
     * The tenant's registry row, locked until the transaction ends, when it is ACTIVE or SUSPENDED; an offboarded
     * tenant is unknown (404), one in an operation or failed is a conflict (409).
     */
    private TenantRecord lockSettled(Connection connection, String tenantId, String change) throws SQLException {
        TenantRecord tenant = registry.findForUpdate(connection, tenantId)
                .filter(found -> found.status() != TenantStatus.DELETED)
                .orElseThrow(() -> new TenantNotFoundException(tenantId));
        if (tenant.status() != TenantStatus.ACTIVE && tenant.status() != TenantStatus.SUSPENDED) {
            throw new TenantConflictException("Tenant " + tenantId + " is " + tenant.status() + "; only an active or"
                    + " suspended tenant can " + change);
        }
        return tenant;
    }

    public TenantView get(String tenantId) {
        return TenantView.of(current(tenantId));
    }

    public TenantPage page(int page, int size) {
        if (page < 0 || size < 1 || size > config.maxPageSize()) {
            throw new InvalidTenantRequestException("page must be 0 or more and size 1 to " + config.maxPageSize());
        }
        return inTransaction(connection -> new TenantPage(registry.page(connection, page, size).stream()
                .map(TenantView::of).toList(), page, size, registry.count(connection)));
    }

    public List<LifecycleEvent> events(String tenantId) {
        current(tenantId);
        return inTransaction(connection -> events.of(connection, tenantId));
    }

    private TenantRecord current(String tenantId) {
        return inTransaction(connection -> registry.find(connection, tenantId))
                .orElseThrow(() -> new TenantNotFoundException(tenantId));
    }

    /**
     * Runs the steps not in {@code done}, each recorded when done, for the attempt that holds the operation; the first
     * failure leaves the tenant FAILED there.
     */
    private void runSteps(TenantRecord tenant, Operation operation, TenantStatus running, List<String> done,
            List<NamedStep> steps) {
        UUID attempt = tenant.attempt().orElseThrow();
        for (NamedStep step : steps) {
            if (done.contains(step.name())) {
                continue;
            }
            try {
                inTransaction(connection -> {
                    step.step().run(connection);
                    registry.stepDone(connection, tenant.id(), step.name());
                    return null;
                });
            } catch (RuntimeException e) {
                boolean conflict = e instanceof StepFailedException failed && failed.conflict()
                        || e.getCause() instanceof DataPlaneDatabase.RoleNameTakenException;
                LOG.warnf("%s of %s failed at step %s: %s", operation, tenant.id(), step.name(), e.getMessage());
                recordFailure(new UnfinishedOperation(tenant.id(), operation, running, step.name(), attempt));
                throw new OperationFailedException(tenant.id(), operation, step.name(), conflict, e);
            }
        }
    }

    /**
     * A transaction that claims, resumes or ends an operation. When PostgreSQL fails it, the tenant is left FAILED at
     * {@code step} as soon as PostgreSQL answers again, provided the attempt holds the operation: also when the failure
     * came at COMMIT, which may have committed (its answer was lost), so that the same request resumes the operation
     * instead of finding it "in progress" until {@code stalled-after}.
     */
    private <T> T operationTransaction(UnfinishedOperation operation, Work<T> work) {
        try {
            return inTransaction(work);
        } catch (DatabaseException e) {
            recordFailure(operation);
            throw e;
        }
    }

    /**
     * The transaction that claims an operation (begins, resumes or takes it over) for a new attempt, whose id
     * {@code work} writes into the registry row; when it fails, the operation is left FAILED at {@code start}, as
     * {@link #operationTransaction} does, if the claim committed after all.
     */
    private <T> T claim(String tenantId, Operation operation, TenantStatus running, ClaimWork<T> work) {
        UUID attempt = UUID.randomUUID();
        return operationTransaction(new UnfinishedOperation(tenantId, operation, running, START_STEP, attempt),
                connection -> work.run(connection, attempt));
    }

    /** A claim's work, given the id of the attempt it claims the operation for. */
    @FunctionalInterface
    private interface ClaimWork<T> {
        T run(Connection connection, UUID attempt) throws SQLException;
    }

    /** An operation that stopped at {@code step}, held by the request {@code attempt}. */
    private record UnfinishedOperation(String tenantId, Operation operation, TenantStatus running, String step,
            UUID attempt) {
    }

    /**
     * Leaves the tenant FAILED at the step. When PostgreSQL cannot take that now (the failure was PostgreSQL's, say),
     * it is tried again every second in the background: an unrecorded failure would keep the tenant PROVISIONING or
     * OFFBOARDING, and every retry of the request would be answered "in progress" until {@code stalled-after}.
     */
    private void recordFailure(UnfinishedOperation failed) {
        try {
            recordFailureNow(failed);
        } catch (DatabaseException unrecorded) {
            LOG.errorf("The failure of %s at step %s could not be recorded yet, retrying in the background: %s",
                    failed.tenantId(), failed.step(), unrecorded.getMessage());
            recordFailureLater(failed, System.nanoTime() + config.stalledAfter().toNanos());
        }
    }

    private void recordFailureLater(UnfinishedOperation failed, long giveUpAt) {
        failureRecords.schedule(() -> {
            try {
                recordFailureNow(failed);
                LOG.infof("The failure of %s at step %s is recorded", failed.tenantId(), failed.step());
            } catch (DatabaseException stillUnrecorded) {
                if (System.nanoTime() < giveUpAt) {
                    recordFailureLater(failed, giveUpAt);
                } else {
                    LOG.errorf("The failure of %s was never recorded; the next request takes the operation over",
                            failed.tenantId());
                }
            }
        }, FAILURE_RECORD_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** FAILED with its lifecycle event, unless another request changed the tenant since (it took the operation over). */
    private void recordFailureNow(UnfinishedOperation failed) {
        inTransaction(connection -> {
            if (registry.fail(connection, failed.tenantId(), failed.running(), failed.operation(), failed.step(),
                    failed.attempt()).isPresent()) {
                events.record(connection, failed.tenantId(), switch (failed.operation()) {
                    case ONBOARDING -> "TenantOnboardingFailed";
                    case OFFBOARDING -> "TenantOffboardingFailed";
                    case STORAGE_MOVE -> "TenantStorageMoveFailed";
                }, detail("FAILED").put("step", failed.step()).put("operation", failed.operation().name()));
            }
            return null;
        });
    }

    @PreDestroy
    void stopRecordingFailures() {
        failureRecords.shutdownNow();
    }

    private ObjectNode detail(String status) {
        return json.createObjectNode().put("status", status);
    }

    /**
     * SHA-256 of the request without the password (which is never stored in any form). The storage counts only when
     * it is not the tier's default, so that a request from before storage could be chosen keeps its fingerprint.
     */
    private static String fingerprint(NewTenant request) {
        String canonical = String.join("\n", request.id(), request.name(), request.tier().value(),
                request.admin().username(), request.admin().email());
        if (request.resolvedStorage() != request.tier().defaultStorage()) {
            canonical += "\nstorage=" + request.resolvedStorage().value();
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Work in one transaction of the control plane's database. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** PostgreSQL failed or refused; the transaction was rolled back. */
    public static final class DatabaseException extends RuntimeException {

        DatabaseException(SQLException cause) {
            super("PostgreSQL: " + cause.getMessage(), cause);
        }
    }
}
