// Evaluates a batch of IAM authorization cases with @cloud-copilot/iam-simulate, an evaluator written
// independently of this project. Input (stdin): a JSON array of
//   { id, principal, action, resource, accountId, context, identityPolicies: [policy...], sessionPolicy?,
//     resourcePolicy? }
// Output (stdout): a JSON array of { id, decision, ignoredContextKeys } where decision is Allowed, ImplicitlyDenied,
// ExplicitlyDenied or Error (with the error message), and ignoredContextKeys the context keys iam-simulate dropped
// before evaluating because they do not apply to the action.
import { runSimulation } from '@cloud-copilot/iam-simulate';

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
    // iam-simulate takes the session policy document itself, unlike identity policies (no {name, policy}).
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
      // 'single' results carry one result; 'wildcard' ones (a * in the request resource) one per pattern.
      const ignoredContextKeys = result.result?.ignoredContextKeys
        ?? (result.results ?? []).flatMap((r) => r.ignoredContextKeys ?? []);
      results.push({ id: c.id, decision: result.overallResult, ignoredContextKeys });
    }
  } catch (e) {
    results.push({ id: c.id, decision: 'Error', error: String(e) });
  }
}
process.stdout.write(JSON.stringify(results));
