import { onMounted, ref, useTemplateRef, type Ref } from 'vue'

/**
 * For the field a screen opens in (the sign-in's login): bound to a Vuetify field as `v-model:focused`, with the
 * template ref `refName`, the field is drawn focused from its first render and given the caret once it is in the page.
 * With `autofocus` alone it was drawn unfocused, focused by the browser just before the first frame and drawn again —
 * a second render, and Vuetify's label animating up with a forced layout, in the start screen's time before it takes
 * keys (docs/decisions.md, renderer startup). Keep `autofocus` on the field (Vuetify focuses it again when it comes
 * into view, a no-op once it has the caret). When the caret could not go there (the field hidden, or gone), the field
 * shows unfocused, as it is.
 */
export function useDrawnFocused(refName: string): Ref<boolean> {
  const field = useTemplateRef<{ $el?: Element }>(refName)
  const focused = ref(true)
  onMounted(() => {
    const input = field.value?.$el?.querySelector('input, textarea')
    if (input instanceof HTMLElement) input.focus()
    if (!input || document.activeElement !== input) focused.value = false
  })
  return focused
}
