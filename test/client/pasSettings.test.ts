// PAS environments from settings, credentials in a SecretStorage, and keys imported from PEM or JWK: what the Sign In
// and Generate Key Pair commands stand on, without VS Code. Keys are checked by the local PAS payer's real verifier
// over HTTP.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isApiError, type ApiError } from '../../client/src/api/errors';
import { PasClient } from '../../client/src/api/pasClient';
import { DEFAULT_PAS_SCOPE } from '../../client/src/api/smart';
import { KeyringUnavailable } from '../../client/src/credentials';
import { pasAuthFor, PasCredentialStore } from '../../client/src/pas/credentials';
import { LOCAL_PAS_CLIENT_ID, parsePasEnvironments, pasCredentialKey, selectPasEnvironment } from '../../client/src/pas/environments';
import { importPrivateKey, newKeyPair, normalizePem, publicJwksOf } from '../../client/src/pas/keys';
import { registerWithLocalPayer } from '../../client/src/pas/localPayer';
import { startSandbox, type Sandbox } from '../../sandbox/src/server';
import { REPO } from '../helpers/fixtures';

const payer = (fields: Record<string, unknown>) => ({ name: 'acme', baseUrl: 'https://payer.example/fhir/', clientId: 'c-1', ...fields });

test('the local PAS payer is always there, at the local sandbox URL + /fhir, needing no token by default', () => {
  const { environments, problems } = parsePasEnvironments({});
  assert.deepEqual(problems, []);
  assert.equal(environments.length, 1);
  const local = environments[0];
  assert.equal(local.name, 'local');
  assert.equal(local.baseUrl, 'http://127.0.0.1:8787/fhir');
  assert.equal(local.authMethod, 'none');
  assert.equal(local.production, false);
  assert.equal(local.clientId, LOCAL_PAS_CLIENT_ID);
  assert.equal(local.refusal, undefined);
  const moved = parsePasEnvironments({ localUrl: 'http://localhost:9999/', localAuthMethod: 'smart-backend' }).environments[0];
  assert.equal(moved.baseUrl, 'http://localhost:9999/fhir');
  assert.equal(moved.authMethod, 'smart-backend');
  assert.equal(parsePasEnvironments({ localAuthMethod: 'kerberos' }).environments[0].authMethod, 'none', 'an unknown local method falls back to no token');
  assert.equal(selectPasEnvironment({}).name, 'local', 'local is the default');
});

test('a configured payer reads with its defaults: SMART, discovered token URL, default scope, bundle wrapping', () => {
  const env = selectPasEnvironment({ environment: 'acme', environments: [payer({})] });
  assert.equal(env.refusal, undefined);
  assert.equal(env.baseUrl, 'https://payer.example/fhir', 'the trailing slash is dropped');
  assert.equal(env.authMethod, 'smart-backend');
  assert.equal(env.tokenUrl, undefined, 'no token URL: discovered from .well-known/smart-configuration');
  assert.equal(env.scope, DEFAULT_PAS_SCOPE);
  assert.equal(env.wrapping, 'bundle');
  assert.equal(env.production, false);
  assert.equal(env.label, 'PAS payer "acme"');
  const full = selectPasEnvironment({
    environment: 'prod',
    environments: [payer({}), payer({ name: 'prod', authMethod: 'client-secret', tokenUrl: 'https://auth.payer.example/token', scope: 'system/Claim.write', wrapping: 'parameters', production: true, secretStyle: 'post' })],
  });
  assert.deepEqual(
    [full.authMethod, full.tokenUrl, full.scope, full.wrapping, full.production, full.secretStyle],
    ['client-secret', 'https://auth.payer.example/token', 'system/Claim.write', 'parameters', true, 'post'],
  );
});

