import { watch, type Ref } from 'vue'
import { genderFromPatronymic } from '@shared/party/patronymic'

type Person = { patronymic: string; gender: 'male' | 'female' | null }

/**
 * Pre-selects the gender a typed patronymic shows (Игоревич → мужской) for each person the clerk has not chosen one
 * for: one choice less at the counter. A gender already chosen is never changed, and a read-only form not at all.
 */
export function useGenderFromPatronymic(people: () => readonly Person[], readonly: Ref<boolean>): void {
  watch(
    () => people().map((p) => p.patronymic),
    () => {
      if (readonly.value) return
      for (const p of people()) {
        if (p.gender !== null) continue
        const g = genderFromPatronymic(p.patronymic)
        if (g) p.gender = g
      }
    },
  )
}
