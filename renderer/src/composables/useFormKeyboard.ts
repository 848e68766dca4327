import { nextTick, type Directive } from 'vue'
import { FIELD_SELECTOR, focusAndReveal, isEditableField } from './fieldFocus'

// Kept importable from here, where every form takes its keyboard from.
export { focusAndReveal, focusFirstError, isEditableField, keepReadonlyOutOfTabOrder } from './fieldFocus'

/**
 * The counter's keyboard on a form: Enter moves to the next field (a textarea keeps its newline; an autocomplete
 * first takes its highlighted item, then moves on), Ctrl+Enter runs the form's main action (calculate or submit),
 * read-only fields leave the Tab order, and a refused action puts the caret in the first field with an error.
 * One directive on the form's container (`v-form-keyboard="{ submit: calculate }"`), so each form is wired with a
 * one-line edit and every form behaves the same.
 */
export interface FormKeyboardOptions {
  /** Ctrl+Enter (⌘+Enter on a Mac keyboard): the form's main action — the one whose tooltip names the shortcut. */
  submit?: () => unknown
  /** On opening, the caret goes to the first empty field (a new application: the insured's surname). */
  start?: boolean
}

type Value = FormKeyboardOptions | (() => unknown) | undefined

/** A list (select, autocomplete) with a value chosen: it has its default or the clerk's choice. */
function chosenList(el: Element): boolean {
  const list = el.closest('.v-select, .v-autocomplete')
  if (!list || list.classList.contains('v-combobox')) return false
  // What the list shows as chosen, not Vuetify's «dirty» (an empty string bound as the value counts as dirty).
  const shown = list.querySelector('.v-select__selection, .v-autocomplete__selection')
  return !!shown?.textContent?.trim()
}

/**
 * The field Enter goes to after `from`, in the container's document order: the next one that needs input. Text
 * fields always (typed over if filled); a choice only while nothing is chosen (a radio group is one field, a list
 * with its default is passed); a tick box never — they mark exceptions (VIN missing, a trailer, another owner) and
 * Tab still reaches them, as it reaches every control.
 */
export function nextField(root: Element, from: Element): HTMLElement | null {
  const fields = [...root.querySelectorAll(FIELD_SELECTOR)].filter((el) => isEditableField(el, root))
  const group = from instanceof HTMLInputElement && from.type === 'radio' ? from.name : null
  const at = fields.indexOf(from as HTMLElement)
  const after = at >= 0 ? fields.slice(at + 1) : fields.filter((el) => from.compareDocumentPosition(el) & 4)
  for (const el of after) {
    if (el instanceof HTMLInputElement && el.type === 'checkbox') continue
    if (chosenList(el)) continue
    if (!(el instanceof HTMLInputElement && el.type === 'radio')) return el
    if (group !== null && el.name === group) continue
    const radios = fields.filter((r): r is HTMLInputElement => r instanceof HTMLInputElement && r.name === el.name)
    if (radios.some((r) => r.checked)) continue
    return el
  }
  return null
}

/** Selects a text input's whole value, so what is typed next replaces it instead of being added to it. */
function selectText(el: HTMLElement): void {
  if (el instanceof HTMLInputElement && /^(text|search|tel|email|url|)$/.test(el.type)) el.select()
}

function moveOn(root: Element, from: HTMLElement): void {
  const next = nextField(root, from)
  if (!next) return
  focusAndReveal(next)
  selectText(next)
}

function isSelectOnly(el: Element): boolean {
  const input = el.closest('.v-select')
  return !!input && !input.classList.contains('v-autocomplete') && !input.classList.contains('v-combobox')
}

function onKeydown(root: HTMLElement, options: () => FormKeyboardOptions, e: KeyboardEvent): void {
  if (e.key !== 'Enter' || e.isComposing || e.altKey || e.shiftKey) return
  const target = e.target as HTMLElement
  if (e.ctrlKey || e.metaKey) {
    const submit = options().submit
    if (!submit) return
    e.preventDefault()
    e.stopPropagation()
    // Leave the field first: a field that records its value on blur (touch, masks) has it before the action runs.
    target.blur?.()
    void submit()
    return
  }
  if (!isEditableField(target, root) || target instanceof HTMLTextAreaElement || target.isContentEditable) return
  if (isSelectOnly(target)) {
    // A list with a value chosen: Enter goes on (ArrowDown or Space still opens it); an empty one opens as before.
    if (!chosenList(target)) return
    e.preventDefault()
    e.stopPropagation()
    moveOn(root, target)
    return
  }
  e.preventDefault()
  if (target.closest('.v-autocomplete, .v-combobox')) {
    // The autocomplete takes its highlighted item on this same Enter; move on once the choice is drawn (a model
    // chosen changes which fields follow).
    setTimeout(() => void nextTick(() => moveOn(root, target)), 0)
    return
  }
  moveOn(root, target)
}

