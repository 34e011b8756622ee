import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { Database } from "../db/connect.ts";
import { insertJwtKey, lockJwtKeys, selectJwtKeys } from "../db/jwt_keys.ts";

export type SigningKeys = { kid: string; privateKey: CryptoKey; jwks: { keys: JWK[] } };

/**
 * Loads the embedded provider's ES256 keys, generating the first pair on first start. Keys live in the
 * database so every instance on one database signs and verifies alike.
 */
export async function loadSigningKeys(db: Database): Promise<SigningKeys> {
  // One first key for every instance starting on a new database: whoever takes the lock first makes it,
  // the others find it.
  const rows = await db.sql.begin(async (tx) => {
    await lockJwtKeys(tx);
    const existing = await selectJwtKeys(tx);
    if (existing.length > 0) return existing;
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const kid = crypto.randomUUID();
    const priv = { ...(await exportJWK(privateKey)), kid, alg: "ES256" };
    const pub = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
    await insertJwtKey(tx, kid, priv, pub);
    return await selectJwtKeys(tx);
  });
  const newest = rows[0];
  return {
    kid: newest.kid,
    privateKey: (await importJWK(newest.private_jwk, "ES256")) as CryptoKey,
    jwks: { keys: rows.map((r) => r.public_jwk) },
  };
}
