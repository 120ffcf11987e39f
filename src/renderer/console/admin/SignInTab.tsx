import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { LdapInput, OidcProvider, OidcProviderInput, RoleMapping, SignInSettings } from '@shared/admin/signIn'
import { roles, type Role } from '@shared/auth'
import { HubRequestError } from '../../platform/hubClient'
import { signInAdminClient } from '../../platform/signInClient'
import { useConsoleStore } from '../store'

/** Role mappings as one text box per role, one claim value or group DN per line. */
type MappingText = Record<Role, string>

const toMappingText = (mappings: RoleMapping[]): MappingText =>
  Object.fromEntries(
    roles.map((role) => [
      role,
      mappings
        .filter((m) => m.role === role)
        .map((m) => m.value)
        .join('\n'),
    ]),
  ) as MappingText

const fromMappingText = (text: MappingText): RoleMapping[] =>
  roles.flatMap((role) =>
    text[role]
      .split('\n')
      .map((value) => value.trim())
      .filter(Boolean)
      .map((value) => ({ value, role })),
  )

const toList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean)

const why = (error: unknown) => (error instanceof HubRequestError ? error.message : String(error))

/** How the organisation's people sign in: local passwords, OpenID Connect providers, LDAP. */
export function SignInTab() {
  const { t } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const [settings, setSettings] = useState<SignInSettings | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const [editing, setEditing] = useState<OidcProvider | 'new' | null>(null)
  const client = useCallback(() => signInAdminClient(hubUrl, token), [hubUrl, token])

  const load = useCallback(async () => {
    try {
      setSettings(await client().get())
    } catch (error) {
      setProblem(why(error))
    }
  }, [client])
  useEffect(() => {
    void load()
  }, [load])

  const run = async (work: () => Promise<unknown>, done: string) => {
    setProblem(null)
    setSaved(null)
    try {
      await work()
      await load()
      setSaved(done)
      return true
    } catch (error) {
      setProblem(why(error))
      return false
    }
  }

  if (!settings) {
    return problem ? (
      <p role="alert">{t('console.admin.signIn.failed', { message: problem })}</p>
    ) : (
      <p className="muted">{t('console.admin.loading')}</p>
    )
  }
  return (
    <div className="sign-in-settings">
      {problem && <p role="alert">{t('console.admin.signIn.failed', { message: problem })}</p>}
      {saved && <p role="status">{saved}</p>}

      <section aria-labelledby="local-passwords-heading">
        <h3 id="local-passwords-heading">{t('console.admin.signIn.local.heading')}</h3>
        <label>
          <input
            type="checkbox"
            checked={settings.localPasswords}
            onChange={(event) =>
              void run(() => client().setLocalPasswords(event.target.checked), t('console.admin.signIn.local.saved'))
            }
          />
          {t('console.admin.signIn.local.allow')}
        </label>
        <p className="muted">{t('console.admin.signIn.local.breakGlass')}</p>
      </section>

      <section aria-labelledby="oidc-heading">
        <h3 id="oidc-heading">{t('console.admin.signIn.oidc.heading')}</h3>
        <p className="muted">{t('console.admin.signIn.oidc.redirectUri', { uri: settings.redirectUri })}</p>
        {settings.oidcProviders.length === 0 && <p className="muted">{t('console.admin.signIn.oidc.none')}</p>}
        <ul>
          {settings.oidcProviders.map((provider) => (
            <li key={provider.id}>
              <strong>{provider.displayName}</strong> <span className="muted">{provider.issuer}</span>{' '}
              <button type="button" onClick={() => setEditing(provider)}>
                {t('console.admin.signIn.edit', { name: provider.displayName })}
              </button>{' '}
              <button
                type="button"
                onClick={() =>
                  void run(
                    () => client().removeProvider(provider.id),
                    t('console.admin.signIn.oidc.removed', { name: provider.displayName }),
                  )
                }
              >
                {t('console.admin.signIn.remove', { name: provider.displayName })}
              </button>
            </li>
          ))}
        </ul>
        {editing ? (
          <ProviderForm
            provider={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSave={async (input) => {
              const ok = await run(
                () => (editing === 'new' ? client().addProvider(input) : client().updateProvider(editing.id, input)),
                t('console.admin.signIn.oidc.saved', { name: input.displayName }),
              )
              if (ok) setEditing(null)
            }}
          />
        ) : (
          <button type="button" onClick={() => setEditing('new')}>
            {t('console.admin.signIn.oidc.add')}
          </button>
        )}
      </section>

      <section aria-labelledby="ldap-heading">
        <h3 id="ldap-heading">{t('console.admin.signIn.ldap.heading')}</h3>
        <LdapForm
          ldap={settings.ldap}
          onSave={(input) => void run(() => client().saveLdap(input), t('console.admin.signIn.ldap.saved'))}
          onRemove={() => void run(() => client().removeLdap(), t('console.admin.signIn.ldap.removed'))}
        />
      </section>
    </div>
  )
}

function MappingFields({
  value,
  onChange,
  hint,
}: {
  value: MappingText
  onChange(v: MappingText): void
  hint: string
}) {
  const { t } = useTranslation()
  return (
    <fieldset>
      <legend>{t('console.admin.signIn.mappings')}</legend>
      <p className="muted">{hint}</p>
      {roles.map((role) => (
        <label key={role}>
          {t('console.admin.signIn.mappingFor', { role: t(`console.roles.${role}`) })}
          <textarea rows={2} value={value[role]} onChange={(e) => onChange({ ...value, [role]: e.target.value })} />
        </label>
      ))}
    </fieldset>
  )
}

function Field(props: { label: string; value: string; onChange(v: string): void; type?: string; required?: boolean }) {
  return (
    <label>
      {props.label}
      <input
        type={props.type ?? 'text'}
        required={props.required}
        value={props.value}
        autoComplete="off"
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  )
}

function ProviderForm(props: {
  provider: OidcProvider | null
  onCancel(): void
  onSave(input: OidcProviderInput): Promise<void>
}) {
  const { t } = useTranslation()
  const headingId = useId()
  const p = props.provider
  const [displayName, setDisplayName] = useState(p?.displayName ?? '')
  const [issuer, setIssuer] = useState(p?.issuer ?? '')
  const [clientId, setClientId] = useState(p?.clientId ?? '')
  const [clientSecret, setClientSecret] = useState('')
  const [scopes, setScopes] = useState(p?.scopes ?? 'openid email profile')
  const [roleClaim, setRoleClaim] = useState(p?.roleClaim ?? 'groups')
  const [mappings, setMappings] = useState(toMappingText(p?.roleMappings ?? []))
  const [domains, setDomains] = useState((p?.emailDomains ?? []).join(', '))
  const [createAccounts, setCreateAccounts] = useState(p?.createAccounts ?? true)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void props.onSave({
      displayName,
      issuer,
      clientId,
      ...(clientSecret ? { clientSecret } : {}),
      scopes,
      roleClaim,
      roleMappings: fromMappingText(mappings),
      emailDomains: toList(domains),
      createAccounts,
    })
  }
  return (
    <form onSubmit={submit} aria-labelledby={headingId}>
      <h4 id={headingId}>{p ? p.displayName : t('console.admin.signIn.oidc.add')}</h4>
      <Field
        label={t('console.admin.signIn.oidc.displayName')}
        value={displayName}
        onChange={setDisplayName}
        required
      />
      <Field label={t('console.admin.signIn.oidc.issuer')} value={issuer} onChange={setIssuer} type="url" required />
      <Field label={t('console.admin.signIn.oidc.clientId')} value={clientId} onChange={setClientId} required />
      <Field
        label={
          p?.hasClientSecret
            ? t('console.admin.signIn.oidc.clientSecretKeep')
            : t('console.admin.signIn.oidc.clientSecret')
        }
        value={clientSecret}
        onChange={setClientSecret}
        type="password"
        required={!p?.hasClientSecret}
      />
      <Field label={t('console.admin.signIn.oidc.scopes')} value={scopes} onChange={setScopes} required />
      <Field label={t('console.admin.signIn.oidc.roleClaim')} value={roleClaim} onChange={setRoleClaim} required />
      <MappingFields value={mappings} onChange={setMappings} hint={t('console.admin.signIn.oidc.mappingHint')} />
      <Field label={t('console.admin.signIn.domains')} value={domains} onChange={setDomains} />
      <label>
        <input type="checkbox" checked={createAccounts} onChange={(e) => setCreateAccounts(e.target.checked)} />
        {t('console.admin.signIn.createAccounts')}
      </label>
      <button type="submit">{t('console.admin.signIn.save')}</button>{' '}
      <button type="button" onClick={props.onCancel}>
        {t('console.admin.signIn.cancel')}
      </button>
    </form>
  )
}

