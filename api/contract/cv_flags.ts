import * as z from "zod";

/**
 * Why a passage of a CV was taken out before any AI read it: instructions to the model ("ignore previous
 * instructions"), a chat role prefix ("SYSTEM:"), a demand for a score or a hiring decision, text
 * addressed to an AI, or hidden text (white, tiny or invisible) that talks to a reader the recruiter
 * cannot see.
 */
export const CV_FLAG_REASONS = [
  "instructions",
  "rolePrefix",
  "scoreDemand",
  "addressedToAi",
  "hiddenText",
] as const;
export type CvFlagReason = typeof CV_FLAG_REASONS[number];

/** How a passage was hidden in the PDF: white fill, a font too small to read, or an invisible render mode. */
export const CV_HIDDEN_KINDS = ["white", "tiny", "invisible"] as const;
export type CvHiddenKind = typeof CV_HIDDEN_KINDS[number];

export const CvFlagSchema = z.object({
  reason: z.enum(CV_FLAG_REASONS),
  /** The passage as it was in the CV's text (at most 500 characters). */
  passage: z.string().max(500),
  hidden: z.enum(CV_HIDDEN_KINDS).nullable(),
});
export type CvFlag = z.infer<typeof CvFlagSchema>;

/** At most this many passages are kept; a CV with more is flagged all the same. */
export const MAX_CV_FLAGS = 20;
export const CvFlagsSchema = z.array(CvFlagSchema).max(MAX_CV_FLAGS);
