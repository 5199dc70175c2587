/** The procedures one can start from "Mes démarches" (labels: procedurePages.links.<key>). */
export const PROCEDURE_LINKS = [
  { key: 'vitale', href: '/compte/demarches/carte-vitale' },
  { key: 'loss', href: '/compte/demarches/carte-vitale/perte' },
  { key: 'ehic', href: '/compte/demarches/ceam' },
  { key: 'sickLeave', href: '/compte/demarches/arrets-de-travail' },
  { key: 'birth', href: '/compte/demarches/naissance' },
  { key: 'css', href: '/compte/demarches/css' },
  { key: 'address', href: '/compte/demarches/adresse' },
  { key: 'bank', href: '/compte/demarches/coordonnees-bancaires' },
  { key: 'name', href: '/compte/demarches/nom-usage' },
  { key: 'doctor', href: '/compte/demarches/medecin-traitant' },
  { key: 'transport', href: '/compte/demarches/transport' },
  { key: 'abroad', href: '/compte/demarches/soins-etranger' },
] as const
