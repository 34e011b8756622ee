/** A zip answered as a download that no cache keeps (it holds a person's data). */
export function zipDownload(archive: { zip: Uint8Array; filename: string }): Response {
  return new Response(archive.zip as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": "application/zip",
      "cache-control": "private, no-store",
      "content-disposition": `attachment; filename="${archive.filename}"`,
    },
  });
}
