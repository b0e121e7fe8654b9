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
  command: {
    openFailed: 'Formuläret kunde inte öppnas. Försök igen om en stund.',
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
  command: {
    openFailed: 'The form could not be opened. Please try again shortly.',
  },
};

const catalogues: Record<Locale, Widen<Messages>> = { sv, en };

export function messages(locale: Locale): Widen<Messages> {
  return catalogues[locale];
}
