/**
 * Every UI string, per locale. One JSON file per feature area (core, simulator, procedures…) so that
 * features can grow their strings without touching each other's files; top-level namespaces must not
 * collide (tests/unit/app/messages.test.ts checks it).
 */
import frCore from './fr/core.json'
import enCore from './en/core.json'
import frSimulation from './fr/simulation.json'
import enSimulation from './en/simulation.json'
import frSimulator from './fr/simulator.json'
import frExplanations from './fr/explanations.json'
import frAllowances from './fr/allowances.json'
import enAllowances from './en/allowances.json'
import frCssSimulator from './fr/css-simulator.json'
import enCssSimulator from './en/css-simulator.json'
import enExplanations from './en/explanations.json'
import enSimulator from './en/simulator.json'
import frLiquidation from './fr/liquidation.json'
import enLiquidation from './en/liquidation.json'
import frProcedures from './fr/procedures.json'
import enProcedures from './en/procedures.json'
import frProcedurePages from './fr/procedure-pages.json'
import enProcedurePages from './en/procedure-pages.json'
import frTariffs from './fr/tariffs.json'
import enTariffs from './en/tariffs.json'
import frPayments from './fr/payments.json'
import enPayments from './en/payments.json'
import frHome from './fr/home.json'
import enHome from './en/home.json'
import frDocuments from './fr/documents.json'
import enDocuments from './en/documents.json'
import frProfile from './fr/profile.json'
import enProfile from './en/profile.json'
import frAgenda from './fr/agenda.json'
import enAgenda from './en/agenda.json'
import frMessaging from './fr/messages.json'
import enMessaging from './en/messages.json'
import frBackoffice from './fr/backoffice.json'
import enBackoffice from './en/backoffice.json'
import frBeneficiary from './fr/beneficiary.json'
import enBeneficiary from './en/beneficiary.json'
import frPaymentRun from './fr/payment-run.json'
import enPaymentRun from './en/payment-run.json'
import frAffiliation from './fr/affiliation.json'
import enAffiliation from './en/affiliation.json'
import frAffiliationAdvisor from './fr/affiliation-advisor.json'
import enAffiliationAdvisor from './en/affiliation-advisor.json'
import frActivation from './fr/activation.json'
import frAffiliationPublic from './fr/affiliation-public.json'
import enAffiliationPublic from './en/affiliation-public.json'
import enActivation from './en/activation.json'
import frSecurity from './fr/security.json'
import enSecurity from './en/security.json'
import frRulesPage from './fr/rules-page.json'
import enRulesPage from './en/rules-page.json'
import frJobs from './fr/jobs.json'
import enJobs from './en/jobs.json'
import frSharing from './fr/sharing.json'
import enSharing from './en/sharing.json'

export const messageFiles = {
  fr: { core: frCore, explanations: frExplanations, allowances: frAllowances, cssSimulator: frCssSimulator, simulation: frSimulation, simulator: frSimulator, liquidation: frLiquidation, procedures: frProcedures, procedurePages: frProcedurePages, tariffs: frTariffs, payments: frPayments, home: frHome, documents: frDocuments, profile: frProfile, agenda: frAgenda, messaging: frMessaging, backoffice: frBackoffice, beneficiary: frBeneficiary, paymentRun: frPaymentRun, affiliation: frAffiliation, affiliationAdvisor: frAffiliationAdvisor, activation: frActivation, affiliationPublic: frAffiliationPublic, security: frSecurity, rulesPage: frRulesPage, jobs: frJobs, sharing: frSharing },
  en: { core: enCore, explanations: enExplanations, allowances: enAllowances, cssSimulator: enCssSimulator, simulation: enSimulation, simulator: enSimulator, liquidation: enLiquidation, procedures: enProcedures, procedurePages: enProcedurePages, tariffs: enTariffs, payments: enPayments, home: enHome, documents: enDocuments, profile: enProfile, agenda: enAgenda, messaging: enMessaging, backoffice: enBackoffice, beneficiary: enBeneficiary, paymentRun: enPaymentRun, affiliation: enAffiliation, affiliationAdvisor: enAffiliationAdvisor, activation: enActivation, affiliationPublic: enAffiliationPublic, security: enSecurity, rulesPage: enRulesPage, jobs: enJobs, sharing: enSharing },
} as const

function merge<T extends Record<string, object>>(files: T): Record<string, unknown> {
  return Object.assign({}, ...Object.values(files)) as Record<string, unknown>
}

export const messages = {
  fr: merge(messageFiles.fr),
  en: merge(messageFiles.en),
}