function LdapForm(props: { ldap: SignInSettings['ldap']; onSave(input: LdapInput): void; onRemove(): void }) {
  const { t } = useTranslation()
  const l = props.ldap
  const [url, setUrl] = useState(l?.url ?? '')
  const [startTls, setStartTls] = useState(l?.startTls ?? true)
  const [bindDn, setBindDn] = useState(l?.bindDn ?? '')
  const [bindPassword, setBindPassword] = useState('')
  const [baseDn, setBaseDn] = useState(l?.baseDn ?? '')
  const [userFilter, setUserFilter] = useState(
    l?.userFilter ?? '(&(objectCategory=person)(objectClass=user)(mail={email}))',
  )
  const [groupAttribute, setGroupAttribute] = useState(l?.groupAttribute ?? 'memberOf')
  const [groupFilter, setGroupFilter] = useState(l?.groupFilter ?? '')
  const [mappings, setMappings] = useState(toMappingText(l?.roleMappings ?? []))
  const [domains, setDomains] = useState((l?.emailDomains ?? []).join(', '))
  const [createAccounts, setCreateAccounts] = useState(l?.createAccounts ?? true)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    props.onSave({
      url,
      startTls,
      bindDn,
      ...(bindPassword ? { bindPassword } : {}),
      baseDn,
      userFilter,
      groupAttribute,
      groupFilter,
      roleMappings: fromMappingText(mappings),
      emailDomains: toList(domains),
      createAccounts,
    })
  }
  return (
    <form onSubmit={submit} aria-labelledby="ldap-heading">
      {!l && <p className="muted">{t('console.admin.signIn.ldap.none')}</p>}
      <Field label={t('console.admin.signIn.ldap.url')} value={url} onChange={setUrl} required />
      <label>
        <input type="checkbox" checked={startTls} onChange={(e) => setStartTls(e.target.checked)} />
        {t('console.admin.signIn.ldap.startTls')}
      </label>
      <Field label={t('console.admin.signIn.ldap.bindDn')} value={bindDn} onChange={setBindDn} required />
      <Field
        label={
          l?.hasBindPassword
            ? t('console.admin.signIn.ldap.bindPasswordKeep')
            : t('console.admin.signIn.ldap.bindPassword')
        }
        value={bindPassword}
        onChange={setBindPassword}
        type="password"
        required={!l?.hasBindPassword}
      />
      <Field label={t('console.admin.signIn.ldap.baseDn')} value={baseDn} onChange={setBaseDn} required />
      <Field label={t('console.admin.signIn.ldap.userFilter')} value={userFilter} onChange={setUserFilter} required />
      <Field
        label={t('console.admin.signIn.ldap.groupAttribute')}
        value={groupAttribute}
        onChange={setGroupAttribute}
      />
      <Field label={t('console.admin.signIn.ldap.groupFilter')} value={groupFilter} onChange={setGroupFilter} />
      <MappingFields value={mappings} onChange={setMappings} hint={t('console.admin.signIn.ldap.mappingHint')} />
      <Field label={t('console.admin.signIn.domains')} value={domains} onChange={setDomains} />
      <label>
        <input type="checkbox" checked={createAccounts} onChange={(e) => setCreateAccounts(e.target.checked)} />
        {t('console.admin.signIn.createAccounts')}
      </label>
      <button type="submit">{t('console.admin.signIn.ldap.save')}</button>{' '}
      {l && (
        <button type="button" onClick={props.onRemove}>
          {t('console.admin.signIn.ldap.remove')}
        </button>
      )}
    </form>
  )
}
