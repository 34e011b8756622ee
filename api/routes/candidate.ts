import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import {
  AccommodationsSchema,
  AnswerBodySchema,
  AudioAnswerQuerySchema,
  ConsentBodySchema,
  HumanInterviewBodySchema,
  InterviewIdParamSchema,
  OpenLinkBodySchema,
  PracticeBodySchema,
} from "../contract/candidate.ts";
import { requireCandidate } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import { requestIp } from "../lib/request_ip.ts";
import * as engine from "../services/interview_engine.ts";
import { openLink } from "../services/candidate_session.ts";
import { AppError } from "../lib/errors.ts";

/** Mounted at /api/candidate/links: opening a magic link from an API client. */
export const candidateLinks = new Hono<AppEnv>()
  .post("/open", validate("json", OpenLinkBodySchema), async (c) => {
    const { config } = c.get("deps");
    const ctx = { ip: requestIp(c, config.trustProxy), userAgent: c.req.header("user-agent") };
    return c.json(await openLink(c.get("deps"), c.req.valid("json").token, ctx), 201);
  });

/** Mounted at /api/candidate/interviews/:interviewId: the interview engine, as the candidate. */
export const candidateInterview = new Hono<AppEnv>()
  .get("/", validate("param", InterviewIdParamSchema), async (c) => {
    const ref = await requireCandidate(c, c.req.valid("param").interviewId);
    return c.json(await engine.getState(c.get("deps"), ref));
  })
  .post(
    "/consent",
    validate("param", InterviewIdParamSchema),
    validate("json", ConsentBodySchema),
    async (c) => {
      const ref = await requireCandidate(c, c.req.valid("param").interviewId);
      return c.json(
        await engine.consent(c.get("deps"), ref, {
          accommodations: c.req.valid("json").accommodations,
          userAgent: c.req.header("user-agent") ?? null,
        }),
      );
    },
  )
  .put(
    "/accommodations",
    validate("param", InterviewIdParamSchema),
    validate("json", AccommodationsSchema),
    async (c) => {
      const ref = await requireCandidate(c, c.req.valid("param").interviewId);
      return c.json(await engine.setAccommodations(c.get("deps"), ref, c.req.valid("json")));
    },
  )
  .post("/start", validate("param", InterviewIdParamSchema), async (c) => {
    const ref = await requireCandidate(c, c.req.valid("param").interviewId);
    return c.json(await engine.start(c.get("deps"), ref));
  })
  .post(
    "/practice",
    validate("param", InterviewIdParamSchema),
    validate("json", PracticeBodySchema),
    async (c) => {
      const ref = await requireCandidate(c, c.req.valid("param").interviewId);
      return c.json(await engine.finishPractice(c.get("deps"), ref));
    },
  )
  .post(
    "/answers",
    validate("param", InterviewIdParamSchema),
    validate("json", AnswerBodySchema),
    async (c) => {
      const ref = await requireCandidate(c, c.req.valid("param").interviewId);
      const result = await engine.answer(c.get("deps"), ref, c.req.valid("json"));
      return c.json(result, result.replayed ? 200 : 201);
    },
  )
  .post(
    "/answers/audio",
    validate("param", InterviewIdParamSchema),
    async (c) => {
      const deps = c.get("deps");
      const ref = await requireCandidate(c, c.req.valid("param").interviewId);
      // Checked after the caller (strangers learn nothing about the contract of someone else's room).
      const query = AudioAnswerQuerySchema.safeParse(c.req.query());
      if (!query.success) {
        throw new AppError("invalidInput", "Invalid query: questionId and idempotencyKey are required", {
          issues: query.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        });
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      // Type from the first bytes and duration from the container, before anything is stored.
      // Loaded on first use: the media parsers need not weigh on the server's start.
      const { checkAudio } = await import("../lib/audio.ts");
      const audio = await checkAudio(bytes, { maxBytes: deps.config.audioMaxBytes });
      const result = await engine.answer(deps, ref, {
        ...query.data,
        timedOut: false,
        audio: { bytes, ...audio },
      });
      return c.json(result, result.replayed ? 200 : 201);
    },
  )
  .post("/complete", validate("param", InterviewIdParamSchema), async (c) => {
    const ref = await requireCandidate(c, c.req.valid("param").interviewId);
    return c.json(await engine.complete(c.get("deps"), ref));
  })
  .post(
    "/human-interview",
    validate("param", InterviewIdParamSchema),
    validate("json", HumanInterviewBodySchema),
    async (c) => {
      const ref = await requireCandidate(c, c.req.valid("param").interviewId);
      return c.json(await engine.requestHumanInterview(c.get("deps"), ref, c.req.valid("json")));
    },
  );
