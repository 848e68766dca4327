/**
 * One page of a list channel. `total` is exact, or — with `totalAtLeast` — a lower bound: at a million records a
 * list counts its rows only up to the next thousand past the page, and a search reads at most its newest matches
 * (core/db/search.ts, issue 12); the screen then says «N+».
 */
export interface ListPage<T> {
  items: T[]
  total: number
  totalAtLeast?: true
}
