// The web console (docs/console.md): logs in with Keycloak (authorization code flow with PKCE), keeps the tokens in
// this tab's sessionStorage only, and calls the APIs through the console's own origin (/api/...) with the user's
// token. Every page is rendered here from the path; text is always set as text, never as HTML.

const config = await (await fetch('/config.json')).json();
const SESSION_KEY = 'shiptrack.session';
const LOGIN_KEY = 'shiptrack.login';
const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const notice = document.getElementById('notice');

// ---------------------------------------------------------------- DOM helpers

/** An element with attributes (on* as listeners) and children (strings become text nodes). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter(child => child !== null && child !== undefined && child !== false));
  return element;
}

/** A link inside the console: followed without reloading the page. */
function link(href, ...children) {
  return h('a', { href, 'data-link': true }, ...children);
}

/** Replaces the page: a title (the document's too) and content; focus moves to the page for screen readers. */
function page(title, ...content) {
  document.title = `${title} - Shiptrack console`;
  main.replaceChildren(h('h1', {}, title), ...content);
  main.focus();
}

function say(message) {
  notice.replaceChildren(message ? h('p', { class: 'ok' }, message) : '');
}

function when(iso) {
  return iso ? h('time', { datetime: iso }, new Date(iso).toLocaleString()) : 'unknown';
}

function field(label, name, attributes = {}) {
  const id = `field-${name.replaceAll('.', '-')}`;
  const control = attributes.options
    ? h('select', { id, name }, attributes.options.map(option => h('option', { value: option }, option)))
    : h(attributes.multiline ? 'textarea' : 'input', { id, name, type: attributes.type || 'text', value: attributes.value,
        inputmode: attributes.inputmode, autocomplete: 'off' });
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

// ---------------------------------------------------------------- login: authorization code flow with PKCE

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function session() {
  return JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
}

function claims() {
  const token = session()?.accessToken;
  if (!token) return null;
  const payload = token.split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0))));
}

function keep(tokens) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    idToken: tokens.id_token || session()?.idToken,
    expiresAt: Date.now() + tokens.expires_in * 1000,
  }));
}

/** Sends the browser to Keycloak's login page; it comes back to /callback with a code for this verifier. */
async function login(returnTo) {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(LOGIN_KEY, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(`${config.realm}/protocol/openid-connect/auth`);
  url.search = new URLSearchParams({
    client_id: config.clientId, response_type: 'code', scope: 'openid', redirect_uri: `${location.origin}/callback`,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(url);
}

async function tokenRequest(form) {
  const response = await fetch('/api/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...form }),
  });
  return response.ok ? response.json() : null;
}

async function completeLogin() {
  const answer = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(LOGIN_KEY) || 'null');
  sessionStorage.removeItem(LOGIN_KEY);
  if (answer.get('error')) {
    return loginProblem(`Keycloak refused the login: ${answer.get('error_description') || answer.get('error')}.`);
  }
  if (!pending || answer.get('state') !== pending.state) {
    return loginProblem('This login answer does not belong to a login started in this tab.');
  }
  const tokens = await tokenRequest({
    grant_type: 'authorization_code', code: answer.get('code'), redirect_uri: `${location.origin}/callback`,
    code_verifier: pending.verifier,
  });
  if (!tokens) return loginProblem('Keycloak did not accept the login code (it is valid once, for a short time).');
  keep(tokens);
  history.replaceState(null, '', pending.returnTo || '/');
  return render();
}

function loginProblem(message) {
  history.replaceState(null, '', '/');
  page('Login failed', h('p', { class: 'alert', role: 'alert' }, message),
    h('button', { type: 'button', onclick: () => login('/') }, 'Log in again'));
}

/** The access token, refreshed when it expires within 30 s; null when the session is over. */
async function accessToken() {
  const current = session();
  if (!current) return null;
  if (Date.now() < current.expiresAt - 30_000) return current.accessToken;
  const tokens = await tokenRequest({ grant_type: 'refresh_token', refresh_token: current.refreshToken });
  if (!tokens) {
    sessionStorage.removeItem(SESSION_KEY);
    return null;
  }
  keep(tokens);
  return tokens.access_token;
}

/** Ends the Keycloak session too (its end-session endpoint), then comes back to the console's start page. */
function logout() {
  const idToken = session()?.idToken;
  sessionStorage.clear();
  const url = new URL(`${config.realm}/protocol/openid-connect/logout`);
  url.search = new URLSearchParams({
    client_id: config.clientId, post_logout_redirect_uri: `${location.origin}/`, ...(idToken ? { id_token_hint: idToken } : {}),
  });
  location.assign(url);
}

// ---------------------------------------------------------------- API calls

class SessionExpired extends Error {}
class Refused extends Error {
  constructor(problem) {
    super(problem.detail || problem.title);
    this.problem = problem;
  }
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return { status: response.status, title: response.statusText || `HTTP ${response.status}` };
  }
}

