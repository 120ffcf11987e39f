import { useTranslation } from 'react-i18next'
import { useConsoleStore } from '../store'

/** A group's name in the UI language: translated for the catalogue's defaults, as configured otherwise. */
export function useGroupName(): (id: string) => string {
  const { t } = useTranslation()
  const groups = useConsoleStore((s) => s.groups?.groups)
  return (id) => {
    const configured = groups?.find((g) => g.id === id)?.name ?? id
    return t(`console.groups.${id}`, { defaultValue: configured })
  }
}
