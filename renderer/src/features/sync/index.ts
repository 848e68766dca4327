/** What other features may use from sync (scripts/featureBoundaries.test.ts). */
export { default as JoinBranchPanel } from './JoinBranchPanel.vue'
export { formatBytes, formatMoment } from './syncFormat'
