import { z } from 'zod'
import { accountSchema, loginResponseSchema, type Account, type LoginResponse, type Role } from '@shared/auth'
import {
  accountDirectorySchema,
  accountEntrySchema,
  invitationCreatedSchema,
  invitationSchema,
  linkCreatedSchema,
  linkInfoSchema,
  type AccountDirectory,
  type AccountEntry,
  type Invitation,
  type InvitationCreated,
  type LinkCreated,
  type LinkInfo,
  type ProfileUpdate,
} from '@shared/accounts/accounts'
import { groupWithMembersSchema } from '@shared/groups'
import { request } from './hubClient'

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
})

/** The accounts screen's calls: online only, every one needs an admin's token. */
export function accountsAdmin(hubUrl: string, token: string) {
  const entry = (json: unknown): AccountEntry => accountEntrySchema.parse(json)
  return {
    list: (): Promise<AccountDirectory> =>
      request(hubUrl, '/api/admin/accounts', (json) => accountDirectorySchema.parse(json), { token }),
    invite: (email: string, role: Role): Promise<InvitationCreated> =>
      request(hubUrl, '/api/admin/invitations', (json) => invitationCreatedSchema.parse(json), {
        ...post({ email, role }),
        token,
      }),
    revokeInvitation: (id: string): Promise<Invitation> =>
      request(hubUrl, `/api/admin/invitations/${id}/revoke`, (json) => invitationSchema.parse(json), {
        ...post(),
        token,
      }),
    changeRole: (id: string, role: Role): Promise<AccountEntry> =>
      request(hubUrl, `/api/admin/accounts/${id}/role`, entry, {
        method: 'PUT',
        body: JSON.stringify({ role }),
        token,
      }),
    setActive: (id: string, active: boolean): Promise<AccountEntry> =>
      request(hubUrl, `/api/admin/accounts/${id}/${active ? 'reactivate' : 'deactivate'}`, entry, { ...post(), token }),
    resetLink: (id: string): Promise<LinkCreated> =>
      request(hubUrl, `/api/admin/accounts/${id}/reset-link`, (json) => linkCreatedSchema.parse(json), {
        ...post(),
        token,
      }),
    /** Group membership is the group's list (PUT /api/groups/:id/members), so the screen sends the whole list. */
    setGroupMembers: (groupId: string, accountIds: string[]) =>
      request(hubUrl, `/api/groups/${groupId}/members`, (json) => groupWithMembersSchema.parse(json), {
        method: 'PUT',
        body: JSON.stringify({ accountIds }),
        token,
      }),
  }
}

/** The invitation and reset pages: the link's token is the only credential. */
export const accountLinks = {
  inspect: (hubUrl: string, token: string): Promise<LinkInfo> =>
    request(hubUrl, '/api/account-links/inspect', (json) => linkInfoSchema.parse(json), post({ token })),
  accept: (hubUrl: string, token: string, displayName: string, password: string): Promise<LoginResponse> =>
    request(
      hubUrl,
      '/api/account-links/accept-invitation',
      (json) => loginResponseSchema.parse(json),
      post({ token, displayName, password }),
    ),
  reset: (hubUrl: string, token: string, password: string): Promise<LoginResponse> =>
    request(
      hubUrl,
      '/api/account-links/reset-password',
      (json) => loginResponseSchema.parse(json),
      post({ token, password }),
    ),
}

/** "My account". */
export function ownAccount(hubUrl: string, token: string) {
  return {
    update: (update: ProfileUpdate): Promise<Account> =>
      request(hubUrl, '/api/account/profile', (json) => accountSchema.parse(json), {
        method: 'PUT',
        body: JSON.stringify(update),
        token,
      }),
    changePassword: (currentPassword: string, newPassword: string): Promise<null> =>
      request(hubUrl, '/api/account/password', () => z.null().parse(null), {
        ...post({ currentPassword, newPassword }),
        token,
      }),
  }
}
