import { nextTick } from 'vue'

/**
 * What the entry chunk needs of the form keyboard (composables/useFormKeyboard.ts re-exports it all): a refused
 * sign-in focuses its first field in error (`useAction`), and read-only inputs leave the Tab order app-wide (main.ts).
 * A module of its own so the rest of the keyboard (the directive, Enter to the next field) loads with the forms that
 * use it: the bundler keeps one module whole in one chunk (docs/decisions.md, renderer startup).
 */

export const FIELD_SELECTOR = 'input, select, textarea, [contenteditable="true"]'
/** Inputs that are not fields to type or tick in: Enter keeps its own meaning there. */
const NOT_FIELDS = new Set(['button', 'submit', 'reset', 'hidden', 'image', 'file', 'range', 'color'])

function hiddenByAncestor(el: Element, root: Element): boolean {
  for (let node: Element | null = el; node && node !== root.parentElement; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return true
    const style = (node as HTMLElement).style
    if (style?.display === 'none' || style?.visibility === 'hidden') return true
  }
  return false
}

/**
 * Read-only for the clerk: the input's own attribute, or any input of a read-only Vuetify field — a tick box or a
 * radio of a read-only form keeps its input as it was (Vuetify refuses the change; the input stays focusable and
 * carries no `readonly`), only the field around it is marked `.v-input--readonly`.
 */
export function isReadonlyControl(el: Element): boolean {
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return false
  return el.readOnly || el.closest('.v-input--readonly') !== null
}

/** Whether the element can take text or a tick from the clerk now: shown, enabled, not read-only, tabbable. */
export function isEditableField(el: Element, root: Element = document.body): el is HTMLElement {
  if (!(el instanceof HTMLElement) || !el.matches(FIELD_SELECTOR)) return false
  if (el instanceof HTMLInputElement && NOT_FIELDS.has(el.type)) return false
  const control = el as HTMLInputElement
  if (control.disabled || isReadonlyControl(el) || el.closest('fieldset[disabled], [aria-disabled="true"]'))
    return false
  if (el.getAttribute('aria-readonly') === 'true' || el.tabIndex < 0) return false
  return !hiddenByAncestor(el, root)
}

/** Focuses an element and brings it to the middle of the screen (a field under a sticky bar would stay unseen). */
export function focusAndReveal(el: HTMLElement): void {
  el.focus({ preventScroll: true })
  el.scrollIntoView?.({ block: 'center', behavior: 'instant' as ScrollBehavior })
}

const READONLY_MARK = 'data-readonly-untabbed'

/** Takes a read-only input out of the Tab order, and puts it back (as it was) once it is editable again. */
function syncTabStop(el: Element): void {
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return
  const readonly = isReadonlyControl(el)
  if (readonly && el.tabIndex >= 0 && !el.hasAttribute(READONLY_MARK)) {
    el.setAttribute(READONLY_MARK, el.getAttribute('tabindex') ?? '')
    el.tabIndex = -1
  } else if (!readonly && el.hasAttribute(READONLY_MARK)) {
    const was = el.getAttribute(READONLY_MARK)!
    el.removeAttribute(READONLY_MARK)
    if (was === '') el.removeAttribute('tabindex')
    else el.setAttribute('tabindex', was)
  }
}

/**
 * Keeps every read-only input under `root` out of the Tab order as the screen changes (a form that turns read-only
 * once issued, a category locked by the chosen model). Installed once on the app's root; returns the stop.
 */
export function keepReadonlyOutOfTabOrder(root: Element): () => void {
  const sweep = (node: Element) => {
    if (node.matches('input, textarea')) syncTabStop(node)
    node.querySelectorAll('input, textarea').forEach(syncTabStop)
  }
  sweep(root)
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const target = r.target as Element
      if (r.attributeName === 'readonly') syncTabStop(target)
      // A Vuetify field made read-only (or editable again) by its class: its tick boxes and radios follow.
      else if (r.attributeName === 'class') {
        if (target.classList.contains('v-input')) sweep(target)
      } else r.addedNodes.forEach((n) => n instanceof Element && sweep(n))
    }
  })
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['readonly', 'class'] })
  return () => observer.disconnect()
}

const ERROR_SELECTOR = '.v-input--error, [data-error-anchor]'

/**
 * After a refused action (calculate, save, issue): the caret goes to the first field showing an error, scrolled into
 * view. An open dialog's fields come first (the refusal is the dialog's); otherwise the page's, in document order.
 * Waits for the errors to be drawn; returns the element focused, or null when no field shows one.
 */
export async function focusFirstError(root?: Element | null): Promise<HTMLElement | null> {
  if (typeof document === 'undefined') return null
  await nextTick()
  await new Promise((resolve) => setTimeout(resolve, 0))
  const scope = root ?? document.querySelector('.v-overlay--active .v-card') ?? document.body
  const bad = scope.querySelector(ERROR_SELECTOR) ?? (root ? null : document.body.querySelector(ERROR_SELECTOR))
  if (!bad) return null
  const field = bad.matches(FIELD_SELECTOR)
    ? (bad as HTMLElement)
    : ([...bad.querySelectorAll(FIELD_SELECTOR)].find((el) => isEditableField(el, bad)) as HTMLElement | undefined)
  const target = field ?? (bad as HTMLElement)
  if (!field && target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  focusAndReveal(target)
  return target
}
