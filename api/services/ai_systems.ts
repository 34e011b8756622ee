import type { Deps } from "../app_env.ts";
import type { AiSystem, Recipient, Region } from "../contract/governance.ts";

// Hosts of OpenAI-compatible services that process data in the EU (their published data-residency
// terms): Mistral (France), Scaleway (France), OVHcloud AI Endpoints (France), IONOS (Germany), OpenAI's
// European data-residency endpoint.
const EU_HOSTS = [
  /(^|\.)mistral\.ai$/,
  /(^|\.)scaleway\.(com|ai)$/,
  /(^|\.)ovh\.net$/,
  /(^|\.)ionos\.(com|de)$/,
  /^eu\.api\.openai\.com$/,
];
// Hosts that serve from the United States by default.
const NON_EU_HOSTS = [
  /(^|\.)openai\.com$/,
  /(^|\.)anthropic\.com$/,
  /(^|\.)groq\.com$/,
  /(^|\.)together\.xyz$/,
];
const PRIVATE_HOST =
  /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1\]?$)|\.local$|\.internal$/;

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** Where a host processes data, as far as its name tells: a private address is the operator's own network. */
export function regionOfHost(host: string): Region {
  if (PRIVATE_HOST.test(host)) return "local";
  if (EU_HOSTS.some((re) => re.test(host))) return "eu";
  if (NON_EU_HOSTS.some((re) => re.test(host))) return "non_eu";
  return "unknown";
}

/** The host a provider calls, from the configuration (never a key or a password). */
function providerHost(deps: Deps, provider: string, kind: "ai" | "transcription"): string | null {
  if (provider === "anthropic") return "api.anthropic.com";
  if (provider === "openai") return "api.openai.com";
  if (provider === "openai-compatible") {
    return hostOf(kind === "ai" ? deps.config.ai.compatible.baseUrl : deps.config.transcription.baseUrl);
  }
  return null;
}

/** The AI systems this server is configured with, one per task, as the transparency page and record say. */
export function configuredAiSystems(deps: Deps): AiSystem[] {
  const system = (
    task: AiSystem["task"],
    kind: "ai" | "transcription",
    engine: { name: string; model: string | null; promptVersion: string | null },
  ): AiSystem => {
    const host = providerHost(deps, engine.name, kind);
    return { task, ...engine, provider: engine.name, host, region: host ? regionOfHost(host) : "local" };
  };
  const q = deps.ai.questionGenerator;
  const e = deps.answerEvaluator;
  const l = deps.letterDrafter;
  const tr = deps.ai.transcriber;
  // The planner records itself as "offline" or "provider:model".
  const [planner, ...plannerModel] = deps.followUpPlanner.name.split(":");
  const systems = [
    system("question_generation", "ai", { name: q.name, model: q.model, promptVersion: q.promptVersion }),
    system("follow_up", "ai", { name: planner, model: plannerModel.join(":") || null, promptVersion: null }),
    system("evaluation", "ai", { name: e.name, model: e.model, promptVersion: e.promptVersion }),
    system(
      "feedback_letter",
      "ai",
      l ? { name: l.name, model: l.model, promptVersion: l.promptVersion } : {
        name: "template",
        model: null,
        promptVersion: null,
      },
    ),
  ];
  if (tr.method !== "none") {
    systems.push(
      system("transcription", "transcription", { name: tr.method, model: tr.model, promptVersion: null }),
    );
  }
  return systems;
}

/** Who receives candidates' data besides the organization: AI providers, e-mail, database, storage. */
export function configuredRecipients(deps: Deps): Recipient[] {
  const ai = new Map<string, Recipient>();
  for (const s of configuredAiSystems(deps)) {
    if (s.host) ai.set(s.host, { kind: "ai", name: s.provider, host: s.host, region: s.region });
  }
  const smtp = hostOf(deps.config.smtpUrl);
  const db = hostOf(deps.config.databaseUrl);
  return [
    ...ai.values(),
    smtp
      ? { kind: "email", name: "smtp", host: smtp, region: regionOfHost(smtp) }
      : { kind: "email", name: "outbox", host: null, region: "local" },
    db
      ? { kind: "database", name: "postgresql", host: db, region: regionOfHost(db) }
      : { kind: "database", name: "embedded", host: null, region: "local" },
    { kind: "storage", name: "files", host: null, region: "local" },
  ];
}
