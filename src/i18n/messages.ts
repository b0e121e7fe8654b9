// Every text a user sees, Swedish first. English is the same shape (the type checker keeps them
// in step). Keys are grouped by where the text appears.

export type Locale = 'sv' | 'en';

const sv = {
  modal: {
    title: 'Nytt behov', // ≤ 24 chars (Slack limit)
    submit: 'Spara',
    close: 'Avbryt',
    intro: 'Beskriv kommunens behov med egna ord. Vi föreslår styrkeområde och innovationsmiljöer.',
    municipality: 'Kommun',
    municipalityPlaceholder: 'Välj kommun',
    title_: 'Rubrik',
    titleHint: 'Lämna tomt så skapar vi en rubrik från beskrivningen.',
    description: 'Beskrivning',
    descriptionPlaceholder: 'Vilket problem vill kommunen lösa? Vem berörs?',
    sector: 'Verksamhet',
    sectorPlaceholder: 'Välj verksamhet',
    contact: 'Kontaktperson',
  },
  errors: {
    municipalityMissing: 'Välj en kommun.',
    municipalityUnknown: 'Välj en av Östergötlands 13 kommuner i listan.',
    titleTooLong: (max: number) => `Rubriken får vara högst ${max} tecken.`,
    descriptionEmpty: 'Skriv en beskrivning av behovet.',
    descriptionTooShort: (min: number) => `Beskrivningen behöver minst ${min} tecken.`,
    descriptionTooLong: (max: number, length: number) => `Beskrivningen får vara högst ${max} tecken (nu ${length}).`,
    sectorUnknown: 'Välj en verksamhet i listan.',
    contactInvalid: 'Välj en person som kontakt.',
    formTampered: 'Formuläret kunde inte läsas. Stäng och skriv /need igen.',
    storeFailed: 'Behovet kunde inte sparas just nu. Försök igen om en stund.',
  },
  suggestion: {
    header: (title: string) => `Nytt behov: ${title}`,
    municipality: 'Kommun',
    sector: 'Verksamhet',
    areas: 'Styrkeområde',
    confidence: { high: 'stark matchning', medium: 'trolig matchning', low: 'svag matchning' },
    drivenBy: 'Nyckelord',
    noClearMatch: 'Ingen tydlig matchning — hjälp oss sortera',
    environments: 'Förslag på innovationsmiljöer',
    noEnvironments: 'Inga förslag ännu.',
    recordedBy: (user: string, when: string) => `Registrerat av ${user} ${when}`,
    contact: (user: string) => `Kontaktperson: ${user}`,
    fallbackText: (title: string, municipality: string) => `Nytt behov från ${municipality}: ${title}`,
  },
  confirmation: {
    posted: (title: string, channels: string) => `Tack! Behovet ”${title}” är sparat och delat i ${channels}.`,
    intake: (title: string, channel: string) =>
      `Tack! Behovet ”${title}” är sparat. Det matchade inget styrkeområde tydligt, så det ligger i ${channel} för sortering.`,
  },
  feedback: {
    claim: 'Jag tar kontakt',
    recategorise: 'Byt styrkeområde',
    notOurs: 'Inte vårt område',
    claimedBy: (user: string) => `:raising_hand: ${user} tar kontakt`,
    resolved: ':white_check_mark: Löst',
    votes: (up: number, down: number, channel: string) => `:+1: ${up} · :-1: ${down} i ${channel}`,
    recategorisedBy: (user: string) => `ändrat av ${user}`,
    chosenByPerson: 'valt av en person',
    movedTo: (channels: string) => `:leftwards_arrow_with_hook: Flyttat till ${channels} efter byte av styrkeområde.`,
    returned: (channels: string) => `:leftwards_arrow_with_hook: Ingen tog den: ${channels} svarade :-1:. Hjälp oss hitta rätt mottagare.`,
  },
  recategoriseModal: {
    title: 'Byt styrkeområde', // ≤ 24 chars
    submit: 'Spara',
    close: 'Avbryt',
    intro: (title: string) => `Vilka styrkeområden passar behovet ”${title}”?`,
    label: 'Rätt styrkeområde',
    none: 'Inget styrkeområde passar',
    errorEmpty: 'Välj minst ett styrkeområde, eller ”Inget styrkeområde passar”.',
    errorNoneWithAreas: '”Inget styrkeområde passar” kan inte kombineras med styrkeområden.',
  },
  command: {
    openFailed: 'Formuläret kunde inte öppnas. Försök igen om en stund.',
  },
  summary: {
    header: (week: number, range: string) => `Veckosammanfattning v. ${week} (${range})`,
    total: (count: number, average: string, change: string) =>
      `*Nya behov:* ${count} (snitt de fyra veckorna före: ${average}, ${change})`,
    perMunicipality: 'Per kommun',
    perArea: 'Per styrkeområde',
    countLine: (label: string, count: number, average: string, change: string) => `• ${label}: *${count}* (snitt ${average}, ${change})`,
    newList: 'Nya behov, senaste först',
    more: (count: number) => `…och ${count} till`,
    waiting: (days: number, count: number) => `*Väntar på svar:* ${count} behov öppna utan kontaktperson i minst ${days} dagar, äldst först`,
    waitingNone: (days: number) => `*Väntar på svar:* inga behov har väntat ${days} dagar eller mer.`,
    recorded: (date: string) => `registrerat ${date}`,
    activity: (claimed: number, resolved: number) => `*Under veckan:* ${claimed} behov tagna, ${resolved} lösta`,
    feedback: (up: number, down: number, recategorised: number) =>
      `*Återkoppling i kanalen:* 👍 ${up} · 👎 ${down} · ${recategorised} omklassade`,
    chartNote: 'Diagrammet visar nya behov per styrkeområde och kommun de senaste åtta veckorna.',
    chartMissing: 'Diagrammet kunde inte skapas den här gången.',
    empty: (week: number) => `Inga nya behov och ingen aktivitet v. ${week}.`,
    emptyWaiting: (count: number) => `${count} behov väntar fortfarande på svar.`,
    fallback: (week: number, count: number) => `Veckosammanfattning v. ${week}: ${count} nya behov`,
    noChange: 'oförändrat',
    areas: {
      visualisering: 'Visualisering',
      uppkopplade: 'Uppkopplade system',
      miljonytta: 'Miljönytta',
      logistik: 'Logistik',
      material: 'Material',
      none: 'Utan styrkeområde',
    },
    chart: {
      title: (week: number) => `Nya behov per vecka, åtta veckor t.o.m. v. ${week}`,
      byArea: 'Per styrkeområde',
      byMunicipality: 'Per kommun',
      week: 'Vecka',
      count: 'Nya behov',
      area: 'Styrkeområde',
      municipality: 'Kommun',
      weekLabel: (week: number) => `v. ${week}`,
      fileTitle: (week: number) => `Nya behov v. ${week}`,
    },
  },
};

