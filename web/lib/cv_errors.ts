import type { AppError } from "../../api/lib/errors.ts";
import type { MessageKey } from "../i18n/t.ts";

/**
 * Why a CV upload was refused, as the short code a redirect carries (`?cvError=`), and its message: refused
 * posts redirect (the address bar never stays on …/cv, a reload posts nothing) and the page shows this.
 */
const CV_ERRORS: Record<string, MessageKey> = {
  noFile: "cvNoFile",
  empty: "cvEmpty",
  notPdf: "cvNotPdf",
  unreadable: "cvUnreadable",
  pdfTooManyPages: "cvTooManyPages",
  pdfTooComplex: "cvTooComplex",
  pdfTimeout: "cvTimeout",
  pdfBusy: "cvBusy",
  forbidden: "errorForbidden",
  invalid: "cvInvalid",
};

/** The refusal's code for the redirect. */
export function cvErrorCode(err: AppError): string {
  if (err.code === "forbidden") return "forbidden";
  const reason = err.details?.reason;
  return typeof reason === "string" && Object.hasOwn(CV_ERRORS, reason) ? reason : "invalid";
}

/** The message for a code read back from the query string (anything unknown shows nothing). */
export function cvErrorMessage(code: string | undefined): MessageKey | undefined {
  return code && Object.hasOwn(CV_ERRORS, code) ? CV_ERRORS[code] : undefined;
}
