/** 532 B, 14 KB, 2.4 MB in the reader's language. */
export function formatSize(bytes: number, language: string): string {
  const format = (value: number, digits: number) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)
  if (bytes < 1024) return `${format(bytes, 0)} B`
  if (bytes < 1024 * 1024) return `${format(bytes / 1024, 0)} KB`
  return `${format(bytes / (1024 * 1024), 1)} MB`
}
