// Hand-written domain phrases that widen what each area (and "none") is trained on beyond
// the area descriptions: the informal Swedish and English ways municipal staff describe
// these problems in chat, often naming the problem rather than the technology. They are
// general domain knowledge, not rewordings of the shipped labelled needs.
import type { AreaSlug } from './types.js';

export const AREA_PHRASES: Record<AreaSlug, readonly string[]> = {
  visualisering: [
    '3d-modell av nya bostadsområdet', 'visa invånarna hur det blir', 'digital tvilling av staden',
    'drönarbilder och flygfoton', 'kartor och geodata', 'vr-glasögon', 'simulera översvämning',
    'bildanalys av kamerabilder', 'dashboard med nyckeltal', 'visualisera data', 'punktmoln och laserskanning',
    'visualize data in 3D', 'digital twin of the city', 'drone images', 'simulation of traffic flows',
    'virtual reality for citizen dialogue', 'show citizens what new buildings will look like', 'image analysis',
  ],
  uppkopplade: [
    'sensorer som mäter', 'larmen går hela tiden', 'trygghetslarm i hemtjänsten', 'nyckelfria lås',
    'digitala lås och passagesystem', 'fjärravläsning av mätare', 'sopkärl som säger till när de är fulla',
    'läckage i vattenledningsnätet', 'it-säkerhet och cyberattacker', 'vi blev hackade', 'övervaka temperatur och fukt',
    'uppkopplade enheter', 'wifi och 5g', 'lora-nät', 'connected sensors', 'iot devices', 'cyber attack',
    'remote monitoring', 'smart locks for home care', 'predictive maintenance', 'ai som larmar',
    'mäta i realtid', 'larm vid avvikelse', 'appar och digitala tjänster',
    'real-time data', 'automatic alerts',
  ],
  miljonytta: [
    'matsvinn i skolköken', 'återbruk av möbler', 'sopsortering och avfall', 'minska klimatutsläppen', 'solceller på taken',
    'biogas av matavfall', 'energiförbrukning i fastigheterna', 'laddstolpar och elbilar', 'fossilfritt',
    'lokalproducerad mat', 'food waste', 'recycling', 'circular economy', 'solar panels', 'reduce energy use',
    'emissions', 'reuse furniture', 'biogas from food waste', 'restvärme och överskottsvärme',
    'minska energianvändningen', 'svinn', 'miljövänligt och giftfritt',
    'koldioxidutsläpp', 'hållbart byggande', 'elektrifiering av fordon', 'fjärrvärme',
    'lower carbon footprint', 'save energy', 'recycled materials',
  ],
  logistik: [
    'körsträckor i hemtjänsten', 'planera körningar och rutter', 'leveranser till skolor och förskolor', 'varutransporter',
    'skolskjuts', 'samlastning', 'lastbilar i centrum', 'byggtrafik', 'tomkörningar', 'paketleveranser', 'färdtjänst',
    'ruttoptimering', 'lagerhållning', 'godstransporter', 'staff drive long distances between clients',
    'delivery routes and schedules', 'freight and goods transport', 'warehouse and storage', 'construction traffic',
    'school bus routes', 'transporter av varor', 'materialflöden', 'samordnade inköp och leveranser',
    'flytta gods', 'last mile deliveries', 'fewer trucks in the centre',
  ],
  material: [
    'material som håller längre', 'slitstarka beläggningar', 'det rostar', 'korrosion', 'sprickor i betongen',
    'fuktskador', 'nya material', '3d-printa reservdelar', 'kompositmaterial', 'ytbeläggning', 'isolering',
    'trä istället för betong', 'durable materials', 'corrosion', 'coating', '3D printing spare parts', 'composite',
    'lightweight materials', 'tåliga ytor', 'beständigt mot väder och slitage', 'byggmaterial', 'färg och ytskikt',
    'hard-wearing surfaces', 'new building materials',
  ],
};

/** Typical needs that fit none of the areas (organisation, money, people, schools' results). */
export const NONE_PHRASES: readonly string[] = [
  'rekrytering av personal', 'kompetensförsörjning och personalbrist', 'budget och ekonomi', 'skolresultat',
  'politisk styrning', 'sjukfrånvaro', 'arbetsmiljö och ledarskap', 'organisationsförändring', 'lönesättning',
  'recruitment', 'budget cuts', 'school results', 'governance', 'staff shortage', 'sick leave',
];