test('plain http off loopback is refused for the base URL and the token URL; loopback http is fine', () => {
  const http = selectPasEnvironment({ environment: 'acme', environments: [payer({ baseUrl: 'http://payer.example/fhir' })] });
  assert.match(http.refusal ?? '', /Plain http is refused for payer\.example/);
  const token = selectPasEnvironment({ environment: 'acme', environments: [payer({ tokenUrl: 'http://auth.payer.example/token' })] });
  assert.match(token.refusal ?? '', /Plain http is refused for auth\.payer\.example/);
  const loopback = selectPasEnvironment({ environment: 'acme', environments: [payer({ baseUrl: 'http://127.0.0.1:4000/fhir', tokenUrl: 'http://localhost:4000/token' })] });
  assert.equal(loopback.refusal, undefined);
  const ftp = selectPasEnvironment({ environment: 'acme', environments: [payer({ baseUrl: 'ftp://payer.example/fhir' })] });
  assert.match(ftp.refusal ?? '', /Only https/);
  const local = parsePasEnvironments({ localUrl: 'http://sandbox.example:8787' }).environments[0];
  assert.match(local.refusal ?? '', /local PAS payer's URL is refused/);
  assert.ok(parsePasEnvironments({ environments: [payer({ baseUrl: 'http://payer.example/fhir' })] }).problems.some((p) => /Plain http/.test(p)), 'the refusal is listed among the problems');
});

test('bad entries are left out with words; an unknown selected name is refused, never sent elsewhere', () => {
  const { environments, problems } = parsePasEnvironments({
    environments: [payer({}), payer({ baseUrl: 'https://other.example/fhir' }), { baseUrl: 'https://x.example' }, 'text', payer({ name: 'local' }), payer({ name: 'noBase', baseUrl: '' }), payer({ name: 'odd', authMethod: 'kerberos' })],
  });
  assert.deepEqual(environments.map((e) => e.name), ['local', 'acme', 'noBase', 'odd']);
  assert.equal(environments[1].baseUrl, 'https://payer.example/fhir', 'the first of two same-named entries is used');
  assert.ok(problems.some((p) => /"acme" twice/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /\[2\] has no "name"/.test(p)));
  assert.ok(problems.some((p) => /\[3\] is not an object/.test(p)));
  assert.ok(problems.some((p) => /named "local"/.test(p)));
  assert.match(environments[2].refusal ?? '', /has no baseUrl/);
  assert.match(environments[3].refusal ?? '', /authMethod "kerberos"/);
  assert.deepEqual(parsePasEnvironments({ environments: { acme: {} } }).problems, ['priorAuth.pas.environments must be a list of payers; it is ignored.']);
  const missing = selectPasEnvironment({ environment: 'gone', environments: [payer({})] });
  assert.equal(missing.baseUrl, '');
  assert.match(missing.refusal ?? '', /"gone", but priorAuth.pas.environments has no payer of that name/);
});

test('credentials are keyed by where they go: a changed URL or client ID does not take them along', () => {
  const base = selectPasEnvironment({ environment: 'acme', environments: [payer({})] });
  const keys = new Set(
    [base, { ...base, baseUrl: 'https://evil.example/fhir' }, { ...base, tokenUrl: 'https://evil.example/token' }, { ...base, clientId: 'c-2' }, { ...base, authMethod: 'client-secret' as const }].map(pasCredentialKey),
  );
  assert.equal(keys.size, 5);
  assert.equal(pasCredentialKey({ ...base, name: 'renamed' }), pasCredentialKey(base), 'a new name keeps them');
  const local = parsePasEnvironments({ localUrl: 'http://127.0.0.1:8787' }).environments[0];
  const movedLocal = parsePasEnvironments({ localUrl: 'http://127.0.0.1:40123' }).environments[0];
  assert.equal(pasCredentialKey(movedLocal), pasCredentialKey(local), 'the local payer keeps its key when the sandbox takes another port');
});

/** An in-memory SecretStorage (VS Code's interface), optionally one whose OS keyring is missing. */
function secretStorage(broken = false) {
  const map = new Map<string, string>();
  return {
    map,
    get: async (k: string) => map.get(k),
    store: async (k: string, v: string) => {
      if (broken) throw new Error('no keyring');
      map.set(k, v);
    },
    delete: async (k: string) => void map.delete(k),
    keys: async () => [...map.keys()],
    onDidChange: () => ({ dispose() {} }),
  } as any;
}

test('the credential store keeps one secret per environment and auth method, and forgets it', async () => {
  const secrets = secretStorage();
  const store = new PasCredentialStore(secrets);
  const env = selectPasEnvironment({ environment: 'acme', environments: [payer({ authMethod: 'client-secret' })] });
  assert.equal(await store.get(env), undefined);
  await store.store(env, { kind: 'secret', clientSecret: 's3cr3t-value' });
  assert.deepEqual(await store.get(env), { kind: 'secret', clientSecret: 's3cr3t-value' });
  assert.equal(await store.get({ ...env, authMethod: 'smart-backend' }), undefined, 'a secret is not a key');
  assert.deepEqual(pasAuthFor(env, await store.get(env)), { kind: 'secret', clientId: 'c-1', clientSecret: 's3cr3t-value', style: 'basic', tokenUrl: undefined, scope: DEFAULT_PAS_SCOPE });
  const asSmart = { ...env, authMethod: 'smart-backend' as const };
  await store.store(asSmart, newKeyPair().secret);
  await store.forget(env);
  assert.equal(await store.get(env), undefined);
  assert.equal(secrets.map.size, 0, 'signing out forgets the key stored under another auth method too');
  secrets.map.set(pasCredentialKey(env), 'not json');
  assert.equal(await store.get(env), undefined, 'an unreadable entry counts as nothing');

  const noKeyring = new PasCredentialStore(secretStorage(true));
  await assert.rejects(noKeyring.store(env, { kind: 'secret', clientSecret: 'x-secret-1' }), KeyringUnavailable);
  noKeyring.storeForSession(env, { kind: 'secret', clientSecret: 'x-secret-1' });
  assert.deepEqual(await noKeyring.get(env), { kind: 'secret', clientSecret: 'x-secret-1' });
});

test('auth from settings and stored secrets: none needs nothing, SMART needs a key, the local secret is built in', () => {
  const local = parsePasEnvironments({}).environments[0];
  assert.deepEqual(pasAuthFor(local, undefined), { kind: 'none' });
  const localSecret = { ...local, authMethod: 'client-secret' as const };
  assert.equal((pasAuthFor(localSecret, undefined) as { clientSecret?: string }).clientSecret, 'local-secret');
  const smart = selectPasEnvironment({ environment: 'acme', environments: [payer({})] });
  assert.equal(pasAuthFor(smart, undefined), undefined, 'no key stored: sign in first');
  assert.equal(pasAuthFor({ ...smart, clientId: undefined }, newKeyPair().secret), undefined, 'no client ID: sign in first');
  const pair = newKeyPair();
  const auth = pasAuthFor(smart, pair.secret);
  assert.equal(auth?.kind, 'smart');
  assert.equal((auth as { keyId?: string }).keyId, pair.secret.keyId);
  assert.equal(pasAuthFor({ ...smart, authMethod: 'client-secret' }, undefined), undefined, 'a payer\'s secret is never the local one');
});

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    assert.ok(isApiError(error), String(error));
    return error;
  }
  assert.fail('expected an ApiError');
}

