// Redaction for logs and messages: secrets and tokens never leave memory in readable form.

const SECRET_KEYS = /^(client_secret|access_token|refresh_token|id_token|authorization|password)$/i;

/** A JSON value with secret fields replaced by "[redacted]". */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redactJson(v);
    return out;
  }
  return value;
}

/** Headers with Authorization (and anything secret-looking) hidden. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_KEYS.test(k) ? (k.toLowerCase() === 'authorization' ? 'Bearer [redacted]' : '[redacted]') : v;
  return out;
}

/** Removes every occurrence of the given secrets from a text (for error messages that may echo input). */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}
