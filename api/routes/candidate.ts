import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app_env.ts";
import {
  AccommodationsSchema,
  AnswerBodySchema,
  AnswerParamSchema,
  AudioAnswerQuerySchema,
  ConsentBodySchema,
  FollowUpBodySchema,
  HumanInterviewBodySchema,
  InterviewIdParamSchema,
  OpenLinkBodySchema,
  PracticeBodySchema,
} from "../contract/candidate.ts";
import { requireCandidate } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import { requestIp } from "../lib/request_ip.ts";
import * as engine from "../services/interview_engine.ts";
import * as analysis from "../services/analysis.ts";
import { EventsBodySchema, SamplesBodySchema } from "../contract/analysis.ts";
import { openLink } from "../services/candidate_session.ts";
import type { Claims } from "../db/tx.ts";

/** Mounted at /api/candidate/links: opening a magic link from an API client. */
export const candidateLinks = new Hono<AppEnv>()
  .post("/open", validate("json", OpenLinkBodySchema), async (c) => {
    const { config } = c.get("deps");
    const ctx = { ip: requestIp(c, config.trustProxy), userAgent: c.req.header("user-agent") };
    return c.json(await openLink(c.get("deps"), c.req.valid("json").token, ctx), 201);
  });

type CandidateRef = { claims: Claims; interviewId: string };
type CandidateEnv = { Variables: AppEnv["Variables"] & { candidate: CandidateRef } };

/**
 * Every room route answers only to this interview's candidate session (404 to anyone else), checked before
 * its body or query is read: strangers learn nothing about the contract of someone else's room. The id was
 * validated by the middleware before this one.
 */
const candidateOnly = createMiddleware<CandidateEnv>(async (c, next) => {
  c.set("candidate", await requireCandidate(c, c.req.param("interviewId")!));
  await next();
});

/** Mounted at /api/candidate/interviews/:interviewId: the interview engine, as the candidate. */
export const candidateInterview = new Hono<CandidateEnv>()
  .use(validate("param", InterviewIdParamSchema), candidateOnly)
  .get("/", async (c) => c.json(await engine.getState(c.get("deps"), c.get("candidate"))))
  .post("/consent", validate("json", ConsentBodySchema), async (c) =>
    c.json(
      await engine.consent(c.get("deps"), c.get("candidate"), {
        accommodations: c.req.valid("json").accommodations,
        userAgent: c.req.header("user-agent") ?? null,
      }),
    ))
  .put(
    "/accommodations",
    validate("json", AccommodationsSchema),
    async (c) =>
      c.json(await engine.setAccommodations(c.get("deps"), c.get("candidate"), c.req.valid("json"))),
  )
  .post("/start", async (c) => c.json(await engine.start(c.get("deps"), c.get("candidate"))))
  .post(
    "/practice",
    validate("json", PracticeBodySchema),
    async (c) => c.json(await engine.finishPractice(c.get("deps"), c.get("candidate"))),
  )
  .post("/answers", validate("json", AnswerBodySchema), async (c) => {
    const result = await engine.answer(c.get("deps"), c.get("candidate"), c.req.valid("json"));
    return c.json(result, result.replayed ? 200 : 201);
  })
  .post("/answers/audio", validate("query", AudioAnswerQuerySchema), async (c) => {
    const deps = c.get("deps");
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    // Type from the first bytes and duration from the container, before anything is stored.
    // Loaded on first use: the media parsers need not weigh on the server's start.
    const { checkAudio } = await import("../lib/audio.ts");
    const audio = await checkAudio(bytes, { maxBytes: deps.config.audioMaxBytes });
    const result = await engine.answer(deps, c.get("candidate"), {
      ...c.req.valid("query"),
      timedOut: false,
      audio: { bytes, ...audio },
    });
    return c.json(result, result.replayed ? 200 : 201);
  })
  // After a recorded answer (phase "settling"): waits a few seconds at most for the follow-up decision.
  .post(
    "/answers/:responseId/follow-up",
    validate("param", AnswerParamSchema),
    validate("json", FollowUpBodySchema),
    async (c) =>
      c.json(await engine.followUp(c.get("deps"), c.get("candidate"), c.req.valid("param").responseId)),
  )
  .post("/complete", async (c) => c.json(await engine.complete(c.get("deps"), c.get("candidate"))))
  .post(
    "/human-interview",
    validate("json", HumanInterviewBodySchema),
    async (c) =>
      c.json(await engine.requestHumanInterview(c.get("deps"), c.get("candidate"), c.req.valid("json"))),
  )
  // On-device analysis and integrity events: batches from the room's queue, idempotent (201 even when a
  // resend stores nothing new: the room's queue may forget the batch either way).
  .post(
    "/samples",
    validate("json", SamplesBodySchema),
    async (c) =>
      c.json(
        await analysis.storeSamples(c.get("deps"), c.get("candidate"), c.req.valid("json").samples),
        201,
      ),
  )
  .post(
    "/events",
    validate("json", EventsBodySchema),
    async (c) =>
      c.json(await analysis.storeEvents(c.get("deps"), c.get("candidate"), c.req.valid("json").events), 201),
  );
