/**
 * The Vuetify icon aliases the sign-in card can draw before the whole app has loaded (plugins/vuetify.ts): the icons of
 * its alerts, `type="success"` (the branch just created) and `type="error"` (a refused sign-in). Copied from
 * vuetify/iconsets/mdi-svg (its success icon is an older drawing than @mdi/js's mdiCheckCircle): vuetify.test.ts
 * checks they are equal; mdi-svg's table replaces them all with the whole app (plugins/vuetifyComplete.ts).
 */
export const STARTUP_ICON_ALIASES = {
  success:
    'svg:M12,2C17.52,2 22,6.48 22,12C22,17.52 17.52,22 12,22C6.48,22 2,17.52 2,12C2,6.48 6.48,2 12,2M11,16.5L18,9.5L16.59,8.09L11,13.67L7.91,10.59L6.5,12L11,16.5Z',
  error:
    'svg:M12,2C17.53,2 22,6.47 22,12C22,17.53 17.53,22 12,22C6.47,22 2,17.53 2,12C2,6.47 6.47,2 12,2M15.59,7L12,10.59L8.41,7L7,8.41L10.59,12L7,15.59L8.41,17L12,13.41L15.59,17L17,15.59L13.41,12L17,8.41L15.59,7Z',
}
