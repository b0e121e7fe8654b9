// A small bilingual lexicon of domain terms. Needs arrive in English too ("deliveries",
// "sensors", "food waste"); each English word here is glossed with the Swedish term the
// areas are described in, so an English need meets the same features as a Swedish one.
// Keys are English words; lookup is by English stem, so "deliveries"/"delivered" match.
// Words that are also ordinary Swedish words with another meaning (port, meter, glass, sort,
// fall, van) are left out.
import { stemEnglish } from './stem.js';

const GLOSSES: Record<string, string> = {
  // Logistics
  logistics: 'logistik', logistic: 'logistik', delivery: 'leveranser', deliver: 'leveranser',
  transport: 'transporter', transportation: 'transporter', freight: 'gods', goods: 'gods', cargo: 'gods',
  shipping: 'frakt', shipment: 'frakt', truck: 'lastbilar', trucks: 'lastbilar', lorry: 'lastbilar',
  route: 'rutter ruttplanering', routing: 'ruttplanering', schedule: 'schemaläggning', scheduling: 'schemaläggning',
  drive: 'körning', driving: 'körning', driver: 'förare', vehicle: 'fordon', fleet: 'fordonsflotta',
  warehouse: 'lager', storage: 'lager', inventory: 'lager', stock: 'lager', harbour: 'hamn',
  harbor: 'hamn', rail: 'järnväg', railway: 'järnväg', train: 'tåg', traffic: 'trafik', parcel: 'paket',
  package: 'paket', distribution: 'varudistribution', supply: 'försörjning', pickup: 'upphämtning',
  bus: 'buss', travel: 'resor', trip: 'resor', commute: 'pendling', mileage: 'körsträcka',
  client: 'brukare', construction: 'bygg byggtrafik', terminal: 'terminal', courier: 'bud',
  sample: 'prover', lab: 'labb', taxi: 'taxi transport', car: 'bilar', supplier: 'leverantörer', queue: 'köer',
  waiting: 'väntetid', snow: 'snöröjning', plough: 'snöröjning', plow: 'snöröjning', optimise: 'optimera',
  optimize: 'optimera', bike: 'cykel', bicycle: 'cykel', logistician: 'logistik', haulage: 'godstransporter',
  // Connected products and systems
  sensor: 'sensorer', connected: 'uppkopplade', connectivity: 'uppkoppling', iot: 'iot sakernas internet',
  alarm: 'larm trygghetslarm', lock: 'lås', keyless: 'nyckelfri', cyber: 'cybersäkerhet',
  cybersecurity: 'cybersäkerhet', security: 'säkerhet', hacker: 'cyberattack', hack: 'cyberattack',
  ransomware: 'cyberattack', phishing: 'cyberattack', monitor: 'övervakning', monitoring: 'övervakning',
  remote: 'fjärr', wireless: 'trådlös', network: 'nätverk', electronics: 'elektronik', device: 'enheter',
  predictive: 'förebyggande', maintenance: 'underhåll', leak: 'läcka läckage', leakage: 'läcka läckage',
  measure: 'mäta', measurement: 'mätning', temperature: 'temperatur', humidity: 'fukt',
  tracking: 'spårning', track: 'spårning', trace: 'spårbar', tag: 'taggar', gps: 'gps', smart: 'smarta',
  welfare: 'välfärdsteknik', elderly: 'äldre', camera: 'kamera', automation: 'automatisering',
  algorithm: 'ai', learning: 'maskininlärning',
  bin: 'sopkärl avfallskärl', overflow: 'fulla fyllnadsgrad', notice: 'upptäcka larm', alert: 'larm', notify: 'larm',
  wearable: 'bärbar sensor', door: 'dörr lås', key: 'nycklar', automatically: 'automatiskt', password: 'lösenord cybersäkerhet',
  breach: 'dataintrång cybersäkerhet', malware: 'cyberattack', virus: 'cyberattack', occupancy: 'närvaro sensorer',
  counter: 'räknare', counting: 'räkna', detect: 'upptäcka', motion: 'rörelse sensorer', thermostat: 'styrning temperatur',
  metering: 'mätning',
  // Visualisation, simulation and image analysis
  visualisation: 'visualisering', visualization: 'visualisering', visualise: 'visualisering',
  visualize: 'visualisering', visual: 'visualisering', twin: 'digital tvilling', simulation: 'simulering',
  simulate: 'simulering', model: 'modell', image: 'bilder bildanalys', picture: 'bilder', photo: 'bilder',
  drone: 'drönare drönarbilder', aerial: 'flygbilder', satellite: 'satellitbilder', map: 'kartor',
  mapping: 'kartläggning', gis: 'geodata', dashboard: 'dashboard', virtual: 'vr', augmented: 'ar',
  video: 'video', scan: 'skanning', scanning: 'skanning', citizen: 'medborgare', dialogue: 'medborgardialog',
  consultation: 'medborgardialog', urban: 'stad', city: 'stad', overview: 'överblick',
  render: 'visualisering', modelling: 'modellering', modeling: 'modellering',
  view: 'visning', resident: 'invånare medborgare', drawing: 'ritningar', scenario: 'scenarier simulering',
  heatmap: 'karta visualisering', chart: 'diagram dashboard', footage: 'video', recognition: 'bildigenkänning',
  lidar: 'laserskanning', photograph: 'bilder',
  // Environmental benefit as business
  circular: 'cirkulär', recycling: 'återvinning', recycle: 'återvinning', reuse: 'återbruk', waste: 'avfall',
  biogas: 'biogas', energy: 'energi', solar: 'solel solceller', renewable: 'förnybar', climate: 'klimat',
  emission: 'utsläpp', carbon: 'koldioxid', fossil: 'fossil', electric: 'el', charging: 'laddning',
  heating: 'uppvärmning', agriculture: 'lantbruk', farming: 'lantbruk', farm: 'lantbruk', farmer: 'lantbrukare',
  forest: 'skog', forestry: 'skogsbruk', food: 'livsmedel', sustainable: 'hållbar', sustainability: 'hållbarhet',
  environmental: 'miljö', environment: 'miljö', sludge: 'slam', compost: 'kompost', symbiosis: 'symbios',
  byproduct: 'restströmmar', residual: 'restströmmar', green: 'gröna', biofuel: 'biobränsle',
  throw: 'slänga svinn', leftover: 'matsvinn', wind: 'vindkraft', turbine: 'vindkraft', electricity: 'el elförbrukning',
  power: 'energi', fuel: 'drivmedel bränsle', diesel: 'diesel fossil', petrol: 'bensin fossil', landfill: 'deponi',
  wastewater: 'avloppsvatten', sewage: 'avlopp', manure: 'gödsel biogas', crop: 'grödor lantbruk',
  biodiversity: 'biologisk mångfald',
  // Advanced materials
  material: 'material', composite: 'komposit', coating: 'ytbeläggning', paint: 'färg', corrosion: 'korrosion',
  rust: 'korrosion', graphene: 'grafen', nanomaterial: 'nanomaterial', printing: '3d-utskrift',
  additive: 'additiv tillverkning', lightweight: 'lättvikt', durable: 'beständighet', durability: 'beständighet',
  wear: 'slitage', concrete: 'betong', wood: 'trä', timber: 'trä', asphalt: 'asfalt', insulation: 'isolering',
  plastic: 'plast', pipe: 'rör', crack: 'sprickor', mould: 'mögel', mold: 'mögel', surface: 'yta',
  battery: 'batteri', semiconductor: 'halvledare', steel: 'stål', textile: 'textil',
  pothole: 'potthål beläggning vägskador', tough: 'tålig slitstark', rot: 'röta rötskador', decay: 'röta',
  moisture: 'fukt', damp: 'fukt', crumble: 'vittring', graffiti: 'klotter ytskikt', tile: 'plattor', facade: 'fasad',
  bridge: 'bro', railing: 'räcke', bench: 'bänkar', playground: 'lekplats', corrode: 'korrosion', weld: 'svetsning',
  roof: 'tak',
  // English for the terms of the area descriptions and keywords (prisma/seed/strength-areas.yml)
  // that had no gloss yet, area by area; taken from the descriptions, not from needs.
  interactive: 'interaktiv', vision: 'datorseende bildanalys', medical: 'medicinsk', diagnostics: 'diagnostik',
  diagnosis: 'diagnostik', diagnostic: 'diagnostik', imaging: 'medicinsk bild bildanalys', geospatial: 'geodata',
  embedded: 'inbyggd elektronik', printed: 'tryckt elektronik', artificial: 'ai', intelligence: 'ai', sinkhole: 'slukhål',
  traceable: 'spårbar', traceability: 'spårbarhet', supervision: 'tillsyn digital tillsyn', telecare: 'trygghetslarm välfärdsteknik',
  testbed: 'testbädd', cyberattack: 'cyberattack cybersäkerhet',
  biobased: 'biobaserad', industrial: 'industriell', procurement: 'upphandling',
  passenger: 'persontransporter', rural: 'landsbygd', flow: 'flöden',
  film: 'tunnfilm', biocompatible: 'biokompatibla material', aerospace: 'flyg rymd', manufacturing: 'tillverkning', polymer: 'polymer',
  // General English for the sub-topics the areas cover that had no gloss yet (medical imaging,
  // flood simulation, cyber incidents, building damage, freight handling); from general English
  // and the area descriptions, not from needs. Left out: "weathering" (stems to "weather"), "load".
  radiology: 'radiologi medicinsk bild bildanalys', radiologist: 'radiologi medicinsk bild bildanalys',
  mammography: 'mammografi medicinsk bild', mammogram: 'mammografi medicinsk bild', xray: 'röntgen medicinsk bild',
  tomography: 'datortomografi medicinsk bild', ultrasound: 'ultraljud medicinsk bild', pathology: 'patologi bildanalys',
  flood: 'översvämning', cloudburst: 'skyfall', forecast: 'prognos', immersive: 'vr', photogrammetry: 'fotogrammetri flygbilder',
  orthophoto: 'flygbilder', animation: 'animering visualisering',
  intrusion: 'dataintrång cybersäkerhet', vulnerability: 'sårbarheter cybersäkerhet', encryption: 'kryptering cybersäkerhet',
  firewall: 'brandvägg cybersäkerhet', ddos: 'överbelastningsattack cybersäkerhet', outage: 'avbrott', broadband: 'bredband uppkoppling',
  telemetry: 'fjärravläsning mätning', detector: 'detektor sensorer', telehealth: 'välfärdsteknik', telemedicine: 'välfärdsteknik',
  waterproofing: 'tätskikt fukt', membrane: 'tätskikt', brick: 'tegel', mortar: 'murbruk', plaster: 'puts', rebar: 'armering',
  reinforcement: 'armering', alloy: 'legering', ceramic: 'keramik', nanotechnology: 'nanomaterial', resistant: 'beständig tålig',
  lifespan: 'livslängd', glulam: 'limträ trä', laminated: 'limträ', rubber: 'gummi', asbestos: 'asbest', fungus: 'mögel', fungal: 'mögel',
  condensation: 'kondens fukt', sealant: 'tätning',
  depot: 'depå lager', consolidation: 'samlastning', hub: 'terminal', dispatch: 'utkörning', wholesale: 'grossist', wholesaler: 'grossist',
  pallet: 'lastpall', haulier: 'åkeri', congestion: 'trafikstockning köer',
};

const GLOSS_BY_STEM: ReadonlyMap<string, string> = new Map(
  Object.entries(GLOSSES).map(([english, swedish]) => [stemEnglish(english), swedish]),
);

/** Swedish gloss for an English domain word ("deliveries" → "leveranser"), if the lexicon has one. */
export function swedishGloss(word: string): string | undefined {
  return GLOSS_BY_STEM.get(stemEnglish(word));
}
