/** The room's requests: outbox items through XMLHttpRequest (fetch reports no upload progress). */
import type { OutboxItem, SendResult } from "./outbox.ts";

/** Sends one outbox item; a network failure or timeout is status 0 (the outbox tries again). */
export function sendItem(item: OutboxItem, onProgress: (fraction: number) => void): Promise<SendResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", item.url);
    xhr.setRequestHeader("content-type", item.contentType);
    xhr.setRequestHeader("accept", "application/json");
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch { /* not JSON (a proxy's page): the status says enough */ }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = xhr.ontimeout = xhr.onabort = () => resolve({ status: 0, body: null });
    xhr.send(item.body instanceof ArrayBuffer ? item.body : JSON.stringify(item.body));
  });
}
