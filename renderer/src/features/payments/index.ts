/** What other features show from payments: a CASCO contract's schedule with what is paid, the home call-out. */
export { default as InstalmentSchedule } from './InstalmentSchedule.vue'
export { default as InstalmentsDueCard } from './InstalmentsDueCard.vue'
