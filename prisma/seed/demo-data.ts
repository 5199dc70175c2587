/**
 * The demo world: the people of the seed documents (an employee in Paris and his family, his American wife
 * waiting for her affiliation, students in Lyon, Strasbourg under the Alsace-Moselle regime, a patient in ALD,
 * a farmer at the MSA, a CSS beneficiary, a pregnant woman) and the CPAM staff who serve them.
 * Plain data: identifiers are computed (valid NIR keys and IBANs) by the seed writer from these parts.
 * Every demo account is listed in the README.
 */

export const DEMO_INSURED_PASSWORD = 'Ameli-Demo-2026'
export const DEMO_STAFF_PASSWORD = 'Conseil-Demo-2026'
/**
 * Staff two-factor sign-in (issue 13 item 6): every demo advisor and supervisor is enrolled with this TOTP secret
 * (base32; add it to any authenticator app, or run `npm run demo:totp -- EMAIL`). Demo only: real staff enrol with
 * their own secret on /conseiller/double-authentification.
 */
export const DEMO_STAFF_TOTP_SECRET = 'AMELIDEMOSTAFFTOTPSECRETABCDEFGH'
/** The 10 single-use recovery codes each demo staff member starts with (demo only). */
export const DEMO_RECOVERY_CODES = Array.from({ length: 10 }, (_, i) => `DEMO-CODE-${String(i + 1).padStart(4, '0')}`)

type Hours = { weekday: number; opens: string; closes: string }[]

/** Monday–Friday, 08:30–17:30 (the switchboard hours quoted in the seed documents). */
export const WEEKDAYS_0830_1730: Hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '17:30' }))

/** A reception point's hours: mornings and afternoons with a lunch break, Thursday afternoon closed. */
const OFFICE_HOURS: Hours = [1, 2, 3, 4, 5].flatMap((weekday) =>
  weekday === 4
    ? [{ weekday, opens: '08:30', closes: '12:30' }]
    : [
        { weekday, opens: '08:30', closes: '12:30' },
        { weekday, opens: '13:30', closes: '16:30' },
      ],
)

export type TDemoOrganisation = {
  key: string
  code: string
  kind: 'cpam' | 'msa'
  name: string
  regimeCode: string
  department: string
  addressLine1: string
  addressLine2?: string
  postalCode: string
  city: string
  phone: string
  englishPhone?: string
  email?: string
  hours: Hours
  receptionPoints: { key: string; name: string; addressLine1: string; postalCode: string; city: string; phone?: string; hours?: Hours; byAppointment?: boolean }[]
}

