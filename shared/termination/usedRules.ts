/** Collects the paths of the unverified values a calculation actually relied on. */
export class UsedRules {
  readonly list: string[] = []
  take<T>(path: string, v: { value: T; verified: boolean }): T {
    if (!v.verified && !this.list.includes(path)) this.list.push(path)
    return v.value
  }
}
