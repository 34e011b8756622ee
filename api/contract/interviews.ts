import { z } from "zod";

export const INTERVIEW_STATUSES = [
  "draft",
  "scheduled",
  "in_progress",
  "completed",
  "reviewed",
  "archived",
] as const;

export const ListInterviewsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type InterviewSummary = {
  id: string;
  title: string;
  jobTitle: string;
  status: typeof INTERVIEW_STATUSES[number];
  mode: "autonomous" | "live";
  language: "fr" | "en";
  candidateId: string | null;
  createdAt: string;
};