export const organisations: TDemoOrganisation[] = [
  {
    key: 'paris',
    code: '751',
    kind: 'cpam',
    name: 'Assurance Maladie de Paris (CPAM 75)',
    regimeCode: '01',
    department: '75',
    addressLine1: '21 rue Georges Auric',
    addressLine2: 'CS 50028',
    postalCode: '75948',
    city: 'Paris Cedex 19',
    phone: '3646',
    englishPhone: '+33 9 74 75 36 46',
    hours: WEEKDAYS_0830_1730,
    receptionPoints: [
      { key: 'paris-19', name: 'Accueil Paris 19e – Georges Auric', addressLine1: '21 rue Georges Auric', postalCode: '75019', city: 'Paris' },
      { key: 'paris-11', name: 'Accueil Paris 11e – Voltaire', addressLine1: '46 boulevard Voltaire', postalCode: '75011', city: 'Paris' },
      { key: 'paris-15', name: 'Accueil Paris 15e – Vaugirard', addressLine1: '280 rue de Vaugirard', postalCode: '75015', city: 'Paris' },
    ],
  },
  {
    key: 'rhone',
    code: '691',
    kind: 'cpam',
    name: 'CPAM du Rhône',
    regimeCode: '01',
    department: '69',
    addressLine1: '276 cours Émile Zola',
    postalCode: '69907',
    city: 'Lyon Cedex 20',
    phone: '3646',
    englishPhone: '+33 9 74 75 36 46',
    hours: WEEKDAYS_0830_1730,
    receptionPoints: [
      { key: 'lyon-7', name: 'Accueil Lyon 7e – Jean Macé', addressLine1: '12 avenue Jean Jaurès', postalCode: '69007', city: 'Lyon' },
      { key: 'villeurbanne', name: 'Accueil Villeurbanne – Émile Zola', addressLine1: '276 cours Émile Zola', postalCode: '69100', city: 'Villeurbanne' },
    ],
  },
  {
    key: 'cote-d-or',
    code: '211',
    kind: 'cpam',
    name: "CPAM de la Côte-d'Or",
    regimeCode: '01',
    department: '21',
    addressLine1: '1 boulevard de Champagne',
    postalCode: '21000',
    city: 'Dijon',
    phone: '3646',
    englishPhone: '+33 9 74 75 36 46',
    hours: WEEKDAYS_0830_1730,
    receptionPoints: [
      { key: 'dijon', name: 'Accueil Dijon – Champagne', addressLine1: '1 boulevard de Champagne', postalCode: '21000', city: 'Dijon' },
      { key: 'beaune', name: 'Accueil Beaune', addressLine1: '8 rue du Faubourg Saint-Nicolas', postalCode: '21200', city: 'Beaune' },
    ],
  },
  {
    key: 'bas-rhin',
    code: '671',
    kind: 'cpam',
    name: 'CPAM du Bas-Rhin',
    regimeCode: '01',
    department: '67',
    addressLine1: '16 rue de Lausanne',
    postalCode: '67000',
    city: 'Strasbourg',
    phone: '3646',
    englishPhone: '+33 9 74 75 36 46',
    hours: WEEKDAYS_0830_1730,
    receptionPoints: [
      { key: 'strasbourg', name: 'Accueil Strasbourg – Lausanne', addressLine1: '16 rue de Lausanne', postalCode: '67000', city: 'Strasbourg' },
      { key: 'haguenau', name: 'Accueil Haguenau', addressLine1: '3 rue des Chevaliers', postalCode: '67500', city: 'Haguenau' },
    ],
  },
  {
    key: 'msa-bourgogne',
    code: '212',
    kind: 'msa',
    name: 'MSA de Bourgogne',
    regimeCode: '02',
    department: '21',
    addressLine1: '14 rue Félix Trutat',
    postalCode: '21000',
    city: 'Dijon',
    phone: '03 80 63 24 24',
    hours: WEEKDAYS_0830_1730,
    receptionPoints: [{ key: 'msa-dijon', name: 'Accueil MSA Dijon', addressLine1: '14 rue Félix Trutat', postalCode: '21000', city: 'Dijon', byAppointment: false }],
  },
]

export const officeHours = OFFICE_HOURS

export type TDemoProfessional = {
  key: string
  rpps: string
  kind?: 'person' | 'establishment'
  title?: string
  firstName?: string
  lastName: string
  specialty: string
  sector: '1' | '2-optam' | '2' | '3'
  addressLine1?: string
  postalCode: string
  city: string
}

