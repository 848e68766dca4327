import { useI18n } from '../../plugins/i18n'
import { useConfirmStore } from '../../stores/confirm'
import { removeConfirmed } from '../../composables/removeConfirmed'

/** What OSAGO's and CASCO's driver rows share: the fields a clerk types for a driver. */
export interface TypedDriver {
  surname: string
  name: string
  patronymic: string
  birthDate: string
  licence: { series: string; number: string }
  licenseSince: string
}

/** Something was typed into the row: a name, a date or the licence (the defaults of a new row are not typing). */
export function hasTyped(d: TypedDriver): boolean {
  return [d.surname, d.name, d.patronymic, d.birthDate, d.licence.series, d.licence.number, d.licenseSince].some(
    (v) => v.trim() !== '',
  )
}

/**
 * A driver typed into a draft is saved with it at once, so removing the driver — or the whole list, by switching to
 * any driver — is asked first, naming whom (issue 14, nothing lost by a click; a row removal cannot wait for an undo
 * window, the draft is saved as it changes). A row nothing was typed into goes without a question: there is nothing
 * to lose, and a question would cost the clerk keystrokes for nothing.
 */
export function useDriverRemoval<T extends TypedDriver>(list: () => T[]) {
  const { t } = useI18n()
  const confirm = useConfirmStore()
  const nameOf = (d: TypedDriver, i: number) =>
    [d.surname, d.name, d.patronymic].filter((s) => s.trim()).join(' ') || t('osago.ui.drivers.driver', { n: i + 1 })

  /** Removes driver `i`, asked first when something was typed for them. */
  function remove(i: number): Promise<boolean> {
    const row = list()[i]
    return removeConfirmed(
      list(),
      row,
      row && hasTyped(row)
        ? {
            title: t('osago.ui.drivers.confirmRemove.title'),
            text: t('osago.ui.drivers.confirmRemove.text', { name: nameOf(row, i) }),
            confirmLabel: t('osago.ui.drivers.removeDriver'),
          }
        : null,
    )
  }

  /** Whether the named list may be dropped for «any driver»: at once when nothing was typed, else the clerk's answer. */
  async function mayDropList(): Promise<boolean> {
    const typed = list()
      .map((d, i) => (hasTyped(d) ? nameOf(d, i) : null))
      .filter((n): n is string => n !== null)
    if (!typed.length) return true
    return confirm.ask({
      title: t('osago.ui.drivers.confirmDropList.title'),
      text: t('osago.ui.drivers.confirmDropList.text', { names: typed.join(', ') }),
      confirmLabel: t('osago.ui.drivers.confirmDropList.ok'),
    })
  }

  return { remove, mayDropList }
}
