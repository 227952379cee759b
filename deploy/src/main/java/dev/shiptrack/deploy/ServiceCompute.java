package dev.shiptrack.deploy;

import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.ec2.ISecurityGroup;

import java.util.List;
import java.util.Optional;

/** What the stack needs from either compute target. */
interface ServiceCompute {

    /** The shipment-service API base URL. */
    String shipmentUrl();

    /** The tracking-service API base URL. */
    String trackingUrl();

    /** shipment-service's public entry point as the tenant edge's origin. */
    IOrigin shipmentOrigin();

    /** tracking-service's public entry point as the tenant edge's origin. */
    IOrigin trackingOrigin();

    /** The tenant-service (control plane) API base URL, where the stack runs it: only with its own user pool. */
    Optional<String> tenantUrl();

    /** The security groups of the services that log in to the database (shipment-service, tenant-service). */
    List<ISecurityGroup> databaseClients();
}
