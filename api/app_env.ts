import type { Config } from "./config.ts";
import type { Database } from "./db/connect.ts";
import type { Claims } from "./db/tx.ts";
import type { AuthProvider } from "./auth/provider.ts";
import type { Mailer } from "./mail/mailer.ts";
import type { BlobStore } from "./storage/blob_store.ts";

/** Everything the app is built from; tests build their own (PGlite or PostgreSQL, fake mailer). */
export type Deps = {
  config: Config;
  db: Database;
  auth: AuthProvider;
  mailer: Mailer;
  storage: BlobStore;
};

export type AppEnv = {
  Variables: {
    deps: Deps;
    claims: Claims | null;
    requestId: string;
  };
};
