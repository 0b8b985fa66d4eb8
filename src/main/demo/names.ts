/**
 * Names of demo callers: French in the majority, with the accents, hyphens, particles and
 * apostrophes agents really type into the search box (Hélène, Jean-Baptiste, Le Goff,
 * N'Diaye), and a share of English speakers (expats, second homes) for the English UI.
 * Lists are in rough order of frequency: picks favour the head (see Weighted.byRank).
 */
import { type Rng, Weighted } from './random';

const FRENCH_WOMEN = [
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Françoise', 'Christine', 'Sandrine', 'Valérie', 'Sophie',
  'Stéphanie', 'Céline', 'Véronique', 'Monique', 'Chantal', 'Nicole', 'Martine', 'Camille', 'Julie', 'Aurélie',
  'Émilie', 'Léa', 'Manon', 'Chloé', 'Inès', 'Sarah', 'Laura', 'Emma', 'Jade', 'Louise',
  'Alice', 'Zoé', 'Anaïs', 'Éloïse', 'Hélène', 'Cécile', 'Gaëlle', 'Noémie', 'Mélanie', 'Agnès',
  'Bérénice', 'Clémence', 'Maëlys', 'Océane', 'Joséphine', 'Geneviève', 'Thérèse', 'Marie-Claire', 'Anne-Sophie', 'Marie-Hélène',
  'Léonie', 'Maïwenn', 'Solène', 'Ophélie', 'Laëtitia', 'Régine', 'Danièle', 'Josiane', 'Yvette', 'Odile',
  'Colette', 'Mathilde', 'Pauline', 'Margaux', 'Juliette', 'Capucine', 'Fatima', 'Amina', 'Yasmine', 'Khadija',
  'Aïcha', 'Nadia', 'Leïla', 'Héloïse', 'Elodie', 'Adèle', 'Anne', 'Brigitte', 'Patricia', 'Christiane',
];

const FRENCH_MEN = [
  'Jean', 'Pierre', 'Michel', 'Philippe', 'Alain', 'Nicolas', 'Christophe', 'Patrick', 'Stéphane', 'Laurent',
  'Frédéric', 'Olivier', 'Éric', 'Thierry', 'Sébastien', 'Julien', 'David', 'Thomas', 'Antoine', 'Maxime',
  'Alexandre', 'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Raphaël', 'Léo', 'Arthur', 'Nathan', 'Théo',
  'Jacques', 'Bernard', 'André', 'Daniel', 'Noël', 'Jérôme', 'François', 'Benoît', 'Hervé', 'Gérard',
  'Rémi', 'Joël', 'Grégoire', 'Loïc', 'Gaël', 'Jean-Baptiste', 'Jean-Pierre', 'Jean-Luc', 'Jean-François', 'Pierre-Yves',
  'Marc-Antoine', 'Cédric', 'Régis', 'Aurélien', 'Valentin', 'Clément', 'Timothée', 'Mohamed', 'Karim', 'Youssef',
  'Mehdi', 'Rachid', 'Samir', 'Ibrahima', 'Mamadou', 'Quentin', 'Florian', 'Romain', 'Yannick', 'Erwan',
  'Killian', 'Mathéo', 'Enzo', 'Anaël', 'Côme', 'Honoré', 'Félix', 'Jules', 'Éloi', 'Ludovic',
];

