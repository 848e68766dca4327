/** What other parts of the core may use from core/host (scripts/featureBoundaries.test.ts): the transfer folder. */
export { shellTransferDir } from './protocol'
