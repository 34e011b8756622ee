import type { JWK } from "jose";
import type { Sql, Tx } from "./connect.ts";

export type JwtKeyRow = { kid: string; private_jwk: JWK; public_jwk: JWK };

// Runs as the connection owner: auth.jwt_keys has no grants to API roles (embedded auth provider).

/**
 * Serializes "no key yet? make one" across processes on one database until the transaction ends:
 * without it two instances starting together each stored a key the other had not loaded, and each refused
 * the other's tokens.
 */
export async function lockJwtKeys(tx: Tx): Promise<void> {
  await tx`select pg_advisory_xact_lock(727275)`;
}

/** Every signing key pair, newest first. */
export async function selectJwtKeys(sql: Sql | Tx): Promise<JwtKeyRow[]> {
  return await sql<JwtKeyRow[]>`
    select kid, private_jwk, public_jwk from auth.jwt_keys order by created_at desc`;
}

/** Stores a new key pair. */
export async function insertJwtKey(sql: Sql | Tx, kid: string, priv: JWK, pub: JWK): Promise<void> {
  await sql`insert into auth.jwt_keys (kid, private_jwk, public_jwk)
               values (${kid}, ${sql.json(priv)}, ${sql.json(pub)})`;
}