/** After a part of the form was filled in for the clerk (a driver copied from the insured): its first empty field. */
export async function focusFirstEmptyIn(testId: string): Promise<HTMLElement | null> {
  await nextTick()
  const part = document.querySelector(`[data-testid="${testId}"]`)
  if (!part) return null
  ;(document.activeElement as HTMLElement | null)?.blur?.()
  return focusFirstEmpty(part)
}

/** Focuses the field with the given test id (e.g. a new driver's surname) once it is drawn. */
export async function focusField(testId: string, root: ParentNode = document): Promise<HTMLElement | null> {
  await nextTick()
  const host = root.querySelector(`[data-testid="${testId}"]`)
  const el = host?.matches(FIELD_SELECTOR) ? host : host?.querySelector(FIELD_SELECTOR)
  if (!(el instanceof HTMLElement)) return null
  focusAndReveal(el)
  return el
}

/**
 * An autocomplete entered with a value chosen shows that value as its text: it is selected, so what the clerk types
 * replaces it (a search) instead of being added to it.
 */
function onFocusin(e: FocusEvent): void {
  const input = e.target
  if (!(input instanceof HTMLInputElement) || input.readOnly || !input.closest('.v-autocomplete')) return
  setTimeout(() => {
    if (document.activeElement === input && input.value !== '') input.select()
  }, 0)
}

/**
 * A masked field typed to its end (a date's eight digits, a passport number, a phone, a VIN) goes on by itself, as
 * the paper form's boxes do: the last digit is the field's end. Only while typing at the end of the field — maska
 * also reports a value set by a load, or a digit changed in the middle, which must leave the caret where it is.
 */
function autoAdvance(root: HTMLElement, lastKey: { at: number }, e: Event): void {
  const input = e.target
  const detail = (e as CustomEvent<{ completed?: boolean }>).detail
  if (!detail?.completed || !(input instanceof HTMLInputElement) || document.activeElement !== input) return
  if (performance.now() - lastKey.at > 250) return
  if (input.selectionEnd !== null && input.selectionEnd < input.value.length) return
  // After the mask's own input event, so the field has its value (and its touch) before the caret leaves.
  setTimeout(() => {
    if (document.activeElement === input) moveOn(root, input)
  }, 0)
}

interface Bound {
  listener: (e: KeyboardEvent) => void
  masked: (e: Event) => void
  value: { current: Value }
}
const handlers = new WeakMap<HTMLElement, Bound>()

const TEXT_TYPES = /^(text|search|tel|email|url|number|)$/

/** The first empty text field of the form, unless the clerk is already somewhere in a field. */
export function focusFirstEmpty(root: Element): HTMLElement | null {
  const active = document.activeElement
  if (active && active !== document.body && active.matches(FIELD_SELECTOR)) return null
  const first = [...root.querySelectorAll('input, textarea')].find(
    (el) =>
      isEditableField(el, root) &&
      (el instanceof HTMLTextAreaElement || TEXT_TYPES.test((el as HTMLInputElement).type)) &&
      (el as HTMLInputElement).value === '' &&
      !el.closest('.v-select'),
  ) as HTMLElement | undefined
  if (!first) return null
  first.focus()
  return first
}

function optionsOf(value: Value): FormKeyboardOptions {
  return typeof value === 'function' ? { submit: value } : (value ?? {})
}

/** `v-form-keyboard="{ submit: calculate }"` on a form's container (or `v-form-keyboard` for Enter alone). */
export const vFormKeyboard: Directive<HTMLElement, Value> = {
  mounted(el, binding) {
    const value = { current: binding.value }
    const lastKey = { at: -Infinity }
    // Capture: a chosen list's Enter is the form's before Vuetify reopens the list; text fields see it the same.
    const listener = (e: KeyboardEvent) => {
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) lastKey.at = performance.now()
      onKeydown(el, () => optionsOf(value.current), e)
    }
    // maska's event does not bubble; a listener in the capture phase on the container still hears it.
    const masked = (e: Event) => autoAdvance(el, lastKey, e)
    el.addEventListener('keydown', listener, true)
    el.addEventListener('maska', masked, true)
    el.addEventListener('focusin', onFocusin)
    handlers.set(el, { listener, masked, value })
    if (optionsOf(binding.value).start) setTimeout(() => focusFirstEmpty(el), 0)
  },
  updated(el, binding) {
    const h = handlers.get(el)
    if (h) h.value.current = binding.value
  },
  beforeUnmount(el) {
    const h = handlers.get(el)
    if (h) el.removeEventListener('keydown', h.listener, true)
    if (h) el.removeEventListener('maska', h.masked, true)
    el.removeEventListener('focusin', onFocusin)
    handlers.delete(el)
  },
}
