#!/usr/bin/env bash
# Cross-tenant negative tests (seed 001) against a DEPLOYED stack. Opt-in: it needs an AWS account, the aws
# CLI v2, curl and jq, and it creates (then deletes) two Cognito users and one temporary IAM role. Not run in CI.
#
# Usage: STACK=ShipTrack-lambda [TENANT_A=yellow] [TENANT_B=yellow2] deploy/isolation-check.sh
#
#   STACK           CloudFormation stack name (ShipTrack-<stage>), required
#   AWS_REGION      region of the stack (default: the CLI's configured region)
#   TENANT_A/B      two tenant ids, [a-z0-9]{3,32}; the defaults share a prefix on purpose
#   SHIPMENTS_PATH  shipment-service path of one shipment, {id} replaced (default /shipments/{id})
#   TRACKING_PATH   tracking-service path of a shipment's events, {id} replaced (default /tracking/{id}/events)
#   BASE_DOMAIN     the tenants' parent domain, served by the edge (default: the stack's TenantBaseDomain output)
#
# What it proves, for tenant B against tenant A's data (every check must be refused, the run fails otherwise):
#   1. at the APIs, through the tenant edge on B's hostname: B's ID token asks shipment-service and
#      tracking-service for A's shipment: 403 or 404, never A's data; no token at all: 401; and B's token sent
#      straight to each origin, skipping the edge: 403;
#   2. with vended credentials: a temporary role carrying the DEPLOYED TrackingAccessPolicy (the same managed
#      policy object, not a copy) is assumed with session tags TenantID=B and StorageModel=pool, and the aws CLI tries A's DynamoDB item,
#      A's S3 object and a listing of A's prefix; the same calls as A succeed, so the refusals are not accidents.
#   OpenSearch is not probed directly: the domain's access policy admits only TrackingAccessRole's own sessions.
set -euo pipefail

usage() { sed -n '2,21p' "$0" | cut -c3-; }
if [[ ${1:-} == "--help" || ${1:-} == "-h" ]]; then usage; exit 0; fi
: "${STACK:?set STACK to the stack name, e.g. STACK=ShipTrack-lambda (see --help)}"
TENANT_A=${TENANT_A:-yellow}
TENANT_B=${TENANT_B:-yellow2}
SHIPMENTS_PATH=${SHIPMENTS_PATH:-/shipments/{id\}}
TRACKING_PATH=${TRACKING_PATH:-/tracking/{id\}/events}
for tool in aws curl jq; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
for tenant in "$TENANT_A" "$TENANT_B"; do
  [[ $tenant =~ ^[a-z0-9]{3,32}$ ]] || { echo "tenant ids match [a-z0-9]{3,32}: $tenant" >&2; exit 2; }
done

failures=0
pass() { echo "  ok    $*"; }
fail() { echo "  FAIL  $*"; failures=$((failures + 1)); }

