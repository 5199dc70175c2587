/**
 * Exchange data shipped with the portal (issue 19 §4): the ECB euro foreign exchange reference rates of the claim
 * period, the fixed parities, and the currency of each country. Read once (a module import); the domain functions
 * (lib/domain/procedures/exchange-rates.ts) take them as arguments.
 */
import type { TCountryCurrencies, TExchangeRateTable } from '../../../lib/domain/procedures/exchange-rates'
import ecb from './ecb-eurofxref.json'
import countries from './country-currencies.json'

export const ecbReferenceRates: TExchangeRateTable = ecb as unknown as TExchangeRateTable

export const countryCurrencies: TCountryCurrencies = countries.countries
