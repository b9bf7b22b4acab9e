// Redaction for logs and messages: secrets and tokens never leave memory in readable form.
//
// scrubSecrets is the one function every text a person or a log sees goes through (ApiError builds its message,
// details and next step with it; the API layer's logger passes every line through it; the CLI its output rows). It
// removes the secrets this process knows (client secrets, private keys and issued tokens, remembered as they are used)
// and anything shaped like one, whatever the text came from: a JSON or form body that quotes client_secret, an
// Authorization header, a JWT (a signed client assertion too), a PEM private key, a private JWK's members, a URL with
// user:password@.

const SECRET_KEYS = /^(client_secret|access_token|refresh_token|id_token|authorization|password)$/i;

/** Sets an own field, also one named "__proto__" (an assignment would replace the object's prototype instead). */
function ownField(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A JSON value with secret fields replaced by "[redacted]". */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) ownField(out, k, SECRET_KEYS.test(k) ? '[redacted]' : redactJson(v));
    return out;
  }
  return value;
}

/** Headers with Authorization (and anything secret-looking) hidden. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) ownField(out, k, SECRET_KEYS.test(k) ? (k.toLowerCase() === 'authorization' ? 'Bearer [redacted]' : '[redacted]') : v);
  return out;
}

const REDACTED = '[redacted]';
/** Secrets shorter than this are not searched for (they would blank out ordinary words). */
const MIN_SECRET_LENGTH = 4;
/** The most recent secrets and tokens are kept; older tokens have expired anyway. */
const MAX_REMEMBERED = 64;
const remembered: string[] = [];
/** One pattern for every remembered secret in its plain, URL-encoded and JSON-escaped forms: one pass per text. */
let rememberedPattern: RegExp | undefined;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function secretForms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

function patternFor(secrets: readonly string[]): RegExp | undefined {
  const forms = secrets.flatMap(secretForms).sort((a, b) => b.length - a.length).map(escapeRegExp);
  return forms.length > 0 ? new RegExp(forms.join('|'), 'g') : undefined;
}

/** Makes scrubSecrets remove this value (a client secret, an access token) from every text from now on. */
export function rememberSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || remembered.includes(value)) return;
  remembered.push(value);
  if (remembered.length > MAX_REMEMBERED) remembered.shift();
  rememberedPattern = patternFor(remembered);
}

const KEY_NAMES = 'client_secret|clientSecret|access_token|accessToken|refresh_token|id_token|password|passwd|api_key|apikey';
const PATTERNS: readonly [RegExp, string][] = [
  // "client_secret": "…" in JSON (also escaped inside a JSON string: \"client_secret\":\"…\")
  [new RegExp(`(\\\\?["'](?:${KEY_NAMES})\\\\?["']\\s*:\\s*\\\\?["'])((?:[^"'\\\\]|\\\\(?!["']))*)`, 'gi'), `$1${REDACTED}`],
  // client_secret=… in a form body or a query string
  [new RegExp(`\\b((?:${KEY_NAMES})=)[^&\\s"']*`, 'gi'), `$1${REDACTED}`],
  // Authorization: Bearer … / Basic …
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g, `$1 ${REDACTED}`],
  // a JWT anywhere (header.payload.signature, base64url)
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // a PEM private key (whole, or cut off at the end of the text)
  [/-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g, REDACTED],
  // the private members of a JWK ("d", RSA's primes and exponents, a symmetric "k")
  [/(\\?["'](?:d|p|q|dp|dq|qi|k)\\?["']\s*:\s*\\?["'])((?:[^"'\\]|\\(?!["']))*)/g, `$1${REDACTED}`],
  // scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@"']*):[^\s/@"']*@/gi, `$1:${REDACTED}@`],
];

/** The text with every known secret and anything shaped like a secret or token replaced by "[redacted]". */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  const given = secrets.filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH);
  if (given.length > 0) out = out.replace(patternFor(given)!, REDACTED);
  if (rememberedPattern) out = out.replace(rememberedPattern, REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** scrubSecrets with the caller's own secrets (the name older callers use). */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  return scrubSecrets(text, secrets);
}