output() {
  aws cloudformation describe-stacks --stack-name "$STACK" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
SHIPMENT_URL=$(output ShipmentApiUrl)
TRACKING_URL=$(output TrackingApiUrl)
BASE_DOMAIN=${BASE_DOMAIN:-$(output TenantBaseDomain)}
USER_POOL=$(output UserPoolId)
CLIENT_ID=$(output OidcClientId)
TABLE=$(output TableName)
BUCKET=$(output BucketName)
STAGE=$(output Stage)
ACCOUNT=$(aws sts get-caller-identity --query Account --output text)
RUN=$(date +%s)
SHIPMENT_ID="iso${RUN}"
PROBE_ROLE="ShipTrackIsolationProbe-${STAGE}-${RUN}"
PASSWORD="Iso-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')-Aa1!"

cleanup() {
  set +e
  for tenant in "$TENANT_A" "$TENANT_B"; do
    aws cognito-idp admin-delete-user --user-pool-id "$USER_POOL" --username "iso-${tenant}-${RUN}" 2>/dev/null
  done
  aws iam detach-role-policy --role-name "$PROBE_ROLE" \
    --policy-arn "arn:aws:iam::${ACCOUNT}:policy/TrackingAccessPolicy-${STAGE}" 2>/dev/null
  aws iam delete-role --role-name "$PROBE_ROLE" 2>/dev/null
}
trap cleanup EXIT

# --- tokens for two tenants ---------------------------------------------------------------------------------
declare -A TOKEN
for tenant in "$TENANT_A" "$TENANT_B"; do
  user="iso-${tenant}-${RUN}"
  aws cognito-idp admin-create-user --user-pool-id "$USER_POOL" --username "$user" --message-action SUPPRESS \
    --user-attributes Name=custom:tenant_id,Value="$tenant" >/dev/null
  aws cognito-idp admin-set-user-password --user-pool-id "$USER_POOL" --username "$user" \
    --password "$PASSWORD" --permanent
  TOKEN[$tenant]=$(aws cognito-idp initiate-auth --client-id "$CLIENT_ID" --auth-flow USER_PASSWORD_AUTH \
    --auth-parameters USERNAME="$user",PASSWORD="$PASSWORD" --query AuthenticationResult.IdToken --output text)
done

# --- vended credentials: the deployed TrackingAccessPolicy on a temporary role --------------------------------
aws iam create-role --role-name "$PROBE_ROLE" --max-session-duration 3600 \
  --description "Temporary: deploy/isolation-check.sh, deleted when it ends" \
  --assume-role-policy-document "$(jq -n --arg account "$ACCOUNT" '{Version:"2012-10-17",Statement:[
      {Effect:"Allow",Principal:{AWS:("arn:aws:iam::"+$account+":root")},Action:"sts:AssumeRole"},
      {Effect:"Allow",Principal:{AWS:("arn:aws:iam::"+$account+":root")},Action:"sts:TagSession",
       Condition:{StringLike:{"aws:RequestTag/TenantID":"*"}}}]}')" >/dev/null
aws iam attach-role-policy --role-name "$PROBE_ROLE" \
  --policy-arn "arn:aws:iam::${ACCOUNT}:policy/TrackingAccessPolicy-${STAGE}"

as_tenant() { # as_tenant <tenant> <aws args...>: runs the aws CLI with a session tagged TenantID=<tenant>
  local tenant=$1; shift
  local credentials=""
  for _ in 1 2 3 4 5 6 7 8; do # a new role takes a few seconds to become assumable
    credentials=$(aws sts assume-role --role-arn "arn:aws:iam::${ACCOUNT}:role/${PROBE_ROLE}" \
      --role-session-name "iso-${tenant}" --tags Key=TenantID,Value="$tenant" Key=StorageModel,Value=pool --query Credentials --output json \
      2>/dev/null) && break
    sleep 5
  done
  # Without credentials every call below would fail, and a failure must never pass for a refusal.
  [[ -n $credentials ]] || { echo "cannot assume $PROBE_ROLE as $tenant: stopping" >&2; exit 2; }
  env -u AWS_PROFILE \
    AWS_ACCESS_KEY_ID="$(jq -r .AccessKeyId <<<"$credentials")" \
    AWS_SECRET_ACCESS_KEY="$(jq -r .SecretAccessKey <<<"$credentials")" \
    AWS_SESSION_TOKEN="$(jq -r .SessionToken <<<"$credentials")" \
    aws "$@"
}

key() { jq -n --arg pk "$1#${SHIPMENT_ID}" '{pk:{S:$pk},sk:{S:"2000-01-01T00:00:00Z#isolation-check"}}'; }
echo "vended credentials (temporary role with the deployed TrackingAccessPolicy-${STAGE})"
as_tenant "$TENANT_A" dynamodb put-item --table-name "$TABLE" \
  --item "$(key "$TENANT_A" | jq '. + {status:{S:"isolation-check"}}')" \
  && pass "$TENANT_A writes its own item" || fail "$TENANT_A cannot write its own item"
echo "isolation-check" | as_tenant "$TENANT_A" s3 cp - "s3://${BUCKET}/${TENANT_A}/${SHIPMENT_ID}/probe.txt" >/dev/null \
  && pass "$TENANT_A writes its own object" || fail "$TENANT_A cannot write its own object"
as_tenant "$TENANT_A" dynamodb get-item --table-name "$TABLE" --key "$(key "$TENANT_A")" >/dev/null \
  && pass "$TENANT_A reads its own item" || fail "$TENANT_A cannot read its own item"

