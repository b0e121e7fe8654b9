import type { AreaSlug } from './types.js';

/** Swedish display names of the strength areas, for reasons shown in Slack (as in strength-areas.yml). */
export const AREA_NAMES_SV: Record<AreaSlug, string> = {
  visualisering: 'Visualisering, simulering och bildanalys',
  uppkopplade: 'Smarta, säkra och robusta uppkopplade produkter och system',
  miljonytta: 'Miljönytta som affär',
  logistik: 'Effektiv logistik',
  material: 'Avancerade material',
};
