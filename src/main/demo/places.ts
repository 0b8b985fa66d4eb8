/**
 * Where demo callers live: real French towns with their real postcodes, weighted roughly by
 * population, and the street names every French town has. The Dordogne and the Alps get a
 * little extra weight among English speakers, as they do in life.
 */
import { type Rng, Weighted } from './random';

/** [town, postcode(s), weight ≈ population in 10 000s]. Several postcodes: one is picked. */
const TOWNS: ReadonlyArray<readonly [string, string, number]> = [
  ['Paris', '75001 75002 75003 75004 75005 75006 75007 75008 75009 75010 75011 75012 75013 75014 75015 75016 75017 75018 75019 75020', 210],
  ['Marseille', '13001 13002 13003 13004 13005 13006 13007 13008 13009 13010 13011 13012 13013 13014 13015 13016', 87],
  ['Lyon', '69001 69002 69003 69004 69005 69006 69007 69008 69009', 52],
  ['Toulouse', '31000 31100 31200 31300 31400 31500', 50],
  ['Nice', '06000 06100 06200 06300', 34],
  ['Nantes', '44000 44100 44200 44300', 32],
  ['Montpellier', '34000 34070 34080 34090', 30],
  ['Strasbourg', '67000 67100 67200', 29],
  ['Bordeaux', '33000 33100 33200 33300 33800', 26],
  ['Lille', '59000 59160 59260 59777 59800', 23],
  ['Rennes', '35000 35200 35700', 22],
  ['Reims', '51100', 18],
  ['Toulon', '83000 83100 83200', 18],
  ['Saint-Étienne', '42000 42100', 17],
  ['Le Havre', '76600 76610 76620', 17],
  ['Grenoble', '38000 38100', 16],
  ['Dijon', '21000', 16],
  ['Angers', '49000 49100', 15],
  ['Nîmes', '30000 30900', 15],
  ['Villeurbanne', '69100', 15],
  ['Clermont-Ferrand', '63000 63100', 15],
  ['Le Mans', '72000 72100', 14],
  ['Aix-en-Provence', '13090 13100 13290', 14],
  ['Brest', '29200', 14],
  ['Tours', '37000 37100 37200', 14],
  ['Amiens', '80000 80080 80090', 13],
  ['Limoges', '87000 87100 87280', 13],
  ['Annecy', '74000 74370 74600 74960', 13],
  ['Perpignan', '66000 66100', 12],
  ['Boulogne-Billancourt', '92100', 12],
  ['Metz', '57000 57050 57070', 12],
  ['Besançon', '25000', 12],
  ['Orléans', '45000 45100', 12],
  ['Saint-Denis', '93200 93210', 11],
  ['Argenteuil', '95100', 11],
  ['Rouen', '76000 76100', 11],
  ['Mulhouse', '68100 68200', 11],
  ['Montreuil', '93100', 11],
  ['Caen', '14000', 11],
  ['Nancy', '54000 54100', 10],
  ['Tourcoing', '59200', 10],
  ['Roubaix', '59100', 10],
  ['Nanterre', '92000', 10],
  ['Vitry-sur-Seine', '94400', 9],
  ['Avignon', '84000', 9],
  ['Créteil', '94000', 9],
  ['Poitiers', '86000', 9],
  ['Dunkerque', '59140 59240 59640', 9],
  ['Versailles', '78000', 8],
  ['Courbevoie', '92400', 8],
  ['Pau', '64000', 8],
  ['La Rochelle', '17000', 8],
  ['Colombes', '92700', 8],
  ['Calais', '62100', 7],
  ['Cannes', '06150 06400', 7],
  ['Antibes', '06160 06600', 7],
  ['Béziers', '34500', 7],
  ['Saint-Nazaire', '44600', 7],
  ['Colmar', '68000', 7],
  ['Bourges', '18000', 6],
  ['Quimper', '29000', 6],
  ['Valence', '26000', 6],
  ['Troyes', '10000', 6],
  ['Chambéry', '73000', 6],
  ['Niort', '79000', 6],
  ['Lorient', '56100', 6],
  ['Vannes', '56000', 5],
  ['Saint-Malo', '35400', 5],
  ['Évreux', '27000', 5],
  ['Angoulême', '16000', 4],
  ['Périgueux', '24000', 3],
  ['Bergerac', '24100', 3],
  ['Sarlat-la-Canéda', '24200', 1],
  ['Brive-la-Gaillarde', '19100', 5],
  ['Albi', '81000', 5],
  ['Carcassonne', '11000', 5],
  ['Montauban', '82000', 6],
  ['Agen', '47000', 3],
  ['Bayonne', '64100', 5],
  ['Biarritz', '64200', 3],
  ['Arcachon', '33120', 1],
  ['Mérignac', '33700', 7],
  ['Pessac', '33600', 6],
  ['Blois', '41000', 5],
  ['Chartres', '28000', 4],
  ['Laval', '53000', 5],
  ['Cholet', '49300', 5],
  ['Saint-Brieuc', '22000', 4],
  ['Cherbourg-en-Cotentin', '50100', 8],
  ['Alençon', '61000', 3],
  ['Lisieux', '14100', 2],
  ['Dieppe', '76200', 3],
  ['Beauvais', '60000', 5],
  ['Compiègne', '60200', 4],
  ['Saint-Quentin', '02100', 5],
  ['Charleville-Mézières', '08000', 5],
  ['Épinal', '88000', 3],
  ['Belfort', '90000', 5],
  ['Mâcon', '71000', 3],
  ['Chalon-sur-Saône', '71100', 4],
  ['Auxerre', '89000', 3],
  ['Nevers', '58000', 3],
  ['Vichy', '03200', 2],
  ['Montluçon', '03100', 3],
  ['Le Puy-en-Velay', '43000', 2],
  ['Aurillac', '15000', 2],
  ['Rodez', '12000', 2],
  ['Millau', '12100', 2],
  ['Cahors', '46000', 2],
  ['Tarbes', '65000', 4],
  ['Lourdes', '65100', 1],
  ['Foix', '09000', 1],
  ['Auch', '32000', 2],
  ['Mont-de-Marsan', '40000', 3],
  ['Dax', '40100', 2],
  ['Gap', '05000', 4],
  ['Digne-les-Bains', '04000', 2],
  ['Ajaccio', '20000 20090', 7],
  ['Bastia', '20200 20600', 5],
  ['Fréjus', '83600', 5],
  ['Hyères', '83400', 5],
  ['Arles', '13200', 5],
  ['Orange', '84100', 3],
  ['Montélimar', '26200', 4],
  ['Bourg-en-Bresse', '01000', 4],
  ['Annemasse', '74100', 4],
  ['Chamonix-Mont-Blanc', '74400', 1],
  ['Thonon-les-Bains', '74200', 4],
  ['Évian-les-Bains', '74500', 1],
  ['Saint-Germain-en-Laye', '78100', 4],
  ['Neuilly-sur-Seine', '92200', 6],
  ['Issy-les-Moulineaux', '92130', 7],
  ['Vincennes', '94300', 5],
  ['Saint-Maur-des-Fossés', '94100 94210', 7],
  ['Meaux', '77100', 5],
  ['Fontainebleau', '77300', 2],
  ['Melun', '77000', 4],
  ['Évry-Courcouronnes', '91000 91080', 6],
  ['Cergy', '95000 95800', 6],
  ['Pontoise', '95000 95300', 3],
  ["L'Haÿ-les-Roses", '94240', 3],
  ['Le Blanc-Mesnil', '93150', 5],
  ['Châtillon', '92320', 3],
  ['Sceaux', '92330', 2],
  ['Pontivy', '56300', 1],
  ['Concarneau', '29900', 2],
  ['Douarnenez', '29100', 1],
  ['Morlaix', '29600', 1],
  ['Lannion', '22300', 2],
  ['Fougères', '35300', 2],
  ['Vitré', '35500', 2],
  ['Saint-Jean-de-Luz', '64500', 1],
  ['Salon-de-Provence', '13300', 4],
  ['Aubagne', '13400', 5],
  ['La Ciotat', '13600', 4],
  ['Saint-Raphaël', '83700', 4],
  ['Menton', '06500', 3],
  ['Grasse', '06130 06520', 5],
  ["Villeneuve-d'Ascq", '59491 59650', 6],
  ['Valenciennes', '59300', 4],
  ['Arras', '62000', 4],
  ['Lens', '62300', 3],
  ['Boulogne-sur-Mer', '62200', 4],
  ['Saint-Omer', '62500', 1],
  ['Thionville', '57100', 4],
  ['Forbach', '57600', 2],
  ['Haguenau', '67500', 3],
  ['Sélestat', '67600', 2],
  ['Saint-Dié-des-Vosges', '88100', 2],
  ['Verdun', '55100', 2],
  ['Bar-le-Duc', '55000', 1],
  ['Châlons-en-Champagne', '51000', 4],
  ['Épernay', '51200', 2],
  ['Soissons', '02200', 3],
  ['Laon', '02000', 2],
  ['Château-Thierry', '02400', 1],
  ['Sens', '89100', 2],
  ['Dole', '39100', 2],
  ['Lons-le-Saunier', '39000', 2],
  ['Pontarlier', '25300', 2],
  ['Montbéliard', '25200', 3],
  ['Vesoul', '70000', 2],
  ['Chaumont', '52000', 2],
];

