/** What other features show from renewal: the links between a contract and its renewal on their forms. */
export { default as RenewalLinks } from './RenewalLinks.vue'
