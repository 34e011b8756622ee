import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { Database } from "../db/connect.ts";
import { insertJwtKey, selectJwtKeys } from "../db/jwt_keys.ts";

export type SigningKeys = { kid: string; privateKey: CryptoKey; jwks: { keys: JWK[] } };

/**
 * Loads the embedded provider's ES256 keys, generating the first pair on first start. Keys live in the
 * database so every instance on one database signs and verifies alike.
 */
export async function loadSigningKeys(db: Database): Promise<SigningKeys> {
  let rows = await selectJwtKeys(db.sql);
  if (rows.length === 0) {
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const kid = crypto.randomUUID();
    const priv = { ...(await exportJWK(privateKey)), kid, alg: "ES256" };
    const pub = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
    await insertJwtKey(db.sql, kid, priv, pub);
    rows = await selectJwtKeys(db.sql);
  }
  const newest = rows[0];
  return {
    kid: newest.kid,
    privateKey: (await importJWK(newest.private_jwk, "ES256")) as CryptoKey,
    jwks: { keys: rows.map((r) => r.public_jwk) },
  };
}