/** Calls /api + path with the user's token; throws SessionExpired or, for a suspended tenant, Refused. */
async function api(path, options = {}) {
  const token = await accessToken();
  if (!token) throw new SessionExpired();
  const response = await fetch(`/api${path}`, { ...options, headers: { ...options.headers, Authorization: `Bearer ${token}` } });
  if (response.status === 401) {
    sessionStorage.removeItem(SESSION_KEY);
    throw new SessionExpired();
  }
  if (response.status === 403) {
    const problem = await problemOf(response);
    if (String(problem.type).endsWith(':tenant-suspended')) throw new Refused(problem);
    return new Response(JSON.stringify(problem), { status: 403, headers: { 'Content-Type': 'application/problem+json' } });
  }
  return response;
}

async function json(path, options) {
  const response = await api(path, options);
  if (!response.ok) throw new Refused(await problemOf(response));
  return response.json();
}

function problemBox(problem, heading = 'The request was refused') {
  return h('div', { class: 'alert', role: 'alert' }, h('h2', {}, heading),
    h('p', {}, `${problem.title || 'Error'} (${problem.status || 'no answer'}): ${problem.detail || 'no details'}`));
}

// ---------------------------------------------------------------- tenant pages

async function shipmentsPage(params) {
  const pageNumber = Math.max(0, Number.parseInt(params.get('page') || '0', 10) || 0);
  const size = 10;
  const list = await json(`/shipments?page=${pageNumber}&size=${size}`);
  const pages = Math.max(1, Math.ceil(list.total / size));
  const rows = list.items.map(shipment => h('tr', {},
    h('td', {}, link(`/shipments/${shipment.id}`, shipment.orderReference)),
    h('td', {}, `${shipment.origin.city} (${shipment.origin.country})`),
    h('td', {}, `${shipment.destination.city} (${shipment.destination.country})`),
    h('td', {}, shipment.carrier),
    h('td', {}, when(shipment.createdAt))));
  page('Shipments',
    h('p', {}, link('/shipments/new', 'Create a shipment')),
    list.total === 0 ? h('p', {}, 'No shipments yet.') : h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Shipments' },
      h('table', {}, h('caption', {}, `${list.total} shipments, newest first`),
        h('thead', {}, h('tr', {}, ['Order reference', 'From', 'To', 'Carrier', 'Created'].map(title => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, rows))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      pageNumber > 0 ? link(`/shipments?page=${pageNumber - 1}`, 'Previous page') : null,
      h('span', {}, `Page ${pageNumber + 1} of ${pages}`),
      pageNumber + 1 < pages ? link(`/shipments?page=${pageNumber + 1}`, 'Next page') : null));
}

function addressFields(legend, prefix) {
  return h('fieldset', {}, h('legend', {}, legend),
    field('Street', `${prefix}.street`), field('City', `${prefix}.city`),
    field('Postal code', `${prefix}.postalCode`), field('Country (two letters, e.g. DE)', `${prefix}.country`));
}

/** Shows the API's field messages ("origin.city must not be blank; ...") next to the fields they name. */
function showFieldErrors(form, problem, heading = 'Please correct the shipment') {
  form.querySelectorAll('.error').forEach(error => error.remove());
  form.querySelectorAll('[aria-invalid]').forEach(control => control.removeAttribute('aria-invalid'));
  const messages = String(problem.detail || problem.title).split('; ');
  for (const message of messages) {
    const [name] = message.split(' ', 1);
    const control = form.elements.namedItem(name);
    if (control instanceof HTMLElement) {
      const id = `${control.id}-error`;
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', id);
      control.closest('.field').append(h('p', { class: 'error', id }, message));
    }
  }
  const summary = h('div', { class: 'alert', role: 'alert', tabindex: -1 }, h('h2', {}, heading),
    h('ul', {}, messages.map(message => h('li', {}, message))));
  form.querySelector('.alert')?.remove();
  form.prepend(summary);
  summary.focus();
}

function newShipmentPage() {
  const form = h('form', { novalidate: true, onsubmit: createShipment },
    field('Order reference', 'orderReference'),
    addressFields('Origin', 'origin'), addressFields('Destination', 'destination'),
    field('Carrier', 'carrier'),
    h('fieldset', {}, h('legend', {}, 'Parcel'),
      field('Weight (grams)', 'parcel.weightGrams', { inputmode: 'numeric' }),
      field('Length (cm)', 'parcel.lengthCm', { inputmode: 'numeric' }),
      field('Width (cm)', 'parcel.widthCm', { inputmode: 'numeric' }),
      field('Height (cm)', 'parcel.heightCm', { inputmode: 'numeric' })),
    h('button', { type: 'submit' }, 'Create shipment'));
  page('Create a shipment', form);
}

/** A form's fields as the API's JSON: "origin.city" nests; fields named in numbers are numbers (empty: null). */
function formJson(form, numbers = []) {
  const body = {};
  for (const [name, value] of new FormData(form)) {
    const path = name.split('.');
    const target = path.slice(0, -1).reduce((object, key) => (object[key] ??= {}), body);
    const text = String(value).trim();
    target[path.at(-1)] = numbers.includes(path[0]) ? (text === '' ? null : Number(text)) : text;
  }
  return body;
}

async function createShipment(event) {
  event.preventDefault();
  const form = event.target;
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const response = await api('/shipments', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(formJson(form, ['parcel'])),
    });
    if (!response.ok) return showFieldErrors(form, await problemOf(response));
    const shipment = await response.json();
    say(`Shipment ${shipment.orderReference} created.`);
    return go(`/shipments/${shipment.id}`, true);
  } finally {
    button.disabled = false;
  }
}

