import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { Database } from "../db/connect.ts";

export type SigningKeys = { kid: string; privateKey: CryptoKey; jwks: { keys: JWK[] } };

/**
 * Loads the embedded provider's ES256 keys, generating the first pair on first start. Keys live in the
 * database so every instance on one database signs and verifies alike.
 */
export async function loadSigningKeys(db: Database): Promise<SigningKeys> {
  // Runs as the connection owner: auth.jwt_keys has no grants to API roles (embedded auth provider).
  let rows = await db.sql<{ kid: string; private_jwk: JWK; public_jwk: JWK }[]>`
    select kid, private_jwk, public_jwk from auth.jwt_keys order by created_at desc`;
  if (rows.length === 0) {
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const kid = crypto.randomUUID();
    const priv = { ...(await exportJWK(privateKey)), kid, alg: "ES256" };
    const pub = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
    await db.sql`insert into auth.jwt_keys (kid, private_jwk, public_jwk)
                 values (${kid}, ${db.sql.json(priv)}, ${db.sql.json(pub)}) on conflict do nothing`;
    rows = await db.sql`select kid, private_jwk, public_jwk from auth.jwt_keys order by created_at desc`;
  }
  const newest = rows[0];
  return {
    kid: newest.kid,
    privateKey: (await importJWK(newest.private_jwk, "ES256")) as CryptoKey,
    jwks: { keys: rows.map((r) => r.public_jwk) },
  };
}
