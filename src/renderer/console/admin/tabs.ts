import { lazy, type ComponentType, type LazyExoticComponent } from 'react'

/**
 * The administration area's tabs, in order. Each is a lazy component, so the admin screens are
 * loaded only when an admin opens them. Add a tab here; the area builds its tab list from this.
 */
export interface AdminTab {
  id: string
  /** i18n key of the tab's name. */
  label: string
  Component: LazyExoticComponent<ComponentType>
}

export const adminTabs: AdminTab[] = [
  {
    id: 'accounts',
    label: 'console.admin.accounts.tab',
    Component: lazy(() => import('./AccountsTab').then((m) => ({ default: m.AccountsTab }))),
  },
  {
    id: 'customers',
    label: 'console.people.customer.tab',
    Component: lazy(() => import('../people/CustomersTab').then((m) => ({ default: m.CustomersTab }))),
  },
  {
    id: 'signIn',
    label: 'console.admin.signIn.tab',
    Component: lazy(() => import('./SignInTab').then((m) => ({ default: m.SignInTab }))),
  },
  {
    id: 'mail',
    label: 'console.admin.mail.tab',
    Component: lazy(() => import('./MailTab').then((m) => ({ default: m.MailTab }))),
  },
  {
    id: 'mailboxes',
    label: 'console.admin.mailboxes.tab',
    Component: lazy(() => import('./MailboxesTab').then((m) => ({ default: m.MailboxesTab }))),
  },
  {
    id: 'audit',
    label: 'console.admin.audit.tab',
    Component: lazy(() => import('./AuditLogTab').then((m) => ({ default: m.AuditLogTab }))),
  },
]