const STATUSES = ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'LABEL_CREATED'];

async function shipmentPage(id) {
  const response = await api(`/shipments/${encodeURIComponent(id)}`);
  if (response.status === 404 || response.status === 400) {
    return page('Shipment not found',
      h('p', {}, `There is no shipment ${id} in tenant ${claims().tenantId}.`), h('p', {}, link('/shipments', 'Back to the shipments')));
  }
  if (!response.ok) throw new Refused(await problemOf(response));
  const shipment = await response.json();
  const [history, eta] = await Promise.all([
    api(`/tracking/${id}/events`).then(answer => (answer.ok ? answer.json() : { events: [] })),
    api(`/tracking/${id}/eta`).then(answer => (answer.ok ? answer.json() : null)),
  ]);
  const documents = h('ul', { id: 'documents' });
  page(`Shipment ${shipment.orderReference}`,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Shipment id'), h('dd', {}, shipment.id),
      h('dt', {}, 'From'), h('dd', {}, `${shipment.origin.street}, ${shipment.origin.postalCode} ${shipment.origin.city}, ${shipment.origin.country}`),
      h('dt', {}, 'To'), h('dd', {}, `${shipment.destination.street}, ${shipment.destination.postalCode} ${shipment.destination.city}, ${shipment.destination.country}`),
      h('dt', {}, 'Carrier'), h('dd', {}, shipment.carrier),
      h('dt', {}, 'Parcel'), h('dd', {}, `${shipment.parcel.weightGrams} g, ${shipment.parcel.lengthCm} x ${shipment.parcel.widthCm} x ${shipment.parcel.heightCm} cm`),
      h('dt', {}, 'Status'), h('dd', { class: 'status', id: 'status' }, eta ? eta.status : 'no tracking yet'),
      h('dt', {}, 'Estimated delivery'), h('dd', { id: 'eta' }, eta?.delivered ? 'delivered' : when(eta?.estimatedDelivery))),
    h('h2', {}, 'Tracking timeline'),
    history.events.length === 0 ? h('p', {}, 'No tracking events yet.')
      : h('ol', { class: 'timeline', id: 'timeline', 'aria-label': 'Tracking events, oldest first' }, history.events.map(item => h('li', {},
        h('span', { class: 'status' }, item.status), ' ', when(item.time),
        item.location ? h('div', {}, `Location: ${item.location}`) : null,
        item.note ? h('div', {}, `Note: ${item.note}`) : null))),
    h('h2', {}, 'Add a tracking event'),
    h('form', { novalidate: true, onsubmit: event => addEvent(event, id) },
      field('Status', 'status', { options: STATUSES }), field('Location', 'location'),
      field('Note (searchable)', 'note', { multiline: true }),
      h('button', { type: 'submit' }, 'Add event')),
    h('h2', {}, 'Delivery documents'),
    h('form', { novalidate: true, onsubmit: event => uploadDocument(event, id, documents) },
      h('div', { class: 'field' }, h('label', { for: 'field-document' }, 'Document (at most 5 MiB)'),
        h('input', { id: 'field-document', name: 'document', type: 'file' })),
      h('button', { type: 'submit' }, 'Upload')),
    documents,
    h('form', { novalidate: true, class: 'inline', onsubmit: event => downloadDocument(event, id) },
      field('Document name', 'name'), h('button', { type: 'submit', class: 'secondary' }, 'Download')));
}

