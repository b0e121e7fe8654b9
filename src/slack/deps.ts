// What the Slack listeners need from the rest of the app. Built once in app.ts.
import type { Locale } from '../i18n/messages.js';
import type { NeedService } from '../needs/needService.js';

export interface ListenerDeps {
  needs: NeedService;
  locale: Locale;
  /** Loaded at start-up so the modal opens without touching the database (3 s trigger_id). */
  municipalities: { id: number; name: string }[];
}
