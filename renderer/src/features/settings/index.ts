/** What other features may use from settings (scripts/featureBoundaries.test.ts): first run restores a backup. */
export { default as RestoreBackupPanel } from './RestoreBackupPanel.vue'