async function addEvent(event, id) {
  event.preventDefault();
  const form = event.target;
  const body = Object.fromEntries([...new FormData(form)].filter(([, value]) => String(value).trim() !== ''));
  const response = await api(`/tracking/${id}/events`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!response.ok) return showFieldErrors(form, await problemOf(response));
  say(`Event ${body.status} added.`);
  return shipmentPage(id);
}

async function uploadDocument(event, id, documents) {
  event.preventDefault();
  const form = event.target;
  const file = form.elements.namedItem('document').files[0];
  form.querySelector('.alert')?.remove();
  if (!file) return form.prepend(problemBox({ title: 'No file chosen', detail: 'choose a document to upload' }, 'Nothing to upload'));
  const response = await api(`/tracking/${id}/documents/${encodeURIComponent(file.name)}`, {
    method: 'PUT', headers: { 'Content-Type': file.type || 'application/octet-stream' }, body: file,
  });
  if (!response.ok) return form.prepend(problemBox(await problemOf(response), 'The document was not stored'));
  const stored = await response.json();
  documents.append(h('li', {}, `${stored.name} (${stored.contentType}, ${stored.size} bytes) uploaded`));
  return say(`Document ${stored.name} uploaded.`);
}

/** Fetches the document with the token, then hands it to the browser as a download. */
async function downloadDocument(event, id) {
  event.preventDefault();
  const form = event.target;
  const name = String(new FormData(form).get('name')).trim();
  form.querySelector('.alert')?.remove();
  const response = await api(`/tracking/${id}/documents/${encodeURIComponent(name)}`);
  if (!response.ok) return form.append(problemBox(await problemOf(response), `No document ${name || '(no name)'}`));
  const url = URL.createObjectURL(await response.blob());
  const anchor = h('a', { href: url, download: name });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return say(`Document ${name} downloaded.`);
}

async function searchPage(params) {
  const query = params.get('q') || '';
  const form = h('form', { role: 'search', class: 'inline', action: '/search', onsubmit: event => {
    event.preventDefault();
    go(`/search?q=${encodeURIComponent(new FormData(event.target).get('q'))}`);
  } }, field('Search the tracking events', 'q', { type: 'search', value: query }), h('button', { type: 'submit' }, 'Search'));
  if (!query) return page('Search', form);
  const response = await api(`/tracking/search?q=${encodeURIComponent(query)}`);
  if (!response.ok) return page('Search', form, problemBox(await problemOf(response), 'The search was refused'));
  const hits = (await response.json()).events;
  return page('Search', form,
    h('h2', {}, `${hits.length} ${hits.length === 1 ? 'event matches' : 'events match'} "${query}"`),
    h('ul', { id: 'hits' }, hits.map(hit => h('li', {},
      link(`/shipments/${hit.shipmentId}`, `Shipment ${hit.shipmentId}`), ': ',
      h('span', { class: 'status' }, hit.status), ' ', when(hit.time),
      hit.location ? ` at ${hit.location}` : '', hit.note ? ` - ${hit.note}` : ''))));
}

// ---------------------------------------------------------------- operator pages (realm role platform-operator)

const TIERS = ['basic', 'standard', 'premium'];

