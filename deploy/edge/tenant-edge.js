// The tenant edge: a CloudFront Function (runtime cloudfront-js-2.0, viewer request) in front of every service.
// It derives the tenant from the viewer's hostname <tenant>.<base domain> and hands it to the origin signed, so that
// a service can tell the edge's X-Tenant-Id from one a client made up (dev.shiptrack.tvm.routing.EdgeSignature
// verifies it; docs/deploy.md, "The tenant edge").
import cf from 'cloudfront';
import crypto from 'crypto';

// TenantEdge (deploy) replaces this with the deployment's base domain at synth time; DeploymentSettings has
// validated it as a lowercase DNS name, so it cannot break out of the string.
const BASE_DOMAIN = '__TENANT_BASE_DOMAIN__';
// The key of the signing secret in the function's key value store; the operator puts it there (never the template).
const SECRET_KEY = 'edge-signing-secret';
// The tenant id format of docs/architecture.md.
const TENANT_ID = /^[a-z0-9]{3,32}$/;

const store = cf.kvs();

async function handler(event) {
    const request = event.request;
    const headers = request.headers;
    // Only the edge sets these: whatever a client sent under these names goes, every copy of it.
    delete headers['x-tenant-id'];
    delete headers['x-tenant-host'];
    delete headers['x-edge-signature'];

    const host = viewerHost(headers.host ? headers.host.value : '');
    const tenant = tenantOf(host);
    let secret;
    try {
        secret = await store.get(SECRET_KEY);
    } catch (missing) {
        // Nothing can be signed yet; the services would refuse the unsigned request anyway, so say why here.
        return { statusCode: 503, statusDescription: 'Edge signing secret not configured' };
    }
    const signedAt = Math.floor(Date.now() / 1000);
    const signature = crypto.createHmac('sha256', secret)
        .update('v1\n' + signedAt + '\n' + host + '\n' + tenant)
        .digest('hex');

    headers['x-tenant-host'] = { value: host };
    if (tenant !== '') {
        // No tenant: no header at all (the signature covers the empty tenant), rather than an empty value.
        headers['x-tenant-id'] = { value: tenant };
    }
    // ';', not ',': API Gateway joins repeated headers with commas, and Quarkus' Lambda adapter splits at them.
    headers['x-edge-signature'] = { value: 't=' + signedAt + ';v1=' + signature };
    return request;
}

// The Host as the viewer sent it, lowercase and without a port ([v6]:port keeps its brackets).
function viewerHost(value) {
    const host = value.trim().toLowerCase();
    const end = host.charAt(0) === '[' ? host.indexOf(']') + 1 : host.indexOf(':');
    return end > 0 ? host.substring(0, end) : host;
}

// <tenant>.<base domain> with a well-formed tenant id; anything else (the base domain itself, a deeper name,
// another domain, the distribution's own name) resolves no tenant.
function tenantOf(host) {
    const suffix = '.' + BASE_DOMAIN;
    if (host.length <= suffix.length || host.slice(-suffix.length) !== suffix) {
        return '';
    }
    const label = host.slice(0, -suffix.length);
    return TENANT_ID.test(label) ? label : '';
}
