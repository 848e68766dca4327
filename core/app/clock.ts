/** The clock lives in shared/ (pure), so HQ uses the same one without importing the core. */
export * from '../../shared/app/clock'