export const professionals: TDemoProfessional[] = [
  { key: 'gp-paris', rpps: '10003456789', title: 'Dr', firstName: 'Anne', lastName: 'Morel', specialty: 'general-practitioner', sector: '1', addressLine1: '12 rue Oberkampf', postalCode: '75011', city: 'Paris' },
  { key: 'pediatrician-paris', rpps: '10004567891', title: 'Dr', firstName: 'Sylvie', lastName: 'Blanc', specialty: 'pediatrician', sector: '2-optam', addressLine1: '5 avenue Parmentier', postalCode: '75011', city: 'Paris' },
  { key: 'gyneco-paris', rpps: '10005678912', title: 'Dr', firstName: 'Isabelle', lastName: 'Faure', specialty: 'gynecologist', sector: '2-optam', addressLine1: '90 boulevard de Port-Royal', postalCode: '75005', city: 'Paris' },
  { key: 'dentist-paris', rpps: '10006789123', title: 'Dr', firstName: 'Karim', lastName: 'Haddad', specialty: 'dentist', sector: '1', addressLine1: '3 rue de Charonne', postalCode: '75011', city: 'Paris' },
  { key: 'kine-paris', rpps: '10007891234', firstName: 'Julien', lastName: 'Perrin', specialty: 'physiotherapist', sector: '1', addressLine1: '28 rue de la Roquette', postalCode: '75011', city: 'Paris' },
  { key: 'pharmacy-paris', rpps: '75000112233', kind: 'establishment', lastName: 'Pharmacie de la Roquette', specialty: 'pharmacy', sector: '1', addressLine1: '51 rue de la Roquette', postalCode: '75011', city: 'Paris' },
  { key: 'lab-paris', rpps: '75000223344', kind: 'establishment', lastName: 'Laboratoire Bastille Biologie', specialty: 'laboratory', sector: '1', addressLine1: '7 place de la Bastille', postalCode: '75011', city: 'Paris' },
  { key: 'hospital-paris', rpps: '75000334455', kind: 'establishment', lastName: 'Hôpital Saint-Antoine (AP-HP)', specialty: 'hospital', sector: '1', addressLine1: '184 rue du Faubourg Saint-Antoine', postalCode: '75012', city: 'Paris' },
  { key: 'gp-lyon', rpps: '10008912345', title: 'Dr', firstName: 'Paul', lastName: 'Roche', specialty: 'general-practitioner', sector: '1', addressLine1: '40 rue de la Guillotière', postalCode: '69007', city: 'Lyon' },
  { key: 'psychiatrist-lyon', rpps: '10009123456', title: 'Dr', firstName: 'Nathalie', lastName: 'Vidal', specialty: 'psychiatrist', sector: '1', addressLine1: '15 quai Claude Bernard', postalCode: '69007', city: 'Lyon' },
  { key: 'gp-dijon', rpps: '10001234567', title: 'Dr', firstName: 'Thomas', lastName: 'Lambert', specialty: 'general-practitioner', sector: '1', addressLine1: '22 rue de la Liberté', postalCode: '21000', city: 'Dijon' },
  { key: 'endocrino-dijon', rpps: '10002345678', title: 'Dr', firstName: 'Jacques', lastName: 'Garnier', specialty: 'endocrinologist', sector: '2', addressLine1: '4 boulevard de Sévigné', postalCode: '21000', city: 'Dijon' },
  { key: 'gp-strasbourg', rpps: '10009876543', title: 'Dr', firstName: 'Hélène', lastName: 'Weber', specialty: 'general-practitioner', sector: '1', addressLine1: '9 rue du Vieux-Marché-aux-Poissons', postalCode: '67000', city: 'Strasbourg' },
  { key: 'rhumato-paris', rpps: '10001122334', title: 'Dr', firstName: 'Marc', lastName: 'Dubois', specialty: 'rheumatologist', sector: '2-optam', addressLine1: '18 rue de la Roquette', postalCode: '75011', city: 'Paris' },
  { key: 'pharmacy-lyon', rpps: '69000112233', kind: 'establishment', lastName: 'Pharmacie Jean Macé', specialty: 'pharmacy', sector: '1', addressLine1: '2 place Jean Macé', postalCode: '69007', city: 'Lyon' },
  { key: 'lab-lyon', rpps: '69000223344', kind: 'establishment', lastName: 'Laboratoire Lyon Guillotière', specialty: 'laboratory', sector: '1', addressLine1: '61 grande rue de la Guillotière', postalCode: '69007', city: 'Lyon' },
  { key: 'dentist-lyon', rpps: '10002233445', title: 'Dr', firstName: 'Camille', lastName: 'Fontaine', specialty: 'dentist', sector: '1', addressLine1: '8 rue de Marseille', postalCode: '69007', city: 'Lyon' },
  { key: 'pharmacy-dijon', rpps: '21000112233', kind: 'establishment', lastName: 'Pharmacie de la Liberté', specialty: 'pharmacy', sector: '1', addressLine1: '30 rue de la Liberté', postalCode: '21000', city: 'Dijon' },
  { key: 'lab-dijon', rpps: '21000223344', kind: 'establishment', lastName: 'Laboratoire Dijon Darcy', specialty: 'laboratory', sector: '1', addressLine1: '1 place Darcy', postalCode: '21000', city: 'Dijon' },
  { key: 'dentist-dijon', rpps: '10003344556', title: 'Dr', firstName: 'Olivier', lastName: 'Mercier', specialty: 'dentist', sector: '1', addressLine1: '11 rue Musette', postalCode: '21000', city: 'Dijon' },
  { key: 'hospital-dijon', rpps: '21000334455', kind: 'establishment', lastName: 'CHU Dijon Bourgogne', specialty: 'hospital', sector: '1', addressLine1: '14 rue Paul Gaffarel', postalCode: '21000', city: 'Dijon' },
  { key: 'pharmacy-strasbourg', rpps: '67000112233', kind: 'establishment', lastName: 'Pharmacie du Vieux-Marché', specialty: 'pharmacy', sector: '1', addressLine1: '5 rue du Vieux-Marché-aux-Poissons', postalCode: '67000', city: 'Strasbourg' },
  { key: 'lab-strasbourg', rpps: '67000223344', kind: 'establishment', lastName: 'Laboratoire Strasbourg Kléber', specialty: 'laboratory', sector: '1', addressLine1: '3 place Kléber', postalCode: '67000', city: 'Strasbourg' },
  { key: 'dentist-strasbourg', rpps: '10004455667', title: 'Dr', firstName: 'Anne', lastName: 'Klein', specialty: 'dentist', sector: '1', addressLine1: '7 rue des Grandes Arcades', postalCode: '67000', city: 'Strasbourg' },
  { key: 'nurse-strasbourg', rpps: '10008765432', firstName: 'Lucie', lastName: 'Schmitt', specialty: 'nurse', sector: '1', addressLine1: '2 rue des Juifs', postalCode: '67000', city: 'Strasbourg' },
]

