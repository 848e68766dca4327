/**
 * What other parts of the core may use from core/casco (scripts/featureBoundaries.test.ts): the case as stored,
 * its inspections and its decisions (approval writes them; casco reads them for the case's card and its moves).
 */
export { cascoRecord, findCascoCase, withDocuments, type CascoCase, type CascoRow } from './cascoRows'
export { caseInspections } from './caseInspection'
export { lastDecision, listDecisions } from './decisionRows'
export { searchCasco } from './cascoSearch'
// A renewal (core/renewal) starts a new quote from the expiring contract's, with the list's columns as create does.
export { searchColumns as cascoSearchColumns } from './cascoRows'
export { NEW_QUOTE_COLUMNS } from './quoteColumns'
export { vehicleName } from './formReference'
