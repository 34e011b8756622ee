import assert from "node:assert/strict";
import { cvNameDiffers, cvOpening, guessContact } from "./candidates_cv_name.ts";

const CV = "Amélie Lefèvre\n\nDéveloppeuse back-end senior — Lyon — amelie.lefevre@example.test\n\n" +
  "Expérience professionnelle";

Deno.test("the CV of the candidate does not warn, whatever the accents, case or a one-letter typo", () => {
  assert.equal(cvNameDiffers("Amélie Lefèvre", CV), false);
  assert.equal(cvNameDiffers("AMELIE LEFEVRE", CV), false);
  assert.equal(cvNameDiffers("Amélie Lefèbvre-Roux", CV), false, "married name added, typo in the other");
  assert.equal(cvNameDiffers("Mme A. Lefèvre", CV), false);
});

Deno.test("someone else's CV warns; a scan (no text) never does", () => {
  assert.equal(cvNameDiffers("Jean Dupont", CV), true);
  assert.equal(cvNameDiffers("Jean Dupont", ""), false);
  assert.equal(cvNameDiffers("Jean Dupont", null), false);
  const far = `Curriculum vitae\n${"x ".repeat(400)}\nJean Dupont`;
  assert.equal(cvNameDiffers("Jean Dupont", far), true, "only the top of the CV counts");
});

Deno.test("the CV's opening words and the guessed contact", () => {
  assert.equal(cvOpening(CV, 3), "Amélie Lefèvre Développeuse …");
  assert.deepEqual(guessContact(CV), { fullName: "Amélie Lefèvre", email: "amelie.lefevre@example.test" });
  assert.deepEqual(guessContact("CURRICULUM VITAE 2025\nJean-Pierre O'Neil\nTel 06"), {
    fullName: "Jean-Pierre O'Neil",
    email: "",
  });
});
