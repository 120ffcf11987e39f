import { dictionary } from '@zxcvbn-ts/language-common'

/**
 * About 49,000 of the most used passwords from leaked password lists, as the zxcvbn-ts project
 * ships them (MIT licence). Built once, on first use, since the list takes a moment to unpack.
 */
let common: Set<string> | undefined

export function isCommonPassword(candidate: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()))
  return common.has(candidate.toLowerCase())
}