export type TDemoBeneficiary = { key: string; firstNames: string; lastName: string; birthDate: string; sex: 1 | 2; rank: string; ownNir?: { department: string; commune: string; order: number } }

export type TDemoInsured = {
  key: string
  /** Permanent NIR parts (sex and birth year/month come from the person), or a temporary prefix. */
  nir: { prefix?: 7 | 8; department: string; commune: string; order: number }
  sex: 1 | 2
  birthName: string
  usualName?: string
  firstNames: string
  birthDate: string
  birthPlace: string
  birthCountry: string
  nationality: string
  addressLine1: string
  postalCode: string
  city: string
  email?: string
  phone?: string
  preferredLocale: 'fr' | 'en'
  /** Bank (5) + branch (5) + account (11): the IBAN is computed with its keys; null = no bank details yet. */
  bank: { bank: string; branch: string; account: string; bic: string } | null
  regime: 'general' | 'alsace-moselle' | 'agricultural' | 'special'
  managementCode: string
  organisation: string
  affiliationStatus: 'active' | 'in-progress'
  rightsFrom: string
  rightsTo?: string
  mutuelle?: { name: string; amcCode: string; kind: 'ticket-moderateur' | 'overrun'; overrunPercent?: number }
  doctor?: { key: string; declaredOn: string }
  employerName?: string
  coverages?: { kind: 'ald' | 'css' | 'maternity' | 'ame' | 'invalidity' | 'work-accident'; from: string; to?: string; label?: string; monthlyParticipation?: number }[]
  beneficiaries?: TDemoBeneficiary[]
  vitale?: { issuedOn: string }
  /** Sick leaves entered by an advisor, with the three last monthly gross salaries (cents); allowances due are paid by the seed. */
  sickLeaves?: { reference: string; startDate: string; endDate: string; salaries: [number, number, number] }[]
  /** A Vitale card order in progress (status after the advisor's steps), photo and ID already checked. */
  vitaleOrder?: { reference: string; status: 'requested' | 'photo-checked' | 'in-production' | 'sent'; requestedOn: string; estimatedDelivery: string }
  /** null = no account (temporary number, or never activated). */
  account: { locked?: boolean } | null
  /** One-line description for the README and the tests. */
  persona: string
}

