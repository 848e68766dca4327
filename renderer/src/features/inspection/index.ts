/** What other features may use from inspection (scripts/featureBoundaries.test.ts): the report's diagram and photos. */
export { default as CarDiagram } from './CarDiagram.vue'
export { default as PhotoFetchBanner } from './PhotoFetchBanner.vue'
export { default as PhotoThumb } from './PhotoThumb.vue'
export { default as PhotoViewer } from './PhotoViewer.vue'
export { photoTitle } from './photoLabels'
