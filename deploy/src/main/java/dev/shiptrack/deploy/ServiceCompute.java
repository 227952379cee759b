package dev.shiptrack.deploy;

import software.amazon.awscdk.services.ec2.ISecurityGroup;

/** What the stack needs from either compute target. */
interface ServiceCompute {

    /** The shipment-service API base URL. */
    String shipmentUrl();

    /** The tracking-service API base URL. */
    String trackingUrl();

    /** The security group of shipment-service, which the database admits. */
    ISecurityGroup shipmentSecurityGroup();
}