const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

test('private keys import from PEM (PKCS#8, SEC1, PKCS#1) and JWK, as one stored form with kid and alg', () => {
  const forms: [string, string, 'ES384' | 'RS384'][] = [
    ['EC PKCS#8 PEM', ec384.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 'ES384'],
    ['EC SEC1 PEM', ec384.privateKey.export({ format: 'pem', type: 'sec1' }) as string, 'ES384'],
    ['EC JWK', JSON.stringify(ec384.privateKey.export({ format: 'jwk' })), 'ES384'],
    ['RSA PKCS#1 PEM', rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string, 'RS384'],
    ['RSA PKCS#8 PEM', rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 'RS384'],
  ];
  const kids = new Map<string, string>();
  for (const [what, text, alg] of forms) {
    const imported = importPrivateKey(text);
    assert.equal(imported.secret.alg, alg, what);
    const stored = JSON.parse(imported.secret.privateKey);
    assert.equal(stored.kid, imported.secret.keyId, what);
    assert.equal(stored.alg, alg, what);
    assert.ok(stored.d, `${what}: the stored form is the private JWK`);
    assert.equal(imported.publicJwks.keys.length, 1);
    const pub = imported.publicJwks.keys[0];
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.ok(!(member in pub), `${what}: the public JWKS has no "${member}"`);
    assert.deepEqual([pub.kid, pub.alg, pub.use], [imported.secret.keyId, alg, 'sig']);
    kids.set(alg, kids.get(alg) ?? imported.secret.keyId);
    assert.equal(imported.secret.keyId, kids.get(alg), `${what}: the kid is the key's thumbprint, whatever the form`);
  }
  const withKid = importPrivateKey(JSON.stringify({ ...ec384.privateKey.export({ format: 'jwk' }), kid: 'payer-kid-7' }));
  assert.equal(withKid.secret.keyId, 'payer-kid-7', 'a JWK keeps its own kid');
  assert.deepEqual(publicJwksOf(withKid.secret.privateKey, withKid.secret.keyId), withKid.publicJwks);
});

test('a PEM pasted into a one-line box (newlines turned to spaces) still imports', () => {
  const pem = ec384.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const oneLine = pem.replace(/\n/g, ' ');
  assert.equal(normalizePem(oneLine), pem);
  assert.equal(importPrivateKey(oneLine).secret.alg, 'ES384');
  assert.equal(importPrivateKey(pem.replace(/\n/g, '\r\n')).secret.alg, 'ES384');
});

