import type { ComponentType } from "preact";

/**
 * Every island, in one place: its name (the file name of its module, which web/build.ts checks) and how
 * the browser loads it (each is its own chunk, fetched only on pages that show it). Read by hydrate.ts
 * (the browser entry), web/build.ts (the manifest) and the Island component (the names it accepts).
 */
export const ISLANDS = {
  SignUpForm: () => import("./SignUpForm.tsx"),
  QuestionEditor: () => import("./QuestionEditor.tsx"),
  PasswordResetForm: () => import("./PasswordResetForm.tsx"),
  CvPreview: () => import("./CvPreview.tsx"),
  CandidateRoom: () => import("./CandidateRoom.tsx"),
  NotificationMenu: () => import("./NotificationMenu.tsx"),
  DashboardHome: () => import("./DashboardHome.tsx"),
  AnswerPlayer: () => import("./AnswerPlayer.tsx"),
  ReportCharts: () => import("./ReportCharts.tsx"),
  ComparisonCharts: () => import("./ComparisonCharts.tsx"),
  PrintButton: () => import("./PrintButton.tsx"),
  RerunButton: () => import("./RerunButton.tsx"),
  LiveInterview: () => import("./LiveInterview.tsx"),
  ScorecardForm: () => import("./ScorecardForm.tsx"),
  LiveAnswers: () => import("./LiveAnswers.tsx"),
  // deno-lint-ignore no-explicit-any
} satisfies Record<string, () => Promise<{ default: ComponentType<any> }>>;

export type IslandName = keyof typeof ISLANDS;
