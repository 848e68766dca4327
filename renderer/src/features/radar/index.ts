/** What other features show from the radar: the home screen's summary card. */
export { default as RadarSummaryCard } from './RadarSummaryCard.vue'