/** Towns English-speaking customers pick a little more often (Dordogne, Lot, Alps, Riviera). */
const FAVOURED_BY_ENGLISH = new Set([
  'Sarlat-la-Canéda',
  'Bergerac',
  'Périgueux',
  'Cahors',
  'Chamonix-Mont-Blanc',
  'Nice',
  'Antibes',
  'Biarritz',
  'Paris',
  'Bordeaux',
]);

/**
 * The French landline zone (01–05) of a postcode's département, for the customer's home phone.
 * 01 Île-de-France, 02 north-west, 03 north-east, 04 south-east, 05 south-west.
 */
function landlineZone(postcode: string): 1 | 2 | 3 | 4 | 5 {
  const dept = postcode.slice(0, 2);
  if (['75', '77', '78', '91', '92', '93', '94', '95'].includes(dept)) return 1;
  if (['14', '18', '22', '27', '28', '29', '35', '36', '37', '41', '44', '45', '49', '50', '53', '56', '61', '72', '76', '85'].includes(dept)) return 2;
  if (['02', '08', '10', '21', '25', '39', '51', '52', '54', '55', '57', '58', '59', '60', '62', '67', '68', '70', '71', '80', '88', '89', '90'].includes(dept))
    return 3;
  if (['09', '12', '16', '17', '19', '23', '24', '31', '32', '33', '40', '46', '47', '64', '65', '79', '81', '82', '86', '87'].includes(dept)) return 5;
  return 4;
}