refused() { # refused <description> <tenant> <aws args...>: passes only on an authorization error
  local description=$1 tenant=$2 result; shift 2
  if result=$(as_tenant "$tenant" "$@" 2>&1); then
    fail "$description was allowed"
  elif grep -qE "AccessDenied|not authorized|Forbidden|\(403\)" <<<"$result"; then
    pass "$description refused"
  else
    fail "$description failed for another reason: $(head -c 300 <<<"$result")"
  fi
}
refused "$TENANT_B reading $TENANT_A's item" "$TENANT_B" dynamodb get-item --table-name "$TABLE" --key "$(key "$TENANT_A")"
refused "$TENANT_B querying $TENANT_A's partition" "$TENANT_B" dynamodb query --table-name "$TABLE" \
  --key-condition-expression "pk = :pk" \
  --expression-attribute-values "$(jq -n --arg pk "${TENANT_A}#${SHIPMENT_ID}" '{":pk":{S:$pk}}')"
refused "$TENANT_B scanning the table" "$TENANT_B" dynamodb scan --table-name "$TABLE" --max-items 1
refused "$TENANT_B reading $TENANT_A's object" "$TENANT_B" s3 cp "s3://${BUCKET}/${TENANT_A}/${SHIPMENT_ID}/probe.txt" -
refused "$TENANT_B listing $TENANT_A's prefix" "$TENANT_B" s3api list-objects-v2 --bucket "$BUCKET" --prefix "${TENANT_A}/"
refused "$TENANT_B listing the whole bucket" "$TENANT_B" s3api list-objects-v2 --bucket "$BUCKET"
refused "$TENANT_A deleting its own item (the policy grants no DeleteItem)" "$TENANT_A" dynamodb delete-item \
  --table-name "$TABLE" --key "$(key "$TENANT_A")"

# --- the APIs ---------------------------------------------------------------------------------------------------
status() { curl -s -o /tmp/isolation-check-body.$$ -w '%{http_code}' "$@"; }
EDGE_URL="https://${TENANT_B}.${BASE_DOMAIN}"
echo "APIs through the edge (${EDGE_URL})"
# The origins refuse every request the edge did not sign, so a 403 there proves nothing about tenants.
for origin in "${SHIPMENT_URL}${SHIPMENTS_PATH//\{id\}/$SHIPMENT_ID}" "${TRACKING_URL}${TRACKING_PATH//\{id\}/$SHIPMENT_ID}"; do
  code=$(status -H "Authorization: Bearer ${TOKEN[$TENANT_B]}" "$origin")
  [[ $code == 403 ]] && pass "skipping the edge: 403 at $origin" || fail "skipping the edge: $code at $origin"
done
for api in "${EDGE_URL}${SHIPMENTS_PATH//\{id\}/$SHIPMENT_ID}" "${EDGE_URL}${TRACKING_PATH//\{id\}/$SHIPMENT_ID}"; do
  code=$(status "$api")
  [[ $code == 401 ]] && pass "no token: 401 at $api" || fail "no token: $code at $api"
  code=$(status -H "Authorization: Bearer ${TOKEN[$TENANT_B]}" "$api")
  if [[ $code == 403 || $code == 404 ]] && ! grep -q "isolation-check" /tmp/isolation-check-body.$$; then
    pass "$TENANT_B asking for $TENANT_A's shipment: $code at $api"
  else
    fail "$TENANT_B asking for $TENANT_A's shipment: $code at $api: $(head -c 300 /tmp/isolation-check-body.$$)"
  fi
done
rm -f /tmp/isolation-check-body.$$
aws s3api delete-objects --bucket "$BUCKET" --delete "$(aws s3api list-object-versions --bucket "$BUCKET" \
  --prefix "${TENANT_A}/${SHIPMENT_ID}/" --query '{Objects: Versions[].{Key:Key,VersionId:VersionId}}' --output json)" \
  >/dev/null 2>&1 || true

if (( failures > 0 )); then echo "$failures isolation check(s) FAILED"; exit 1; fi
echo "all isolation checks passed"