test('keys SMART cannot use are refused in words that never quote the key', () => {
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const ed = generateKeyPairSync('ed25519');
  const encrypted = ec384.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw-123456' }) as string;
  const cases: [string, string, RegExp][] = [
    ['a public PEM', ec384.publicKey.export({ format: 'pem', type: 'spki' }) as string, /public key/],
    ['a public JWK', JSON.stringify(ec384.publicKey.export({ format: 'jwk' })), /public key/],
    ['a public JWKS', JSON.stringify({ keys: [ec384.publicKey.export({ format: 'jwk' })] }), /public key/],
    ['a private JWKS', JSON.stringify({ keys: [ec384.privateKey.export({ format: 'jwk' })] }), /JWK set/],
    ['EC P-256', p256.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, /prime256v1.*RS384 \(RSA\) or ES384 \(EC P-384\)/],
    ['RSA 1024', small.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, /1024 bits.*2048 or more/],
    ['Ed25519', ed.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, /ed25519/],
    ['an encrypted PEM', encrypted, /encrypted with a passphrase/],
    ['text', 'hello', /not a readable private key/],
  ];
  for (const [what, text, words] of cases) {
    const error = thrown(() => importPrivateKey(text));
    const all = [error.message, error.nextStep, ...error.details].join(' ');
    assert.match(all, words, what);
    assert.equal(error.kind, 'no-credentials', what);
    const body = text.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    for (let i = 0; i + 24 <= body.length; i += 24) assert.ok(!all.includes(body.slice(i, i + 24)), `${what}: the error quotes the key`);
  }
  assert.ok(createPrivateKey(ec384.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string), 'sanity: the test keys are readable');
});

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0, pas: { requireAuth: true } });
});
after(async () => {
  await sandbox.close();
});

test('a generated key registered with the local payer gets a token; an imported one likewise; a wrong key is refused', async () => {
  for (const alg of ['ES384', 'RS384'] as const) {
    const pair = newKeyPair(alg);
    const clientId = `ui-test-${alg}`;
    assert.equal(await registerWithLocalPayer(sandbox.pasBaseUrl, clientId, pair.publicJwks), clientId);
    const local = { ...parsePasEnvironments({ localUrl: sandbox.url, localAuthMethod: 'smart-backend' }).environments[0], clientId };
    const client = new PasClient({ environment: local, auth: pasAuthFor(local, pair.secret)! });
    assert.ok(await client.tokens.accessToken(), `${alg}: a token`);
    assert.equal((await client.metadata()).status, 200);
    await client.close();

    const stranger = importPrivateKey(JSON.stringify((alg === 'ES384' ? ec384 : rsa).privateKey.export({ format: 'jwk' })));
    const refused = new PasClient({ environment: local, auth: pasAuthFor(local, stranger.secret)! });
    const error = await refused.tokens.accessToken().then(() => assert.fail('a wrong key got a token'), (e: ApiError) => e);
    assert.equal(error.kind, 'auth');
    assert.match(error.details.join(' '), /does not verify/);
    await refused.close();
  }
});

test('keys are only registered automatically on this machine, and only their public half travels', async () => {
  const pair = newKeyPair();
  const error = await registerWithLocalPayer('https://payer.example/fhir', 'x', pair.publicJwks).then(() => assert.fail('registered remotely'), (e: ApiError) => e);
  assert.equal(error.kind, 'refused-url');
  assert.equal(error.api, 'pas');
  // A set that carries private members by mistake is stripped before it leaves; the payer accepts only public keys.
  const leaky = { keys: [{ ...JSON.parse(pair.secret.privateKey), use: 'sig', key_ops: ['verify'] }] };
  assert.equal(await registerWithLocalPayer(sandbox.pasBaseUrl, 'stripped', leaky), 'stripped');
  const bad = await registerWithLocalPayer(sandbox.pasBaseUrl, 'bad', { keys: [] }).then(() => assert.fail('registered nothing'), (e: ApiError) => e);
  assert.match(bad.message, /did not register the key: jwks must be a JWK set/);
  const closed = await registerWithLocalPayer('http://127.0.0.1:9/fhir', 'x', pair.publicJwks).then(() => assert.fail('registered with nothing'), (e: ApiError) => e);
  assert.equal(closed.kind, 'connection');
  assert.match(closed.nextStep, /Start Local Sandbox/);
});

test('every PAS setting that decides where credentials go is application-scoped (user settings only)', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const properties = pkg.contributes.configuration.properties as Record<string, { scope?: string; items?: { properties: Record<string, unknown> } }>;
  for (const key of ['priorAuth.pas.environment', 'priorAuth.pas.environments', 'priorAuth.pas.local.authMethod', 'priorAuth.local.url']) {
    assert.equal(properties[key]?.scope, 'application', key);
  }
  const fields = Object.keys(properties['priorAuth.pas.environments'].items!.properties);
  assert.deepEqual(fields.filter((f) => /secret$|key$|password|jwk/i.test(f)), [], 'no field for a secret or a private key');
  const commands = (pkg.contributes.commands as { command: string; title: string }[]).filter((c) => c.command.startsWith('priorAuth.pas.')).map((c) => c.title);
  assert.deepEqual(commands.sort(), ['Generate PAS Key Pair', 'Select PAS Environment', 'Sign In to PAS Payer', 'Sign Out of PAS Payer']);
});
