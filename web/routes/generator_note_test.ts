import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../../api/testing/app.ts";
import { createInterview } from "../../api/testing/interviews.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

Deno.test("the interview page names the AI that wrote the questions, its model and its prompt version", async () => {
  const { app, deps } = await createTestApp("pglite");
  const user = await signedInUser(app);
  const { id } = await createInterview(app, user);
  const path = `/organizations/${user.orgId}/interviews/${id}`;
  const shows = async (generator: string) => {
    await deps.db.sql`update public.interviews set question_generator = ${generator} where id = ${id}`;
    return await textOf(await page(app, path, { cookie: user.cookie }));
  };
  assert.match(
    await shows("openai-compatible:llama3.1:8b@question_generation.v1"),
    /Rédigées par l'IA OpenAI-compatible \(modèle llama3\.1:8b, consignes question_generation\.v1\)/,
  );
  // Interviews written before the prompt version was recorded.
  assert.match(
    await shows("anthropic:claude-sonnet-5-5"),
    /Rédigées par l'IA Anthropic \(modèle claude-sonnet-5-5\)/,
  );
});

Deno.test("close test databases", closeTestDatabases);
