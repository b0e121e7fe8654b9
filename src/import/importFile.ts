// Fetches a file someone uploaded through the import modal's file_input: files.info (zod-checked)
// for its name, type, size and url_private_download, then the bytes with the bot token — only
// from Slack's own file host (or the configured API's host, for the fake), never more than the
// cap, and within a timeout. Answers the bytes and their sha256 (the import button checks that
// it imports exactly the file it previewed).
import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 30_000;

export type ImportFileFailure = 'tooBig' | 'fileType' | 'fetchFailed';

export class SlackFileError extends Error {
  constructor(
    readonly failure: ImportFileFailure,
    detail: string,
  ) {
    super(detail);
  }
}

export interface FetchedFile {
  id: string;
  name: string;
  bytes: Buffer;
  sha256: string;
}

export interface SlackFileOptions {
  /** Origins the bot token may be sent to: Slack's file host and, in tests, the fake's. */
  downloadOrigins: readonly string[];
  maxBytes?: number;
  fetch?: typeof fetch;
}

const fileInfo = z.object({
  ok: z.literal(true),
  file: z.object({
    id: z.string().min(1),
    name: z.string().min(1).max(1000),
    filetype: z.string().optional(),
    size: z.number().int().nonnegative(),
    url_private_download: z.url(),
  }),
});

export const IMPORT_FILETYPES = ['csv', 'xlsx'] as const;

export function slackDownloadOrigins(apiUrl: string | undefined): string[] {
  const origins = ['https://files.slack.com'];
  if (apiUrl) origins.push(new URL(apiUrl).origin);
  return origins;
}

export async function fetchSlackFile(client: WebClient, botToken: string, fileId: string, options: SlackFileOptions): Promise<FetchedFile> {
  const maxBytes = options.maxBytes ?? IMPORT_MAX_BYTES;
  const parsed = fileInfo.safeParse(await client.files.info({ file: fileId }).catch((error: unknown) => ({ error })));
  if (!parsed.success) throw new SlackFileError('fetchFailed', `files.info gave no usable file for ${fileId}`);
  const { file } = parsed.data;
  const type = (file.filetype ?? file.name.split('.').pop() ?? '').toLowerCase();
  if (!(IMPORT_FILETYPES as readonly string[]).includes(type)) throw new SlackFileError('fileType', `file type ${type}`);
  if (file.size > maxBytes) throw new SlackFileError('tooBig', `${file.size} bytes`);
  const url = new URL(file.url_private_download);
  if (!options.downloadOrigins.includes(url.origin)) throw new SlackFileError('fetchFailed', `download host ${url.origin} is not Slack's`);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), DOWNLOAD_TIMEOUT_MS);
  timer.unref();
  try {
    const response = await (options.fetch ?? fetch)(url, { headers: { authorization: `Bearer ${botToken}` }, redirect: 'follow', signal: controller.signal });
    if (!response.ok || !response.body) throw new SlackFileError('fetchFailed', `download answered ${response.status}`);
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      length += chunk.length;
      if (length > maxBytes) {
        controller.abort();
        throw new SlackFileError('tooBig', `more than ${maxBytes} bytes`);
      }
      chunks.push(Buffer.from(chunk));
    }
    const bytes = Buffer.concat(chunks);
    return { id: file.id, name: file.name, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (error) {
    if (error instanceof SlackFileError) throw error;
    throw new SlackFileError('fetchFailed', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}