export const insured: TDemoInsured[] = [
  {
    key: 'jonathan',
    nir: { department: '75', commune: '115', order: 423 },
    sex: 1,
    birthName: 'Martin',
    firstNames: 'Jonathan Pierre',
    birthDate: '1985-05-17',
    birthPlace: 'Paris 15e',
    birthCountry: 'FR',
    nationality: 'FR',
    addressLine1: '18 rue Saint-Maur',
    postalCode: '75011',
    city: 'Paris',
    email: 'jonathan.martin@example.org',
    phone: '06 12 34 56 78',
    preferredLocale: 'fr',
    bank: { bank: '30006', branch: '00001', account: '12345678901', bic: 'AGRIFRPPXXX' },
    regime: 'general',
    managementCode: '10',
    organisation: 'paris',
    affiliationStatus: 'active',
    rightsFrom: '2007-09-01',
    mutuelle: { name: 'Mutuelle Générale de Paris', amcCode: '75123456', kind: 'overrun', overrunPercent: 100 },
    doctor: { key: 'gp-paris', declaredOn: '2016-02-03' },
    employerName: 'Société Parisienne de Logiciels',
    beneficiaries: [
      { key: 'lea', firstNames: 'Léa', lastName: 'Martin', birthDate: '2012-03-14', sex: 2, rank: '02', ownNir: { department: '75', commune: '112', order: 87 } },
      { key: 'hugo', firstNames: 'Hugo', lastName: 'Martin', birthDate: '2018-09-02', sex: 1, rank: '03', ownNir: { department: '75', commune: '112', order: 512 } },
    ],
    vitale: { issuedOn: '2019-06-12' },
    // RULEBOOK §6: one leave before 1 April 2025 (cap 1.8 SMIC) and one after (1.4 SMIC), same salary of 3 500 €.
    sickLeaves: [
      { reference: 'AT-2025-000117', startDate: '2025-03-10', endDate: '2025-03-19', salaries: [350000, 350000, 350000] },
      { reference: 'AT-2026-000342', startDate: '2026-10-12', endDate: '2026-12-04', salaries: [350000, 350000, 350000] },
    ],
    account: {},
    persona: 'Employee in Paris, médecin traitant, mutuelle (200 % BR), two children',
  },
  {
    key: 'emily',
    nir: { prefix: 8, department: '99', commune: '404', order: 311 },
    sex: 2,
    birthName: 'Carter',
    usualName: 'Martin',
    firstNames: 'Emily Anne',
    birthDate: '1988-11-23',
    birthPlace: 'Boston (Massachusetts)',
    birthCountry: 'US',
    nationality: 'US',
    addressLine1: '18 rue Saint-Maur',
    postalCode: '75011',
    city: 'Paris',
    email: 'emily.carter@example.com',
    phone: '07 45 67 89 12',
    preferredLocale: 'en',
    bank: { bank: '30004', branch: '00822', account: '00010987654', bic: 'BNPAFRPPXXX' },
    regime: 'general',
    managementCode: '10',
    organisation: 'paris',
    affiliationStatus: 'in-progress',
    rightsFrom: '2026-09-15',
    account: null,
    persona: 'American spouse, temporary number (8…), affiliation in progress: cannot sign in',
  },
  {
    key: 'mei',
    nir: { department: '99', commune: '216', order: 58 },
    sex: 2,
    birthName: 'Chen',
    firstNames: 'Mei',
    birthDate: '2003-04-09',
    birthPlace: 'Shanghai',
    birthCountry: 'CN',
    nationality: 'CN',
    addressLine1: '25 rue Chevreul (résidence universitaire)',
    postalCode: '69007',
    city: 'Lyon',
    email: 'mei.chen@example.edu',
    phone: '07 61 23 45 67',
    preferredLocale: 'en',
    bank: { bank: '10278', branch: '07300', account: '00020491201', bic: 'CMCIFR2AXXX' },
    regime: 'general',
    managementCode: '10',
    organisation: 'rhone',
    affiliationStatus: 'active',
    rightsFrom: '2024-10-01',
    mutuelle: { name: 'HEYME', amcCode: '69345678', kind: 'ticket-moderateur' },
    doctor: { key: 'gp-lyon', declaredOn: '2025-01-20' },
    vitaleOrder: { reference: 'CV-2026-00A1B2C3D4', status: 'in-production', requestedOn: '2026-11-10', estimatedDelivery: '2026-12-01' },
    account: {},
    persona: 'International student in Lyon',
  },
  {
    key: 'claire',
    nir: { department: '67', commune: '482', order: 215 },
    sex: 2,
    birthName: 'Muller',
    firstNames: 'Claire',
    birthDate: '1979-08-30',
    birthPlace: 'Strasbourg',
    birthCountry: 'FR',
    nationality: 'FR',
    addressLine1: '7 rue des Frères',
    postalCode: '67000',
    city: 'Strasbourg',
    email: 'claire.muller@example.fr',
    phone: '06 23 45 67 89',
    preferredLocale: 'fr',
    bank: { bank: '15135', branch: '00500', account: '08001234567', bic: 'CEPAFRPP513' },
    regime: 'alsace-moselle',
    managementCode: '10',
    organisation: 'bas-rhin',
    affiliationStatus: 'active',
    rightsFrom: '2001-09-01',
    mutuelle: { name: 'Mutuelle d\'Alsace', amcCode: '67456789', kind: 'ticket-moderateur' },
    doctor: { key: 'gp-strasbourg', declaredOn: '2012-05-10' },
    employerName: 'Brasserie du Rhin',
    vitale: { issuedOn: '2020-03-02' },
    account: {},
    persona: 'Strasbourg, Alsace-Moselle local regime (90 %)',
  },
  {
    key: 'bernard',
    nir: { department: '21', commune: '231', order: 102 },
    sex: 1,
    birthName: 'Lefèvre',
    firstNames: 'Bernard',
    birthDate: '1958-01-12',
    birthPlace: 'Dijon',
    birthCountry: 'FR',
    nationality: 'FR',
    addressLine1: '3 rue Chabot-Charny',
    postalCode: '21000',
    city: 'Dijon',
    email: 'bernard.lefevre@example.fr',
    phone: '06 34 56 78 90',
    preferredLocale: 'fr',
    bank: { bank: '17806', branch: '00100', account: '12340012345', bic: 'AGRIFRPP878' },
    regime: 'general',
    managementCode: '10',
    organisation: 'cote-d-or',
    affiliationStatus: 'active',
    rightsFrom: '1978-03-01',
    mutuelle: { name: 'Harmonie Bourgogne', amcCode: '21567890', kind: 'ticket-moderateur' },
    doctor: { key: 'gp-dijon', declaredOn: '2008-11-04' },
    coverages: [{ kind: 'ald', from: '2019-06-01', to: '2029-05-31', label: 'Diabète de type 2 (ALD 8)' }],
    vitale: { issuedOn: '2018-01-15' },
    account: {},
    persona: 'Patient in ALD (type 2 diabetes), Dijon',
  },
  {
    key: 'pierre',
    nir: { department: '21', commune: '054', order: 37 },
    sex: 1,
    birthName: 'Girard',
    firstNames: 'Pierre',
    birthDate: '1971-06-25',
    birthPlace: 'Beaune',
    birthCountry: 'FR',
    nationality: 'FR',
    addressLine1: 'Ferme des Combes, route de Savigny',
    postalCode: '21420',
    city: 'Savigny-lès-Beaune',
    email: 'pierre.girard@example.fr',
    phone: '06 45 67 89 01',
    preferredLocale: 'fr',
    bank: { bank: '12506', branch: '21000', account: '56789012345', bic: 'AGRIFRPP825' },
    regime: 'agricultural',
    managementCode: '02',
    organisation: 'msa-bourgogne',
    affiliationStatus: 'active',
    rightsFrom: '1993-07-01',
    mutuelle: { name: 'Groupama Santé', amcCode: '21678901', kind: 'ticket-moderateur' },
    doctor: { key: 'gp-dijon', declaredOn: '2010-02-17' },
    vitale: { issuedOn: '2017-09-05' },
    account: {},
    persona: 'Farmer at the MSA (agricultural regime), Côte-d\'Or',
  },
  {
    key: 'nadia',
    nir: { department: '69', commune: '388', order: 144 },
    sex: 2,
    birthName: 'Benali',
    firstNames: 'Nadia',
    birthDate: '1992-12-03',
    birthPlace: 'Lyon 8e',
    birthCountry: 'FR',
    nationality: 'FR',
    addressLine1: '11 rue Paul Cazeneuve',
    postalCode: '69008',
    city: 'Lyon',
    email: 'nadia.benali@example.fr',
    phone: '06 56 78 90 12',
    preferredLocale: 'fr',
    bank: { bank: '20041', branch: '01007', account: '12345678A01', bic: 'PSSTFRPPLYO' },
    regime: 'general',
    managementCode: '10',
    organisation: 'rhone',
    affiliationStatus: 'active',
    rightsFrom: '2011-01-01',
    doctor: { key: 'gp-lyon', declaredOn: '2021-09-14' },
    coverages: [{ kind: 'css', from: '2026-04-01', to: '2027-03-31', label: 'free' }],
    vitale: { issuedOn: '2021-10-01' },
    account: {},
    persona: 'Complémentaire santé solidaire (free), Lyon',
  },
  {
    key: 'sophie',
    nir: { department: '93', commune: '066', order: 251 },
    sex: 2,
    birthName: 'Durand',
    firstNames: 'Sophie',
    birthDate: '1994-07-19',
    birthPlace: 'Saint-Denis',
    birthCountry: 'FR',
    nationality: 'FR',
    addressLine1: '64 avenue de Flandre',
    postalCode: '75019',
    city: 'Paris',
    email: 'sophie.durand@example.fr',
    phone: '06 67 89 01 23',
    preferredLocale: 'fr',
    bank: { bank: '30003', branch: '03620', account: '00050123456', bic: 'SOGEFRPPXXX' },
    regime: 'general',
    managementCode: '10',
    organisation: 'paris',
    affiliationStatus: 'active',
    rightsFrom: '2016-09-01',
    mutuelle: { name: 'MGEN', amcCode: '75234567', kind: 'ticket-moderateur' },
    doctor: { key: 'gp-paris', declaredOn: '2019-04-02' },
    employerName: 'Lycée Diderot',
    coverages: [{ kind: 'maternity', from: '2026-10-20', to: '2027-02-22', label: 'expected birth 2027-02-10' }],
    vitale: { issuedOn: '2016-11-20' },
    account: {},
    persona: 'Pregnant (6th month since 20 Oct 2026: 100 %, no participation), Paris',
  },
  {
    key: 'marc',
    nir: { department: '75', commune: '118', order: 96 },
    sex: 1,
    birthName: 'Petit',
    firstNames: 'Marc',
    birthDate: '1966-02-08',
    birthPlace: 'Paris 18e',
    birthCountry: 'FR',
    nationality: 'FR',
    addressLine1: '9 rue Custine',
    postalCode: '75018',
    city: 'Paris',
    email: 'marc.petit@example.fr',
    preferredLocale: 'fr',
    bank: null,
    regime: 'general',
    managementCode: '10',
    organisation: 'paris',
    affiliationStatus: 'active',
    rightsFrom: '1986-10-01',
    vitale: { issuedOn: '2015-05-04' },
    account: { locked: true },
    persona: 'Account locked by an advisor after a reported identity theft (an advisor must unlock it); no bank details',
  },
  {
    key: 'olivia',
    nir: { department: '99', commune: '132', order: 45 },
    sex: 2,
    birthName: 'Bennett',
    firstNames: 'Olivia Rose',
    birthDate: '1990-07-14',
    birthPlace: 'Manchester',
    birthCountry: 'GB',
    nationality: 'GB',
    addressLine1: '7 rue des Envierges',
    postalCode: '75020',
    city: 'Paris',
    email: 'olivia.bennett@example.co.uk',
    phone: '07 58 24 61 93',
    preferredLocale: 'en',
    bank: { bank: '30004', branch: '00820', account: '00045612378', bic: 'BNPAFRPPXXX' },
    regime: 'general',
    managementCode: '10',
    organisation: 'paris',
    affiliationStatus: 'active',
    rightsFrom: '2026-10-01',
    account: null,
    persona: 'British newcomer with her permanent number (seed 003) but no ameli account yet: activates it with the SMS code, then orders her first carte Vitale',
  },
]