export type Messages = typeof sv;

type Widen<T> = T extends string ? string : T extends (...args: infer A) => string ? (...args: A) => string : { [K in keyof T]: Widen<T[K]> };

const en: Widen<Messages> = {
  modal: {
    title: 'New need',
    submit: 'Save',
    close: 'Cancel',
    intro: "Describe the municipality's need in your own words. We suggest strength areas and innovation environments.",
    municipality: 'Municipality',
    municipalityPlaceholder: 'Choose municipality',
    title_: 'Title',
    titleHint: 'Leave empty and we derive a title from the description.',
    description: 'Description',
    descriptionPlaceholder: 'What problem does the municipality want to solve? Who is affected?',
    sector: 'Sector',
    sectorPlaceholder: 'Choose sector',
    contact: 'Contact person',
  },
  errors: {
    municipalityMissing: 'Choose a municipality.',
    municipalityUnknown: "Choose one of Östergötland's 13 municipalities from the list.",
    titleTooLong: (max: number) => `The title can be at most ${max} characters.`,
    descriptionEmpty: 'Describe the need.',
    descriptionTooShort: (min: number) => `The description needs at least ${min} characters.`,
    descriptionTooLong: (max: number, length: number) => `The description can be at most ${max} characters (now ${length}).`,
    sectorUnknown: 'Choose a sector from the list.',
    contactInvalid: 'Choose a person as contact.',
    formTampered: 'The form could not be read. Close it and type /need again.',
    storeFailed: 'The need could not be saved right now. Please try again shortly.',
  },
  suggestion: {
    header: (title: string) => `New need: ${title}`,
    municipality: 'Municipality',
    sector: 'Sector',
    areas: 'Strength area',
    confidence: { high: 'strong match', medium: 'likely match', low: 'weak match' },
    drivenBy: 'Key terms',
    noClearMatch: 'No clear match — help us sort it',
    environments: 'Suggested innovation environments',
    noEnvironments: 'No suggestions yet.',
    recordedBy: (user: string, when: string) => `Recorded by ${user} ${when}`,
    contact: (user: string) => `Contact: ${user}`,
    fallbackText: (title: string, municipality: string) => `New need from ${municipality}: ${title}`,
  },
  confirmation: {
    posted: (title: string, channels: string) => `Thanks! The need “${title}” is saved and shared in ${channels}.`,
    intake: (title: string, channel: string) =>
      `Thanks! The need “${title}” is saved. It matched no strength area clearly, so it waits in ${channel} for sorting.`,
  },
  feedback: {
    claim: "I'll make contact",
    recategorise: 'Change strength area',
    notOurs: 'Not our area',
    claimedBy: (user: string) => `:raising_hand: ${user} is making contact`,
    resolved: ':white_check_mark: Resolved',
    votes: (up: number, down: number, channel: string) => `:+1: ${up} · :-1: ${down} in ${channel}`,
    recategorisedBy: (user: string) => `changed by ${user}`,
    chosenByPerson: 'chosen by a person',
    movedTo: (channels: string) => `:leftwards_arrow_with_hook: Moved to ${channels} after a change of strength area.`,
    returned: (channels: string) => `:leftwards_arrow_with_hook: Nobody took it: ${channels} answered :-1:. Help us find the right team.`,
  },
  recategoriseModal: {
    title: 'Change strength area',
    submit: 'Save',
    close: 'Cancel',
    intro: (title: string) => `Which strength areas fit the need “${title}”?`,
    label: 'Right strength area',
    none: 'No strength area fits',
    errorEmpty: 'Choose at least one strength area, or “No strength area fits”.',
    errorNoneWithAreas: '“No strength area fits” cannot be combined with strength areas.',
  },
  command: {
    openFailed: 'The form could not be opened. Please try again shortly.',
  },
  summary: {
    header: (week: number, range: string) => `Weekly summary, week ${week} (${range})`,
    total: (count: number, average: string, change: string) =>
      `*New needs:* ${count} (average of the four weeks before: ${average}, ${change})`,
    perMunicipality: 'By municipality',
    perArea: 'By strength area',
    countLine: (label: string, count: number, average: string, change: string) => `• ${label}: *${count}* (average ${average}, ${change})`,
    newList: 'New needs, newest first',
    more: (count: number) => `…and ${count} more`,
    waiting: (days: number, count: number) => `*Waiting for an answer:* ${count} needs open without a contact for at least ${days} days, oldest first`,
    waitingNone: (days: number) => `*Waiting for an answer:* no need has waited ${days} days or more.`,
    recorded: (date: string) => `recorded ${date}`,
    activity: (claimed: number, resolved: number) => `*During the week:* ${claimed} needs claimed, ${resolved} resolved`,
    feedback: (up: number, down: number, recategorised: number) =>
      `*Feedback in the channel:* 👍 ${up} · 👎 ${down} · ${recategorised} recategorised`,
    chartNote: 'The chart shows new needs per strength area and municipality over the last eight weeks.',
    chartMissing: 'The chart could not be made this time.',
    empty: (week: number) => `No new needs and no activity in week ${week}.`,
    emptyWaiting: (count: number) => `${count} needs are still waiting for an answer.`,
    fallback: (week: number, count: number) => `Weekly summary, week ${week}: ${count} new needs`,
    noChange: 'unchanged',
    areas: {
      visualisering: 'Visualisation',
      uppkopplade: 'Connected systems',
      miljonytta: 'Environmental benefit',
      logistik: 'Logistics',
      material: 'Materials',
      none: 'No strength area',
    },
    chart: {
      title: (week: number) => `New needs per week, eight weeks up to week ${week}`,
      byArea: 'By strength area',
      byMunicipality: 'By municipality',
      week: 'Week',
      count: 'New needs',
      area: 'Strength area',
      municipality: 'Municipality',
      weekLabel: (week: number) => `w. ${week}`,
      fileTitle: (week: number) => `New needs week ${week}`,
    },
  },
};

const catalogues: Record<Locale, Widen<Messages>> = { sv, en };

export function messages(locale: Locale): Widen<Messages> {
  return catalogues[locale];
}
