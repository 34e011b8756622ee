import type { JWK } from "jose";
import type { Sql } from "./connect.ts";

export type JwtKeyRow = { kid: string; private_jwk: JWK; public_jwk: JWK };

// Runs as the connection owner: auth.jwt_keys has no grants to API roles (embedded auth provider).

/** Every signing key pair, newest first. */
export async function selectJwtKeys(sql: Sql): Promise<JwtKeyRow[]> {
  return await sql<JwtKeyRow[]>`
    select kid, private_jwk, public_jwk from auth.jwt_keys order by created_at desc`;
}

/** Stores a new key pair; another instance storing its own first pair at the same time is no error. */
export async function insertJwtKey(sql: Sql, kid: string, priv: JWK, pub: JWK): Promise<void> {
  await sql`insert into auth.jwt_keys (kid, private_jwk, public_jwk)
               values (${kid}, ${sql.json(priv)}, ${sql.json(pub)}) on conflict do nothing`;
}