function isOperator() {
  return (claims()?.realm_access?.roles || []).includes('platform-operator');
}

async function tenantsPage() {
  const list = await json('/tenants?page=0&size=100');
  const form = h('form', { novalidate: true, onsubmit: onboard },
    h('fieldset', {}, h('legend', {}, 'Tenant'),
      field('Id (3 to 32 lowercase letters and digits)', 'id'), field('Name', 'name'),
      field('Tier', 'tier', { options: TIERS })),
    h('fieldset', {}, h('legend', {}, 'First user'),
      field('User name', 'admin.username'), field('E-mail', 'admin.email', { type: 'email' }),
      field('Password (local run only)', 'admin.password', { type: 'password' })),
    h('button', { type: 'submit' }, 'Onboard tenant'));
  page('Tenants',
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Tenants' },
      h('table', { id: 'tenants' }, h('caption', {}, `${list.total} tenants, by id (offboarded ones included)`),
        h('thead', {}, h('tr', {}, ['Id', 'Name', 'Status', 'Tier'].map(title => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, list.items.map(tenant => h('tr', {},
          h('td', {}, link(`/operator/tenants/${tenant.id}`, tenant.id)), h('td', {}, tenant.name),
          h('td', { class: 'status' }, tenant.status), h('td', {}, tenant.tier)))))),
    h('h2', {}, 'Onboard a tenant'), form);
}

async function onboard(event) {
  event.preventDefault();
  const form = event.target;
  const body = formJson(form);
  const response = await api('/tenants', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) return showFieldErrors(form, await problemOf(response), 'The tenant was not onboarded');
  say(response.status === 202 ? `Tenant ${body.id} is being onboarded by another request.` : `Tenant ${body.id} onboarded.`);
  return go(`/operator/tenants/${body.id}`, true);
}

async function tenantPage(id) {
  const response = await api(`/tenants/${encodeURIComponent(id)}`);
  if (response.status === 404 || response.status === 400) {
    return page('Tenant not found', h('p', {}, `There is no tenant ${id}.`), h('p', {}, link('/operator', 'Back to the tenants')));
  }
  if (!response.ok) throw new Refused(await problemOf(response));
  const tenant = await response.json();
  const events = await json(`/tenants/${encodeURIComponent(id)}/events`);
  const action = (label, path, className) => h('button', { type: 'button', class: className, onclick: () => lifecycle(id, path, label) }, label);
  const confirm = h('form', { novalidate: true, onsubmit: event => offboard(event, id) },
    h('p', {}, `Offboarding erases every trace of ${id}: users, shipments, tracking events, documents, search index and routes. It cannot be undone.`),
    field(`Type ${id} to confirm`, 'confirm'),
    h('button', { type: 'submit', class: 'danger' }, 'Offboard tenant'));
  page(`Tenant ${tenant.name}`,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Id'), h('dd', {}, tenant.id),
      h('dt', {}, 'Status'), h('dd', { class: 'status', id: 'tenant-status' }, tenant.status),
      h('dt', {}, 'Tier'), h('dd', {}, tenant.tier),
      h('dt', {}, 'First user'), h('dd', {}, tenant.adminUsername || 'none'),
      h('dt', {}, 'Steps done'), h('dd', {}, (tenant.stepsDone || []).join(', ') || 'none'),
      tenant.failedStep ? [h('dt', {}, 'Failed step'), h('dd', {}, `${tenant.failedStep} (${tenant.failedOperation})`)] : null),
    h('h2', {}, 'Lifecycle'),
    h('div', { class: 'inline' },
      tenant.status === 'ACTIVE' ? action('Suspend', 'suspend', 'secondary') : null,
      tenant.status === 'SUSPENDED' ? action('Reactivate', 'activate', 'secondary') : null),
    tenant.status === 'DELETED' ? h('p', {}, 'Offboarded: only this tombstone is left, and the id cannot be used again.') : confirm,
    h('h2', {}, 'Lifecycle events, oldest first'),
    h('ol', { id: 'events' }, events.map(item => h('li', {}, h('strong', {}, item.detailType), ' ', when(item.time),
      Object.keys(item.detail || {}).length ? h('div', {}, Object.entries(item.detail).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(', ')) : null))),
    h('p', {}, link('/operator', 'Back to the tenants')));
}

