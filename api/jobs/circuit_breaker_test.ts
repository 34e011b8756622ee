import assert from "node:assert/strict";
import { createCircuitBreaker } from "./circuit_breaker.ts";

Deno.test("createCircuitBreaker() opens after consecutive failures and half-opens after the cooldown", () => {
  let now = 0;
  const breaker = createCircuitBreaker({ threshold: 3, cooldownMs: 1000, clock: () => now });
  breaker.recordFailure();
  breaker.recordFailure();
  assert.equal(breaker.isOpen(), false);
  breaker.recordFailure();
  assert.equal(breaker.isOpen(), true);
  now = 999;
  assert.equal(breaker.isOpen(), true);
  now = 1000;
  assert.equal(breaker.isOpen(), false, "half-open after the cooldown");
  breaker.recordFailure();
  assert.equal(breaker.isOpen(), true, "one more failure while half-open opens it again");
  now = 2500;
  breaker.isOpen();
  breaker.recordSuccess();
  breaker.recordFailure();
  assert.equal(breaker.isOpen(), false, "a success resets the count");
});
