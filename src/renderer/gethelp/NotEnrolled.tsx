import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useEnrolmentStore, type EnrolmentProblem } from './enrolment'

function ProblemLine({ problem }: { problem: EnrolmentProblem | null }) {
  const { t } = useTranslation()
  const refusedBy = useEnrolmentStore((s) => s.refusedBy)
  if (!problem || problem === 'not_enrolled') return null
  // A link that was refused before it was ever kept names nobody yet: then the message is general.
  const key =
    !refusedBy && (problem === 'enrolment_revoked' || problem === 'enrolment_expired') ? `${problem}_link` : problem
  return (
    <p role="alert" className="error">
      {t(`gethelp.enrolment.problem.${key}`, {
        customer: refusedBy?.customerName ?? '',
        organisation: refusedBy?.organisationName ?? '',
      })}
    </p>
  )
}

/**
 * Get Help that belongs to no customer yet, or whose enrolment was withdrawn: it says whom to ask
 * and takes the code they give.
 */
export function NotEnrolled() {
  const { t } = useTranslation()
  const problem = useEnrolmentStore((s) => s.problem)
  const busy = useEnrolmentStore((s) => s.busy)
  const [code, setCode] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void useEnrolmentStore.getState().enter(code)
  }
  return (
    <form className="gethelp-form" onSubmit={submit} aria-labelledby="enrol-heading">
      <h1 id="enrol-heading">{t('gethelp.enrolment.heading')}</h1>
      <p>{t('gethelp.enrolment.explanation')}</p>
      <p>{t('gethelp.enrolment.whomToAsk')}</p>
      <ProblemLine problem={problem} />
      <label>
        {t('gethelp.enrolment.codeLabel')}
        <input
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="ABCD-EFGH-JKMN-PQRS"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </label>
      {problem === 'not_enrolled' && (
        <p role="alert" className="error">
          {t('gethelp.enrolment.problem.not_enrolled')}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {t('gethelp.enrolment.submit')}
        </button>
      </div>
    </form>
  )
}