async function lifecycle(id, path, label) {
  const response = await api(`/tenants/${encodeURIComponent(id)}/${path}`, { method: 'POST' });
  if (!response.ok) return main.append(problemBox(await problemOf(response), `${label} was refused`));
  say(`${label}: done for tenant ${id}.`);
  return tenantPage(id);
}

async function offboard(event, id) {
  event.preventDefault();
  const form = event.target;
  if (String(new FormData(form).get('confirm')).trim() !== id) {
    return showFieldErrors(form, { detail: `confirm must be the tenant id ${id}` }, 'Not offboarded');
  }
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  const response = await api(`/tenants/${encodeURIComponent(id)}`, { method: 'DELETE' });
  button.disabled = false;
  if (!response.ok && response.status !== 202) return form.prepend(problemBox(await problemOf(response), 'Offboarding failed'));
  say(response.status === 202 ? `Tenant ${id} is being offboarded by another request.` : `Tenant ${id} offboarded.`);
  return tenantPage(id);
}

// ---------------------------------------------------------------- isolation lab (local run only)

const FORGED = [
  ['dynamodb', "Query blue's DynamoDB partition"],
  ['opensearch', "Search blue's OpenSearch index"],
  ['s3', "List blue's S3 prefix"],
  ['own-dynamodb', "Query yellow's own partition (allowed)"],
];
let labEvents = null;

/** "ALLOWED", or "DENIED (implicitly)" / "DENIED (explicitly)": readable without colour. */
function verdict(decision) {
  return decision === 'ALLOWED' ? 'ALLOWED' : `DENIED (${decision.split('_')[0].toLowerCase()})`;
}

function labPage() {
  const attempts = h('ol', { id: 'attempts' });
  const rows = h('tbody', {});
  const live = h('p', { id: 'live' }, "Connecting to the edge's audit trail...");
  page('Isolation lab',
    h('p', {}, "Play a buggy tracking-service. It holds credentials of TrackingAccessRole for tenant yellow (session tag "
      + "TenantID=yellow, from the edge's STS, as the token vending machine gets them) and asks for tenant blue's data. "
      + 'The local AWS edge evaluates the same IAM policies as AWS; each decision is a line of its audit trail, shown below as it arrives.'),
    h('div', { class: 'inline' }, FORGED.map(([kind, label]) => h('button', { type: 'button', onclick: () => forge(kind, label, attempts) }, label))),
    h('h2', {}, 'What the buggy service got'),
    h('div', { 'aria-live': 'polite' }, attempts),
    h('h2', {}, 'Decisions of the edge about tenant sessions, newest first'),
    live,
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Decisions' },
      h('table', { id: 'decisions' },
        h('thead', {}, h('tr', {}, ['Time', 'Who', 'Action', 'Resource', 'Decision', 'Deciding statement'].map(title => h('th', { scope: 'col' }, title)))),
        rows)));
  labEvents = new EventSource('/lab/api/decisions');
  labEvents.addEventListener('open', () => live.replaceChildren("Live: following the edge's audit trail."));
  labEvents.addEventListener('error', () => live.replaceChildren('The audit trail stream was interrupted; the browser reconnects by itself.'));
  labEvents.addEventListener('decision', message => {
    const decision = JSON.parse(message.data);
    rows.prepend(h('tr', {},
      h('td', {}, when(decision.time)),
      h('td', {}, `${decision.principal.split(':').pop().replace(/^assumed-role\//, '')} (tenant ${decision.tenant})`),
      h('td', {}, decision.action), h('td', {}, shortArn(decision.resource)),
      h('td', { class: 'status' }, verdict(decision.decision)),
      h('td', {}, decision.decidingStatement ? `${decision.decidingStatement} (${decision.decidingPolicy})` : 'none: no statement allows it')));
  });
}

/** An ARN without its partition, region and account ("arn:aws:dynamodb:us-east-1:1234:table/T" is "table/T"). */
function shortArn(arn) {
  return String(arn).split(':').slice(5).join(':') || arn;
}

async function forge(kind, label, attempts) {
  const response = await fetch(`/lab/api/forge/${kind}`, { method: 'POST' });
  const result = await (response.ok ? response.json() : problemOf(response));
  attempts.prepend(h('li', { 'data-kind': kind }, h('strong', {}, label), ': ',
    result.request ? `${result.request} was answered ${result.status}: ${result.answer}` : `${result.title}: ${result.detail}`));
}

