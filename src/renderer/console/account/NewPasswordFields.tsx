import { useTranslation } from 'react-i18next'
import { passwordLimits } from '@shared/accounts/passwordPolicy'

/** A new password typed twice, with the rule it must meet; for invitations, resets and My account. */
export function NewPasswordFields(props: {
  /** Names the rule's paragraph; unique per page. */
  ruleId: string
  password: string
  repeat: string
  onPassword(value: string): void
  onRepeat(value: string): void
}) {
  const { t } = useTranslation()
  return (
    <>
      <label>
        {t('console.account.newPassword')}
        <input
          type="password"
          required
          autoComplete="new-password"
          aria-describedby={props.ruleId}
          value={props.password}
          onChange={(e) => props.onPassword(e.target.value)}
        />
      </label>
      <p id={props.ruleId} className="muted">
        {t('console.account.passwordRule', passwordLimits)}
      </p>
      <label>
        {t('console.account.repeatPassword')}
        <input
          type="password"
          required
          autoComplete="new-password"
          value={props.repeat}
          onChange={(e) => props.onRepeat(e.target.value)}
        />
      </label>
    </>
  )
}
