// Like iam-policies' simulate.mjs, for what IamSimulator does not pass on: a session policy (runSimulation takes it
// as the bare document, not as {name, policy}), a resource policy per case, and the context keys iam-simulate
// ignored because they are not valid for the action.
// Usage: node iam-simulate-bridge.mjs <iam-simulate dir> < cases.json > results.json
//   case:   { id, principal, action, resource, accountId, context, identityPolicies: [policy...],
//             sessionPolicy?, resourcePolicy? }
//   result: { id, decision: Allowed | ImplicitlyDenied | ExplicitlyDenied | Error, ignoredContextKeys, error? }
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const packageEntry = join(process.argv[2], 'node_modules', '@cloud-copilot', 'iam-simulate', 'dist', 'esm', 'index.js');
const { runSimulation } = await import(pathToFileURL(packageEntry).href);

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const results = [];
for (const c of cases) {
  const simulation = {
    request: {
      principal: c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.accountId },
      contextVariables: c.context ?? {},
    },
    identityPolicies: (c.identityPolicies ?? []).map((policy, i) => ({ name: `identity-${i}`, policy })),
    sessionPolicy: c.sessionPolicy ?? undefined,
    resourcePolicy: c.resourcePolicy ?? undefined,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  try {
    const result = await runSimulation(simulation, { simulationMode: 'Strict' });
    if (result.resultType === 'error') {
      results.push({ id: c.id, decision: 'Error', error: JSON.stringify(result.errors) });
    } else {
      const ignored = result.result?.ignoredContextKeys
        ?? (result.results ?? []).flatMap((r) => r.ignoredContextKeys ?? []);
      results.push({ id: c.id, decision: result.overallResult, ignoredContextKeys: ignored });
    }
  } catch (e) {
    results.push({ id: c.id, decision: 'Error', error: String(e) });
  }
}
process.stdout.write(JSON.stringify(results));
