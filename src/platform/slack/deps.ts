// What the Slack listeners need from the rest of the app. Built once in server.ts.
import type { Locale } from '../../i18n/messages.js';
import type { AreaSlug } from '../../matching/types.js';
import type { NeedsExport } from '../../export/needsExport.js';
import type { FeedbackService } from '../../feedback/giveFeedback.js';
import type { ImportService } from '../../import/importService.js';
import type { NeedsHome } from '../../register/home.js';
import type { NeedChanges } from '../../change-need/needChanges.js';
import type { NeedService } from '../../record-need/recordNeed.js';
import type { NeedRegister } from '../../register/registerRepository.js';
import type { UserPreferences } from '../../register/preferencesRepository.js';

export interface ListenerDeps {
  needs: NeedService;
  feedback: FeedbackService;
  /** Finding needs: `/need mine|list|search`. */
  register: NeedRegister;
  /** What the App Home shows a person. */
  home: NeedsHome;
  /** The App Home's stored choices per person. */
  preferences: UserPreferences;
  /** Editing and withdrawing a need. */
  changes: NeedChanges;
  /**
   * Deliveries that carry no event id (button presses), so a replay is processed once: `handled`
   * asks, and a change marks its delivery in its own transaction (FeedbackService's `delivery`);
   * `claim` marks one whose effect is no database change (an export), false when already marked.
   */
  deliveries: { handled(key: string): Promise<boolean>; claim(key: string): Promise<boolean> };
  locale: Locale;
  /** Loaded at start-up so modals open without touching the database (3 s trigger_id). */
  municipalities: { id: number; name: string }[];
  areas: { slug: AreaSlug; name: string; nameEn: string }[];
  /** The export for admins (Exportera in the App Home); absent: nobody may export from Slack. */
  exports?: NeedsExport;
  /** Importing workshop notes from a file uploaded in the App Home's Importera modal. */
  imports?: SlackImportDeps;
}

export interface SlackImportDeps {
  service: ImportService;
  /** Where the bot token may be sent to download an uploaded file (Slack's file host). */
  downloadOrigins: readonly string[];
  maxBytes?: number;
}
