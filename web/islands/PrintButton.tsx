/** Opens the browser's print dialog (the report's print stylesheet makes a clean PDF of it). */
export default function PrintButton({ label }: { label: string }) {
  return <button type="button" class="button" onClick={() => globalThis.print()}>{label}</button>;
}
