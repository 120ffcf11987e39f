import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { de } from './locales/de'
import { en } from './locales/en'

export const languages = ['en', 'de'] as const
export type Language = (typeof languages)[number]

const storageKey = 'firstline.language'

/** The user's explicit choice wins; otherwise the OS/browser language, German or English. */
export function initialLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (stored === 'en' || stored === 'de') return stored
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]
    if (base === 'de' || base === 'en') return base
  }
  return 'en'
}

export async function setupI18n(): Promise<typeof i18next> {
  const lng = initialLanguage(localStorage.getItem(storageKey), navigator.languages)
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  })
  document.documentElement.lang = lng
  return i18next
}

export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem(storageKey, language)
  document.documentElement.lang = language
  await i18next.changeLanguage(language)
}