export interface Town {
  readonly name: string;
  readonly postcodes: readonly string[];
  readonly zone: 1 | 2 | 3 | 4 | 5;
}

const towns: Town[] = TOWNS.map(([name, codes]) => {
  const postcodes = codes.split(' ');
  return { name, postcodes, zone: landlineZone(postcodes[0]!) };
});
const townsFr = new Weighted(towns.map((t, i) => [t, TOWNS[i]![2]] as const));
const townsEn = new Weighted(towns.map((t, i) => [t, TOWNS[i]![2] * (FAVOURED_BY_ENGLISH.has(t.name) ? 12 : 1)] as const));

const STREET_KINDS = new Weighted<string>([
  ['rue', 50],
  ['avenue', 14],
  ['boulevard', 6],
  ['place', 4],
  ['chemin', 8],
  ['impasse', 7],
  ['allée', 7],
  ['route', 5],
  ['quai', 2],
  ['square', 1],
  ['cours', 1],
]);

const STREET_NAMES = [
  'de la République',
  'Victor Hugo',
  'Jean Jaurès',
  'de la Gare',
  'du Général de Gaulle',
  'Pasteur',
  'Gambetta',
  "de l'Église",
  'des Écoles',
  'du Moulin',
  'Voltaire',
  'Émile Zola',
  'Jules Ferry',
  'de la Mairie',
  'des Lilas',
  'des Tilleuls',
  'du Château',
  'Carnot',
  'du Maréchal Foch',
  'de Verdun',
  'Antoine de Saint-Exupéry',
  'Jean Moulin',
  'de la Paix',
  'des Acacias',
  'du Stade',
  'de Bretagne',
  'de Paris',
  'Anatole France',
  'Paul Bert',
  'Pierre et Marie Curie',
  'Aristide Briand',
  'Léon Blum',
  'Édouard Herriot',
  'des Peupliers',
  'des Vignes',
  'de la Fontaine',
  'du Port',
  'Sainte-Anne',
  'Notre-Dame',
  'des Prés',
  'de la Forêt',
  'des Cerisiers',
  'du Maréchal de Lattre de Tassigny',
  'du 8 Mai 1945',
  'du 11 Novembre 1918',
  'Georges Clemenceau',
  'Lamartine',
  'Molière',
  'Racine',
  'Chateaubriand',
  'Frédéric Mistral',
  'Charles Péguy',
  'Gustave Eiffel',
  'Louis Blériot',
  'Marcel Pagnol',
  'Simone Veil',
  'Lucie Aubrac',
  'des Jardins',
  'du Marché',
  'des Roses',
  'de la Libération',
];
const streetNames = Weighted.byRank(STREET_NAMES, 5, 0.6);

const SECOND_LINES = ['Bâtiment A', 'Bâtiment B', 'Bâtiment C', 'Résidence Les Pins', 'Résidence du Parc', 'Résidence Les Glycines', 'Escalier 2', 'Porte 4'];

export interface Address {
  readonly line1: string;
  readonly line2: string | null;
  readonly postcode: string;
  readonly town: Town;
}

export function pickAddress(rng: Rng, english: boolean): Address {
  const town = (english ? townsEn : townsFr).pick(rng);
  const postcode = rng.pick(town.postcodes);
  const number = rng.chance(0.5) ? rng.int(1, 40) : rng.int(1, 220);
  const suffix = rng.chance(0.05) ? (rng.chance(0.8) ? ' bis' : ' ter') : '';
  const line1 = `${number}${suffix} ${STREET_KINDS.pick(rng)} ${streetNames.pick(rng)}`;
  let line2: string | null = null;
  if (rng.chance(0.18)) line2 = rng.chance(0.5) ? `Appartement ${rng.int(1, 120)}` : rng.pick(SECOND_LINES);
  return { line1, line2, postcode, town };
}
