import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { roles, type Role } from '@shared/auth'
import type { AccountDirectory, AccountEntry, LinkKind } from '@shared/accounts/accounts'
import type { Delivery } from '@shared/mail/delivery'
import { accountsAdmin } from '../../platform/accountsClient'
import { accountMailState } from '../../platform/mailClient'
import { accountErrorText } from '../account/passwordError'
import { linkFor } from '../account/linkRoute'
import { useConsoleStore } from '../store'

interface ShownLink {
  kind: LinkKind
  email: string
  url: string
  expiresAt: string
  /** The mail that carries the link, when the organisation sends e-mail. */
  mailId: string | null
}

/** Accounts: invite people, change roles and groups, deactivate, hand out reset links. */
export function AccountsTab() {
  const { t, i18n } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const me = useConsoleStore((s) => s.account)!
  const groups = useConsoleStore((s) => s.groups)
  const loadGroups = useConsoleStore((s) => s.loadGroups)
  const [directory, setDirectory] = useState<AccountDirectory | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [link, setLink] = useState<ShownLink | null>(null)
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('agent')
  const [groupsOf, setGroupsOf] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const api = accountsAdmin(hubUrl, token)

  const load = useCallback(async () => {
    try {
      setDirectory(await accountsAdmin(hubUrl, token).list())
    } catch (failure) {
      setError(accountErrorText(t, failure))
    }
  }, [hubUrl, token, t])
  useEffect(() => {
    void load()
  }, [load])

  /** Runs one change, shows its refusal if any, and reloads the list. */
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (failure) {
      setError(accountErrorText(t, failure))
    }
    await load()
    setBusy(false)
  }

  const invite = (event: FormEvent) => {
    event.preventDefault()
    void run(async () => {
      const created = await api.invite(email, role)
      setLink({
        kind: 'invitation',
        email: created.invitation.email,
        url: linkFor(hubUrl, 'invitation', created.token),
        expiresAt: created.expiresAt,
        mailId: created.mail?.deliveryId ?? null,
      })
      setEmail('')
    })
  }

  const resetLink = (account: AccountEntry) =>
    run(async () => {
      const created = await api.resetLink(account.id)
      setLink({
        kind: 'reset',
        email: account.email,
        url: linkFor(hubUrl, 'reset', created.token),
        expiresAt: created.expiresAt,
        mailId: created.mail?.deliveryId ?? null,
      })
    })

  const toggleGroup = (account: AccountEntry, groupId: string, member: boolean) =>
    run(async () => {
      const group = groups?.groups.find((candidate) => candidate.id === groupId)
      if (!group) return
      const others = group.members.map((m) => m.id).filter((id) => id !== account.id)
      await api.setGroupMembers(groupId, member ? [...others, account.id] : others)
      await loadGroups()
    })

  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  const groupName = (id: string) => groups?.groups.find((g) => g.id === id)?.name ?? id

  return (
    <div className="accounts-admin">
      <form className="invite-form" onSubmit={invite} aria-labelledby="invite-heading">
        <h3 id="invite-heading">{t('console.admin.accounts.inviteHeading')}</h3>
        <label>
          {t('console.admin.accounts.email')}
          <input type="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('console.admin.accounts.role')}
          <select
            aria-label={t('console.admin.accounts.role')}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {t(`console.roles.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {t('console.admin.accounts.invite')}
        </button>
      </form>

      {link && <LinkBox link={link} expires={when.format(new Date(link.expiresAt))} onDone={() => setLink(null)} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!directory && !error && <p aria-busy="true">{t('console.admin.loading')}</p>}

      {directory && (
        <table className="accounts-table">
          <caption>{t('console.admin.accounts.listHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.admin.accounts.person')}</th>
              <th scope="col">{t('console.admin.accounts.role')}</th>
              <th scope="col">{t('console.admin.accounts.groups')}</th>
              <th scope="col">{t('console.admin.accounts.state')}</th>
              <th scope="col">{t('console.admin.accounts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {directory.accounts.map((account) => (
              <tr key={account.id} className={account.state === 'disabled' ? 'muted' : undefined}>
                <td>
                  <strong>{account.displayName}</strong>
                  <br />
                  <span className="muted">{account.email}</span>
                </td>
                <td>
                  <select
                    aria-label={t('console.admin.accounts.roleOf', { name: account.displayName })}
                    value={account.role}
                    disabled={busy || account.id === me.id}
                    onChange={(e) => void run(() => api.changeRole(account.id, e.target.value as Role))}
                  >
                    {roles.map((option) => (
                      <option key={option} value={option}>
                        {t(`console.roles.${option}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {account.groups.map(groupName).join(', ') || <span className="muted">—</span>}{' '}
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={groupsOf === account.id}
                    aria-label={t('console.admin.accounts.groupsOf', { name: account.displayName })}
                    onClick={() => setGroupsOf(groupsOf === account.id ? null : account.id)}
                  >
                    {t('console.admin.accounts.editGroups')}
                  </button>
                  {groupsOf === account.id && groups && (
                    <fieldset className="group-choices">
                      <legend>{t('console.admin.accounts.groupsOf', { name: account.displayName })}</legend>
                      {groups.groups.map((group) => (
                        <label key={group.id}>
                          <input
                            type="checkbox"
                            disabled={busy}
                            checked={account.groups.includes(group.id)}
                            onChange={(e) => void toggleGroup(account, group.id, e.target.checked)}
                          />
                          {group.name}
                        </label>
                      ))}
                    </fieldset>
                  )}
                </td>
                <td>
                  {account.state === 'active'
                    ? t('console.admin.accounts.active')
                    : t('console.admin.accounts.disabledSince', { when: when.format(new Date(account.disabledAt!)) })}
                </td>
                <td className="row-actions">
                  {account.id !== me.id && (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      onClick={() => void run(() => api.setActive(account.id, account.state === 'disabled'))}
                    >
                      {account.state === 'active'
                        ? t('console.admin.accounts.deactivate', { name: account.displayName })
                        : t('console.admin.accounts.reactivate', { name: account.displayName })}
                    </button>
                  )}
                  {account.state === 'active' && (
                    <button type="button" className="secondary" disabled={busy} onClick={() => void resetLink(account)}>
                      {t('console.admin.accounts.resetLink', { name: account.displayName })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {directory && directory.invitations.length > 0 && (
        <table className="accounts-table">
          <caption>{t('console.admin.accounts.invitationsHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.admin.accounts.email')}</th>
              <th scope="col">{t('console.admin.accounts.role')}</th>
              <th scope="col">{t('console.admin.accounts.state')}</th>
              <th scope="col">{t('console.admin.accounts.expires')}</th>
              <th scope="col">{t('console.admin.accounts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {directory.invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{t(`console.roles.${invitation.role}`)}</td>
                <td>{t(`console.admin.accounts.invitationStates.${invitation.state}`)}</td>
                <td>{when.format(new Date(invitation.expiresAt))}</td>
                <td>
                  {invitation.state === 'open' && (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      onClick={() => void run(() => api.revokeInvitation(invitation.id))}
                    >
                      {t('console.admin.accounts.revoke', { email: invitation.email })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

/** A new link, shown once: the admin copies it and passes it on, or sees that the desk mailed it. */
function LinkBox({ link, expires, onDone }: { link: ShownLink; expires: string; onDone(): void }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)
  const label =
    link.kind === 'invitation' ? t('console.admin.accounts.invitationLink') : t('console.admin.accounts.resetLinkLabel')
  return (
    <section className="link-box" role="status" aria-label={label}>
      <p>
        {link.mailId
          ? t(
              link.kind === 'invitation'
                ? 'console.admin.accounts.invitationMailed'
                : 'console.admin.accounts.resetMailed',
              {
                email: link.email,
                expires,
              },
            )
          : link.kind === 'invitation'
            ? t('console.admin.accounts.invitationCreated', { email: link.email, expires })
            : t('console.admin.accounts.resetCreated', { email: link.email, expires })}
      </p>
      {link.mailId && <LinkMailState deliveryId={link.mailId} email={link.email} />}
      <label>
        {label}
        <input readOnly value={link.url} onFocus={(e) => e.target.select()} />
      </label>
      <div className="dialog-buttons">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(link.url).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t('console.admin.accounts.copied') : t('console.admin.accounts.copy')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('console.admin.accounts.doneWithLink')}
        </button>
      </div>
    </section>
  )
}

/** Follows the link's mail until the SMTP server took it or refused it (or a minute passed). */
function LinkMailState({ deliveryId, email }: { deliveryId: string; email: string }) {
  const { t } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const [delivery, setDelivery] = useState<Pick<Delivery, 'state' | 'lastError'>>({ state: 'queued', lastError: null })
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = Date.now() + 60_000
    const look = async () => {
      try {
        const found = await accountMailState(hubUrl, token, deliveryId)
        if (stopped) return
        setDelivery(found)
        if (found.state !== 'queued' && found.state !== 'sending') return
      } catch {
        // Offline for a moment: look again.
      }
      if (!stopped && Date.now() < deadline) timer = setTimeout(() => void look(), 1000)
    }
    void look()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [hubUrl, token, deliveryId])
  return (
    <p className="muted" aria-live="polite">
      {t(`console.admin.accounts.mailStates.${delivery.state}`, { email, reason: delivery.lastError ?? '' })}
    </p>
  )
}