const FRENCH_FAMILY = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Müller', 'Lefebvre', 'Faure', 'André',
  'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia',
  'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson',
  'Marchand', 'Duval', 'Denis', 'Dumont', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun',
  'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Gérard',
  'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger',
  'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe', 'Bourgeois', 'Pierre',
  'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland', 'Leclercq', 'Guillaume', 'Lecomte', 'Lopez', 'Dupuy',
  'Guillot', 'Hubert', 'Berger', 'Carpentier', 'Sanchez', 'Dupuis', 'Moulin', 'Deschamps', 'Huet', 'Vasseur',
  'Perez', 'Boucher', 'Fleury', 'Royer', 'Klein', 'Jacquet', 'Adam', 'Poirier', 'Marty', 'Aubry',
  'Guyot', 'Carré', 'Charpentier', 'Ménard', 'Maillard', 'Baron', 'Bertin', 'Bailly', 'Hervé', 'Schneider',
  'Fernandez', 'Le Gall', 'Collet', 'Léger', 'Bouvier', 'Prévost', 'Millet', 'Perrot', 'Le Roux', 'Cousin',
  'Germain', 'Breton', 'Besson', 'Langlois', 'Rémy', 'Le Goff', 'Pelletier', 'Lévêque', 'Perrier', 'Leblanc',
  'Barré', 'Lebrun', 'Marchal', 'Weber', 'Mallet', 'Hamon', 'Boulanger', 'Monnier', 'Michaud', 'Étienne',
  'Grondin', 'Poulain', 'Tessier', 'Chauvin', 'Da Silva', 'Lemaître', 'Bénard', 'Maréchal', 'Humbert', 'Reynaud',
  'Hoarau', 'Barthélemy', 'Cordier', 'Pichon', 'Lejeune', 'Delaunay', 'Pasquier', 'Dupré', 'Bérénger', 'Nguyen',
  "N'Diaye", 'Diallo', 'Traoré', 'Haddad', 'Benali', 'Mansouri', 'Ferreira', 'Pereira', 'Dos Santos', "D'Angelo",
  'De Oliveira', 'Le Bihan', 'Le Floch', 'Quéré', 'Cloarec', 'Kervella', 'Béranger', 'Desjardins', 'Thébault', 'Lhôte',
];

const ENGLISH_WOMEN = [
  'Emma', 'Olivia', 'Sophie', 'Charlotte', 'Amelia', 'Emily', 'Jessica', 'Hannah', 'Chloe', 'Lucy',
  'Grace', 'Sarah', 'Rebecca', 'Rachel', 'Helen', 'Claire', 'Karen', 'Susan', 'Margaret', 'Elizabeth',
  'Zoë', 'Siobhan', 'Niamh', 'Aoife', 'Bethany',
];

const ENGLISH_MEN = [
  'James', 'Oliver', 'Harry', 'George', 'Jack', 'William', 'Thomas', 'Daniel', 'Matthew', 'David',
  'Michael', 'Christopher', 'Andrew', 'Richard', 'Peter', 'Paul', 'Mark', 'Stephen', 'Sam', 'Joseph',
  'Liam', 'Connor', 'Ewan', 'Rhys', 'Seán',
];

const ENGLISH_FAMILY = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall',
  'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Cooper', 'Hill', 'Ward',
  'Morris', 'Moore', 'Clark', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'Scott', 'Phillips',
  "O'Brien", "O'Connor", "O'Neill", 'McDonald', 'MacLeod', 'Fitzgerald', 'Murphy', 'Kelly', 'Bennett', 'Griffiths',
];

/**
 * Lower-case ASCII for e-mail addresses: "Hélène" → "helene", "Le Goff" → "legoff",
 * "N'Diaye" → "ndiaye", "Müller-Lefèvre" → "muller-lefevre".
 */
export function foldForEmail(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[\s'’]/g, '')
    .replace(/[^a-z0-9-]/g, '');
}

/** A name and its e-mail form, folded once when the tables are built rather than per customer. */
export interface Name {
  readonly text: string;
  readonly folded: string;
}

const named = (list: readonly string[]): Name[] => list.map((text) => ({ text, folded: foldForEmail(text) }));

export type Speaker = 'fr' | 'en';

export interface PersonName {
  readonly given: Name;
  readonly family: Name;
}

const tables = {
  fr: {
    women: Weighted.byRank(named(FRENCH_WOMEN), 10, 0.7),
    men: Weighted.byRank(named(FRENCH_MEN), 10, 0.7),
    family: Weighted.byRank(named(FRENCH_FAMILY), 6, 0.9),
  },
  en: {
    women: Weighted.byRank(named(ENGLISH_WOMEN), 6, 0.7),
    men: Weighted.byRank(named(ENGLISH_MEN), 6, 0.7),
    family: Weighted.byRank(named(ENGLISH_FAMILY), 6, 0.8),
  },
};

/** About 4 % of French family names are double-barrelled ("Müller-Lefèvre"), 2 % of English. */
export function pickName(rng: Rng, speaker: Speaker): PersonName {
  const t = tables[speaker];
  const given = (rng.chance(0.5) ? t.women : t.men).pick(rng);
  let family = t.family.pick(rng);
  if (rng.chance(speaker === 'fr' ? 0.04 : 0.02)) {
    const second = t.family.pick(rng);
    if (second !== family && !family.text.includes(' ') && !second.text.includes(' ')) {
      family = { text: `${family.text}-${second.text}`, folded: `${family.folded}-${second.folded}` };
    }
  }
  return { given, family };
}
