/** The value at a dotted path of a plain object (`passport.series`), undefined where the path is not there. */
export function getLeaf(obj: unknown, path: string): unknown {
  let node = obj
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return node
}
