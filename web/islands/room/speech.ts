/** Reading a question aloud with the browser's speech synthesis, in the interview's language. */

/** A voice for `language` ("fr", "en") among the browser's, or null. */
export function voiceFor(voices: SpeechSynthesisVoice[], language: string): SpeechSynthesisVoice | null {
  return voices.find((v) => v.lang.toLowerCase().startsWith(language) && v.default) ??
    voices.find((v) => v.lang.toLowerCase().startsWith(language)) ?? null;
}

/** Reads `text` aloud; false when the browser has no voice in that language (the text stays on screen). */
export function speak(text: string, language: string): boolean {
  if (typeof speechSynthesis === "undefined") return false;
  const voice = voiceFor(speechSynthesis.getVoices(), language);
  if (!voice) return false;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  speechSynthesis.speak(utterance);
  return true;
}

export function stopSpeaking(): void {
  if (typeof speechSynthesis !== "undefined") speechSynthesis.cancel();
}
