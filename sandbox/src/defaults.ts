// The local sandbox's well-known credentials. They protect nothing: the sandbox binds to 127.0.0.1 and holds no data.

export const DEFAULT_CLIENT_ID = 'local-client';
export const DEFAULT_CLIENT_SECRET = 'local-secret';
