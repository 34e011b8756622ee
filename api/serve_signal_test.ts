import assert from "node:assert/strict";

/*
 * deno.json opts in to "no-legacy-abort": a request's signal aborts only when the client goes away, not
 * when the response was sent. Under the legacy default every successful request aborted its signal and
 * Deno printed a deprecation warning at the first one; code listening to the signal to cancel work
 * (an LLM call, a PDF parse) would have cancelled it after success.
 */
Deno.test("a served request's signal is not aborted by a successful response", async () => {
  let signal: AbortSignal | undefined;
  const done = Promise.withResolvers<void>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req, info) => {
    signal = req.signal;
    info.completed.then(() => done.resolve(), () => done.resolve());
    return new Response("ok");
  });
  try {
    const res = await fetch(`http://127.0.0.1:${server.addr.port}/`);
    assert.equal(await res.text(), "ok");
    await done.promise;
    assert.equal(signal?.aborted, false);
  } finally {
    await server.shutdown();
  }
});