function suspendedPage(problem) {
  nav.replaceChildren();
  page('Your organisation is suspended',
    h('p', {}, `Tenant ${claims().tenantId} is suspended, so its shipments and tracking data cannot be used right now.`),
    h('p', {}, 'Nothing was deleted. Ask your platform operator to reactivate the tenant, then log in again.'),
    h('p', {}, `The service said: ${problem.detail || problem.title}`));
}

// ---------------------------------------------------------------- routing and the frame

function header() {
  const user = claims();
  who.replaceChildren();
  nav.replaceChildren();
  const items = !user ? [] : isOperator() ? [['/operator', 'Tenants']]
    : [['/shipments', 'Shipments'], ['/shipments/new', 'Create'], ['/search', 'Search']];
  if (config.lab) items.push(['/lab', 'Isolation lab']);
  nav.append(h('ul', {}, items.map(([href, label]) => h('li', {},
    h('a', { href, 'data-link': true, 'aria-current': location.pathname === href ? 'page' : null }, label)))));
  if (!user) return;
  const tenant = h('span', { class: 'tenant' }, user.tenantId ? `Tenant: ${user.tenantId}` : 'Platform operator');
  who.append(tenant,
    h('span', {}, `Signed in as ${user.preferred_username}`),
    h('button', { type: 'button', class: 'secondary', onclick: logout }, 'Log out'));
  if (user.tenantId) showTenantName(tenant, user.tenantId);
}

/** The caller's tenant as tenant-service describes it (GET /tenants/me), asked once per tenant and page load. */
let ownTenant = null;

/** Adds the tenant's name to its id; should tenant-service not answer, the id alone stays. */
async function showTenantName(label, tenantId) {
  if (ownTenant?.id !== tenantId) {
    try {
      ownTenant = await json('/tenants/me');
    } catch (failure) {
      return;
    }
  }
  label.textContent = `Tenant: ${ownTenant.name} (${ownTenant.id})`;
}

function startPage(returnTo, expired) {
  header();
  page(expired ? 'Your session has ended' : 'Welcome',
    h('p', { role: expired ? 'alert' : null }, expired
      ? 'Your login expired or was ended elsewhere. Log in again to continue where you were.'
      : 'Log in with your Shiptrack account to see your shipments.'),
    h('button', { type: 'button', onclick: () => login(returnTo) }, 'Log in'));
}

function go(path, keepNotice = false) {
  history.pushState(null, '', path);
  if (!keepNotice) say('');
  return render();
}

async function render() {
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  labEvents?.close();
  if (path === '/callback') return completeLogin();
  if (path === '/lab' && config.lab) {
    header();
    return labPage();
  }
  if (!session()) return startPage(path + location.search, false);
  if (!(await accessToken())) return startPage(path + location.search, true);
  header();
  try {
    if (path === '/' && isOperator()) {
      history.replaceState(null, '', '/operator');
      return await tenantsPage();
    }
    if (path === '/operator') return await tenantsPage();
    if (path.startsWith('/operator/tenants/')) return await tenantPage(decodeURIComponent(path.slice('/operator/tenants/'.length)));
    if (path === '/' || path === '/shipments') return await shipmentsPage(params);
    if (path === '/shipments/new') return newShipmentPage();
    if (path.startsWith('/shipments/')) return await shipmentPage(decodeURIComponent(path.slice('/shipments/'.length)));
    if (path === '/search') return await searchPage(params);
    return page('Page not found', h('p', {}, `The console has no page ${path}.`), h('p', {}, link('/', 'Start page')));
  } catch (error) {
    if (error instanceof SessionExpired) return startPage(path + location.search, true);
    if (error instanceof Refused && String(error.problem.type).endsWith(':tenant-suspended')) return suspendedPage(error.problem);
    if (error instanceof Refused) return page('Something went wrong', problemBox(error.problem));
    return page('Something went wrong', problemBox({ title: 'The console could not reach the API', detail: error.message }));
  }
}

document.addEventListener('click', event => {
  const anchor = event.target.closest('a[data-link]');
  if (!anchor || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  go(anchor.getAttribute('href'));
});
window.addEventListener('popstate', () => render());
await render();