export type TDemoStaff = { email: string; displayName: string; role: 'advisor' | 'supervisor'; organisation: string; receptionPoint?: string }

export const staff: TDemoStaff[] = [
  { email: 'camille.roux@cpam-paris.example.fr', displayName: 'Camille Roux', role: 'advisor', organisation: 'paris', receptionPoint: 'paris-19' },
  { email: 'karim.benaissa@cpam-paris.example.fr', displayName: 'Karim Benaïssa', role: 'advisor', organisation: 'paris', receptionPoint: 'paris-11' },
  { email: 'isabelle.moreau@cpam-paris.example.fr', displayName: 'Isabelle Moreau', role: 'supervisor', organisation: 'paris' },
  { email: 'helene.bonnet@cpam-paris.example.fr', displayName: 'Hélène Bonnet', role: 'supervisor', organisation: 'paris' },
  { email: 'julie.fontaine@cpam-rhone.example.fr', displayName: 'Julie Fontaine', role: 'advisor', organisation: 'rhone', receptionPoint: 'lyon-7' },
  { email: 'olivier.perret@cpam-cotedor.example.fr', displayName: 'Olivier Perret', role: 'advisor', organisation: 'cote-d-or', receptionPoint: 'dijon' },
  { email: 'anne.keller@cpam-basrhin.example.fr', displayName: 'Anne Keller', role: 'advisor', organisation: 'bas-rhin', receptionPoint: 'strasbourg' },
]
