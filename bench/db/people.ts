/**
 * Who and what the cloned contracts are about: surnames with a realistic spread (a few thousand, the common ones
 * frequent enough that a prefix such as «Иванов» matches about 1 % of rows), first names, phones, passports, VINs
 * and plates. Deterministic (a seeded generator), so two seedings of the same N hold the same people.
 */

/** Mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// The most common Russian surnames first (their rank sets their frequency), then stems × endings for the long tail.
const COMMON = [
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров',
  'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев',
  'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев',
  'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв', 'Гусев', 'Киселёв',
  'Ильин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Ковалёв', 'Белов', 'Медведев', 'Антонов', 'Тарасов',
] // prettier-ignore
const STEMS = [
  'Абрам', 'Агап', 'Аксён', 'Анисим', 'Арсень', 'Афанась', 'Бабк', 'Балаш', 'Барин', 'Басов', 'Белоус', 'Бирюк',
  'Блинк', 'Бобр', 'Богдан', 'Бондар', 'Бурлак', 'Быстр', 'Вавил', 'Варлам', 'Ведерн', 'Верещаг', 'Вихр', 'Власк',
  'Воронц', 'Галк', 'Гвозд', 'Гераськ', 'Глебк', 'Голуб', 'Горбун', 'Гордей', 'Грачёв', 'Гром', 'Даньк', 'Демид',
  'Дорофе', 'Дубин', 'Евдок', 'Ермак', 'Ефим', 'Жарк', 'Жук', 'Забол', 'Звер', 'Зимин', 'Злоб', 'Игнат', 'Капуст',
  'Карп', 'Клим', 'Колесн', 'Комар', 'Корнил', 'Крыл', 'Кудряш', 'Лапт', 'Ларион', 'Леск', 'Лукаш', 'Луконь',
  'Мазур', 'Малин', 'Марк', 'Мельник', 'Мирон', 'Молчан', 'Назар', 'Нестер', 'Носк', 'Овчинник', 'Огурц', 'Окун',
  'Осип', 'Пахом', 'Перепёлк', 'Пестр', 'Плотник', 'Прохор', 'Пушкар', 'Рыбак', 'Рябин', 'Савел', 'Самойл',
  'Свешник', 'Сидор', 'Скворц', 'Сомк', 'Стрельц', 'Суров', 'Сушк', 'Тимоф', 'Титк', 'Толмач', 'Трофим', 'Уварк',
  'Устин', 'Филат', 'Фомк', 'Хромк', 'Цветк', 'Чайк', 'Черных', 'Шапк', 'Шевел', 'Шилк', 'Щеглов', 'Юдин', 'Якун',
] // prettier-ignore
const ENDINGS = ['ов', 'ин', 'ев', 'енко', 'ский', 'ович', 'ук', 'ихин', 'ятин', 'аков', 'ушкин', 'ников', 'цов', 'ых', 'ко', 'инский', 'онов', 'арев', 'ачёв', 'еньев', 'анов', 'унов', 'ыкин', 'ешов', 'итов', 'ашин', 'ельев'] // prettier-ignore

export const SURNAMES: readonly string[] = (() => {
  const seen = new Set(COMMON)
  for (const s of STEMS) for (const e of ENDINGS) seen.add(s + e)
  return [...seen]
})()

// Rank weights 1/(rank + 20): over ~3,000 surnames the first one (Иванов) gets about 1 %, the tail a few per 100k.
const CUMULATIVE: Float64Array = (() => {
  const c = new Float64Array(SURNAMES.length)
  let sum = 0
  for (let i = 0; i < SURNAMES.length; i++) c[i] = sum += 1 / (i + 21)
  for (let i = 0; i < c.length; i++) c[i]! /= sum
  return c
})()

function pickSurname(r: number): string {
  let lo = 0
  let hi = CUMULATIVE.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (CUMULATIVE[mid]! < r) lo = mid + 1
    else hi = mid
  }
  return SURNAMES[lo]!
}

/** The feminine form as a Russian surname takes it («Иванов» → «Иванова», «…ский» → «…ская»); the rest do not change. */
function feminine(s: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(s)) return `${s}а`
  if (s.endsWith('ский')) return `${s.slice(0, -4)}ская`
  if (s.endsWith('цкий')) return `${s.slice(0, -4)}цкая`
  return s
}

const MALE = ['Александр', 'Алексей', 'Андрей', 'Артём', 'Дмитрий', 'Евгений', 'Иван', 'Игорь', 'Максим', 'Михаил', 'Никита', 'Олег', 'Павел', 'Роман', 'Сергей', 'Юрий'] // prettier-ignore
const FEMALE = ['Анна', 'Валентина', 'Дарья', 'Екатерина', 'Елена', 'Ирина', 'Мария', 'Наталья', 'Ольга', 'Светлана', 'Татьяна', 'Юлия'] // prettier-ignore
const FATHERS = ['Александров', 'Алексеев', 'Андреев', 'Викторов', 'Владимиров', 'Дмитриев', 'Иванов', 'Игорев', 'Николаев', 'Петров', 'Сергеев', 'Юрьев'] // prettier-ignore

export interface Person {
  surname: string
  name: string
  patronymic: string
  gender: 'male' | 'female'
  /** As a clerk types it: `+7 916 123-45-67`. */
  phone: string
  passport: { series: string; number: string }
}

const PHONE_CODES = ['903', '905', '909', '915', '916', '917', '925', '926', '929', '965', '977', '985', '999']
const PLATE_LETTERS = 'АВЕКМНОРСТУХ'
const PLATE_REGIONS = ['77', '97', '99', '177', '197', '199', '777', '797', '50', '90', '150', '190', '750', '790']
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'
const WMI = ['XTA', 'XW8', 'Z94', 'WVW', 'KMH', 'JTD', 'X7L', 'VF1', 'WBA', 'XWE', 'LVV', 'Z8N']

const digits = (r: () => number, n: number) => {
  let s = ''
  for (let i = 0; i < n; i++) s += String(Math.floor(r() * 10))
  return s
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!

export function person(r: () => number): Person {
  const gender = r() < 0.55 ? 'male' : 'female'
  const base = pickSurname(r())
  const father = pick(r, FATHERS)
  return {
    surname: gender === 'male' ? base : feminine(base),
    name: pick(r, gender === 'male' ? MALE : FEMALE),
    patronymic: `${father}${gender === 'male' ? 'ич' : 'на'}`,
    gender,
    phone: `+7 ${pick(r, PHONE_CODES)} ${digits(r, 3)}-${digits(r, 2)}-${digits(r, 2)}`,
    passport: { series: `${digits(r, 2)}${String(10 + Math.floor(r() * 16))}`, number: digits(r, 6) },
  }
}

export function vin(r: () => number): string {
  let s = pick(r, WMI)
  for (let i = 0; i < 14; i++) s += VIN_CHARS[Math.floor(r() * VIN_CHARS.length)]
  return s
}

/** A registration plate as stored (no spaces, upper case): `А123ВС777`. */
export function plate(r: () => number): string {
  const l = () => PLATE_LETTERS[Math.floor(r() * PLATE_LETTERS.length)]
  return `${l()}${digits(r, 3)}${l()}${l()}${pick(r, PLATE_REGIONS)}`
}
