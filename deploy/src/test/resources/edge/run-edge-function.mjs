// Runs the edge function (tenant-edge.mjs beside this file, with `export { handler }` appended) over a JSON array of
// CloudFront viewer-request events on stdin and writes what it returned for each, in order, to stdout.
import { handler } from './tenant-edge.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const events = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const results = [];
for (const event of events) {
  results.push(await handler(event));
}
process.stdout.write(JSON.stringify(results));
