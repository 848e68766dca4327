import { defineAsyncComponent, type Component } from 'vue'

/** Vuetify's VAlert module: its code, styles and icons. Called early (in idle time) so the first alert waits for nothing. */
export const loadVAlert = (): Promise<Component> => import('vuetify/components/VAlert').then((m) => m.VAlert)

/**
 * Vuetify's VAlert as an async component: the sign-in card (layout/AuthForm.vue, SignInForm.vue) shows one only after
 * the core has refused a sign-in or a first run has created the branch, so VAlert stays out of the entry chunk
 * (docs/decisions.md, renderer startup); the start screen loads it when a sign-in starts (startScreen.ts). Props,
 * slots and attributes pass through to it.
 */
export const VAlertOnDemand = defineAsyncComponent(loadVAlert)
