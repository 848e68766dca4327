/** Digit arithmetic shared by the check-digit schemes. Inputs are strings of ASCII digits. */

export function digitAt(digits: string, i: number): number {
  return digits.charCodeAt(i) - 48
}

export function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0
  weights.forEach((w, i) => {
    sum += w * digitAt(digits, i)
  })
  return sum
}

/** The remainder of a long decimal number, without going through floating point. */
export function remainderOf(digits: string, modulus: number): number {
  let r = 0
  for (let i = 0; i < digits.length; i++) r = (r * 10 + digitAt(digits, i)) % modulus
  return r
}

export const isDigits = (value: string, length: number): boolean => value.length === length && /^\d+$/.test(value)
